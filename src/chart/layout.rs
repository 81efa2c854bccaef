//! What every chart shares: the palette, text and margins scaled to the canvas, the legend in
//! a margin outside the data, the quarter axis with the reported quarters shaded.

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
pub(super) const GREY: RGBColor = RGBColor(160, 160, 160);

pub(super) type Area<'a, DB> = DrawingArea<DB, Shift>;
pub(super) type DrawResult<DB> =
    Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

pub(super) fn font(size: u32) -> TextStyle<'static> {
    ("sans-serif", size).into_font().color(&BLACK)
}

/// How much to scale text and margins: 1 at the report's 1000 × 600, smaller on small canvases
/// so that labels stay inside.
pub(super) fn scale<DB: DrawingBackend>(root: &Area<'_, DB>) -> f64 {
    let (w, h) = root.dim_in_pixel();
    (w as f64 / 1000.0).min(h as f64 / 600.0).clamp(0.55, 1.5)
}

/// A size in pixels at the canvas's scale.
pub(super) fn px<DB: DrawingBackend>(root: &Area<'_, DB>, size: f64) -> u32 {
    (size * scale(root)).round().max(1.0) as u32
}

/// A font size at the canvas's scale, never below what a small chart still reads.
pub(super) fn fs<DB: DrawingBackend>(root: &Area<'_, DB>, size: f64) -> u32 {
    (size * scale(root).max(0.85)).round() as u32
}

/// The title's font: the usual size, smaller when the title would not fit across `area`.
pub(super) fn title_font<DB: DrawingBackend>(
    root: &Area<'_, DB>,
    area: &Area<'_, DB>,
    title: &str,
) -> TextStyle<'static> {
    let (w, _) = area.dim_in_pixel();
    let fit = 0.95 * w as f64 / (title.chars().count().max(1) as f64 * 0.45);
    font((fs(root, 22.0) as f64).min(fit).max(8.0) as u32)
}

/// Integer ticks only: an axis of counts never shows `2, 2, 3`.
pub(super) fn int_label(v: &f64) -> String {
    if (v - v.round()).abs() < 1e-6 {
        format!("{v:.0}")
    } else {
        String::new()
    }
}

/// Shade of the reported period's quarters.
pub(super) const REPORTED: RGBColor = RGBColor(255, 236, 179);

/// How a legend entry is marked.
#[derive(Clone, Copy)]
pub(super) enum Mark {
    Box,
    Line(u32),
}

/// The width of the margin a legend takes at the right of a chart.
pub(super) fn legend_width<DB: DrawingBackend>(root: &Area<'_, DB>) -> u32 {
    let (w, _) = root.dim_in_pixel();
    (w / 4).min(px(root, 270.0))
}

/// Splits off the legend's margin at the right (outside the data) and draws the legend there.
pub(super) fn with_side_legend<'r, DB: DrawingBackend>(
    root: &Area<'r, DB>,
    entries: &[(String, RGBColor, Mark)],
) -> Result<Area<'r, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    if entries.is_empty() {
        return Ok(root.clone());
    }
    let (w, _) = root.dim_in_pixel();
    let lw = legend_width(root);
    let (plot, side) = root.split_horizontally(w - lw);
    let size = fs(root, 13.0);
    let line = px(root, 20.0) as i32;
    let top = px(root, 60.0) as i32;
    // Labels shortened to the margin: about 0.6 of the font size per character.
    let chars = ((lw as f64 - size as f64 * 2.5) / (size as f64 * 0.55)).max(6.0) as usize;
    for (i, (name, color, mark)) in entries.iter().enumerate() {
        let y = top + i as i32 * line;
        let x = (size / 2) as i32;
        let s = size as i32;
        match mark {
            Mark::Box => side.draw(&Rectangle::new(
                [(x, y - s / 2), (x + s, y + s / 2)],
                color.filled(),
            ))?,
            Mark::Line(width) => side.draw(&PathElement::new(
                vec![(x, y), (x + s + 4, y)],
                color.stroke_width(*width),
            ))?,
        }
        side.draw(&Text::new(
            short(name, chars),
            (x + s + 8, y - s / 2),
            font(size),
        ))?;
    }
    Ok(plot)
}

