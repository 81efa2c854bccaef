//! The optional fields that point elsewhere: `url` (the postmortem's web address) and `links`
//! (`KIND:ID` relations to other records). A bad value is a warning that names it, never a
//! rejection of the incident: the rest of the record is still worth importing.

use super::fields;
use super::record::{Raw, truncate};
use crate::model::{Link, is_web_url};

/// A field problem kept as a warning: `(field, reason)`.
pub type Warning = (&'static str, String);

/// The `url` field: an `http(s)` URL, else nothing and a warning.
pub fn url(raw: Option<Raw<'_>>) -> (Option<String>, Option<Warning>) {
    match fields::scalar(raw) {
        Ok(None) => (None, None),
        Ok(Some(t)) if is_web_url(&t) => (Some(t.trim().to_string()), None),
        Ok(Some(t)) => (
            None,
            Some((
                "url",
                format!(
                    "{:?} is not an http:// or https:// URL; left empty",
                    truncate(&t, 60)
                ),
            )),
        ),
        Err(reason) => (None, Some(("url", format!("{reason}; left empty")))),
    }
}

/// The `links` field: the items that read as `KIND:ID` (duplicates dropped, order kept), and a
/// warning for each that does not.
pub fn links(raw: Option<Raw<'_>>) -> (Vec<Link>, Vec<Warning>) {
    let items = match fields::list(raw) {
        Ok(items) => items,
        Err(reason) => return (Vec::new(), vec![("links", format!("{reason}; ignored"))]),
    };
    let mut out: Vec<Link> = Vec::new();
    // A set beside the list, so that a record with many links is not checked in O(n²).
    let mut seen = std::collections::HashSet::new();
    let mut warnings = Vec::new();
    for item in items {
        match Link::parse(&item) {
            Ok(link) => {
                if seen.insert(link.clone()) {
                    out.push(link);
                }
            }
            Err(reason) => warnings.push(("links", format!("{reason}; this link is ignored"))),
        }
    }
    (out, warnings)
}
