//! The rows of the report: each section's lines, with the figures copied from the findings
//! (built in `data.rs`).

use serde::Serialize;

/// The first [`LISTED`] items of a list a reader works through, and how many there are in all
/// (every one of them is in `recur gaps --format json` and the exported tables).
#[derive(Debug, Clone, Serialize)]
pub struct Listing<T> {
    pub total: usize,
    pub shown: Vec<T>,
}

/// How many incident ids the report's appendix names per claim (report.json has every one).
pub const IDS_LISTED: usize = 100;

/// How many items of a list the report shows: a page a person reads, not the whole history.
pub const LISTED: usize = 10;

impl<T> Listing<T> {
    pub(super) fn of(items: impl ExactSizeIterator<Item = T>) -> Self {
        let total = items.len();
        Self {
            total,
            shown: items.take(LISTED).collect(),
        }
    }

    /// How many are not shown.
    pub fn more(&self) -> usize {
        self.total - self.shown.len()
    }
}

/// One quarter of the trend charts.
#[derive(Debug, Clone, Serialize)]
pub struct TrendRow {
    pub quarter: String,
    pub incidents: usize,
    pub repeat_rate: f64,
    pub finalisation_rate: Option<f64>,
    /// True for the quarters of the reported period.
    pub reported: bool,
}

/// An incident as a line of the report.
#[derive(Debug, Clone, Serialize)]
pub struct IncidentLine {
    pub id: String,
    pub title: String,
    pub day: String,
}

/// One overdue follow-up.
#[derive(Debug, Clone, Serialize)]
pub struct OverdueLine {
    pub incident_id: String,
    pub title: String,
    pub due: String,
    pub days_overdue: i64,
}

/// The overdue follow-ups of one owner.
#[derive(Debug, Clone, Serialize)]
pub struct OwnerOverdue {
    pub owner: String,
    pub items: Listing<OverdueLine>,
}

/// An open systemic follow-up of a recurring class.
#[derive(Debug, Clone, Serialize)]
pub struct OpenSystemic {
    pub class: String,
    pub incident_id: String,
    pub title: String,
    pub owner: Option<String>,
    pub due: Option<String>,
}

/// The executive summary's figures.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub incidents: usize,
    pub incidents_previous: Option<usize>,
    pub repeat_rate: Option<f64>,
    pub repeat_rate_previous: Option<f64>,
    pub finalisation_rate: Option<f64>,
    pub finalisation_rate_previous: Option<f64>,
    pub recurring_classes: usize,
    pub recurring_classes_previous: Option<usize>,
    pub incidents_year_earlier: Option<usize>,
    pub repeat_rate_year_earlier: Option<f64>,
    pub finalisation_rate_year_earlier: Option<f64>,
    pub recurring_classes_year_earlier: Option<usize>,
    pub systemic_classes: usize,
    pub services_hit: usize,
    pub ownership_gaps: usize,
}

/// One systemic hotspot.
#[derive(Debug, Clone, Serialize)]
pub struct HotspotRow {
    pub rank: usize,
    pub cluster_id: String,
    pub label: String,
    pub score: f64,
    pub incidents: usize,
    pub services: Vec<String>,
    pub teams: usize,
    pub component: Option<String>,
    pub ownership: Option<String>,
    pub recommendation: String,
    /// `new`, `growing`, `shrinking` or `steady` against the previous period.
    pub movement: Option<String>,
    pub incident_ids: Vec<String>,
    /// A few of its incidents, most recent first: (id, title).
    pub examples: Vec<(String, String)>,
}

/// One shared component not owned by one team.
#[derive(Debug, Clone, Serialize)]
pub struct OwnerRow {
    pub component: String,
    pub status: String,
    pub owners: String,
    pub dependents: usize,
    pub incidents: usize,
    /// Services hit by its incidents in the period.
    pub services_hit: usize,
    pub recommendation: String,
    /// The team recur proposes, and why (a proposal for people to decide on).
    pub proposed_owner: Option<String>,
    pub proposal_evidence: Option<String>,
    /// True when one of the top three hotspots already names it ("what to finalise" skips it).
    pub named_by_hotspot: bool,
    pub incident_ids: Vec<String>,
}

/// One finalisation gap.
#[derive(Debug, Clone, Serialize)]
pub struct GapRow {
    pub cluster_id: String,
    pub label: String,
    pub services: usize,
    pub incidents: usize,
    pub reason: String,
    pub incident_ids: Vec<String>,
}

/// A finalised class, before and after its systemic fix.
#[derive(Debug, Clone, Serialize)]
pub struct BeforeAfterRow {
    pub cluster_id: String,
    pub label: String,
    pub fix: String,
    pub fixed_on: String,
    pub per_quarter_before: f64,
    pub per_quarter_after: f64,
}

/// DAFF timings of one quarter (minutes; median and p90).
#[derive(Debug, Clone, Serialize)]
pub struct DaffRow {
    pub quarter: String,
    pub incidents: usize,
    pub minutes: Vec<(Option<f64>, Option<f64>)>,
    pub repeat_rate: f64,
    pub finalisation_rate: Option<f64>,
}

/// A chart file of the report.
#[derive(Debug, Clone, Serialize)]
pub struct ChartRef {
    pub name: String,
    pub description: String,
    pub svg: String,
    pub png: String,
}

/// Definitions for one section.
#[derive(Debug, Clone, Serialize)]
pub struct Definitions {
    pub section: String,
    pub lines: Vec<String>,
}
