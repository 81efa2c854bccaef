//! Drawing each chart on any plotters backend. Colours are the Okabe-Ito palette (distinguishable
//! with the common colour-vision deficiencies); every chart has a title, axis labels with units and
//! a legend where there is more than one series.

use super::data::ChartData;
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

/// Okabe-Ito colours, in order of use.
pub const PALETTE: [RGBColor; 8] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(213, 94, 0),
    RGBColor(240, 228, 66),
    RGBColor(0, 0, 0),
];
const GREY: RGBColor = RGBColor(160, 160, 160);

type Area<'a, DB> = DrawingArea<DB, Shift>;
type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

fn font(size: u32) -> TextStyle<'static> {
    ("sans-serif", size).into_font().color(&BLACK)
}

/// Shortens a label to fit an axis.
fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(max - 1).collect::<String>())
    }
}

fn index_label(labels: &[String], max: usize) -> impl Fn(&f64) -> String + '_ {
    move |v: &f64| {
        let i = v.floor();
        if (v - i - 0.5).abs() < 0.26 && i >= 0.0 {
            labels
                .get(i as usize)
                .map(|l| short(l, max))
                .unwrap_or_default()
        } else {
            String::new()
        }
    }
}

/// A chart with quarters along x (index coordinates, labelled by `quarters`) and `0..y_max` up.
fn quarter_chart<'a, DB: DrawingBackend>(
    root: &'a Area<'_, DB>,
    quarters: &[String],
    title: &str,
    y_max: f64,
    y_desc: &str,
    y_format: Option<&dyn Fn(&f64) -> String>,
    x_mesh: bool,
) -> Result<Chart2d<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    let n = quarters.len().max(1) as f64;
    let mut chart = ChartBuilder::on(root)
        .caption(title, font(24))
        .margin(16)
        .x_label_area_size(40)
        .y_label_area_size(56)
        .build_cartesian_2d(0f64..n, 0f64..y_max)?;
    let x_format = index_label(quarters, 8);
    let mut mesh = chart.configure_mesh();
    mesh.light_line_style(WHITE)
        .x_labels(quarters.len() * 2 + 1)
        .x_label_formatter(&x_format)
        .x_desc("quarter")
        .y_desc(y_desc)
        .label_style(font(13));
    if !x_mesh {
        mesh.disable_x_mesh();
    }
    if let Some(f) = y_format {
        mesh.y_label_formatter(f);
    }
    mesh.draw()?;
    Ok(chart)
}

type Chart2d<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Draws the series legend in the house style.
fn draw_legend<'a, DB: DrawingBackend + 'a>(
    chart: &mut Chart2d<'a, DB>,
    position: SeriesLabelPosition,
) -> DrawResult<DB> {
    chart
        .configure_series_labels()
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK)
        .label_font(font(13))
        .position(position)
        .draw()
}

/// Incidents per quarter, stacked by the top cause classes.
pub fn incidents_by_quarter<DB: DrawingBackend>(
    d: &ChartData,
    root: &Area<'_, DB>,
) -> DrawResult<DB> {
    root.fill(&WHITE)?;
    let max = d
        .stacked
        .iter()
        .map(|q| q.iter().sum::<usize>())
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let mut chart = quarter_chart(
        root,
        &d.quarters,
        "Incidents per quarter by cause class",
        max * 1.15,
        "incidents",
        Some(&|v| format!("{v:.0}")),
        false,
    )?;
    for (c, class) in d.stacked_classes.iter().enumerate() {
        let color = if c + 1 == d.stacked_classes.len() {
            GREY
        } else {
            PALETTE[c % PALETTE.len()]
        };
        chart
            .draw_series(d.stacked.iter().enumerate().map(|(q, counts)| {
                let base: usize = counts[..c].iter().sum();
                let top = base + counts[c];
                Rectangle::new(
                    [
                        (q as f64 + 0.15, base as f64),
                        (q as f64 + 0.85, top as f64),
                    ],
                    color.filled(),
                )
            }))?
            .label(short(class, 32))
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], color.filled()));
    }
    draw_legend(&mut chart, SeriesLabelPosition::UpperRight)?;
    root.present()
}

