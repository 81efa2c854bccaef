//! Jira issue links as recur's links `KIND:KEY`, by the link type's name and direction:
//! `Duplicate` (outward, "duplicates") → `duplicate`, `Problem/Incident` → `problem` (the
//! problem record the incident belongs to; from a problem's own row the incidents are
//! `related`), `Causes` → `causes` outward and `caused-by` inward, any other type (and the
//! inward end of `Duplicate`, "is duplicated by") → `related`.

use super::headers::fold;
use super::issue_type;
use crate::ingest::tools::Draft;
use serde_json::Value;

/// One declared link of an issue: the other issue's key and the link's kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub kind: &'static str,
    pub key: String,
}

impl Link {
    /// `KIND:KEY`.
    pub fn label(&self) -> String {
        format!("{}:{}", self.kind, self.key)
    }
}

/// The kind of a link of type `type_name` seen from an issue of type `own_type`.
pub fn kind(type_name: &str, outward: bool, own_type: &str) -> &'static str {
    let t = fold(type_name);
    if t.starts_with("duplicat") || t == "duplikat" || t == "doublon" {
        if outward { "duplicate" } else { "related" }
    } else if t.contains("problem") || t.contains("probleme") {
        if issue_type::is_problem(own_type) {
            "related"
        } else {
            "problem"
        }
    } else if t.starts_with("cause") || t.starts_with("causa") || t == "verursacht" {
        if outward { "causes" } else { "caused-by" }
    } else {
        "related"
    }
}

/// The links of a CSV row: every `outward issue link (X)` and `inward issue link (X)` cell (a
/// repeated column holds several), in column order.
pub fn of_row(row: &Value, own_type: &str) -> Vec<Link> {
    let Some(cells) = row.as_object() else {
        return Vec::new();
    };
    let mut links = Vec::new();
    for (column, value) in cells {
        let (outward, type_name) = match column.strip_prefix("outward issue link (") {
            Some(rest) => (true, rest),
            None => match column.strip_prefix("inward issue link (") {
                Some(rest) => (false, rest),
                None => continue,
            },
        };
        let type_name = type_name.trim_end_matches(')');
        let kind = kind(type_name, outward, own_type);
        for key in super::sheet::list_of(value) {
            links.push(Link { kind, key });
        }
    }
    links
}

/// Writes links into the draft.
pub fn add(d: &mut Draft, links: &[Link]) {
    d.list("links", links.iter().map(Link::label));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_types_read_by_name_and_direction() {
        assert_eq!(kind("Duplicate", true, "Incident"), "duplicate");
        assert_eq!(kind("Duplicate", false, "Incident"), "related");
        assert_eq!(kind("Problem/Incident", true, "Incident"), "problem");
        assert_eq!(kind("Problem/Incident", false, "Problema"), "related");
        assert_eq!(kind("Causes", true, "Incident"), "causes");
        assert_eq!(kind("Causes", false, "Incident"), "caused-by");
        assert_eq!(kind("Relates", true, "Incident"), "related");
    }
}
