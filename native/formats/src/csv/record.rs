//! One record's bytes -> its field texts, as Jackson's `CsvDecoder` tokenizes them (Flink's
//! options: no space trimming; quote, escape and delimiter distinct ASCII characters).
//!
//! Jackson, at the start of a field: a CR or LF ends the record (the field is empty), the quote
//! starts a quoted field, the delimiter ends an empty field; otherwise an unquoted field runs to the
//! next delimiter or line end, the escape character taking the next character literally (`0`, `n`,
//! `r`, `t` map to NUL, LF, CR, TAB). In a quoted field, line ends are content, a doubled quote is
//! one quote and the escape works as unquoted; after the closing quote only blanks (chars <= U+0020)
//! may precede the delimiter or line end. With comments allowed, blank lines, lines starting with
//! `#` after spaces, and the spaces before a record's first field are skipped.
//!
//! Accepted here: what Jackson reads without error. Left to Flink: an unterminated quote, other
//! characters after a closing quote, an escape at the end of the record, a record of comments only.

use crate::json::scan::Scan;

use super::CsvOptions;

const UNTERMINATED: &str = "unterminated quoted field";
const AFTER_QUOTE: &str = "characters after a closing quote";
const ESCAPE_AT_END: &str = "escape character at the end of the record";
const LINE_BREAK: &str = "line break outside quotes inside a record";
const NO_RECORD: &str = "comment lines without a record";

/// The text of one field.
pub(super) struct FieldText<'a> {
    pub bytes: &'a [u8],
}

/// The fields of the last split record: ranges into the record, or into `owned` for texts that
/// differ from their bytes (escapes, doubled quotes).
#[derive(Debug, Default)]
pub(super) struct Fields {
    ranges: Vec<(u32, u32, bool)>,
    owned: Vec<u8>,
}

impl Fields {
    pub fn len(&self) -> usize {
        self.ranges.len()
    }

    pub fn text<'a>(&'a self, record: &'a [u8], i: usize) -> &'a [u8] {
        let (start, end, owned) = self.ranges[i];
        let source = if owned { &self.owned } else { record };
        &source[start as usize..end as usize]
    }

    pub fn get<'a>(&'a self, record: &'a [u8], i: usize) -> FieldText<'a> {
        FieldText {
            bytes: self.text(record, i),
        }
    }

    /// Splits `record` (valid UTF-8, at most one line terminator at its end) into fields.
    pub fn split(&mut self, record: &[u8], options: &CsvOptions) -> Scan<()> {
        self.ranges.clear();
        self.owned.clear();
        let mut pos = 0;
        if options.allow_comments {
            pos = skip_comment_lines(record);
            if pos == record.len() {
                return Err(NO_RECORD);
            }
        }
        let end = content_end(record);
        if pos > end {
            return Err(NO_RECORD);
        }
        let rec = &record[..end];
        let sep = options.field_delimiter;
        loop {
            // At the start of a field.
            let Some(&c) = rec.get(pos) else {
                self.push(pos, pos, false);
                return Ok(());
            };
            if Some(c) == options.quote {
                pos = self.quoted(rec, pos + 1, c, options.escape)?;
                // Blanks, then the delimiter or the end.
                while pos < rec.len() && rec[pos] <= b' ' && rec[pos] != sep {
                    if rec[pos] == b'\r' || rec[pos] == b'\n' {
                        return Err(LINE_BREAK);
                    }
                    pos += 1;
                }
                match rec.get(pos) {
                    None => return Ok(()),
                    Some(&b) if b == sep => pos += 1,
                    Some(_) => return Err(AFTER_QUOTE),
                }
            } else {
                match self.unquoted(rec, pos, sep, options.escape)? {
                    Some(next) => pos = next,
                    None => return Ok(()),
                }
            }
        }
    }

    fn push(&mut self, start: usize, end: usize, owned: bool) {
        self.ranges.push((start as u32, end as u32, owned));
    }

    /// An unquoted field from `start`; the position after its delimiter, `None` at the record end.
    fn unquoted(
        &mut self,
        rec: &[u8],
        start: usize,
        sep: u8,
        escape: Option<u8>,
    ) -> Scan<Option<usize>> {
        let mut i = start;
        let specials = Needles::new([sep, b'\r', b'\n', escape.unwrap_or(sep)]);
        while i < rec.len() {
            i = specials.find(rec, i);
            let Some(&b) = rec.get(i) else { break };
            if b == sep {
                self.push(start, i, false);
                return Ok(Some(i + 1));
            }
            if b == b'\r' || b == b'\n' {
                return Err(LINE_BREAK);
            }
            if Some(b) == escape {
                return self.unquoted_owned(rec, start, i, sep, escape);
            }
            i += 1;
        }
        self.push(start, i, false);
        Ok(None)
    }

