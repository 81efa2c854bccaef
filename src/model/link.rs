//! `Link`: a relation an incident declares to another record (a duplicate, a parent, the problem
//! it belongs to), written `KIND:ID` in recur's format.

use serde::Serialize;

/// What a declared link says about the incident that declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkKind {
    /// This incident duplicates, or was merged into, the target.
    Duplicate,
    /// The target is this incident's parent.
    Parent,
    /// The target is a child of this incident.
    Child,
    /// The target is a problem record this incident belongs to.
    Problem,
    /// This incident caused the target.
    Causes,
    /// The target caused this incident.
    CausedBy,
    /// Related in some other way.
    Related,
}

impl LinkKind {
    /// Every kind, in the order docs and messages list them.
    pub const ALL: [LinkKind; 7] = [
        LinkKind::Duplicate,
        LinkKind::Parent,
        LinkKind::Child,
        LinkKind::Problem,
        LinkKind::Causes,
        LinkKind::CausedBy,
        LinkKind::Related,
    ];

    /// The name written before the colon.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Duplicate => "duplicate",
            LinkKind::Parent => "parent",
            LinkKind::Child => "child",
            LinkKind::Problem => "problem",
            LinkKind::Causes => "causes",
            LinkKind::CausedBy => "caused-by",
            LinkKind::Related => "related",
        }
    }

    /// Reads a kind name, ignoring case and surrounding blanks.
    pub fn parse(text: &str) -> Option<LinkKind> {
        let t = text.trim().to_lowercase();
        LinkKind::ALL.into_iter().find(|k| k.as_str() == t)
    }
}

/// A declared link from an incident to the record `target` (an id as the source wrote it).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Link {
    pub kind: LinkKind,
    pub target: String,
}

impl Link {
    /// Reads `KIND:ID`; the reason names the item when it is not one.
    pub fn parse(item: &str) -> Result<Link, String> {
        let item = item.trim();
        let Some((kind, target)) = item.split_once(':') else {
            return Err(format!("link {item:?} is not KIND:ID"));
        };
        let kind = LinkKind::parse(kind).ok_or_else(|| {
            let known: Vec<&str> = LinkKind::ALL.iter().map(|k| k.as_str()).collect();
            format!(
                "link {item:?} has unknown kind {:?} (expected one of {})",
                kind.trim(),
                known.join(", ")
            )
        })?;
        let target = target.trim();
        if target.is_empty() {
            return Err(format!("link {item:?} has an empty id"));
        }
        Ok(Link {
            kind,
            target: target.to_string(),
        })
    }
}

impl std::fmt::Display for Link {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.kind.as_str(), self.target)
    }
}

/// True when `text` is an absolute `http://` or `https://` URL with a host, which is all a
/// report may link to (no `javascript:`, `data:` or relative paths).
pub fn is_web_url(text: &str) -> bool {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or_default());
    host.is_some_and(|h| !h.is_empty()) && !t.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_read_kind_and_id_and_name_bad_items() {
        let l = Link::parse(" Caused-By : INC-7 ").unwrap();
        assert_eq!((l.kind, l.target.as_str()), (LinkKind::CausedBy, "INC-7"));
        assert_eq!(l.to_string(), "caused-by:INC-7");
        assert_eq!(Link::parse("problem:PRB:1").unwrap().target, "PRB:1");
        assert!(
            Link::parse("blocks:INC-1")
                .unwrap_err()
                .contains("\"blocks\"")
        );
        assert!(Link::parse("duplicate: ").unwrap_err().contains("empty id"));
        assert!(Link::parse("INC-1").unwrap_err().contains("KIND:ID"));
    }

    #[test]
    fn only_http_and_https_urls_with_a_host_are_web_urls() {
        assert!(is_web_url("https://example.com/pm/1"));
        assert!(is_web_url("HTTP://wiki.local"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("https://"));
        assert!(!is_web_url("/relative/path"));
        assert!(!is_web_url("https://a.com/x y"));
    }
}
