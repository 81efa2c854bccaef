//! Severity on one scale, SEV1 (worst) to SEV5, whatever the source called it.

use serde::{Serialize, Serializer};

/// A severity level from 1 (worst) to 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Severity(u8);

impl Severity {
    /// Reads `SEV1`–`SEV5`, `SEV-1`, `P1`–`P5`, `S1`–`S5`, `1`–`5`, `critical`, `high`,
    /// `medium`/`moderate`, `low`, `info`/`informational`. `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim().to_lowercase();
        let word = match t.as_str() {
            "critical" | "crit" | "blocker" | "emergency" => Some(1),
            "high" | "major" => Some(2),
            "medium" | "moderate" | "med" => Some(3),
            "low" | "minor" => Some(4),
            "info" | "informational" | "trivial" | "lowest" => Some(5),
            _ => None,
        };
        if let Some(level) = word {
            return Some(Self(level));
        }
        let digits = t
            .strip_prefix("sev")
            .or_else(|| t.strip_prefix('p'))
            .or_else(|| t.strip_prefix('s'))
            .unwrap_or(&t)
            .trim_start_matches(['-', ' ', '_']);
        match digits.parse::<u8>() {
            Ok(level @ 1..=5) => Some(Self(level)),
            _ => None,
        }
    }

    /// Reads exactly the stored labels `SEV1` … `SEV5` (fast path for the store).
    pub fn from_label(label: &str) -> Option<Self> {
        match label {
            "SEV1" => Some(Self(1)),
            "SEV2" => Some(Self(2)),
            "SEV3" => Some(Self(3)),
            "SEV4" => Some(Self(4)),
            "SEV5" => Some(Self(5)),
            _ => None,
        }
    }

    /// 1 (worst) to 5.
    pub fn level(self) -> u8 {
        self.0
    }

    /// `SEV1` … `SEV5`.
    pub fn label(self) -> &'static str {
        ["SEV1", "SEV2", "SEV3", "SEV4", "SEV5"][usize::from(self.0 - 1)]
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

impl Serialize for Severity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_common_spelling_lands_on_one_scale() {
        let cases = [
            ("SEV1", 1),
            ("sev-2", 2),
            ("P3", 3),
            ("s4", 4),
            ("5", 5),
            ("Critical", 1),
            ("high", 2),
            ("moderate", 3),
            ("low", 4),
            ("info", 5),
        ];
        for (text, level) in cases {
            assert_eq!(
                Severity::parse(text).map(Severity::level),
                Some(level),
                "{text}"
            );
        }
    }

    #[test]
    fn rejects_out_of_range_and_unknown_words() {
        for text in ["SEV0", "P6", "urgent-ish", "", "sev"] {
            assert_eq!(Severity::parse(text), None, "{text}");
        }
    }
}