    /// The rest of an unquoted field whose text is built in `owned` (`rec[start..i]` plain, an
    /// escape at `i`).
    fn unquoted_owned(
        &mut self,
        rec: &[u8],
        start: usize,
        mut i: usize,
        sep: u8,
        escape: Option<u8>,
    ) -> Scan<Option<usize>> {
        let from = self.owned.len();
        self.owned.extend_from_slice(&rec[start..i]);
        while i < rec.len() {
            let b = rec[i];
            if b == sep {
                self.push(from, self.owned.len(), true);
                return Ok(Some(i + 1));
            }
            if b == b'\r' || b == b'\n' {
                return Err(LINE_BREAK);
            }
            if Some(b) == escape {
                i = unescape(rec, i + 1, &mut self.owned)?;
            } else {
                self.owned.push(b);
                i += 1;
            }
        }
        self.push(from, self.owned.len(), true);
        Ok(None)
    }

    /// A quoted field whose content starts at `start`; the position after the closing quote.
    fn quoted(&mut self, rec: &[u8], start: usize, quote: u8, escape: Option<u8>) -> Scan<usize> {
        let mut i = start;
        let specials = Needles::new([quote, escape.unwrap_or(quote), quote, quote]);
        // Plain as long as no doubled quote or escape occurs.
        while i < rec.len() {
            i = specials.find(rec, i);
            let Some(&b) = rec.get(i) else { break };
            if b == quote {
                if rec.get(i + 1) == Some(&quote) {
                    break;
                }
                self.push(start, i, false);
                return Ok(i + 1);
            }
            if Some(b) == escape {
                break;
            }
            i += 1;
        }
        if i >= rec.len() {
            return Err(UNTERMINATED);
        }
        let from = self.owned.len();
        self.owned.extend_from_slice(&rec[start..i]);
        while i < rec.len() {
            let b = rec[i];
            if b == quote {
                if rec.get(i + 1) == Some(&quote) {
                    self.owned.push(quote);
                    i += 2;
                    continue;
                }
                self.push(from, self.owned.len(), true);
                return Ok(i + 1);
            }
            if Some(b) == escape {
                i = unescape(rec, i + 1, &mut self.owned)?;
            } else {
                self.owned.push(b);
                i += 1;
            }
        }
        Err(UNTERMINATED)
    }
}

/// Jackson's `_unescape` of the character at `i` (one whole UTF-8 character); the position after it.
fn unescape(rec: &[u8], i: usize, out: &mut Vec<u8>) -> Scan<usize> {
    let Some(&b) = rec.get(i) else {
        return Err(ESCAPE_AT_END);
    };
    let mapped = match b {
        b'0' => Some(0),
        b'n' => Some(b'\n'),
        b'r' => Some(b'\r'),
        b't' => Some(b'\t'),
        _ => None,
    };
    if let Some(m) = mapped {
        out.push(m);
        return Ok(i + 1);
    }
    let len = match b {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    };
    let ch = rec.get(i..i + len).ok_or(ESCAPE_AT_END)?;
    out.extend_from_slice(ch);
    Ok(i + len)
}

/// Jackson's `_skipCommentLines`: spaces, CR, LF and `#` lines before the record; the record's start.
fn skip_comment_lines(record: &[u8]) -> usize {
    let mut i = 0;
    while let Some(&b) = record.get(i) {
        match b {
            b'#' => {
                while i < record.len() && record[i] != b'\r' && record[i] != b'\n' {
                    i += 1;
                }
            }
            b'\r' | b'\n' | b' ' => i += 1,
            _ => return i,
        }
    }
    i
}

/// The record without its line terminator (`\r\n`, `\n` or `\r`).
fn content_end(record: &[u8]) -> usize {
    match record {
        [.., b'\r', b'\n'] => record.len() - 2,
        [.., b'\n' | b'\r'] => record.len() - 1,
        _ => record.len(),
    }
}

/// Up to four bytes searched for eight bytes at a time (repeat a needle to search for fewer).
struct Needles([u64; 4]);

impl Needles {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;

    fn new(bytes: [u8; 4]) -> Self {
        Needles(bytes.map(|b| Self::LOW * u64::from(b)))
    }

    /// The index of the first needle in `bytes[from..]`, or `bytes.len()`.
    #[inline]
    fn find(&self, bytes: &[u8], mut from: usize) -> usize {
        while let Some(chunk) = bytes.get(from..from + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let x = u64::from_le_bytes(word);
            // A zero byte in x ^ needle marks a match (the classic `haszero`; exact for the lowest one).
            let mut hits = 0;
            for n in self.0 {
                let y = x ^ n;
                hits |= y.wrapping_sub(Self::LOW) & !y & Self::HIGH;
            }
            if hits != 0 {
                return from + (hits.trailing_zeros() / 8) as usize;
            }
            from += 8;
        }
        let needles = self.0.map(|n| n as u8);
        bytes[from..]
            .iter()
            .position(|b| needles.contains(b))
            .map_or(bytes.len(), |p| from + p)
    }
}
