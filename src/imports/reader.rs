//! Reading a job-board CSV export: the text encoding (UTF-8 with or without BOM, or
//! Windows-1251, common in Russian exports), the delimiter (`;` or `,`), and the columns,
//! whose headings may be in English or Russian. Pure: bytes in, rows of text out.

use std::collections::BTreeMap;

/// The largest file taken, and the most lines in it.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
pub const MAX_ROWS: usize = 50_000;

/// The fields an import knows, in the order an export writes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Column {
    FullName,
    Email,
    Phone,
    Title,
    Company,
    ExpectedSalary,
    Currency,
    Link,
    Source,
    /// The stage of the person's latest application, as the export writes it.
    Stage,
}

impl Column {
    pub const ALL: [Column; 10] = [
        Column::FullName,
        Column::Email,
        Column::Phone,
        Column::Title,
        Column::Company,
        Column::ExpectedSalary,
        Column::Currency,
        Column::Link,
        Column::Source,
        Column::Stage,
    ];

    /// The locale key of the column's heading, as an export writes it.
    pub fn heading_key(self) -> &'static str {
        match self {
            Column::FullName => "import-col-full_name",
            Column::Email => "import-col-email",
            Column::Phone => "import-col-phone",
            Column::Title => "import-col-title",
            Column::Company => "import-col-company",
            Column::ExpectedSalary => "import-col-expected_salary",
            Column::Currency => "import-col-currency",
            Column::Link => "import-col-link",
            Column::Source => "import-col-source",
            Column::Stage => "csv-col-stage",
        }
    }

    /// The field name used in per-row messages and the API.
    pub fn field(self) -> &'static str {
        match self {
            Column::FullName => "full_name",
            Column::Email => "email",
            Column::Phone => "phone",
            Column::Title => "current_title",
            Column::Company => "current_company",
            Column::ExpectedSalary => "expected_salary",
            Column::Currency => "currency",
            Column::Link => "links",
            Column::Source => "source",
            Column::Stage => "stage",
        }
    }

    /// The column a heading names, in either language and the spellings job boards use.
    pub fn from_heading(heading: &str) -> Option<Column> {
        let h: String = heading
            .trim_start_matches('\u{feff}')
            .trim()
            .trim_end_matches(['*', ':'])
            .trim()
            .to_lowercase()
            .replace(['_', '-'], " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let column = match h.as_str() {
            "name"
            | "full name"
            | "candidate"
            | "фио"
            | "ф.и.о."
            | "имя"
            | "имя и фамилия"
            | "фамилия имя отчество"
            | "кандидат" => Column::FullName,
            "email"
            | "e mail"
            | "mail"
            | "почта"
            | "электронная почта"
            | "эл. почта"
            | "эл.почта" => Column::Email,
            "phone" | "telephone" | "mobile" | "телефон" | "мобильный телефон" | "тел." => {
                Column::Phone
            }
            "title" | "job title" | "current title" | "должность" | "текущая должность" => {
                Column::Title
            }
            "company"
            | "current company"
            | "employer"
            | "компания"
            | "место работы"
            | "организация"
            | "текущая компания" => Column::Company,
            "expected salary"
            | "salary"
            | "desired salary"
            | "зарплата"
            | "ожидаемая зарплата"
            | "желаемая зарплата"
            | "зарплатные ожидания" => Column::ExpectedSalary,
            "currency" | "валюта" => Column::Currency,
            "link"
            | "links"
            | "url"
            | "profile"
            | "ссылка"
            | "ссылки"
            | "ссылка на резюме"
            | "резюме" => Column::Link,
            "source" | "источник" => Column::Source,
            "stage" | "этап" | "стадия" => Column::Stage,
            _ => return None,
        };
        Some(column)
    }
}

/// Which text encoding the file is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Windows1251,
}

impl Encoding {
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Windows1251 => "windows-1251",
        }
    }

    /// `auto`/blank → None (detect), or one of the two names.
    pub fn parse(text: &str) -> Result<Option<Encoding>, UnknownEncoding> {
        match text.trim().to_lowercase().as_str() {
            "" | "auto" => Ok(None),
            "utf-8" | "utf8" => Ok(Some(Encoding::Utf8)),
            "windows-1251" | "cp1251" | "win1251" => Ok(Some(Encoding::Windows1251)),
            _ => Err(UnknownEncoding),
        }
    }
}

/// An encoding name that is neither UTF-8 nor Windows-1251.
#[derive(Debug)]
pub struct UnknownEncoding;

/// Why a file cannot be read at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileProblem {
    Empty,
    TooBig,
    TooManyRows,
    NotCsv,
    NoNameColumn,
}

/// The file as text lines of known columns.
#[derive(Debug)]
pub struct CsvFile {
    pub encoding: Encoding,
    pub delimiter: u8,
    /// Data lines, each with its line number in the file and its cells by column.
    pub rows: Vec<(i32, BTreeMap<Column, String>)>,
}

/// Decodes the bytes: a BOM or valid UTF-8 is UTF-8, anything else is taken as Windows-1251
/// unless the user chose.
pub fn decode(bytes: &[u8], chosen: Option<Encoding>) -> (String, Encoding) {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let encoding = chosen.unwrap_or_else(|| {
        if std::str::from_utf8(bytes).is_ok() {
            Encoding::Utf8
        } else {
            Encoding::Windows1251
        }
    });
    let text = match encoding {
        Encoding::Utf8 => String::from_utf8_lossy(bytes).into_owned(),
        Encoding::Windows1251 => encoding_rs::WINDOWS_1251.decode(bytes).0.into_owned(),
    };
    (text, encoding)
}