/// Whether the reported quarters are a part of the window (then they are shaded).
pub(super) fn shade_reported(reported: &[bool]) -> bool {
    reported.iter().any(|r| *r) && !reported.iter().all(|r| *r)
}

/// Shortens a label to fit an axis.
pub(super) fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(max - 1).collect::<String>())
    }
}

pub(super) fn index_label(labels: &[String], max: usize) -> impl Fn(&f64) -> String + '_ {
    every_nth_label(labels, max, 1)
}

/// Labels of every `step`-th position (the last always), for axes too narrow for all of them.
pub(super) fn every_nth_label(
    labels: &[String],
    max: usize,
    step: usize,
) -> impl Fn(&f64) -> String + '_ {
    move |v: &f64| {
        let i = v.floor();
        let shown = |i: usize| i % step.max(1) == (labels.len().saturating_sub(1)) % step.max(1);
        if (v - i - 0.5).abs() < 0.26 && i >= 0.0 && shown(i as usize) {
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
#[allow(clippy::too_many_arguments)]
pub(super) fn quarter_chart<'a, DB: DrawingBackend>(
    root: &'a Area<'_, DB>,
    quarters: &[String],
    reported: &[bool],
    (title, title_size): (&str, f64),
    y_max: f64,
    y_desc: &str,
    y_format: Option<&dyn Fn(&f64) -> String>,
    x_mesh: bool,
) -> Result<Chart2d<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    let n = quarters.len().max(1) as f64;
    let title_style = title_font(root, root, title);
    let title_style = font(title_style.font.get_size().min(fs(root, title_size) as f64) as u32);
    let mut chart = ChartBuilder::on(root)
        .caption(title, title_style)
        .margin(px(root, 14.0))
        .x_label_area_size(px(root, 40.0))
        .y_label_area_size(px(root, 56.0))
        .build_cartesian_2d(0f64..n, 0f64..y_max)?;
    // The reported quarters, shaded under everything else.
    if shade_reported(reported) {
        chart.draw_series(
            reported
                .iter()
                .enumerate()
                .filter(|(_, r)| **r)
                .map(|(q, _)| {
                    Rectangle::new(
                        [(q as f64, 0.0), (q as f64 + 1.0, y_max)],
                        REPORTED.filled(),
                    )
                }),
        )?;
    }
    // Every quarter labelled when there is room (a label is about 7 characters wide).
    let (w, _) = root.dim_in_pixel();
    let per_quarter = w as f64 * 0.85 / n;
    let label = 6.5 * fs(root, 13.0) as f64 * 0.6;
    let step = (label / per_quarter).ceil().max(1.0) as usize;
    let x_format = every_nth_label(quarters, 8, step);
    let mut mesh = chart.configure_mesh();
    mesh.light_line_style(WHITE)
        .x_labels(quarters.len() * 2 + 1)
        .x_label_formatter(&x_format)
        .x_desc("quarter")
        .y_desc(y_desc)
        .label_style(font(fs(root, 13.0)));
    if !x_mesh {
        mesh.disable_x_mesh();
    }
    if let Some(f) = y_format {
        mesh.y_label_formatter(f);
    }
    mesh.draw()?;
    Ok(chart)
}

/// The side legend of a chart over quarters: `entries`, then the shaded reported quarters when
/// they are shaded.
pub(super) fn with_quarter_legend<'r, DB: DrawingBackend>(
    root: &Area<'r, DB>,
    mut entries: Vec<(String, RGBColor, Mark)>,
    reported: &[bool],
) -> Result<Area<'r, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    if shade_reported(reported) {
        entries.push(("reported period".to_string(), REPORTED, Mark::Box));
    }
    with_side_legend(root, &entries)
}

pub(super) type Chart2d<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;
