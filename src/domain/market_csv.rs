//! The CSV of market salary figures an admin or hiring manager uploads, read and checked row
//! by row before anything is stored.
//!
//! The format: a heading line naming the columns, then one row per grade or salary bracket.
//! Columns (any order, English or Russian headings, case ignored): `bracket` (also `grade`,
//! `грейд`, `вилка`), `min` (`от`), `max` (`до`), `median` (`медиана`), `count`
//! (`количество`). Every row needs at least one of min, max and median; `count` is how many
//! résumés or vacancies fall in the bracket. Cells are separated by `;` or `,` (whichever the
//! heading uses, as Russian Excel writes `;`); a BOM is skipped; amounts may carry spaces
//! between thousands, a `₽` and kopecks (`70 000,00`), which are rounded away.

/// More rows than any salary table has: a bigger file is something else.
pub const MAX_ROWS: usize = 500;
const MAX_LABEL: usize = 100;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Bracket,
    Min,
    Max,
    Median,
    Count,
}

impl Column {
    /// The column a heading names, in English or Russian.
    pub fn from_heading(heading: &str) -> Option<Self> {
        let heading = heading.trim().to_lowercase();
        let column = match heading.as_str() {
            "bracket" | "grade" | "label" | "грейд" | "вилка" | "диапазон" | "уровень" => {
                Self::Bracket
            }
            "min" | "from" | "от" | "мин" | "минимум" => Self::Min,
            "max" | "to" | "до" | "макс" | "максимум" => Self::Max,
            "median" | "медиана" => Self::Median,
            "count" | "количество" | "кол-во" | "число" => Self::Count,
            _ => return None,
        };
        Some(column)
    }

    /// The name the API and messages use.
    pub fn name(self) -> &'static str {
        match self {
            Self::Bracket => "bracket",
            Self::Min => "min",
            Self::Max => "max",
            Self::Median => "median",
            Self::Count => "count",
        }
    }
}

/// Why the file as a whole cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileProblem {
    Empty,
    /// A heading that is no known column: the file is probably something else.
    UnknownColumn(String),
    DuplicateColumn(Column),
    /// No min, max or median column: there are no salaries to import.
    NoSalaryColumn,
    TooManyRows,
    /// Broken quoting the reader gave up on.
    Unreadable,
}

impl FileProblem {
    pub fn key(&self) -> &'static str {
        match self {
            Self::Empty => "market-csv-empty",
            Self::UnknownColumn(_) => "market-csv-unknown-column",
            Self::DuplicateColumn(_) => "market-csv-duplicate-column",
            Self::NoSalaryColumn => "market-csv-no-salary-column",
            Self::TooManyRows => "market-csv-too-many-rows",
            Self::Unreadable => "market-csv-unreadable",
        }
    }
}

/// What is wrong with one row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowProblem {
    /// Not a whole amount of at least zero.
    NotAnAmount(Column),
    TooManyCells,
    /// Neither min, max nor median.
    NoFigure,
    MinAboveMax,
    MedianOutside,
    LabelTooLong,
}

impl RowProblem {
    pub fn key(self) -> &'static str {
        match self {
            Self::NotAnAmount(_) => "market-csv-not-an-amount",
            Self::TooManyCells => "market-csv-too-many-cells",
            Self::NoFigure => "market-csv-no-figure",
            Self::MinAboveMax => "market-csv-min-above-max",
            Self::MedianOutside => "market-csv-median-outside",
            Self::LabelTooLong => "market-csv-label-too-long",
        }
    }

    /// The column at fault, when it is one.
    pub fn column(self) -> Option<Column> {
        match self {
            Self::NotAnAmount(column) => Some(column),
            Self::MinAboveMax => Some(Column::Max),
            Self::MedianOutside => Some(Column::Median),
            Self::LabelTooLong => Some(Column::Bracket),
            Self::TooManyCells | Self::NoFigure => None,
        }
    }
}

/// One data row as read, with its line in the file (the heading is line 1) and its problems;
/// a row with no problems can be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarketRow {
    pub line: usize,
    pub bracket: Option<String>,
    pub lower: Option<i64>,
    pub upper: Option<i64>,
    pub median: Option<i64>,
    pub count: Option<i32>,
    pub problems: Vec<RowProblem>,
}

