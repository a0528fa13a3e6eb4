//! Checks exports against the official HSDS 3.0 schema: `$LOKET_HSDS/schema`, else
//! `../shared/hsds/schema` next to the repository, else the verbatim copy in
//! `tests/fixtures/hsds` (CC BY-SA 4.0, see its NOTICE), so the test runs on any machine
//! (JSON Schema 2020-12, one file per object, `$ref`s by file name resolved from the same folder).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use jsonschema::{Retrieve, Uri, Validator};
use serde_json::{Map, Value};

/// The HSDS folder: `$LOKET_HSDS`, else `../shared/hsds`, else the copy in the tests.
pub fn hsds_dir() -> PathBuf {
    let repository = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::env::var_os("LOKET_HSDS")
        .map(PathBuf::from)
        .or_else(|| Some(repository.join("../shared/hsds")).filter(|d| d.join("schema").is_dir()))
        .unwrap_or_else(|| repository.join("tests/fixtures/hsds"))
}

fn schema_dir() -> PathBuf {
    hsds_dir().join("schema")
}

fn load(name: &str) -> Value {
    let path = schema_dir().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; the HSDS 3.0 schema is expected in $LOKET_HSDS, ../shared/hsds or tests/fixtures/hsds",
            path.display()
        )
    });
    serde_json::from_str(&text).unwrap()
}

/// Resolves `$ref: "phone.json"` (against the base `json-schema:///`) from the schema folder.
struct LocalFiles;

impl Retrieve for LocalFiles {
    fn retrieve(
        &self,
        uri: &Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri.as_str().rsplit('/').next().unwrap_or_default();
        Ok(load(name))
    }
}

/// Validators for the HSDS objects, by name (`service`, `organization`, ...).
pub struct Hsds {
    validators: HashMap<String, Validator>,
    /// The properties of each object, and whether they are scalar (CSV columns).
    objects: HashMap<String, Value>,
}

impl Hsds {
    pub fn load() -> Hsds {
        let mut validators = HashMap::new();
        let mut objects = HashMap::new();
        for name in [
            "service",
            "organization",
            "location",
            "address",
            "service_at_location",
            "phone",
            "schedule",
            "taxonomy",
            "taxonomy_term",
            "attribute",
        ] {
            let schema = load(&format!("{name}.json"));
            let validator = jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .with_retriever(LocalFiles)
                .build(&schema)
                .unwrap_or_else(|e| panic!("{name}.json: {e}"));
            validators.insert(name.to_string(), validator);
            objects.insert(name.to_string(), schema);
        }
        Hsds {
            validators,
            objects,
        }
    }

    /// Every schema error of `instance` as an `object: path: message` line.
    pub fn errors(&self, object: &str, instance: &Value) -> Vec<String> {
        self.validators[object]
            .iter_errors(instance)
            .map(|e| format!("{object} {}: {e}", e.instance_path()))
            .collect()
    }

    /// The scalar fields of `object` (sorted): the columns of its CSV file.
    pub fn columns(&self, object: &str) -> Vec<String> {
        let properties = self.objects[object]["properties"].as_object().unwrap();
        properties
            .iter()
            .filter(|(_, p)| p.get("type").is_some_and(|t| t != "array" && t != "object"))
            .map(|(name, _)| name.clone())
            .collect()
    }

    fn type_of(&self, object: &str, field: &str) -> String {
        self.objects[object]["properties"][field]["type"]
            .as_str()
            .unwrap_or("string")
            .to_string()
    }

    fn required(&self, object: &str) -> Vec<String> {
        self.objects[object]["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    }

    /// Every schema error in the JSON export `items` (services, then organisations and
    /// locations without services).
    pub fn json_export_errors(&self, items: &[Value]) -> Vec<String> {
        items
            .iter()
            .flat_map(|item| {
                let object = if item.get("status").is_some() {
                    "service"
                } else if item.get("locations").is_some() {
                    "organization"
                } else {
                    "location"
                };
                self.errors(object, item)
            })
            .collect()
    }

    /// Every problem in the tabular export in `dir`: a file whose columns differ from the
    /// schema's fields, and every row that, read as an object (empty cells absent, numbers as
    /// numbers), fails the schema or lacks a required field.
    pub fn csv_export_errors(&self, dir: &Path) -> Vec<String> {
        let package: Value =
            serde_json::from_slice(&std::fs::read(dir.join("datapackage.json")).unwrap()).unwrap();
        let mut problems = Vec::new();
        for resource in package["resources"].as_array().unwrap() {
            let object = resource["name"].as_str().unwrap();
            let file = resource["path"].as_str().unwrap();
            let mut reader = csv::Reader::from_path(dir.join(file)).unwrap();
            let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
            let mut columns = header.clone();
            columns.sort();
            if columns != self.columns(object) {
                problems.push(format!(
                    "{file}: columns {columns:?} are not {:?}",
                    self.columns(object)
                ));
            }
            let required = self.required(object);
            for (n, record) in reader.records().enumerate() {
                let record = record.unwrap();
                let mut row = Map::new();
                for (column, cell) in header.iter().zip(record.iter()) {
                    if cell.is_empty() && !required.contains(column) {
                        continue;
                    }
                    let value = match self.type_of(object, column).as_str() {
                        "number" | "integer" => match cell.parse::<f64>() {
                            Ok(n) => Value::from(n),
                            Err(_) => Value::String(cell.to_string()),
                        },
                        _ => Value::String(cell.to_string()),
                    };
                    row.insert(column.clone(), value);
                }
                for column in &required {
                    let empty = row.get(column).is_none_or(|v| v == "");
                    // An empty description is still a description; other required fields
                    // must say something.
                    if empty && column != "description" {
                        problems.push(format!("{file} row {}: required {column} is empty", n + 1));
                    }
                }
                for error in self.errors(object, &Value::Object(row)) {
                    problems.push(format!("{file} row {}: {error}", n + 1));
                }
            }
        }
        problems
    }
}
