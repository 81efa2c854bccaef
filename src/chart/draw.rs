//! Drawing each chart on any plotters backend. Colours are the Okabe-Ito palette (distinguishable
//! with the common colour-vision deficiencies); every chart has a title, axis labels with units and
//! a legend where there is more than one series.

use super::data::ChartData;
use super::layout::{
    Area, Chart2d, DrawResult, GREY, Mark, PALETTE, font, fs, index_label, int_label, px,
    quarter_chart, short, title_font, with_quarter_legend, with_side_legend,
};
use plotters::prelude::*;

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
    let color = |c: usize| {
        if c + 1 == d.stacked_classes.len() {
            GREY
        } else {
            PALETTE[c % PALETTE.len()]
        }
    };
    let legend = d
        .stacked_classes
        .iter()
        .enumerate()
        .map(|(c, class)| (class.clone(), color(c), Mark::Box))
        .collect();
    let plot = with_quarter_legend(root, legend, &d.reported)?;
    let mut chart = quarter_chart(
        &plot,
        &d.quarters,
        &d.reported,
        ("Incidents per quarter by cause class", 22.0),
        max * 1.08,
        "incidents",
        Some(&int_label),
        false,
    )?;
    for c in 0..d.stacked_classes.len() {
        let color = color(c);
        chart.draw_series(d.stacked.iter().enumerate().map(|(q, counts)| {
            let base: usize = counts[..c].iter().sum();
            let top = base + counts[c];
            Rectangle::new(
                [
                    (q as f64 + 0.15, base as f64),
                    (q as f64 + 0.85, top as f64),
                ],
                color.filled(),
            )
        }))?;
    }
    root.present()
}

/// One line per series with a dot on every point, so a quarter alone still shows.
fn lines_with_points<'a, DB: DrawingBackend + 'a>(
    chart: &mut Chart2d<'a, DB>,
    points: Vec<(f64, f64)>,
    color: RGBColor,
    width: u32,
    dot: u32,
) -> DrawResult<DB> {
    chart.draw_series(LineSeries::new(points.clone(), color.stroke_width(width)))?;
    chart.draw_series(
        points
            .into_iter()
            .map(|p| Circle::new(p, dot, color.filled())),
    )?;
    Ok(())
}

/// Repeat rate and finalisation rate over quarters.
pub fn rates<DB: DrawingBackend>(d: &ChartData, root: &Area<'_, DB>) -> DrawResult<DB> {
    root.fill(&WHITE)?;
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
    let series = [
        (repeat, "repeat rate (class seen before)", PALETTE[5]),
        (fin, "finalisation rate (systemic fix done)", PALETTE[2]),
    ];
    let legend = series
        .iter()
        .map(|(_, name, color)| (name.to_string(), *color, Mark::Line(3)))
        .collect();
    let plot = with_quarter_legend(root, legend, &d.reported)?;
    let mut chart = quarter_chart(
        &plot,
        &d.quarters,
        &d.reported,
        ("Repeat rate and finalisation rate per quarter", 22.0),
        105.0,
        "% of incidents / of recurring classes",
        Some(&|v| format!("{v:.0}%")),
        true,
    )?;
    let dot = px(root, 4.0);
    for (points, _, color) in series {
        lines_with_points(&mut chart, points, color, 3, dot)?;
    }
    root.present()
}

/// Colours of ownership, the same in every chart.
fn ownership_color(status: Option<&str>) -> RGBColor {
    match status {
        Some("none") => PALETTE[5],
        Some("nominal") => PALETTE[1],
        Some("conflicting") => PALETTE[3],
        Some("multiple") => PALETTE[4],
        Some(_) => PALETTE[0],
        None => GREY,
    }
}

/// Horizontal bars of labelled values (hotspots, ownership gaps), counts along x.
fn horizontal_bars<DB: DrawingBackend>(
    root: &Area<'_, DB>,
    title: &str,
    x_desc: &str,
    bars: &[(String, usize, RGBColor)],
    legend: &[(String, RGBColor, Mark)],
) -> DrawResult<DB> {
    root.fill(&WHITE)?;
    let plot = with_side_legend(root, legend)?;
    let n = bars.len().max(1) as f64;
    let max = bars.iter().map(|b| b.1).max().unwrap_or(1).max(1) as f64;
    let names: Vec<String> = bars.iter().map(|b| b.0.clone()).collect();
    let (w, _) = plot.dim_in_pixel();
    let label_area = (w / 3).min(px(root, 230.0));
    let chars = (label_area as f64 / (fs(root, 13.0) as f64 * 0.6)) as usize;
    let mut chart = ChartBuilder::on(&plot)
        .caption(title, title_font(root, &plot, title))
        .margin(px(root, 14.0))
        .x_label_area_size(px(root, 40.0))
        .y_label_area_size(label_area)
        .build_cartesian_2d(0f64..max * 1.1, 0f64..n)?;
    chart
        .configure_mesh()
        .light_line_style(WHITE)
        .disable_y_mesh()
        .y_labels(bars.len() * 2 + 1)
        .y_label_formatter(&index_label(&names, chars.max(8)))
        .x_labels((max as usize + 1).min(10))
        .x_label_formatter(&int_label)
        .x_desc(x_desc)
        .label_style(font(fs(root, 13.0)))
        .draw()?;
    chart.draw_series(bars.iter().enumerate().map(|(i, (_, v, color))| {
        Rectangle::new(
            [(0.0, i as f64 + 0.15), (*v as f64, i as f64 + 0.85)],
            color.filled(),
        )
    }))?;
    root.present()
}

