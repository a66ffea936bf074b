//! One JSON object decoded into one row of a set of columns, with the semantics of Flink's
//! `createRowConverter`: the line's object into the top-level columns, and each nested ROW (Arrow
//! `Struct`) value into the children of its struct column, recursively.

use std::collections::HashMap;

use arrow::array::ArrayRef;
use arrow::datatypes::Fields;
use ember_common::{EmberError, Result};

use super::JsonOptions;
use super::columns::Column;
use super::scan::{Cursor, MAX_DEPTH, MAX_KEY_BYTES, SYNTAX, Scan, unescape};

const DUPLICATE_KEY: &str = "key occurs twice";
const MISSING_FIELD: &str = "missing field with fail-on-missing-field";

/// Up to this many fields, keys are looked up by a linear scan (cheaper than hashing).
const LINEAR_LOOKUP_FIELDS: usize = 16;

/// The fields of one row type (the schema, or a struct's children) and their builders.
#[derive(Debug)]
pub(super) struct Object {
    fail_on_missing_field: bool,
    /// Field names as bytes, in schema order.
    names: Vec<Box<[u8]>>,
    /// Per field, `name"` as it appears raw in a line when the name needs no escaping (else empty):
    /// the key expected next is compared in place, without scanning it as a string first.
    raw_keys: Vec<Box<[u8]>>,
    /// Name -> column, for rows wider than [`LINEAR_LOOKUP_FIELDS`].
    index: HashMap<Box<[u8]>, usize>,
    columns: Vec<Column>,
    /// `seen[c] == stamp`: column `c` already has a value in the current object.
    seen: Vec<u64>,
    /// Incremented per object, so `seen` never needs clearing.
    stamp: u64,
}

impl Object {
    /// Builders for `fields`, the fields of a row at nesting level `depth` (the schema is level 1).
    ///
    /// # Errors
    /// `EmberError::Unsupported` for a field type outside the decoder's table, a field name that
    /// occurs twice, or rows nested deeper than [`MAX_DEPTH`].
    pub fn try_new(fields: &Fields, options: JsonOptions, depth: u32) -> Result<Self> {
        if depth > MAX_DEPTH {
            return Err(EmberError::Unsupported(format!(
                "JSON rows nested deeper than {MAX_DEPTH} levels are not decoded natively"
            )));
        }
        let columns = fields
            .iter()
            .map(|f| Column::try_new(f, options, depth))
            .collect::<Result<Vec<_>>>()?;
        let names: Vec<Box<[u8]>> = fields
            .iter()
            .map(|f| Box::from(f.name().as_bytes()))
            .collect();
        let mut index = HashMap::with_capacity(names.len());
        for (i, name) in names.iter().enumerate() {
            if index.insert(name.clone(), i).is_some() {
                return Err(EmberError::Unsupported(format!(
                    "JSON field `{}` occurs twice in its row",
                    fields[i].name()
                )));
            }
        }
        if names.len() <= LINEAR_LOOKUP_FIELDS {
            index = HashMap::new();
        }
        let raw_keys = names
            .iter()
            .map(|name| {
                let plain = !name.iter().any(|&b| b == b'"' || b == b'\\' || b < 0x20);
                if !plain || name.len() > MAX_KEY_BYTES {
                    Box::default()
                } else {
                    [name, &b"\""[..]].concat().into_boxed_slice()
                }
            })
            .collect();
        Ok(Object {
            fail_on_missing_field: options.fail_on_missing_field,
            seen: vec![0; columns.len()],
            names,
            raw_keys,
            index,
            columns,
            stamp: 0,
        })
    }

    /// Prepares every column for a batch of up to `lines` rows.
    pub fn start(&mut self, lines: usize) {
        for column in &mut self.columns {
            column.start(lines);
        }
    }

    /// Drops the rows decoded so far; keeps the allocations.
    pub fn clear(&mut self) {
        for column in &mut self.columns {
            column.clear();
        }
    }

    /// Appends a NULL to every column whatever its nullability: the row is a child of a NULL struct
    /// (Arrow allows nulls in a non-nullable child where the parent is null).
    pub fn masked_null(&mut self) {
        for column in &mut self.columns {
            column.masked_null();
        }
    }

