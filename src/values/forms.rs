//! The values form: one row per value (`code_<i>`, `name_<i>`, `description_<i>`, `theme_<i>`,
//! `order_<i>`, a `remove_<i>` box) and blank rows to add values. Rows are read into the list
//! the operation takes, in the order typed; messages about the list go back beside the row.

use super::model::AgencyValue;
use crate::error::FieldError;
use crate::web::i18n::Message;

/// A row of the form as typed.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct ValueRow {
    pub code: String,
    pub name: String,
    pub description: String,
    pub theme: String,
    pub order: String,
    pub remove: bool,
    /// A stored value (its code is shown, not edited).
    pub existing: bool,
}

impl ValueRow {
    fn is_blank(&self) -> bool {
        self.code.trim().is_empty()
            && self.name.trim().is_empty()
            && self.description.trim().is_empty()
    }
}

/// The rows of a posted form, by their index.
pub fn rows(pairs: &[(String, String)]) -> Vec<ValueRow> {
    let count: usize = pairs
        .iter()
        .find(|(k, _)| k == "rows")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0)
        .min(100);
    let get = |name: String| {
        pairs
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    (0..count)
        .map(|i| ValueRow {
            code: get(format!("code_{i}")),
            name: get(format!("name_{i}")),
            description: get(format!("description_{i}")),
            theme: get(format!("theme_{i}")),
            order: get(format!("order_{i}")),
            remove: !get(format!("remove_{i}")).is_empty(),
            existing: get(format!("existing_{i}")) == "1",
        })
        .collect()
}

/// The list the rows ask for, and for each value the row it came from. Blank and removed rows
/// drop out; rows are put in the order of their `order` numbers (ties and blanks keep the
/// form's order); a new row with no code gets the first free `value_<n>`. An order that is
/// not a number is refused beside its row.
pub fn list(rows: &[ValueRow]) -> Result<(Vec<AgencyValue>, Vec<usize>), Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut kept: Vec<(i64, usize)> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        if row.remove || row.is_blank() {
            continue;
        }
        let order = match row.order.trim() {
            "" => i as i64 + 1,
            text => match text.parse::<i64>() {
                Ok(n) => n,
                Err(_) => {
                    errors.push(FieldError::new(
                        format!("order_{i}"),
                        Message::new("field-value-order"),
                    ));
                    i as i64 + 1
                }
            },
        };
        kept.push((order, i));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    kept.sort_by_key(|(order, i)| (*order, *i));
    let taken: Vec<String> = rows.iter().map(|r| r.code.trim().to_owned()).collect();
    let mut next = 1;
    let mut values = Vec::new();
    let mut from = Vec::new();
    for (_, i) in kept {
        let row = &rows[i];
        let mut code = row.code.trim().to_owned();
        if code.is_empty() {
            while taken.contains(&format!("value_{next}")) {
                next += 1;
            }
            code = format!("value_{next}");
            next += 1;
        }
        values.push(AgencyValue {
            code,
            name: row.name.clone(),
            description: row.description.clone(),
            theme: Some(row.theme.clone()).filter(|t| !t.trim().is_empty()),
        });
        from.push(i);
    }
    Ok((values, from))
}

/// `[k].name` about the k-th value of the list becomes `name_<row>` beside its row.
pub fn on_the_form(mut error: FieldError, from: &[usize]) -> FieldError {
    let parsed = error
        .field
        .strip_prefix('[')
        .and_then(|rest| rest.split_once("]."))
        .and_then(|(k, field)| Some((k.parse::<usize>().ok()?, field.to_owned())));
    if let Some((k, field)) = parsed
        && let Some(row) = from.get(k)
    {
        error.field = format!("{field}_{row}");
    }
    error
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(code: &str, name: &str, order: &str) -> ValueRow {
        ValueRow {
            code: code.into(),
            name: name.into(),
            order: order.into(),
            ..Default::default()
        }
    }

    #[test]
    fn rows_are_put_in_the_order_typed_and_blank_and_removed_rows_drop_out() {
        let mut removed = row("gone", "Ушедшая", "1");
        removed.remove = true;
        let rows = vec![
            row("a", "Первая", "3"),
            removed,
            row("", "", ""),
            row("b", "Вторая", "2"),
        ];
        let (values, from) = list(&rows).unwrap();
        let codes: Vec<&str> = values.iter().map(|v| v.code.as_str()).collect();
        assert_eq!(codes, vec!["b", "a"]);
        assert_eq!(from, vec![3, 0]);
    }

    #[test]
    fn a_new_row_without_a_code_gets_the_first_free_one() {
        let rows = vec![row("value_1", "Первая", ""), row("", "Новая", "")];
        let (values, _) = list(&rows).unwrap();
        assert_eq!(values[1].code, "value_2");
    }

    #[test]
    fn an_order_that_is_not_a_number_is_refused_beside_its_row() {
        let errors = list(&[row("a", "Первая", "первой")]).unwrap_err();
        assert_eq!(errors[0].field, "order_0");
    }

    #[test]
    fn a_message_about_the_list_sits_beside_the_row_it_came_from() {
        let error = FieldError::new("[1].code", Message::new("field-value-code-taken"));
        assert_eq!(on_the_form(error, &[4, 2]).field, "code_2");
        let error = FieldError::new("values", Message::new("field-values-too-many"));
        assert_eq!(on_the_form(error, &[4, 2]).field, "values");
    }
}
