//! Charts for reports and analysts, drawn with plotters as SVG or PNG (chosen by the file
//! extension). Text is set in DejaVu Sans, bundled in the binary, so charts render the same on a
//! machine with no fonts installed.

pub mod data;
mod draw;
mod layout;

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
            Self::Daff => {
                "median and p90 time to detect, acknowledge, mitigate and resolve over quarters"
            }
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

/// A chart file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartFormat {
    Svg,
    Png,
}

impl ChartFormat {
    /// The format a file name asks for, by its extension.
    pub fn of(path: &Path) -> Result<Self> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_lowercase)
            .as_deref()
        {
            Some("svg") => Ok(Self::Svg),
            Some("png") => Ok(Self::Png),
            _ => Err(RecurError::Invalid(format!(
                "{}: a chart file must end in .svg or .png",
                path.display()
            ))),
        }
    }

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Svg => "svg",
            Self::Png => "png",
        }
    }
}

/// Draws one chart at `width` × `height` pixels; returns the file's bytes.
pub fn render(
    kind: ChartKind,
    data: &ChartData,
    format: ChartFormat,
    width: u32,
    height: u32,
) -> Result<Vec<u8>> {
    register_font()?;
    let fail = |e: String| RecurError::Invalid(format!("drawing {} failed: {e}", kind.name()));
    match format {
        ChartFormat::Svg => {
            let mut text = String::new();
            {
                let area = SVGBackend::with_string(&mut text, (width, height)).into_drawing_area();
                kind.draw(data, &area).map_err(|e| fail(format!("{e:?}")))?;
                area.present().map_err(|e| fail(format!("{e:?}")))?;
            }
            Ok(text.into_bytes())
        }
        ChartFormat::Png => {
            let mut pixels = vec![0u8; width as usize * height as usize * 3];
            {
                let area =
                    BitMapBackend::with_buffer(&mut pixels, (width, height)).into_drawing_area();
                kind.draw(data, &area).map_err(|e| fail(format!("{e:?}")))?;
                area.present().map_err(|e| fail(format!("{e:?}")))?;
            }
            let mut png = Vec::new();
            image::ImageEncoder::write_image(
                image::codecs::png::PngEncoder::new(&mut png),
                &pixels,
                width,
                height,
                image::ColorType::Rgb8,
            )
            .map_err(|e| fail(e.to_string()))?;
            Ok(png)
        }
    }
}