/// Repeat rate and finalisation rate over quarters.
pub fn rates<DB: DrawingBackend>(d: &ChartData, root: &Area<'_, DB>) -> DrawResult<DB> {
    root.fill(&WHITE)?;
    let mut chart = quarter_chart(
        root,
        &d.quarters,
        "Repeat rate and finalisation rate per quarter",
        105.0,
        "% of incidents / of recurring classes",
        Some(&|v| format!("{v:.0}%")),
        true,
    )?;
    let repeat: Vec<(f64, f64)> = d
        .rates
        .iter()
        .enumerate()
        .map(|(q, (r, _))| (q as f64 + 0.5, r * 100.0))
        .collect();
    let fin: Vec<(f64, f64)> = d
        .rates
        .iter()
        .enumerate()
        .filter_map(|(q, (_, f))| f.map(|f| (q as f64 + 0.5, f * 100.0)))
        .collect();
    for (points, name, color) in [
        (repeat, "repeat rate (class seen before)", PALETTE[5]),
        (fin, "finalisation rate (systemic fix done)", PALETTE[2]),
    ] {
        chart
            .draw_series(LineSeries::new(points.clone(), color.stroke_width(3)))?
            .label(name)
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 16, y)], color.stroke_width(3)));
        chart.draw_series(
            points
                .into_iter()
                .map(|p| Circle::new(p, 4, color.filled())),
        )?;
    }
    draw_legend(&mut chart, SeriesLabelPosition::MiddleRight)?;
    root.present()
}

/// Horizontal bars of labelled values (hotspots, ownership gaps).
fn horizontal_bars<DB: DrawingBackend>(
    root: &Area<'_, DB>,
    title: &str,
    x_desc: &str,
    bars: &[(String, usize, RGBColor)],
    legend: &[(&str, RGBColor)],
) -> DrawResult<DB> {
    root.fill(&WHITE)?;
    let n = bars.len().max(1) as f64;
    let max = bars.iter().map(|b| b.1).max().unwrap_or(1).max(1) as f64;
    let names: Vec<String> = bars.iter().map(|b| b.0.clone()).collect();
    let mut chart = ChartBuilder::on(root)
        .caption(title, font(24))
        .margin(16)
        .x_label_area_size(40)
        .y_label_area_size(230)
        .build_cartesian_2d(0f64..max * 1.1, 0f64..n)?;
    chart
        .configure_mesh()
        .light_line_style(WHITE)
        .disable_y_mesh()
        .y_labels(bars.len() * 2 + 1)
        .y_label_formatter(&index_label(&names, 30))
        .x_label_formatter(&|v| format!("{v:.0}"))
        .x_desc(x_desc)
        .label_style(font(13))
        .draw()?;
    chart.draw_series(bars.iter().enumerate().map(|(i, (_, v, color))| {
        Rectangle::new(
            [(0.0, i as f64 + 0.15), (*v as f64, i as f64 + 0.85)],
            color.filled(),
        )
    }))?;
    for (name, color) in legend {
        let color = *color;
        chart
            .draw_series(std::iter::empty::<Rectangle<(f64, f64)>>())?
            .label(*name)
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], color.filled()));
    }
    if !legend.is_empty() {
        draw_legend(&mut chart, SeriesLabelPosition::LowerRight)?;
    }
    root.present()
}

/// Systemic hotspots: services hit per class.
pub fn hotspots<DB: DrawingBackend>(d: &ChartData, root: &Area<'_, DB>) -> DrawResult<DB> {
    let bars: Vec<(String, usize, RGBColor)> = d
        .hotspots
        .iter()
        .rev()
        .map(|(l, n)| (l.clone(), *n, PALETTE[0]))
        .collect();
    horizontal_bars(
        root,
        "Systemic hotspots: services hit per cause class",
        "distinct services hit",
        &bars,
        &[],
    )
}

/// Shared components nobody really owns, by incidents involving them.
pub fn ownership<DB: DrawingBackend>(d: &ChartData, root: &Area<'_, DB>) -> DrawResult<DB> {
    let status_color = |s: &str| match s {
        "none" => PALETTE[5],
        "nominal" => PALETTE[1],
        "conflicting" => PALETTE[3],
        _ => PALETTE[4],
    };
    let bars: Vec<(String, usize, RGBColor)> = d
        .ownership
        .iter()
        .rev()
        .map(|(c, s, n)| (c.clone(), *n, status_color(s)))
        .collect();
    let legend = [
        ("no owner", PALETTE[5]),
        ("catch-all owner", PALETTE[1]),
        ("conflicting owners", PALETTE[3]),
        ("several owners", PALETTE[4]),
    ];
    horizontal_bars(
        root,
        "Ownership gaps: shared components not owned by one team",
        "incidents involving the component",
        &bars,
        &legend,
    )
}

