//! What changes, line by line, when one text replaces another: the confirmation before a
//! recruiter's edited vacancy is replaced by a freshly generated one shows this, so nothing is
//! thrown away unseen.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

/// How a line fares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
#[schema(as = VacancyLineChange)]
pub enum Change {
    /// In both texts.
    Same,
    /// Only in the old text: it goes.
    Removed,
    /// Only in the new text: it comes.
    Added,
}

/// One line of the comparison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Line {
    pub change: Change,
    pub text: String,
}

/// The lines of `old` and `new` in reading order, each marked as kept, removed or added.
/// Blank lines, which only separate blocks, are left out: a reader compares what is said.
pub fn lines(old: &str, new: &str) -> Vec<Line> {
    // A last line without its newline would otherwise differ from the same line with one.
    let (old, new) = (ended(old), ended(new));
    TextDiff::from_lines(&old, &new)
        .iter_all_changes()
        .map(|change| Line {
            change: match change.tag() {
                ChangeTag::Equal => Change::Same,
                ChangeTag::Delete => Change::Removed,
                ChangeTag::Insert => Change::Added,
            },
            text: change.value().trim_end_matches(['\n', '\r']).to_owned(),
        })
        .filter(|line| !line.text.trim().is_empty())
        .collect()
}

fn ended(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    if text.is_empty() || text.ends_with('\n') {
        text
    } else {
        text + "\n"
    }
}

/// Whether replacing `old` by `new` changes anything a reader would see (line endings and
/// trailing spaces aside).
pub fn differs(old: &str, new: &str) -> bool {
    let tidy = |t: &str| t.lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
    tidy(old).trim() != tidy(new).trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removed_and_added_lines_are_marked_in_reading_order() {
        let old = "## Роль\n\nВедёт клиентов\nСтарая строка\n";
        let new = "## Роль\n\nВедёт клиентов\nНовая строка\n\n";
        let diff = lines(old, new);
        let marks: Vec<(Change, &str)> = diff.iter().map(|l| (l.change, l.text.as_str())).collect();
        assert_eq!(
            marks,
            vec![
                (Change::Same, "## Роль"),
                (Change::Same, "Ведёт клиентов"),
                (Change::Removed, "Старая строка"),
                (Change::Added, "Новая строка"),
            ]
        );
    }

    #[test]
    fn the_same_text_has_no_changes_and_a_last_line_without_newline_still_counts() {
        assert!(
            lines("a\nb", "a\nb")
                .iter()
                .all(|l| l.change == Change::Same)
        );
        assert!(!differs("a\nb  \n", "a\r\nb"));
        assert!(differs("a\nb", "a\nc"));
        let diff = lines("a", "a\nb");
        let marks: Vec<Change> = diff.iter().map(|l| l.change).collect();
        assert_eq!(marks, vec![Change::Same, Change::Added]);
    }
}
