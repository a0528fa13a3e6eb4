//! A table of text cells with named columns: what a CSV file of a tabular package becomes, and
//! what a JSON document is flattened into, so that one builder turns both into a kaart and
//! reports problems the same way.

use std::collections::HashMap;

use super::error::ImportError;
use super::report::{Place, Warnings};

/// One table, e.g. the rows of `services.csv`.
#[derive(Debug, Clone)]
pub struct Table {
    /// The file name shown in warnings and errors.
    pub file: String,
    names: Vec<String>,
    index: HashMap<String, usize>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub place: Place,
    /// May be shorter than the columns: missing cells read as empty.
    cells: Vec<String>,
}

/// A row together with its table, so values can be fetched by column name.
#[derive(Clone, Copy)]
pub struct RowRef<'a> {
    table: &'a Table,
    row: &'a Row,
}

/// Header names are compared in a canonical form, so `Organization ID`, `organization-id` and
/// `ORGANIZATION_ID` all find the `organization_id` column.
pub fn canonical_column(raw: &str) -> String {
    raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '"')
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

impl Table {
    pub fn new(file: impl Into<String>) -> Table {
        Table {
            file: file.into(),
            names: Vec::new(),
            index: HashMap::new(),
            rows: Vec::new(),
        }
    }

    /// The column's index, adding it when new. A repeated header keeps its first column.
    pub fn column(&mut self, raw: &str) -> usize {
        let name = canonical_column(raw);
        if let Some(&i) = self.index.get(&name) {
            return i;
        }
        self.names.push(name.clone());
        self.index.insert(name, self.names.len() - 1);
        self.names.len() - 1
    }

    pub fn has(&self, column: &str) -> bool {
        self.index.contains_key(column)
    }

    /// Fails with a clear error naming the file when a column the builder cannot do without is
    /// absent from the header.
    pub fn require(&self, columns: &[&str]) -> Result<(), ImportError> {
        match columns.iter().find(|c| !self.has(c)) {
            None => Ok(()),
            Some(column) => Err(ImportError::MissingColumn {
                file: self.file.clone(),
                column: column.to_string(),
                found: self.names.join(", "),
            }),
        }
    }

    /// Appends a row; `cells` are `(column index, value)` pairs.
    pub fn push(&mut self, place: Place, cells: Vec<(usize, String)>) -> usize {
        let mut row = Vec::new();
        for (i, value) in cells {
            if row.len() <= i {
                row.resize(i + 1, String::new());
            }
            row[i] = value;
        }
        self.rows.push(Row { place, cells: row });
        self.rows.len() - 1
    }

    /// Fills a cell of an earlier row if it is still empty (used when JSON repeats an object in
    /// another context that adds a link, such as the organisation of a location).
    pub fn fill(&mut self, row: usize, column: usize, value: &str) {
        let cells = &mut self.rows[row].cells;
        if cells.len() <= column {
            cells.resize(column + 1, String::new());
        }
        if cells[column].is_empty() {
            cells[column] = value.to_string();
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = RowRef<'_>> {
        self.rows.iter().map(move |row| RowRef { table: self, row })
    }
}

impl<'a> RowRef<'a> {
    /// The trimmed value of `column`, empty when the column or cell is missing.
    pub fn get(&self, column: &str) -> &'a str {
        self.table
            .index
            .get(column)
            .and_then(|&i| self.row.cells.get(i))
            .map_or("", |v| v.trim())
    }

    /// The first non-empty value among `columns` (aliases across HSDS versions), with the column
    /// it came from; `columns[0]` and "" when all are empty.
    pub fn first(&self, columns: &[&'static str]) -> (&'static str, &'a str) {
        columns
            .iter()
            .map(|&c| (c, self.get(c)))
            .find(|(_, v)| !v.is_empty())
            .unwrap_or((columns[0], ""))
    }

    pub fn place(&self) -> &'a Place {
        &self.row.place
    }

    pub fn file(&self) -> &'a str {
        &self.table.file
    }
}

/// Where the builder finds its tables by (alias) file name.
pub trait Tables {
    /// The first present table among `names`, read and parsed.
    fn table(
        &mut self,
        names: &[&str],
        warnings: &mut Warnings,
    ) -> Result<Option<Table>, ImportError>;
}

/// Tables already in memory (flattened JSON), keyed by the CSV file name they stand for.
#[derive(Debug, Default)]
pub struct TableSet(pub HashMap<String, Table>);

impl Tables for TableSet {
    fn table(&mut self, names: &[&str], _: &mut Warnings) -> Result<Option<Table>, ImportError> {
        Ok(names.iter().find_map(|n| self.0.remove(*n)))
    }
}