/// `;` when the heading has more of them than commas, outside quotes.
fn delimiter(text: &str) -> u8 {
    let heading = text.lines().next().unwrap_or("");
    let (mut semicolons, mut commas, mut quoted) = (0, 0, false);
    for ch in heading.chars() {
        match ch {
            '"' => quoted = !quoted,
            ';' if !quoted => semicolons += 1,
            ',' if !quoted => commas += 1,
            _ => {}
        }
    }
    if semicolons >= commas && semicolons > 0 {
        b';'
    } else {
        b','
    }
}

/// An amount in whole units: spaces between thousands and a `₽` allowed, kopecks rounded.
/// `Ok(None)` for an empty cell.
fn parse_amount(cell: &str) -> Result<Option<i64>, ()> {
    let cleaned: String = cell
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '₽')
        .collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    let (whole, fraction) = match cleaned.split_once([',', '.']) {
        Some((whole, fraction)) => (whole, fraction),
        None => (cleaned.as_str(), ""),
    };
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) {
        return Err(());
    }
    let mut amount: i64 = whole.parse().map_err(|_| ())?;
    if fraction.starts_with(['5', '6', '7', '8', '9']) {
        amount = amount.checked_add(1).ok_or(())?;
    }
    Ok(Some(amount))
}

/// Reads the text of an uploaded file (already decoded, BOM and all) into rows.
pub fn parse(text: &str) -> Result<Vec<MarketRow>, FileProblem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let heading = loop {
        match records.next() {
            None => return Err(FileProblem::Empty),
            Some(Err(_)) => return Err(FileProblem::Unreadable),
            Some(Ok(record)) if record.iter().all(|c| c.trim().is_empty()) => continue,
            Some(Ok(record)) => break record,
        }
    };
    let mut columns: Vec<Option<Column>> = Vec::new();
    for cell in heading.iter() {
        let name = cell.trim();
        if name.is_empty() {
            columns.push(None);
            continue;
        }
        let column =
            Column::from_heading(name).ok_or(FileProblem::UnknownColumn(name.to_owned()))?;
        if columns.contains(&Some(column)) {
            return Err(FileProblem::DuplicateColumn(column));
        }
        columns.push(Some(column));
    }
    let has = |c: Column| columns.contains(&Some(c));
    if !(has(Column::Min) || has(Column::Max) || has(Column::Median)) {
        return Err(FileProblem::NoSalaryColumn);
    }
    let mut rows = Vec::new();
    for record in records {
        let record = record.map_err(|_| FileProblem::Unreadable)?;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if rows.len() == MAX_ROWS {
            return Err(FileProblem::TooManyRows);
        }
        let start = record.position().map_or(0, |p| p.byte() as usize);
        rows.push(read_row(line_at(text, start), &columns, &record));
    }
    if rows.is_empty() {
        return Err(FileProblem::Empty);
    }
    Ok(rows)
}

/// The line (from 1) a record starting at byte `start` sits on. The reader's own line count
/// is not used: it skips blank lines without counting them, and the user looks rows up by
/// their line in the file.
fn line_at(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = start.min(bytes.len());
    // A record's recorded start may sit on the blank lines skipped before it.
    while matches!(bytes.get(at), Some(b'\r' | b'\n')) {
        at += 1;
    }
    bytes[..at].iter().filter(|b| **b == b'\n').count() + 1
}

