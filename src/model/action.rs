//! Follow-up actions of an incident: what was done (or promised) after the washup.

use super::Timestamp;
use serde::Serialize;

/// Whether a follow-up is still to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActionStatus {
    Open,
    Done,
    /// Decided against ("won't do", "won't fix", "cancelled").
    Wontfix,
}

impl ActionStatus {
    /// Reads the usual words teams use; `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        let t: String = text
            .trim()
            .to_lowercase()
            .chars()
            .map(|c| if c == '_' || c == '-' { ' ' } else { c })
            .collect();
        let t = t.replace('’', "'");
        match t.as_str() {
            "open" | "todo" | "to do" | "in progress" | "inprogress" | "pending" | "planned"
            | "backlog" | "blocked" | "new" | "started" | "ongoing" | "wip" | "not started"
            | "[ ]" => Some(Self::Open),
            "done" | "completed" | "complete" | "closed" | "resolved" | "fixed" | "finished"
            | "shipped" | "merged" | "implemented" | "[x]" => Some(Self::Done),
            "won't do" | "wont do" | "won't fix" | "wont fix" | "wontfix" | "cancelled"
            | "canceled" | "rejected" | "obsolete" => Some(Self::Wontfix),
            _ => None,
        }
    }

    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Done => "done",
            Self::Wontfix => "wontfix",
        }
    }
}

/// Whether a follow-up fixes one service or the whole class of cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Local,
    Systemic,
}

impl Scope {
    /// `local` or `systemic` (also `global`, `class`); `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_lowercase().as_str() {
            "local" | "service" | "point" => Some(Self::Local),
            "systemic" | "system" | "global" | "class" | "structural" => Some(Self::Systemic),
            _ => None,
        }
    }

    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Local => "local",
            Self::Systemic => "systemic",
        }
    }
}

/// One follow-up action.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Action {
    pub incident_id: String,
    pub title: String,
    /// The owning team, canonical.
    pub owner: Option<String>,
    pub status: ActionStatus,
    pub due_at: Option<Timestamp>,
    pub completed_at: Option<Timestamp>,
    /// Given explicitly in the input; `None` means "infer it".
    pub scope: Option<Scope>,
}

impl Action {
    /// Equality of content (all fields are content for an action).
    pub fn same_content(&self, other: &Action) -> bool {
        self == other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_synonyms_map_to_open_or_done() {
        for s in ["todo", "In Progress", "in-progress", "BACKLOG", "pending"] {
            assert_eq!(ActionStatus::parse(s), Some(ActionStatus::Open), "{s}");
        }
        for s in ["Completed", "closed", "RESOLVED", "fixed", "done"] {
            assert_eq!(ActionStatus::parse(s), Some(ActionStatus::Done), "{s}");
        }
        assert_eq!(
            ActionStatus::parse("won’t fix"),
            Some(ActionStatus::Wontfix)
        );
        assert_eq!(ActionStatus::parse("maybe"), None);
    }

    #[test]
    fn scope_reads_local_and_systemic_only() {
        assert_eq!(Scope::parse(" Systemic "), Some(Scope::Systemic));
        assert_eq!(Scope::parse("local"), Some(Scope::Local));
        assert_eq!(Scope::parse("both"), None);
    }
}