/// `;`, tab or `,`: whichever the heading line has most of, outside quotes.
pub fn detect_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let mut counts = [(b';', 0), (b'\t', 0), (b',', 0)];
    let mut quoted = false;
    for byte in first.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(entry) = counts.iter_mut().find(|(d, _)| *d == byte) {
            entry.1 += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|(d, count)| (*count, *d == b','))
        .filter(|(_, count)| *count > 0)
        .map_or(b',', |(d, _)| d)
}

/// Our exports put an apostrophe before a cell a spreadsheet would run as a formula
/// (`'+79161234567`); reading it back takes the guard off.
fn undefuse(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => cell,
    }
}

/// Reads the whole file, or says why it cannot be read.
pub fn read(bytes: &[u8], chosen: Option<Encoding>) -> Result<CsvFile, FileProblem> {
    if bytes.len() > MAX_BYTES {
        return Err(FileProblem::TooBig);
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) || bytes == b"\xef\xbb\xbf" {
        return Err(FileProblem::Empty);
    }
    // Spreadsheets, archives, PDFs and images are not CSV, whatever their name says.
    if bytes.contains(&0) || infer::get(bytes).is_some() {
        return Err(FileProblem::NotCsv);
    }
    let (text, encoding) = decode(bytes, chosen);
    let delimiter = detect_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(header)) => header,
        Some(Err(_)) => return Err(FileProblem::NotCsv),
        None => return Err(FileProblem::Empty),
    };
    let mut columns: Vec<Option<Column>> = Vec::new();
    for heading in header.iter() {
        let column = Column::from_heading(heading);
        // The first column of a kind wins; a repeated heading is ignored.
        columns.push(column.filter(|c| !columns.contains(&Some(*c))));
    }
    if !columns.contains(&Some(Column::FullName)) {
        return Err(FileProblem::NoNameColumn);
    }
    let mut rows = Vec::new();
    for record in records {
        let record = record.map_err(|_| FileProblem::NotCsv)?;
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if rows.len() >= MAX_ROWS {
            return Err(FileProblem::TooManyRows);
        }
        let line = record
            .position()
            .map_or(rows.len() as i32 + 2, |p| p.line() as i32);
        let cells = columns
            .iter()
            .zip(record.iter())
            .filter_map(|(column, cell)| column.map(|c| (c, undefuse(cell.trim()).to_owned())))
            .filter(|(_, cell)| !cell.is_empty())
            .collect();
        rows.push((line, cells));
    }
    if rows.is_empty() {
        return Err(FileProblem::Empty);
    }
    Ok(CsvFile {
        encoding,
        delimiter,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_headings_and_semicolons_are_understood() {
        let file = read(
            "ФИО;Email;Телефон;Ожидаемая зарплата\nАнна Петрова;anna@mail.ru;8 916 123-45-67;150 000\n"
                .as_bytes(),
            None,
        )
        .unwrap();
        assert_eq!(file.delimiter, b';');
        assert_eq!(file.encoding, Encoding::Utf8);
        let (line, cells) = &file.rows[0];
        assert_eq!(*line, 2);
        assert_eq!(cells[&Column::FullName], "Анна Петрова");
        assert_eq!(cells[&Column::ExpectedSalary], "150 000");
    }

    #[test]
    fn windows_1251_is_detected_when_the_bytes_are_not_utf8() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("Имя,Email\nБорис,b@mail.ru\n");
        let file = read(&bytes, None).unwrap();
        assert_eq!(file.encoding, Encoding::Windows1251);
        assert_eq!(file.rows[0].1[&Column::FullName], "Борис");
    }

    #[test]
    fn a_bom_is_skipped_and_commas_inside_quotes_do_not_split() {
        let file = read(
            "\u{feff}Name,Company\n\"Anna\",\"Orbita, LLC\"\n".as_bytes(),
            None,
        )
        .unwrap();
        assert_eq!(file.rows[0].1[&Column::Company], "Orbita, LLC");
    }

    #[test]
    fn files_without_a_name_column_or_rows_are_refused() {
        assert_eq!(
            read(b"Email\nx@y.ru\n", None).unwrap_err(),
            FileProblem::NoNameColumn
        );
        assert_eq!(read(b"Name,Email\n", None).unwrap_err(), FileProblem::Empty);
        assert_eq!(read(b"  \n", None).unwrap_err(), FileProblem::Empty);
        assert_eq!(
            read(b"PK\x03\x04\x14\x00\x00\x00", None).unwrap_err(),
            FileProblem::NotCsv
        );
    }

    #[test]
    fn the_export_guard_against_formulas_is_taken_off() {
        let file = read(b"Name,Phone\nAnna,'+79161234567\n", None).unwrap();
        assert_eq!(file.rows[0].1[&Column::Phone], "+79161234567");
    }

    #[test]
    fn the_export_headings_in_both_languages_are_read_back_as_their_columns() {
        use crate::web::i18n::Lang;
        for lang in [Lang::Ru, Lang::En] {
            for column in Column::ALL {
                let heading = lang.text(column.heading_key());
                assert_eq!(Column::from_heading(&heading), Some(column), "{heading}");
            }
        }
    }

    #[test]
    fn delimiters_are_counted_outside_quotes() {
        assert_eq!(detect_delimiter("\"a,b,c\";d;e\n"), b';');
        assert_eq!(detect_delimiter("a,b\n"), b',');
        assert_eq!(detect_delimiter("name\n"), b',');
    }
}
