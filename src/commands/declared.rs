//! What `why` shows of an incident's declared links: each link's kind, the id it names and that
//! incident's title when the store holds it, as a table and as JSON.

use crate::analysis::Analysis;
use crate::model::Incident;
use crate::output::Table;
use serde_json::{Value, json};

/// The declared links of `incident`: a table (none when it declares none) and their JSON
/// (`[{kind, target, title, in_store}]`).
pub fn links(a: &Analysis<'_>, incident: &Incident) -> (Option<Table>, Value) {
    let mut table = Table::new(
        &format!("declared links of {}", incident.id),
        &["link", "id", "title"],
    );
    let mut out = Vec::new();
    for link in &incident.links {
        let title = a
            .index_of(&link.target)
            .map(|i| a.data.incidents[i].title.as_str());
        table.row(vec![
            link.kind.as_str().into(),
            link.target.as_str().into(),
            title.unwrap_or("(not in the store)").into(),
        ]);
        out.push(
            json!({"kind": link.kind, "target": link.target, "title": title,
                        "in_store": title.is_some()}),
        );
    }
    ((!out.is_empty()).then_some(table), Value::Array(out))
}