    /// The columns of the batch; the builders are empty afterwards.
    pub fn finish(&mut self) -> Result<Vec<ArrayRef>> {
        self.columns.iter_mut().map(Column::finish).collect()
    }

    /// Decodes the members of an object into one row; the cursor is just after the `{`, and after
    /// the closing `}` on success. `depth` is the nesting level of this object (the line's is 1).
    ///
    /// As in Flink: unknown keys are skipped, a missing key is NULL (a fallback with
    /// `fail_on_missing_field`, where Flink fails). A known key twice is left to Flink, which counts
    /// duplicates towards the arity and then skips later fields.
    #[inline]
    pub fn members(&mut self, cur: &mut Cursor<'_>, scratch: &mut Vec<u8>, depth: u32) -> Scan<()> {
        self.stamp += 1;
        let stamp = self.stamp;
        let mut found = 0;
        // Objects usually repeat one key order: try the field after the previous key first.
        let mut hint = 0;
        cur.skip_ws();
        if cur.peek() == b'}' {
            cur.pos += 1;
        } else {
            loop {
                if cur.peek() != b'"' {
                    return Err(SYNTAX);
                }
                let line = cur.line;
                let column = match self.raw_keys.get(hint) {
                    // The expected key, as raw bytes up to its closing quote: valid UTF-8 (it is a
                    // Rust string), no escapes and no control characters, so it needs no scanning.
                    Some(raw_key)
                        if !raw_key.is_empty()
                            && line
                                .get(cur.pos + 1..cur.pos + 1 + raw_key.len())
                                .is_some_and(|at| short_eq(at, raw_key)) =>
                    {
                        cur.pos += 1 + raw_key.len();
                        Some(hint)
                    }
                    _ => {
                        let key = cur.key()?;
                        let raw = &line[key.start..key.end];
                        if key.escaped {
                            scratch.clear();
                            unescape(raw, scratch)?;
                            self.lookup(scratch)
                        } else {
                            self.lookup(raw)
                        }
                    }
                };
                cur.skip_ws();
                cur.expect(b':')?;
                cur.skip_ws();
                match column {
                    Some(c) => {
                        if self.seen[c] == stamp {
                            return Err(DUPLICATE_KEY);
                        }
                        self.seen[c] = stamp;
                        found += 1;
                        hint = c + 1;
                        self.columns[c].value(cur, scratch, depth)?;
                    }
                    None => cur.skip_value(depth)?,
                }
                cur.skip_ws();
                match cur.peek() {
                    b',' => {
                        cur.pos += 1;
                        cur.skip_ws();
                    }
                    b'}' => {
                        cur.pos += 1;
                        break;
                    }
                    _ => return Err(SYNTAX),
                }
            }
        }
        if found < self.columns.len() {
            if self.fail_on_missing_field {
                return Err(MISSING_FIELD);
            }
            for (column, &seen) in self.columns.iter_mut().zip(&self.seen) {
                if seen != stamp {
                    column.null()?;
                }
            }
        }
        Ok(())
    }

    /// The column named `key`.
    #[inline]
    fn lookup(&self, key: &[u8]) -> Option<usize> {
        if self.names.len() <= LINEAR_LOOKUP_FIELDS {
            self.names.iter().position(|name| **name == *key)
        } else {
            self.index.get(key).copied()
        }
    }
}

/// `a == b` for slices of equal length, without a libc call for the usual short keys: two
/// overlapping word compares cover 8..=16 bytes, two 4-byte compares 4..=7.
#[inline(always)]
fn short_eq(a: &[u8], b: &[u8]) -> bool {
    fn word<const N: usize>(s: &[u8], at: usize) -> Option<&[u8; N]> {
        s.get(at..).and_then(<[u8]>::first_chunk::<N>)
    }
    let n = a.len();
    match n {
        8..=16 => word::<8>(a, 0) == word(b, 0) && word::<8>(a, n - 8) == word(b, n - 8),
        4..=7 => word::<4>(a, 0) == word(b, 0) && word::<4>(a, n - 4) == word(b, n - 4),
        _ => a == b,
    }
}
