//! Tables that leave the app: every report and list export is a [`Table`], written as CSV
//! (UTF-8 with a BOM, so Excel opens Cyrillic right; `;` between cells and a decimal comma for
//! Russian readers, whose Excel expects both) or as an XLSX workbook, and answered as a download. Cells that a
//! spreadsheet would run as a formula are defused: in CSV with a leading apostrophe, in XLSX
//! as string cells marked as text the way Excel marks a typed `'`, with nothing added.

use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Serialize;

use crate::error::{AppError, AppResult};
use crate::web::i18n::Lang;

/// One value of a table, typed so the workbook gets numbers and dates, not text.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    Text(String),
    Int(i64),
    Float(f64),
    Date(NaiveDate),
    Empty,
}

impl Cell {
    pub fn text(value: impl Into<String>) -> Self {
        Cell::Text(value.into())
    }

    /// A ratio as a percentage with one decimal, or empty when there is nothing to divide.
    pub fn percent(part: i64, whole: i64) -> Self {
        if whole == 0 {
            Cell::Empty
        } else {
            Cell::Float((part as f64 * 1000.0 / whole as f64).round() / 10.0)
        }
    }

    pub fn rounded(value: Option<f64>, places: i32) -> Self {
        match value {
            Some(v) if v.is_finite() => {
                let scale = 10f64.powi(places);
                Cell::Float((v * scale).round() / scale)
            }
            _ => Cell::Empty,
        }
    }

    /// The cell as CSV text for a reader of `lang`: Russian Excel reads `33,3` as a number
    /// and `33.3` as a date or text.
    fn as_text(&self, lang: Lang) -> String {
        match self {
            Cell::Text(text) => defuse(text),
            Cell::Int(n) => n.to_string(),
            Cell::Float(x) => match lang {
                Lang::Ru => x.to_string().replace('.', ","),
                Lang::En => x.to_string(),
            },
            Cell::Date(d) => d.to_string(),
            Cell::Empty => String::new(),
        }
    }
}

impl From<&str> for Cell {
    fn from(value: &str) -> Self {
        Cell::Text(value.to_owned())
    }
}

impl From<String> for Cell {
    fn from(value: String) -> Self {
        Cell::Text(value)
    }
}

impl From<i64> for Cell {
    fn from(value: i64) -> Self {
        Cell::Int(value)
    }
}

impl From<usize> for Cell {
    fn from(value: usize) -> Self {
        Cell::Int(value as i64)
    }
}

impl From<NaiveDate> for Cell {
    fn from(value: NaiveDate) -> Self {
        Cell::Date(value)
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(value: Option<T>) -> Self {
        value.map(Into::into).unwrap_or(Cell::Empty)
    }
}

/// Whether a spreadsheet would read the text as a formula: it starts with `=`, `+`, `-`, `@`,
/// a tab or a CR.
fn looks_like_formula(text: &str) -> bool {
    matches!(
        text.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    )
}

/// A text a spreadsheet would read as a formula gets a leading apostrophe, the usual guard
/// against CSV injection (the import takes it off again).
pub fn defuse(text: &str) -> String {
    if looks_like_formula(text) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The cell separator a spreadsheet in the reader's language expects: Russian Excel splits on
/// `;` (the comma is its decimal mark), English Excel on `,`.
pub fn csv_delimiter(lang: Lang) -> u8 {
    match lang {
        Lang::Ru => b';',
        Lang::En => b',',
    }
}

/// Column headings and rows, in the reader's language.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(columns: Vec<String>) -> Self {
        Self {
            columns,
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    /// The table as CSV for a reader of `lang`.
    pub fn to_csv(&self, lang: Lang) -> AppResult<Vec<u8>> {
        let mut out = Vec::from("\u{feff}".as_bytes());
        {
            let mut writer = csv::WriterBuilder::new()
                .delimiter(csv_delimiter(lang))
                .from_writer(&mut out);
            let headings: Vec<String> = self.columns.iter().map(|c| defuse(c)).collect();
            writer.write_record(&headings).map_err(internal)?;
            for row in &self.rows {
                writer
                    .write_record(row.iter().map(|cell| cell.as_text(lang)))
                    .map_err(internal)?;
            }
            writer.flush().map_err(internal)?;
        }
        Ok(out)
    }

    pub fn to_xlsx(&self, sheet: &str) -> AppResult<Vec<u8>> {
        workbook(&[(sheet, self)])
    }
}

/// Several tables as the sheets of one workbook.
pub fn workbook(sheets: &[(&str, &Table)]) -> AppResult<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    // A string cell is never run as a formula; the quote prefix (Excel's own mark for a typed
    // `'`) also keeps it text when someone edits the cell, and shows no apostrophe.
    let quoted = Format::new().set_quote_prefix();
    for (index, (sheet, table)) in sheets.iter().enumerate() {
        let page = book.add_worksheet();
        // Sheet names are unique, at most 31 characters, without some punctuation.
        let mut name: String = sheet
            .chars()
            .filter(|c| !"[]:*?/\\'".contains(*c))
            .take(27)
            .collect();
        if name.trim().is_empty() {
            name = format!("Sheet {}", index + 1);
        } else if index > 0 {
            name = format!("{} {}", name.trim(), index + 1);
        }
        page.set_name(name.trim()).map_err(internal)?;
        for (col, heading) in table.columns.iter().enumerate() {
            page.write_string_with_format(0, col as u16, heading, &bold)
                .map_err(internal)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(text) if looks_like_formula(text) => page
                        .write_string_with_format(r, c, text, &quoted)
                        .map(|_| ()),
                    Cell::Text(text) => page.write_string(r, c, text).map(|_| ()),
                    Cell::Int(n) => page.write_number(r, c, *n as f64).map(|_| ()),
                    Cell::Float(x) => page.write_number(r, c, *x).map(|_| ()),
                    Cell::Date(d) => page
                        .write_string_with_format(r, c, d.to_string(), &date)
                        .map(|_| ()),
                    Cell::Empty => Ok(()),
                }
                .map_err(internal)?;
            }
        }
    }
    book.save_to_buffer().map_err(internal)
}

