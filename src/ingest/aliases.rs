//! Reading an aliases file: `canonical: [alias, …]` (or `canonical: alias`).

use crate::error::{RecurError, Result};
use crate::model::Aliases;
use serde_json::Value;
use std::path::Path;

/// Loads and combines aliases files.
pub fn load(paths: &[impl AsRef<Path>]) -> Result<Aliases> {
    let mut pairs: Vec<(String, Vec<String>)> = Vec::new();
    for path in paths {
        let path = path.as_ref();
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| RecurError::io(path, e))?;
        let invalid = |reason: String| RecurError::Aliases {
            file: file.clone(),
            reason,
        };
        let value: Value =
            serde_saphyr::from_str(&text).map_err(|e| invalid(e.without_snippet().to_string()))?;
        let map = match value {
            Value::Object(map) => map,
            Value::Null => continue,
            _ => return Err(invalid("expected a map of `name: [alias, ...]`".into())),
        };
        for (target, aliases) in map {
            let list = match aliases {
                Value::String(s) => vec![s],
                Value::Array(items) => items
                    .into_iter()
                    .map(|v| match v {
                        Value::String(s) => Ok(s),
                        other => Ok(other.to_string()),
                    })
                    .collect::<Result<Vec<String>>>()?,
                Value::Null => Vec::new(),
                _ => {
                    return Err(invalid(format!(
                        "`{target}`: expected a list of alternative names"
                    )));
                }
            };
            pairs.push((target, list));
        }
    }
    Ok(Aliases::new(
        pairs.iter().map(|(t, l)| (t.as_str(), l.clone())),
    ))
}
