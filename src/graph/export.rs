//! Graph exports: DOT (Graphviz), GraphML (Gephi, networkx, yEd) and JSON node and edge lists.

use super::KnowledgeGraph;
use petgraph::visit::EdgeRef;
use serde_json::json;
use std::io::Write;

/// The graph as Graphviz DOT; nodes are shaped and coloured by kind.
pub fn dot(g: &KnowledgeGraph, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "digraph recur {{")?;
    writeln!(out, "  graph [rankdir=LR, overlap=false];")?;
    for n in g.graph.node_weights() {
        let (shape, color) = match n.kind {
            super::NodeKind::Incident => ("note", "#E69F00"),
            super::NodeKind::Service => ("box", "#56B4E9"),
            super::NodeKind::Component => ("cylinder", "#009E73"),
            super::NodeKind::Team => ("house", "#CC79A7"),
            super::NodeKind::Cluster => ("doubleoctagon", "#D55E00"),
            super::NodeKind::Action => ("cds", "#999999"),
            super::NodeKind::Record => ("plaintext", "#BBBBBB"),
        };
        writeln!(
            out,
            "  {} [label={}, shape={shape}, color=\"{color}\", kind={}];",
            quote(&n.id()),
            quote(&n.label),
            n.kind.as_str()
        )?;
    }
    for e in g.graph.edge_references() {
        let relation = e.weight().relation.as_str();
        // A view's edges carry how many incidents they stand for, drawn as the line's width.
        let (label, width) = match e.weight().weight {
            Some(n) => (
                format!("{relation} ({n})"),
                1.0 + (n as f64).log2().max(0.0),
            ),
            None => (relation.to_string(), 1.0),
        };
        let style = if e.weight().relation == super::Relation::Proposed {
            ", style=dashed"
        } else {
            ""
        };
        writeln!(
            out,
            "  {} -> {} [label={}, penwidth={width:.1}{style}];",
            quote(&g.graph[e.source()].id()),
            quote(&g.graph[e.target()].id()),
            quote(&label)
        )?;
    }
    writeln!(out, "}}")
}

/// A DOT double-quoted string: quotes and backslashes escaped, line breaks as `\n`, and
/// characters no graph file carries raw made visible as in GraphML ([`visible`]).
fn quote(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 2);
    s.push('"');
    for c in text.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' | '\r' => s.push_str("\\n"),
            '\t' => s.push(c),
            c => match visible(c) {
                // The backslash escaped, so that Graphviz shows `\x1b` rather than reading it.
                Some(v) => {
                    s.push('\\');
                    s.push_str(&v);
                }
                None => s.push(c),
            },
        }
    }
    s.push('"');
    s
}

/// The graph as GraphML with `kind`, `key`, `label` on nodes and `relation`, `source` on edges.
/// The writer declares attribute keys in hash order; they are sorted so that the same graph
/// always gives the same file. Characters XML 1.0 cannot carry are made visible (see
/// [`xml_safe`]).
pub fn graphml(g: &KnowledgeGraph, out: &mut dyn Write) -> std::io::Result<()> {
    let mut buffer: Vec<u8> = Vec::new();
    graphml_unsorted(g, &mut buffer)?;
    let text = xml_safe(&String::from_utf8(buffer).map_err(std::io::Error::other)?);
    let mut lines: Vec<&str> = text.lines().collect();
    let is_key = |l: &str| l.trim_start().starts_with("<key ");
    if let Some(start) = lines.iter().position(|l| is_key(l)) {
        let end = start + lines[start..].iter().take_while(|l| is_key(l)).count();
        lines[start..end].sort_unstable();
    }
    for line in lines {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The writer's output made well-formed: a carriage return becomes `&#13;` (a raw one would be
/// read back as a line feed), and every character XML 1.0 forbids (C0 controls but tab and line
/// feed, U+FFFE, U+FFFF) or that would mislead a reader becomes visible text ([`visible`]). The
/// writer only emits these characters inside text it was given, never in markup.
fn xml_safe(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' | '\n' => s.push(c),
            '\r' => s.push_str("&#13;"),
            c => match visible(c) {
                Some(v) => s.push_str(&v),
                None => s.push(c),
            },
        }
    }
    s
}

/// A character that no graph file carries raw, written as visible text: C0 and C1 controls
/// (ESC of terminal escapes, NUL, BEL) as `\x1b`, and the non-characters U+FFFE and U+FFFF and
/// the bidi overrides and isolates (which make text read differently from what it is) as
/// `\u{202e}`. Tab, line feed and carriage return are each format's own to write.
fn visible(c: char) -> Option<String> {
    match c {
        '\t' | '\n' | '\r' => None,
        c if (c as u32) < 0x20 || ('\u{7f}'..='\u{9f}').contains(&c) => {
            Some(format!("\\x{:02x}", c as u32))
        }
        '\u{fffe}' | '\u{ffff}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            Some(format!("\\u{{{:x}}}", c as u32))
        }
        _ => None,
    }
}

fn graphml_unsorted(g: &KnowledgeGraph, out: &mut dyn Write) -> std::io::Result<()> {
    petgraph_graphml::GraphMl::new(&g.graph)
        .pretty_print(true)
        .export_node_weights(Box::new(|n: &super::Node| {
            vec![
                ("kind".into(), n.kind.as_str().into()),
                ("key".into(), n.key.as_str().into()),
                ("label".into(), n.label.as_str().into()),
            ]
        }))
        .export_edge_weights(Box::new(|e: &super::Edge| {
            vec![
                ("relation".into(), e.relation.as_str().into()),
                ("source".into(), e.source.unwrap_or("").into()),
                (
                    "weight".into(),
                    e.weight.map(|n| n.to_string()).unwrap_or_default().into(),
                ),
            ]
        }))
        .to_writer(out)
}

/// The graph as JSON: `{"nodes": [{id, kind, key, label}], "edges": [{source, target, relation, origin}]}`.
pub fn json(g: &KnowledgeGraph, out: &mut dyn Write) -> std::io::Result<()> {
    let nodes: Vec<serde_json::Value> = g
        .graph
        .node_weights()
        .map(|n| json!({"id": n.id(), "kind": n.kind, "key": n.key, "label": n.label}))
        .collect();
    let edges: Vec<serde_json::Value> = g
        .graph
        .edge_references()
        .map(|e| {
            json!({
                "source": g.graph[e.source()].id(),
                "target": g.graph[e.target()].id(),
                "relation": e.weight().relation,
                "origin": e.weight().source,
                "weight": e.weight().weight,
            })
        })
        .collect();
    serde_json::to_writer(&mut *out, &json!({"nodes": nodes, "edges": edges}))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn xml_safe_references_carriage_returns_and_shows_other_controls() {
        assert_eq!(
            super::xml_safe("a\u{1b}b\u{7}\r\t\n\u{ffff}"),
            "a\\x1bb\\x07&#13;\t\n\\u{ffff}"
        );
        assert_eq!(super::xml_safe("x\u{202e}y\u{85}"), "x\\u{202e}y\\x85");
    }

    #[test]
    fn dot_strings_show_controls_and_bidi_overrides_the_way_graphml_does() {
        assert_eq!(
            super::quote("a\u{1b}[2Jb\u{7}\u{202e}\"q\"\\\r\n"),
            "\"a\\\\x1b[2Jb\\\\x07\\\\u{202e}\\\"q\\\"\\\\\\n\\n\""
        );
    }
}