fn read_row(line: usize, columns: &[Option<Column>], record: &csv::StringRecord) -> MarketRow {
    let mut row = MarketRow {
        line,
        bracket: None,
        lower: None,
        upper: None,
        median: None,
        count: None,
        problems: Vec::new(),
    };
    for (i, cell) in record.iter().enumerate() {
        let Some(column) = columns.get(i) else {
            if !cell.trim().is_empty() && !row.problems.contains(&RowProblem::TooManyCells) {
                row.problems.push(RowProblem::TooManyCells);
            }
            continue;
        };
        let Some(column) = *column else { continue };
        if column == Column::Bracket {
            let label = cell.trim();
            if label.chars().count() > MAX_LABEL {
                row.problems.push(RowProblem::LabelTooLong);
            }
            row.bracket = Some(label.to_owned()).filter(|l| !l.is_empty());
            continue;
        }
        let Ok(amount) = parse_amount(cell) else {
            row.problems.push(RowProblem::NotAnAmount(column));
            continue;
        };
        match column {
            Column::Min => row.lower = amount,
            Column::Max => row.upper = amount,
            Column::Median => row.median = amount,
            Column::Count => match amount.map(i32::try_from) {
                Some(Err(_)) => row.problems.push(RowProblem::NotAnAmount(column)),
                Some(Ok(count)) => row.count = Some(count),
                None => {}
            },
            Column::Bracket => {}
        }
    }
    let read_ok = |c: Column| !row.problems.contains(&RowProblem::NotAnAmount(c));
    if row.lower.is_none()
        && row.upper.is_none()
        && row.median.is_none()
        && [Column::Min, Column::Max, Column::Median]
            .into_iter()
            .all(read_ok)
    {
        row.problems.push(RowProblem::NoFigure);
    }
    if let (Some(lower), Some(upper)) = (row.lower, row.upper)
        && lower > upper
    {
        row.problems.push(RowProblem::MinAboveMax);
    }
    if let Some(median) = row.median
        && (row.lower.is_some_and(|l| median < l) || row.upper.is_some_and(|u| median > u))
    {
        row.problems.push(RowProblem::MedianOutside);
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_excel_semicolons_bom_and_spaced_amounts_are_read() {
        let text =
            "\u{feff}Грейд;От;До;Медиана;Количество\r\nJunior;60 000;90 000,00;75 000 ₽;120\r\n";
        let rows = parse(text).unwrap();
        assert_eq!(rows.len(), 1);
        let row = &rows[0];
        assert_eq!(row.line, 2);
        assert_eq!(row.bracket.as_deref(), Some("Junior"));
        assert_eq!(
            (row.lower, row.upper, row.median),
            (Some(60000), Some(90000), Some(75000))
        );
        assert_eq!(row.count, Some(120));
        assert!(row.problems.is_empty());
    }

    #[test]
    fn commas_separate_when_the_heading_uses_them_and_quotes_keep_a_comma_in_a_label() {
        let rows = parse("bracket,min,max,count\n\"under 70k, Moscow\",,70000,2322\n").unwrap();
        assert_eq!(rows[0].bracket.as_deref(), Some("under 70k, Moscow"));
        assert_eq!((rows[0].lower, rows[0].upper), (None, Some(70000)));
        assert!(rows[0].problems.is_empty());
    }

    #[test]
    fn each_bad_row_names_its_line_and_problem_and_good_rows_stay_good() {
        let text =
            "min;max;median\n50000;80000;\n\n90000;60000;\nмного;100000;\n;;\n70000;90000;95000\n";
        let rows = parse(text).unwrap();
        let lines: Vec<usize> = rows.iter().map(|r| r.line).collect();
        assert_eq!(
            lines,
            [2, 4, 5, 7],
            "blank lines are skipped, numbering follows the file"
        );
        assert!(rows[0].problems.is_empty());
        assert_eq!(rows[1].problems, [RowProblem::MinAboveMax]);
        assert_eq!(rows[2].problems, [RowProblem::NotAnAmount(Column::Min)]);
        assert_eq!(rows[3].problems, [RowProblem::MedianOutside]);
    }

    #[test]
    fn a_row_without_any_salary_is_refused() {
        let rows = parse("bracket;min;max;count\nJunior;;;40\n").unwrap();
        assert_eq!(rows[0].problems, [RowProblem::NoFigure]);
    }

    #[test]
    fn negative_amounts_are_refused_and_fractions_round() {
        let rows = parse("min;count\n-5;1\n10;2,5\n").unwrap();
        assert_eq!(rows[0].problems, [RowProblem::NotAnAmount(Column::Min)]);
        assert_eq!(
            rows[1].count,
            Some(3),
            "kopecks round, and so does a stray fraction"
        );
        assert_eq!(parse_amount("1.2.3"), Err(()));
        assert_eq!(parse_amount("  "), Ok(None));
    }

    #[test]
    fn cells_beyond_the_heading_are_flagged() {
        let rows = parse("min;max\n1;2;3\n").unwrap();
        assert_eq!(rows[0].problems, [RowProblem::TooManyCells]);
    }

    #[test]
    fn a_file_without_salary_columns_or_rows_or_with_unknown_headings_is_refused() {
        assert_eq!(parse(""), Err(FileProblem::Empty));
        assert_eq!(parse("min;max\n"), Err(FileProblem::Empty));
        assert_eq!(
            parse("bracket;count\nx;1\n"),
            Err(FileProblem::NoSalaryColumn)
        );
        assert_eq!(
            parse("Name;Email\nЕва;eva@mail.test\n"),
            Err(FileProblem::UnknownColumn("Name".into()))
        );
        assert_eq!(
            parse("min;от\n1;2\n"),
            Err(FileProblem::DuplicateColumn(Column::Min))
        );
        let many = format!("min\n{}", "1\n".repeat(MAX_ROWS + 1));
        assert_eq!(parse(&many), Err(FileProblem::TooManyRows));
    }
}