fn internal(err: impl std::fmt::Display) -> AppError {
    AppError::Internal(anyhow::anyhow!("export: {err}"))
}

/// How a table is asked for: `?format=csv|xlsx`, or an `Accept` header naming CSV or XLSX.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

impl Format {
    pub fn requested(format: Option<&str>, headers: &HeaderMap) -> Option<Format> {
        match format {
            Some("csv") => return Some(Format::Csv),
            Some("xlsx") => return Some(Format::Xlsx),
            _ => {}
        }
        let accept = headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        if accept.contains("text/csv") {
            Some(Format::Csv)
        } else if accept.contains(XLSX_TYPE) {
            Some(Format::Xlsx)
        } else {
            None
        }
    }
}

/// The table as a file to save for a reader of `lang`: `<name>.csv` or `<name>.xlsx`.
pub fn download(table: &Table, format: Format, name: &str, lang: Lang) -> AppResult<Response> {
    let body = match format {
        Format::Csv => table.to_csv(lang)?,
        Format::Xlsx => table.to_xlsx(name)?,
    };
    Ok(attachment(body, format, name))
}

/// Bytes already written as CSV or XLSX, answered as a file named `<name>.<extension>`.
pub fn attachment(body: Vec<u8>, format: Format, name: &str) -> Response {
    let (content_type, extension) = match format {
        Format::Csv => ("text/csv; charset=utf-8", "csv"),
        Format::Xlsx => (XLSX_TYPE, "xlsx"),
    };
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let disposition = format!("attachment; filename=\"{safe}.{extension}\"");
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table {
        let mut table = Table::new(vec!["Имя".into(), "Зарплата".into(), "Дата".into()]);
        table.push(vec![
            Cell::text("=HYPERLINK(\"evil\")"),
            Cell::Int(150_000),
            Cell::Date(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()),
        ]);
        table.push(vec![
            Cell::text("Анна, \"Орбита\""),
            Cell::Empty,
            Cell::Empty,
        ]);
        table
    }

    #[test]
    fn csv_has_a_bom_quotes_and_defused_formulas() {
        let text = String::from_utf8(sample().to_csv(Lang::En).unwrap()).unwrap();
        assert!(text.starts_with('\u{feff}'));
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lines[0], "Имя,Зарплата,Дата");
        assert_eq!(lines[1], "\"'=HYPERLINK(\"\"evil\"\")\",150000,2026-03-02");
        assert_eq!(lines[2], "\"Анна, \"\"Орбита\"\"\",,");
    }

    #[test]
    fn russian_readers_get_semicolons_and_english_readers_commas() {
        let text = String::from_utf8(sample().to_csv(Lang::Ru).unwrap()).unwrap();
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lines[0], "Имя;Зарплата;Дата");
        assert_eq!(lines[1], "\"'=HYPERLINK(\"\"evil\"\")\";150000;2026-03-02");
        assert_eq!(lines[2], "\"Анна, \"\"Орбита\"\"\";;");
    }

    #[test]
    fn russian_readers_get_a_decimal_comma() {
        let mut table = Table::new(vec!["Доля".into()]);
        table.push(vec![Cell::percent(1, 3)]);
        let text = String::from_utf8(table.to_csv(Lang::Ru).unwrap()).unwrap();
        assert!(text.ends_with("Доля\n33,3\n"), "{text}");
        let text = String::from_utf8(table.to_csv(Lang::En).unwrap()).unwrap();
        assert!(text.ends_with("Доля\n33.3\n"), "{text}");
    }

    #[test]
    fn csv_reads_back_what_was_written() {
        let bytes = sample().to_csv(Lang::En).unwrap();
        let mut reader = csv::Reader::from_reader(&bytes[3..]);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(&rows[1][0], "Анна, \"Орбита\"");
        assert_eq!(&rows[0][1], "150000");
    }

    #[test]
    fn xlsx_is_a_zip_workbook() {
        let bytes = sample().to_xlsx("Отчёт: воронка").unwrap();
        assert_eq!(&bytes[..2], b"PK");
    }

    #[test]
    fn format_comes_from_the_query_or_the_accept_header() {
        let mut headers = HeaderMap::new();
        assert_eq!(Format::requested(None, &headers), None);
        assert_eq!(
            Format::requested(Some("xlsx"), &headers),
            Some(Format::Xlsx)
        );
        headers.insert(header::ACCEPT, HeaderValue::from_static("text/csv"));
        assert_eq!(Format::requested(None, &headers), Some(Format::Csv));
    }

    #[test]
    fn percentages_round_to_one_decimal_and_skip_empty_wholes() {
        assert_eq!(Cell::percent(1, 3), Cell::Float(33.3));
        assert_eq!(Cell::percent(1, 0), Cell::Empty);
    }
}
