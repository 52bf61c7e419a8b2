//! What a report shows, whatever it computes: a chart, tables with captions, and notes. The
//! page draws it, the CSV download is its first table, the XLSX workbook has every table.

use serde::Serialize;

use crate::web::tabular::{Cell, Table};

#[derive(Clone, Debug, Serialize)]
pub struct Section {
    pub caption: String,
    pub table: Table,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Output {
    /// Inline SVG, drawn on the server.
    pub chart: Option<String>,
    pub sections: Vec<Section>,
    /// Remarks under the tables, e.g. how many people a figure rests on.
    pub notes: Vec<String>,
}

impl Output {
    pub fn with_chart(chart: super::chart::BarChart) -> Self {
        Self {
            chart: Some(chart.to_svg()),
            ..Self::default()
        }
    }

    pub fn section(&mut self, caption: String, table: Table) {
        self.sections.push(Section { caption, table });
    }

    /// The table a CSV download carries: the report's main one.
    pub fn main_table(&self) -> Table {
        self.sections
            .first()
            .map(|s| s.table.clone())
            .unwrap_or_default()
    }
}

/// A figure with one decimal, as the tables show it.
pub fn one_decimal(value: Option<f64>) -> Cell {
    Cell::rounded(value, 1)
}
