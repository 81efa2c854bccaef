//! The report's formats: HTML and Markdown through minijinja templates (HTML auto-escaped), JSON
//! through serde.

use super::{DrawnChart, ReportData, ReportWriter};
use crate::error::{RecurError, Result};
use crate::output::sanitize;
use minijinja::value::Serde;
use minijinja::{Environment, context};
use std::io::Write;
use std::path::Path;

fn emit(out: &mut dyn Write, name: &str, text: &str) -> Result<()> {
    out.write_all(text.as_bytes())
        .map_err(|e| RecurError::io(Path::new(name), e))
}

/// `report.html`: one self-contained page, charts inlined as SVG.
pub struct Html;
/// `report.md`: renders on GitHub or GitLab, charts linked as files.
pub struct Markdown;
/// `report.json`: every figure with the incident ids behind it.
pub struct Json;

fn environment() -> Result<Environment<'static>> {
    let mut env = Environment::new();
    // Templates named *.html are auto-escaped by minijinja; Markdown uses the `md` filter.
    env.add_template("report.html", include_str!("templates/report.html"))
        .map_err(template_error)?;
    env.add_template("report.md", include_str!("templates/report.md"))
        .map_err(template_error)?;
    env.add_filter("pct", |v: Option<f64>| {
        v.map_or("–".to_string(), |r| format!("{:.0}%", r * 100.0))
    });
    env.add_filter("mins", |v: Option<f64>| match v {
        None => "–".to_string(),
        Some(m) if m >= 120.0 => format!("{:.1} h", m / 60.0),
        Some(m) => format!("{m:.0} min"),
    });
    env.add_filter("md", escape_markdown);
    // A URL inside a Markdown link's parentheses: the characters that would end or break it.
    env.add_filter("mdurl", |url: String| markdown_url(&url));
    // An incident id, linked to its postmortem when the input gave a url (`urls`: id → url).
    env.add_filter("idhtml", |id: String, urls: minijinja::Value| {
        let cell = format!("<span class=\"id\">{}</span>", minijinja::HtmlEscape(&id));
        let linked = match urls.get_item(&minijinja::Value::from(id.as_str())) {
            Ok(url) if !url.is_undefined() && !url.is_none() => {
                let url = url.to_string();
                format!("<a href=\"{}\">{cell}</a>", minijinja::HtmlEscape(&url))
            }
            _ => cell,
        };
        minijinja::Value::from_safe_string(linked)
    });
    env.add_filter("idmd", |id: String, urls: minijinja::Value| {
        match urls.get_item(&minijinja::Value::from(id.as_str())) {
            Ok(url) if !url.is_undefined() && !url.is_none() => {
                format!(
                    "[{}]({})",
                    escape_markdown(id.clone()),
                    markdown_url(&url.to_string())
                )
            }
            _ => escape_markdown(id),
        }
    });
    env.set_formatter(clean_formatter);
    // The appendix names at most this many incidents per claim; report.json has them all.
    env.add_global("ids_listed", super::data::IDS_LISTED);
    env.add_filter("num", |v: Option<f64>| {
        v.map_or("–".to_string(), |x| format!("{x:.1}"))
    });
    Ok(env)
}

/// A URL inside a Markdown link's parentheses: the characters that would end or break it are
/// percent-encoded.
fn markdown_url(url: &str) -> String {
    url.chars()
        .map(|c| match c {
            '(' | ')' | '<' | '>' | '[' | ']' | '"' | '\\' | '`' => format!("%{:02X}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

/// Every value a template prints, including safe markup, first loses what no document may carry
/// (terminal escapes, other controls, bidi overrides: [`sanitize::for_document`]), then is
/// escaped as the template requires.
fn clean_formatter(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &minijinja::Value,
) -> std::result::Result<(), minijinja::Error> {
    use minijinja::value::ValueKind;
    let text = match value.kind() {
        ValueKind::String | ValueKind::Seq | ValueKind::Map => value.to_string(),
        _ => return minijinja::escape_formatter(out, state, value),
    };
    let clean = sanitize::for_document(&text).into_owned();
    let value = if value.is_safe() {
        minijinja::Value::from_safe_string(clean)
    } else {
        minijinja::Value::from(clean)
    };
    minijinja::escape_formatter(out, state, &value)
}

fn template_error(e: minijinja::Error) -> RecurError {
    RecurError::Invalid(format!("report template: {e}"))
}

/// Text safe inside Markdown (and Markdown tables): no raw HTML, no table breaks, no emphasis,
/// nothing [`sanitize::for_terminal`] removes (line breaks and tabs become spaces).
pub fn escape_markdown(text: String) -> String {
    let mut out = String::with_capacity(text.len());
    for c in sanitize::for_terminal(&text).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '|' | '*' | '_' | '`' | '[' | ']' | '\\' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

impl ReportWriter for Html {
    fn file_name(&self) -> &'static str {
        "report.html"
    }

    fn render(&self, data: &ReportData, drawn: &[DrawnChart], out: &mut dyn Write) -> Result<()> {
        let charts: Vec<minijinja::Value> = drawn
            .iter()
            .map(|c| {
                // plotters escapes the text it writes into SVG; the markup is recur's own.
                let svg = c.svg.trim_start_matches(|ch| ch != '<').to_string();
                context! { description => c.kind.description(), svg => minijinja::Value::from_safe_string(svg) }
            })
            .collect();
        let text = environment()?
            .get_template("report.html")
            .and_then(|t| {
                t.render(context! { r => minijinja::Value::from(Serde(data)), charts => charts })
            })
            .map_err(template_error)?;
        emit(out, self.file_name(), &text)
    }
}

impl ReportWriter for Markdown {
    fn file_name(&self) -> &'static str {
        "report.md"
    }

    fn render(&self, data: &ReportData, _: &[DrawnChart], out: &mut dyn Write) -> Result<()> {
        let text = environment()?
            .get_template("report.md")
            .and_then(|t| t.render(context! { r => minijinja::Value::from(Serde(data)), charts => minijinja::Value::from(Serde(&data.charts)) }))
            .map_err(template_error)?;
        emit(out, self.file_name(), &text)
    }
}

impl ReportWriter for Json {
    fn file_name(&self) -> &'static str {
        "report.json"
    }

    fn render(&self, data: &ReportData, _: &[DrawnChart], out: &mut dyn Write) -> Result<()> {
        let text = serde_json::to_string_pretty(data)
            .map_err(|e| RecurError::Invalid(format!("report.json: {e}")))?;
        emit(out, self.file_name(), &(text + "\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escaping_neutralises_html_and_table_syntax() {
        assert_eq!(
            escape_markdown("<script>alert(1)</script> | *x*".into()),
            "&lt;script&gt;alert(1)&lt;/script&gt; \\| \\*x\\*"
        );
    }
}