/// The field separator, guessed from the header line: Dutch Excel writes `;`, others `,` or tab.
fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    [b',', b';', b'\t', b'|']
        .into_iter()
        .map(|d| (header.bytes().filter(|&b| b == d).count(), d))
        .fold(
            (0, b','),
            |best, cand| if cand.0 > best.0 { cand } else { best },
        )
        .1
}

/// Where a quoted field opens that is never closed, as (data row, field index, line). The csv
/// crate silently reads such a field to the end of the file, hiding the rest of the data; we
/// refuse the file instead. The scan follows the same rules: a quote opens a field only at its
/// start, and `""` inside a quoted field is an escaped quote.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<(usize, usize, usize)> {
    let bytes = text.as_bytes();
    let (mut line, mut record, mut field) = (1, 0, 0);
    let mut at_field_start = true;
    let mut open: Option<(usize, usize, usize)> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if open.is_some() {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    open = None;
                }
            } else if b == b'\n' {
                line += 1;
            }
        } else if b == b'"' && at_field_start {
            open = Some((record, field, line));
        } else if b == delimiter {
            field += 1;
        } else if b == b'\n' {
            line += 1;
            record += 1;
            field = 0;
        }
        at_field_start = open.is_none() && (b == delimiter || b == b'\n');
        i += 1;
    }
    open
}

/// Parses CSV text (already decoded) into a table. Ragged rows are tolerated: missing cells read
/// as empty, surplus cells are dropped with a warning. Entirely empty rows are skipped.
pub fn parse_csv(file: &str, text: &str, warnings: &mut Warnings) -> Result<Table, ImportError> {
    let delimiter = sniff_delimiter(text);
    let mut table = Table::new(file);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(header)) => header,
        Some(Err(e)) => return Err(csv_error(file, &e, "kopregel")),
        None => return Ok(table),
    };
    if let Some((row, field, line)) = unclosed_quote(text, delimiter) {
        let column = match header.get(field) {
            Some(name) if row > 0 => format!(", kolom {}", canonical_column(name)),
            _ => String::new(),
        };
        return Err(ImportError::Csv {
            file: file.to_string(),
            row,
            line,
            problem: format!("een aanhalingsteken{column} wordt nergens gesloten"),
        });
    }
    let columns: Vec<usize> = header.iter().map(|name| table.column(name)).collect();
    for (n, record) in records.enumerate() {
        let record = record.map_err(|e| csv_error(file, &e, "rij"))?;
        let place = Place::Row(n + 1);
        if record.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        if record
            .iter()
            .skip(columns.len())
            .any(|v| !v.trim().is_empty())
        {
            warnings.push(
                file,
                &place,
                None,
                format!(
                    "{} velden, maar de kopregel heeft er {}; de overtollige velden zijn genegeerd",
                    record.len(),
                    columns.len()
                ),
            );
        }
        let cells = columns
            .iter()
            .zip(record.iter())
            .map(|(&c, v)| (c, v.to_string()))
            .collect();
        table.push(place, cells);
    }
    Ok(table)
}

fn csv_error(file: &str, error: &csv::Error, what: &str) -> ImportError {
    let position = error.position();
    ImportError::Csv {
        file: file.to_string(),
        row: position.map_or(0, |p| p.record() as usize),
        line: position.map_or(0, |p| p.line() as usize),
        problem: format!("{what} onleesbaar: {error}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_canonical_and_delimiters_sniffed() {
        assert_eq!(
            canonical_column("\u{feff} Organization ID "),
            "organization_id"
        );
        assert_eq!(canonical_column("opens-at"), "opens_at");
        let mut warnings = Warnings::default();
        let table = parse_csv("s.csv", "ID;Name\n1;Een;extra\n\n2;Twee\n", &mut warnings).unwrap();
        let rows: Vec<_> = table.iter().map(|r| (r.get("id"), r.get("name"))).collect();
        assert_eq!(rows, vec![("1", "Een"), ("2", "Twee")]);
        assert_eq!(warnings.into_vec().len(), 1);
    }

    #[test]
    fn an_unclosed_quote_names_row_column_and_line() {
        let text = "id,name,description\n1,A,\"fine, quoted\"\"\"\n2,B,\"never closed\n3,C,x\n";
        let err = parse_csv("services.csv", text, &mut Warnings::default()).unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("services.csv, rij 2 (regel 3)"),
            "{message}"
        );
        assert!(message.contains("kolom description"), "{message}");
    }
}