/// Cause class × service heat map: services down the side, classes across.
pub fn heatmap<DB: DrawingBackend>(d: &ChartData, root: &Area<'_, DB>) -> DrawResult<DB> {
    root.fill(&WHITE)?;
    let (nc, ns) = (
        d.heat_classes.len().max(1) as f64,
        d.heat_services.len().max(1) as f64,
    );
    let max = d.heat.iter().flatten().copied().max().unwrap_or(1).max(1) as f64;
    // Top service first: row 0 is drawn at the top.
    let services: Vec<String> = d.heat_services.iter().rev().cloned().collect();
    let mut chart = ChartBuilder::on(root)
        .caption("Incidents by cause class and service", font(24))
        .margin(16)
        .x_label_area_size(44)
        .y_label_area_size(180)
        .build_cartesian_2d(0f64..nc, 0f64..ns)?;
    chart
        .configure_mesh()
        .light_line_style(WHITE)
        .disable_mesh()
        .x_labels(d.heat_classes.len() * 2 + 1)
        .y_labels(d.heat_services.len() * 2 + 1)
        .x_label_formatter(&index_label(&d.heat_classes, 14))
        .y_label_formatter(&index_label(&services, 24))
        .label_style(font(12))
        .x_desc("cause class")
        .draw()?;
    let rows = d.heat_services.len();
    let cell = |c: usize, s: usize| -> (f64, f64) { (c as f64, (rows - 1 - s) as f64) };
    chart.draw_series(d.heat.iter().enumerate().flat_map(|(c, row)| {
        row.iter().enumerate().map(move |(s, n)| {
            let t = *n as f64 / max;
            // White to the palette's blue, by share of the largest cell.
            let color = RGBColor(
                (255.0 - 255.0 * t) as u8,
                (255.0 - 141.0 * t) as u8,
                (255.0 - 77.0 * t) as u8,
            );
            let (x, y) = cell(c, s);
            Rectangle::new([(x, y), (x + 1.0, y + 1.0)], color.filled())
        })
    }))?;
    chart.draw_series(d.heat.iter().enumerate().flat_map(|(c, row)| {
        row.iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(move |(s, n)| {
                let (x, y) = cell(c, s);
                let style = if (*n as f64) / max > 0.6 {
                    font(12).color(&WHITE)
                } else {
                    font(12)
                };
                Text::new(n.to_string(), (x + 0.45, y + 0.62), style)
            })
    }))?;
    root.present()
}

/// DAFF: median and p90 hours to mitigate and resolve, per quarter.
pub fn daff<DB: DrawingBackend>(d: &ChartData, root: &Area<'_, DB>) -> DrawResult<DB> {
    root.fill(&WHITE)?;
    let max = d
        .mitigate_hours
        .iter()
        .chain(&d.resolve_hours)
        .filter_map(|(_, p90)| *p90)
        .fold(1.0f64, f64::max);
    let mut chart = quarter_chart(
        root,
        &d.quarters,
        "Time to mitigate and resolve per quarter (median and p90)",
        max * 1.1,
        "hours",
        None,
        true,
    )?;
    let series = [
        (&d.mitigate_hours, true, "mitigate, median", PALETTE[0]),
        (&d.mitigate_hours, false, "mitigate, p90", PALETTE[4]),
        (&d.resolve_hours, true, "resolve, median", PALETTE[5]),
        (&d.resolve_hours, false, "resolve, p90", PALETTE[1]),
    ];
    for (values, median, name, color) in series {
        let points: Vec<(f64, f64)> = values
            .iter()
            .enumerate()
            .filter_map(|(q, (m, p))| if median { *m } else { *p }.map(|v| (q as f64 + 0.5, v)))
            .collect();
        let width = if median { 3 } else { 2 };
        chart
            .draw_series(LineSeries::new(points, color.stroke_width(width)))?
            .label(name)
            .legend(move |(x, y)| {
                PathElement::new([(x, y), (x + 16, y)], color.stroke_width(width))
            });
    }
    draw_legend(&mut chart, SeriesLabelPosition::UpperRight)?;
    root.present()
}
