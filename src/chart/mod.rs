//! Charts for reports and analysts, drawn with plotters as SVG or PNG (chosen by the file
//! extension). Text is set in DejaVu Sans, bundled in the binary, so charts render the same on a
//! machine with no fonts installed.

pub mod data;
mod draw;

pub use data::ChartData;

use crate::error::{RecurError, Result};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::path::Path;

/// A chart recur can draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    IncidentsByQuarter,
    Rates,
    Hotspots,
    Heatmap,
    Daff,
    Ownership,
}

impl ChartKind {
    /// Every chart, in report order.
    pub const ALL: [ChartKind; 6] = [
        ChartKind::IncidentsByQuarter,
        ChartKind::Rates,
        ChartKind::Hotspots,
        ChartKind::Heatmap,
        ChartKind::Daff,
        ChartKind::Ownership,
    ];

    /// The name used on the command line and as the file stem.
    pub fn name(self) -> &'static str {
        match self {
            Self::IncidentsByQuarter => "incidents-by-quarter",
            Self::Rates => "repeat-and-finalisation",
            Self::Hotspots => "hotspots",
            Self::Heatmap => "class-by-service",
            Self::Daff => "daff-timings",
            Self::Ownership => "ownership-gaps",
        }
    }

    /// One line on what it shows.
    pub fn description(self) -> &'static str {
        match self {
            Self::IncidentsByQuarter => "incidents per quarter, stacked by the top cause classes",
            Self::Rates => "repeat rate and finalisation rate over quarters",
            Self::Hotspots => "systemic hotspots: distinct services hit per cause class",
            Self::Heatmap => "heat map of incidents by cause class and service",
            Self::Daff => "median and p90 hours to mitigate and resolve over quarters",
            Self::Ownership => "shared components not owned by one team, by incidents",
        }
    }

    /// The chart with this name.
    pub fn parse(name: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.name() == name)
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|k| k.name()).collect();
                RecurError::Invalid(format!(
                    "no chart named {name:?} (charts: {})",
                    names.join(", ")
                ))
            })
    }

    fn draw<DB: DrawingBackend>(
        self,
        d: &ChartData,
        area: &DrawingArea<DB, Shift>,
    ) -> std::result::Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        match self {
            Self::IncidentsByQuarter => draw::incidents_by_quarter(d, area),
            Self::Rates => draw::rates(d, area),
            Self::Hotspots => draw::hotspots(d, area),
            Self::Heatmap => draw::heatmap(d, area),
            Self::Daff => draw::daff(d, area),
            Self::Ownership => draw::ownership(d, area),
        }
    }
}

/// Registers the bundled font once per process.
fn register_font() -> Result<()> {
    static REGISTERED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        plotters::style::register_font("sans-serif", FontStyle::Normal, dejavu::sans::regular())
            .is_ok()
    });
    if ok {
        Ok(())
    } else {
        Err(RecurError::Invalid(
            "the bundled DejaVu Sans font could not be loaded".into(),
        ))
    }
}

/// Draws a chart into `path`: SVG for `.svg`, PNG for `.png`.
pub fn render(
    kind: ChartKind,
    data: &ChartData,
    path: &Path,
    width: u32,
    height: u32,
) -> Result<()> {
    register_font()?;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| RecurError::io(parent, e))?;
    }
    let fail = |e: String| {
        RecurError::Invalid(format!(
            "{}: drawing {} failed: {e}",
            path.display(),
            kind.name()
        ))
    };
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase)
        .as_deref()
    {
        Some("svg") => {
            let area = SVGBackend::new(path, (width, height)).into_drawing_area();
            kind.draw(data, &area).map_err(|e| fail(format!("{e:?}")))
        }
        Some("png") => {
            let area = BitMapBackend::new(path, (width, height)).into_drawing_area();
            kind.draw(data, &area).map_err(|e| fail(format!("{e:?}")))
        }
        _ => Err(RecurError::Invalid(format!(
            "{}: a chart file must end in .svg or .png",
            path.display()
        ))),
    }
}