/// The legend of ownership colours, for the statuses present.
fn ownership_legend<'s>(
    statuses: impl Iterator<Item = Option<&'s str>>,
) -> Vec<(String, RGBColor, Mark)> {
    let present: Vec<Option<&str>> = statuses.collect();
    [
        (Some("owned"), "owned by one team"),
        (Some("none"), "no owner"),
        (Some("nominal"), "catch-all owner"),
        (Some("conflicting"), "conflicting owners"),
        (Some("multiple"), "several owners"),
        (None, "no shared component"),
    ]
    .into_iter()
    .filter(|(s, _)| present.contains(s))
    .map(|(s, name)| (name.to_string(), ownership_color(s), Mark::Box))
    .collect()
}

/// Systemic hotspots: services hit per class, coloured by who owns the shared component on its
/// path.
pub fn hotspots<DB: DrawingBackend>(d: &ChartData, root: &Area<'_, DB>) -> DrawResult<DB> {
    let bars: Vec<(String, usize, RGBColor)> = d
        .hotspots
        .iter()
        .rev()
        .map(|(l, n, s)| (l.clone(), *n, ownership_color(s.as_deref())))
        .collect();
    let legend = ownership_legend(d.hotspots.iter().map(|h| h.2.as_deref()));
    horizontal_bars(
        root,
        "Systemic hotspots: services hit per cause class",
        "distinct services hit (colour: who owns the shared component on its path)",
        &bars,
        &legend,
    )
}

/// Shared components nobody really owns, by incidents involving them.
pub fn ownership<DB: DrawingBackend>(d: &ChartData, root: &Area<'_, DB>) -> DrawResult<DB> {
    let bars: Vec<(String, usize, RGBColor)> = d
        .ownership
        .iter()
        .rev()
        .map(|(c, s, n)| (c.clone(), *n, ownership_color(Some(s))))
        .collect();
    let legend = ownership_legend(d.ownership.iter().map(|o| Some(o.1.as_str())));
    horizontal_bars(
        root,
        "Ownership gaps: shared components not owned by one team",
        "incidents involving the component",
        &bars,
        &legend,
    )
}

/// White to the palette's blue, by share `t` of the largest cell.
fn heat_color(t: f64) -> RGBColor {
    RGBColor(
        (255.0 - 255.0 * t) as u8,
        (255.0 - 141.0 * t) as u8,
        (255.0 - 77.0 * t) as u8,
    )
}

