//! DAFF coverage: of a period's incidents, how many have each phase's timestamp, and on how many
//! incidents each timing's median rests. A phase the source did not measure stays unmeasured:
//! nothing here (or anywhere in recur) infers one phase from another.

use super::timings::{METRICS, durations};
use crate::model::Incident;
use serde::Serialize;

/// One phase: the incidents that have its timestamp, and those its timing rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhaseCoverage {
    /// `detected`, `acknowledged`, `mitigated` or `resolved`.
    pub phase: &'static str,
    /// Incidents of the period with this timestamp.
    pub with_timestamp: usize,
    /// `with_timestamp` over the period's incidents; none without incidents.
    pub share: Option<f64>,
    /// The timing of this phase (`detect` … `resolve`, [`METRICS`]).
    pub timing: &'static str,
    /// Incidents the timing's median and p90 rest on (both timestamps present and in order).
    pub timed_incidents: usize,
}

/// DAFF coverage of a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    pub incidents: usize,
    pub phases: Vec<PhaseCoverage>,
}

/// The phases, in DAFF order, with their timing.
const PHASES: [&str; 4] = ["detected", "acknowledged", "mitigated", "resolved"];

impl Coverage {
    /// The coverage of `incidents`.
    pub fn of<'i>(incidents: impl IntoIterator<Item = &'i Incident>) -> Self {
        let mut with = [0usize; 4];
        let mut timed = [0usize; 4];
        let mut n = 0;
        for i in incidents {
            n += 1;
            let stamps = [
                i.detected_at,
                i.acknowledged_at,
                i.mitigated_at,
                i.resolved_at,
            ];
            for (k, d) in durations(i).iter().enumerate() {
                with[k] += usize::from(stamps[k].is_some());
                timed[k] += usize::from(d.is_some());
            }
        }
        let phases = (0..4)
            .map(|k| PhaseCoverage {
                phase: PHASES[k],
                with_timestamp: with[k],
                share: (n > 0).then(|| with[k] as f64 / n as f64),
                timing: METRICS[k],
                timed_incidents: timed[k],
            })
            .collect();
        Coverage {
            incidents: n,
            phases,
        }
    }

    /// One line for terminals and footers: `detected 120 of 308 (39%), …`.
    pub fn line(&self) -> String {
        let parts: Vec<String> = self
            .phases
            .iter()
            .map(|p| {
                format!(
                    "{} {} of {} ({:.0}%; {} median on {})",
                    p.phase,
                    p.with_timestamp,
                    self.incidents,
                    p.share.unwrap_or(0.0) * 100.0,
                    p.timing,
                    p.timed_incidents
                )
            })
            .collect();
        format!("DAFF coverage: {}", parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::time::parse_timestamp;

    #[test]
    fn phases_count_their_timestamps_and_timings_only_ordered_pairs() {
        let mut a = Incident::example("A");
        a.resolved_at = parse_timestamp("2024-01-02");
        let mut b = Incident::example("B");
        b.acknowledged_at = parse_timestamp("2024-01-01T01:00:00Z");
        let c = Coverage::of([&a, &b]);
        assert_eq!(c.incidents, 2);
        let resolved = &c.phases[3];
        assert_eq!((resolved.with_timestamp, resolved.timed_incidents), (1, 1));
        assert_eq!(resolved.share, Some(0.5));
        let ack = &c.phases[1];
        assert_eq!(
            (ack.with_timestamp, ack.timed_incidents),
            (1, 0),
            "no detection: acknowledge is not timed"
        );
        assert_eq!(c.phases[2].with_timestamp, 0, "mitigated is not inferred");
    }
}
