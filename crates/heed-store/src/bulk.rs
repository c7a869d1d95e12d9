//! Rows written in bulk (an import's items and events), in a form both backends take: SQLite
//! as multi-row INSERTs (`engine::bulk`), PostgreSQL through `COPY ... FROM STDIN` in its
//! text format ([`Rows::copy_text`]), which its server reads without planning or binding a
//! statement per thousand rows.

/// One value of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Cell {
    Int(Option<i64>),
    Text(Option<String>),
    Bool(bool),
    /// Text that PostgreSQL reads as another type (`jsonb`, `tsvector`): an INSERT casts
    /// it there; COPY reads the column's type from the text itself. SQLite keeps the text.
    Cast(String, &'static str),
}

impl From<i64> for Cell {
    fn from(v: i64) -> Cell {
        Cell::Int(Some(v))
    }
}

impl From<Option<i64>> for Cell {
    fn from(v: Option<i64>) -> Cell {
        Cell::Int(v)
    }
}

impl From<String> for Cell {
    fn from(v: String) -> Cell {
        Cell::Text(Some(v))
    }
}

impl From<Option<String>> for Cell {
    fn from(v: Option<String>) -> Cell {
        Cell::Text(v)
    }
}

impl From<&str> for Cell {
    fn from(v: &str) -> Cell {
        Cell::Text(Some(v.to_string()))
    }
}

impl From<Option<&str>> for Cell {
    fn from(v: Option<&str>) -> Cell {
        Cell::Text(v.map(str::to_string))
    }
}

impl From<bool> for Cell {
    fn from(v: bool) -> Cell {
        Cell::Bool(v)
    }
}

/// Rows of one table, all with the same columns.
#[derive(Debug, Clone)]
pub(crate) struct Rows {
    pub(crate) table: &'static str,
    pub(crate) columns: Vec<&'static str>,
    cells: Vec<Cell>,
}

impl Rows {
    pub(crate) fn new(table: &'static str, columns: &[&'static str]) -> Rows {
        Rows {
            table,
            columns: columns.to_vec(),
            cells: Vec::new(),
        }
    }

    /// Adds a row: one cell for each column, in the columns' order. An array or a chain
    /// of them, so a row costs no allocation of its own.
    pub(crate) fn push(&mut self, row: impl IntoIterator<Item = Cell>) {
        let before = self.cells.len();
        self.cells.extend(row);
        assert_eq!(
            self.cells.len() - before,
            self.columns.len(),
            "a row of {} has one value a column",
            self.table
        );
    }

    pub(crate) fn len(&self) -> usize {
        self.cells.len() / self.columns.len().max(1)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// Every cell, row after row, with the number of cells a row has.
    pub(crate) fn into_cells(self) -> (usize, std::vec::IntoIter<Cell>) {
        (self.columns.len().max(1), self.cells.into_iter())
    }

    /// The `COPY` statement these rows are sent to.
    pub(crate) fn copy_statement(&self) -> String {
        format!(
            "COPY {} ({}) FROM STDIN",
            self.table,
            self.columns.join(", ")
        )
    }

    /// The rows in PostgreSQL's COPY text format: a line a row, values separated by tabs,
    /// `\N` for NULL, and backslash, tab, newline and carriage return escaped.
    pub(crate) fn copy_text(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.cells.len() * 16);
        for row in self.cells.chunks(self.columns.len().max(1)) {
            for (i, cell) in row.iter().enumerate() {
                if i > 0 {
                    out.push(b'\t');
                }
                match cell {
                    Cell::Int(Some(v)) => out.extend_from_slice(v.to_string().as_bytes()),
                    Cell::Text(Some(s)) | Cell::Cast(s, _) => escape(&mut out, s),
                    Cell::Bool(b) => out.push(if *b { b't' } else { b'f' }),
                    Cell::Int(None) | Cell::Text(None) => out.extend_from_slice(b"\\N"),
                }
            }
            out.push(b'\n');
        }
        out
    }
}

fn escape(out: &mut Vec<u8>, s: &str) {
    for b in s.bytes() {
        match b {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b => out.push(b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_text_escapes_what_would_end_a_value_or_a_row() {
        let mut rows = Rows::new("t", &["a", "b", "c", "d"]);
        rows.push(vec![
            7.into(),
            "tab\there\nnew \\ line\r".into(),
            Cell::Text(None),
            true.into(),
        ]);
        rows.push(vec![
            Cell::Int(None),
            Cell::Cast("{\"k\": \"v\"}".into(), "jsonb"),
            "".into(),
            false.into(),
        ]);
        assert_eq!(rows.len(), 2);
        assert_eq!(
            String::from_utf8(rows.copy_text()).unwrap(),
            "7\ttab\\there\\nnew \\\\ line\\r\t\\N\tt\n\\N\t{\"k\": \"v\"}\t\tf\n"
        );
        assert_eq!(rows.copy_statement(), "COPY t (a, b, c, d) FROM STDIN");
        let (width, cells) = rows.into_cells();
        let cells: Vec<Cell> = cells.collect();
        assert_eq!((width, cells.len()), (4, 8));
        assert_eq!(cells[4], Cell::Int(None));
    }
}
