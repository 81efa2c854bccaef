//! Rejections and warnings: a record that was not imported (or was, with a doubt), and why.

use serde::Serialize;

/// What kind of record a rejection is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RecordKind {
    Incident,
    Action,
    Catalog,
    /// A whole file that could not be read (invalid UTF-8, broken YAML, truncated JSON).
    File,
}

impl RecordKind {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Incident => "incident",
            Self::Action => "action",
            Self::Catalog => "catalog",
            Self::File => "file",
        }
    }

    /// The inverse of [`Self::as_str`].
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "incident" => Some(Self::Incident),
            "action" => Some(Self::Action),
            "catalog" => Some(Self::Catalog),
            "file" => Some(Self::File),
            _ => None,
        }
    }
}

/// `error`: the record was rejected. `warning`: it was imported, but something looks wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
}

impl Level {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
        }
    }
}

/// One rejected record, or one warning about an imported record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rejection {
    pub level: Level,
    pub kind: RecordKind,
    pub file: String,
    /// `line 12`, `record 3`, `document 2 (line 40)`, `front matter`.
    pub location: String,
    /// The record's id when it could be read.
    pub record_id: Option<String>,
    /// The field at fault; `None` for problems with the whole record or file.
    pub field: Option<String>,
    pub reason: String,
}

impl Rejection {
    /// A rejected record.
    pub fn error(kind: RecordKind, file: &str, location: impl Into<String>) -> Self {
        Self {
            level: Level::Error,
            kind,
            file: file.to_string(),
            location: location.into(),
            record_id: None,
            field: None,
            reason: String::new(),
        }
    }

    /// A warning about an imported record.
    pub fn warning(kind: RecordKind, file: &str, location: impl Into<String>) -> Self {
        Self {
            level: Level::Warning,
            ..Self::error(kind, file, location)
        }
    }

    /// Sets the record's id; an id of more than 200 bytes (a damaged or hostile one) is kept
    /// as its first 80 characters and an ellipsis.
    pub fn id(mut self, id: Option<&str>) -> Self {
        self.record_id = id.map(|i| match i.len() > 200 {
            true => super::record::truncate(i, 80),
            false => i.to_string(),
        });
        self
    }

    /// Sets the field at fault.
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Sets the reason.
    pub fn reason(mut self, reason: impl Into<String>) -> Self {
        self.reason = reason.into();
        self
    }
}

impl Rejection {
    /// `file: location`, the place to open.
    pub fn place(&self) -> String {
        if self.location.is_empty() {
            self.file.clone()
        } else {
            format!("{}: {}", self.file, self.location)
        }
    }
}

impl std::fmt::Display for Rejection {
    /// `data/a.csv: line 7: incident INC-9: field started_at: not a timestamp: "yesterday"`
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if !self.location.is_empty() {
            write!(f, ": {}", self.location)?;
        }
        if self.kind != RecordKind::File {
            write!(f, ": {}", self.kind.as_str())?;
            if let Some(id) = &self.record_id {
                write!(f, " {id}")?;
            }
        }
        if let Some(field) = &self.field {
            write!(f, ": field {field}")?;
        }
        write!(f, ": {}", self.reason)
    }
}