/// Cause class × service heat map: classes down the side (full labels), services across, and a
/// colour scale.
pub fn heatmap<DB: DrawingBackend>(d: &ChartData, root: &Area<'_, DB>) -> DrawResult<DB> {
    root.fill(&WHITE)?;
    let max = d.heat.iter().flatten().copied().max().unwrap_or(1).max(1);
    // The colour scale, in a margin of its own at the right.
    let (w, h) = root.dim_in_pixel();
    // Wide enough for its caption ("incidents") at the smallest font.
    let scale_w = px(root, 70.0).max(fs(root, 12.0) * 5);
    let (plot, side) = root.split_horizontally(w - scale_w);
    let (top, bottom) = (px(root, 70.0) as i32, h as i32 - px(root, 90.0) as i32);
    let bar_x = px(root, 10.0) as i32;
    let bar_w = px(root, 16.0) as i32;
    let steps = 40;
    for i in 0..steps {
        let y0 = top + (bottom - top) * i / steps;
        let y1 = top + (bottom - top) * (i + 1) / steps;
        let t = 1.0 - i as f64 / (steps - 1) as f64;
        side.draw(&Rectangle::new(
            [(bar_x, y0), (bar_x + bar_w, y1)],
            heat_color(t).filled(),
        ))?;
    }
    side.draw(&Rectangle::new(
        [(bar_x, top), (bar_x + bar_w, bottom)],
        BLACK.stroke_width(1),
    ))?;
    let size = fs(root, 12.0);
    side.draw(&Text::new(
        max.to_string(),
        (bar_x + bar_w + 4, top),
        font(size),
    ))?;
    side.draw(&Text::new(
        "0".to_string(),
        (bar_x + bar_w + 4, bottom - size as i32),
        font(size),
    ))?;
    side.draw(&Text::new(
        "incidents".to_string(),
        (2, top - 2 * size as i32),
        font(size),
    ))?;

    let (nc, ns) = (
        d.heat_classes.len().max(1) as f64,
        d.heat_services.len().max(1) as f64,
    );
    // Top class first: row 0 is drawn at the top.
    let classes: Vec<String> = d.heat_classes.iter().rev().cloned().collect();
    let (pw, _) = plot.dim_in_pixel();
    let label_area = (pw / 3).min(px(root, 230.0));
    let chars = (label_area as f64 / (size as f64 * 0.6)) as usize;
    // Service names across, written upwards so that each is whole: the label area is as tall
    // as the longest name, up to a third of the chart (names longer than that are shortened).
    let (_, ph) = plot.dim_in_pixel();
    let glyph = size as f64 * 0.6;
    let longest = d
        .heat_services
        .iter()
        .map(|s| s.chars().count())
        .max()
        .unwrap_or(4);
    let room = (ph as f64 / 3.0 / glyph) as usize;
    let service_chars = longest.min(room).max(4);
    let service_area = ((service_chars as f64 * glyph) as u32 + px(root, 16.0)).max(px(root, 44.0));
    let mut chart = ChartBuilder::on(&plot)
        .caption(
            "Incidents by cause class and service",
            title_font(root, &plot, "Incidents by cause class and service"),
        )
        .margin(px(root, 14.0))
        .x_label_area_size(service_area)
        .y_label_area_size(label_area)
        .build_cartesian_2d(0f64..ns, 0f64..nc)?;
    chart
        .configure_mesh()
        .light_line_style(WHITE)
        .disable_mesh()
        .y_labels(d.heat_classes.len() * 2 + 1)
        .y_label_formatter(&index_label(&classes, chars.max(8)))
        .label_style(font(size))
        .x_labels(0)
        .draw()?;
    // The service names, written downwards from under each column.
    for (i, name) in d.heat_services.iter().enumerate() {
        let (x, y) = chart.backend_coord(&(i as f64 + 0.5, 0.0));
        root.draw(&Text::new(
            short(name, service_chars),
            (x + size as i32 / 2, y + px(root, 6.0) as i32),
            font(size).transform(FontTransform::Rotate90),
        ))?;
    }
    let rows = d.heat_classes.len();
    let maxf = max as f64;
    let cell = |c: usize, s: usize| -> (f64, f64) { (s as f64, (rows - 1 - c) as f64) };
    chart.draw_series(d.heat.iter().enumerate().flat_map(|(c, row)| {
        row.iter().enumerate().map(move |(s, n)| {
            let (x, y) = cell(c, s);
            Rectangle::new(
                [(x, y), (x + 1.0, y + 1.0)],
                heat_color(*n as f64 / maxf).filled(),
            )
        })
    }))?;
    chart.draw_series(d.heat.iter().enumerate().flat_map(|(c, row)| {
        row.iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(move |(s, n)| {
                let (x, y) = cell(c, s);
                let style = if (*n as f64) / maxf > 0.6 {
                    font(size).color(&WHITE)
                } else {
                    font(size)
                };
                Text::new(n.to_string(), (x + 0.45, y + 0.62), style)
            })
    }))?;
    root.present()
}

/// DAFF: median and p90 time of each of the four phases per quarter, one small chart each
/// (minutes when the phase is short, hours otherwise).
pub fn daff<DB: DrawingBackend>(d: &ChartData, root: &Area<'_, DB>) -> DrawResult<DB> {
    root.fill(&WHITE)?;
    let legend = vec![
        ("median".to_string(), PALETTE[0], Mark::Line(3)),
        ("p90".to_string(), PALETTE[1], Mark::Line(2)),
    ];
    let title = "Time to detect, acknowledge, mitigate and resolve per quarter";
    let area = root.titled(title, title_font(root, root, title))?;
    let area = with_quarter_legend(&area, legend, &d.reported)?;
    let panels = area.split_evenly((2, 2));
    let names = ["detect", "acknowledge", "mitigate", "resolve"];
    for ((panel, values), name) in panels.iter().zip(&d.phase_hours).zip(names) {
        let max_h = values
            .iter()
            .filter_map(|(m, p)| p.or(*m))
            .fold(0.0f64, f64::max);
        // Short phases read in minutes.
        let (unit, factor) = if max_h < 2.0 {
            ("minutes", 60.0)
        } else {
            ("hours", 1.0)
        };
        let top = (max_h * factor * 1.1).max(1.0);
        let mut chart = quarter_chart(
            panel,
            &d.quarters,
            &d.reported,
            (name, 15.0),
            top,
            unit,
            Some(&|v: &f64| format!("{v:.0}")),
            true,
        )?;
        let dot = px(root, 3.0);
        for (median, color, width) in [(true, PALETTE[0], 3), (false, PALETTE[1], 2)] {
            let points: Vec<(f64, f64)> = values
                .iter()
                .enumerate()
                .filter_map(|(q, (m, p))| {
                    if median { *m } else { *p }.map(|v| (q as f64 + 0.5, v * factor))
                })
                .collect();
            lines_with_points(&mut chart, points, color, width, dot)?;
        }
    }
    root.present()
}
