//! The lexical layer: a cursor over one line that recognises strict RFC 8259 tokens.
//!
//! Every function either consumes exactly one well-formed token (or a whole nested value) or returns
//! the static reason why the line is outside the fast path. Nothing here allocates except
//! [`unescape`], which appends to a buffer owned by the caller.
//!
//! The end of the line reads as byte 0 ([`Cursor::peek`]); 0 never starts a token and is a
//! control character inside strings, so every token check also rejects a truncated line.

/// Why a line is left to Flink's own deserializer.
pub(crate) type Scan<T> = std::result::Result<T, &'static str>;

/// Raw string content longer than this (in bytes) is left to Flink.
pub(super) const MAX_STRING_BYTES: usize = 1 << 20;
/// Keys longer than this (in raw bytes) are left to Flink: Jackson's `StreamReadConstraints` rejects
/// names over 50,000 chars, and a key never has more chars than raw bytes.
pub(super) const MAX_KEY_BYTES: usize = 50_000;
/// Number tokens longer than this (in characters) are left to Flink.
pub(crate) const MAX_NUMBER_CHARS: usize = 100;
/// Objects/arrays nested deeper than this (the line's object is level 1) are left to Flink.
pub(super) const MAX_DEPTH: u32 = 64;

pub(super) const SYNTAX: &str = "invalid JSON syntax";
pub(super) const BAD_ESCAPE: &str = "invalid escape in string";
pub(super) const LONE_SURROGATE: &str = "unpaired surrogate escape";
pub(super) const CONTROL_CHAR: &str = "unescaped control character in string";
pub(super) const BAD_UTF8: &str = "invalid UTF-8";
pub(super) const LONG_STRING: &str = "string longer than 1 MiB";
pub(super) const LONG_KEY: &str = "key longer than 50000 bytes";
pub(super) const LONG_NUMBER: &str = "number longer than 100 characters";
pub(super) const TOO_DEEP: &str = "nesting deeper than 64";

/// A string token: its raw content is `line[start..end]` (between the quotes), valid UTF-8.
#[derive(Debug, Clone, Copy)]
pub(super) struct Str {
    pub start: usize,
    pub end: usize,
    /// The content holds at least one escape (decode it with [`unescape`]).
    pub escaped: bool,
}

/// A number token `-? int (. frac)? ([eE] [+-]? exp)?`, as byte positions in the line; or a numeral
/// inside a string (`values::numeral`), which may also start with `+`, have leading zeros, and have
/// no integer digits (`.5`) or no fraction digits (`5.`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Num {
    /// The text is `line[start..end]`, sign included.
    pub start: usize,
    pub end: usize,
    pub negative: bool,
    /// The integer digits are `line[int_start..int_end]`.
    pub int_start: usize,
    pub int_end: usize,
    /// The fraction digits are `line[int_end + 1..frac_end]` after a `.` (`frac_end == int_end`
    /// without one).
    pub frac_end: usize,
    /// The token has a fraction or an exponent (Jackson's `VALUE_NUMBER_FLOAT`).
    pub is_float: bool,
}

/// A position in one line.
pub(super) struct Cursor<'a> {
    pub line: &'a [u8],
    pub pos: usize,
}

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// High bit set in each byte of `w` that is below `n` (n <= 0x80). The lowest flagged byte is exact;
/// bytes above it may be flagged spuriously (borrows), which the callers never rely on.
#[inline(always)]
fn bytes_below(w: u64, n: u8) -> u64 {
    w.wrapping_sub(LO * u64::from(n)) & !w & HI
}

/// High bit set in each byte of `w` equal to `b` (same exactness as [`bytes_below`]).
#[inline(always)]
fn bytes_equal(w: u64, b: u8) -> u64 {
    bytes_below(w ^ (LO * u64::from(b)), 1)
}

impl<'a> Cursor<'a> {
    pub fn new(line: &'a [u8]) -> Self {
        Cursor { line, pos: 0 }
    }

    /// The current byte, 0 at the end of the line.
    #[inline(always)]
    pub fn peek(&self) -> u8 {
        self.line.get(self.pos).copied().unwrap_or(0)
    }

    #[inline(always)]
    pub fn at_end(&self) -> bool {
        self.pos >= self.line.len()
    }

    #[inline(always)]
    pub fn skip_ws(&mut self) {
        while matches!(self.peek(), b' ' | b'\t' | b'\n' | b'\r') {
            self.pos += 1;
        }
    }

    /// Consumes `b` or fails.
    #[inline(always)]
    pub fn expect(&mut self, b: u8) -> Scan<()> {
        if self.peek() != b {
            return Err(SYNTAX);
        }
        self.pos += 1;
        Ok(())
    }

    /// Consumes the literal `word` (`true`, `false`, `null`); the cursor is on its first byte.
    #[inline]
    pub fn literal(&mut self, word: &[u8]) -> Scan<()> {
        match self.line.get(self.pos..self.pos + word.len()) {
            Some(w) if w == word => {
                self.pos += word.len();
                Ok(())
            }
            _ => Err(SYNTAX),
        }
    }

    /// Scans a string token; the cursor is on its opening quote. Validates escapes (surrogates must
    /// pair), rejects raw control characters, and checks UTF-8 when the content is not ASCII.
    #[inline]
    pub fn string(&mut self) -> Scan<Str> {
        let line = self.line;
        let start = self.pos + 1;
        let mut i = start;
        let mut high = 0u64; // any byte >= 0x80 seen (OR of the words/bytes, masked at the end)
        let mut escaped = false;
        loop {
            // Eight bytes at a time until a quote, a backslash or a control character.
            while let Some(chunk) = line.get(i..).and_then(<[u8]>::first_chunk::<8>) {
                let w = u64::from_le_bytes(*chunk);
                let special = bytes_equal(w, b'"') | bytes_equal(w, b'\\') | bytes_below(w, 0x20);
                if special != 0 {
                    let skip = (special.trailing_zeros() / 8) as usize;
                    // Only the bytes before the special one belong to this run.
                    if skip > 0 {
                        high |= w & (u64::MAX >> (64 - 8 * skip));
                    }
                    i += skip;
                    break;
                }
                high |= w;
                i += 8;
            }
            match line.get(i).copied() {
                Some(b'"') => break,
                Some(b'\\') => {
                    escaped = true;
                    i = escape_end(line, i)?;
                }
                Some(c) if c < 0x20 => return Err(CONTROL_CHAR),
                Some(c) => {
                    high |= u64::from(c);
                    i += 1;
                }
                None => return Err(SYNTAX),
            }
        }
        if i - start > MAX_STRING_BYTES {
            return Err(LONG_STRING);
        }
        if high & HI != 0 && std::str::from_utf8(&line[start..i]).is_err() {
            return Err(BAD_UTF8);
        }
        self.pos = i + 1;
        Ok(Str {
            start,
            end: i,
            escaped,
        })
    }

    /// Scans an object key (a string token of at most [`MAX_KEY_BYTES`]); the cursor is on its quote.
    #[inline]
    pub fn key(&mut self) -> Scan<Str> {
        let key = self.string()?;
        if key.end - key.start > MAX_KEY_BYTES {
            return Err(LONG_KEY);
        }
        Ok(key)
    }

    /// Scans a number token; the cursor is on `-` or a digit.
    #[inline]
    pub fn number(&mut self) -> Scan<Num> {
        let start = self.pos;
        let negative = self.peek() == b'-';
        if negative {
            self.pos += 1;
        }
        let int_start = self.pos;
        match self.peek() {
            b'0' => self.pos += 1,
            b'1'..=b'9' => self.digits(),
            _ => return Err(SYNTAX),
        }
        let int_end = self.pos;
        let mut is_float = false;
        if self.peek() == b'.' {
            self.pos += 1;
            self.some_digits()?;
            is_float = true;
        }
        let frac_end = self.pos;
        if matches!(self.peek(), b'e' | b'E') {
            self.pos += 1;
            if matches!(self.peek(), b'+' | b'-') {
                self.pos += 1;
            }
            self.some_digits()?;
            is_float = true;
        }
        if self.pos - start > MAX_NUMBER_CHARS {
            return Err(LONG_NUMBER);
        }
        Ok(Num {
            start,
            end: self.pos,
            negative,
            int_start,
            int_end,
            frac_end,
            is_float,
        })
    }

    #[inline(always)]
    fn digits(&mut self) {
        while self.peek().is_ascii_digit() {
            self.pos += 1;
        }
    }

    /// One or more digits.
    #[inline(always)]
    fn some_digits(&mut self) -> Scan<()> {
        if !self.peek().is_ascii_digit() {
            return Err(SYNTAX);
        }
        self.digits();
        Ok(())
    }

    /// Skips one complete value (fully validated); the cursor is on its first byte. `depth` is the
    /// nesting level of the object or array holding the value.
    pub fn skip_value(&mut self, depth: u32) -> Scan<()> {
        match self.peek() {
            b'{' | b'[' => self.skip_container(depth),
            _ => self.scalar(),
        }
    }

    /// Skips a string, number or literal.
    #[inline]
    fn scalar(&mut self) -> Scan<()> {
        match self.peek() {
            b'"' => self.string().map(drop),
            b'-' | b'0'..=b'9' => self.number().map(drop),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            _ => Err(SYNTAX),
        }
    }

    /// `"key"` `:` with the surrounding whitespace, inside a skipped object.
    fn member_key(&mut self) -> Scan<()> {
        if self.peek() != b'"' {
            return Err(SYNTAX);
        }
        self.key()?;
        self.skip_ws();
        self.expect(b':')?;
        self.skip_ws();
        Ok(())
    }

    /// Skips an object or array without recursion: bit `i` of `objects` tells whether the container
    /// `i` levels up from the innermost open one is an object (`MAX_DEPTH` <= 64 fits one word).
    fn skip_container(&mut self, depth: u32) -> Scan<()> {
        let mut objects = 0u64;
        let mut open = 0u32;
        'open: loop {
            // On `{` or `[`.
            let is_object = self.peek() == b'{';
            open += 1;
            if depth + open > MAX_DEPTH {
                return Err(TOO_DEEP);
            }
            objects = (objects << 1) | u64::from(is_object);
            self.pos += 1;
            self.skip_ws();
            let empty_close = if is_object { b'}' } else { b']' };
            if self.peek() == empty_close {
                self.pos += 1;
                open -= 1;
                objects >>= 1;
                if open == 0 {
                    return Ok(());
                }
            } else {
                if is_object {
                    self.member_key()?;
                }
                if matches!(self.peek(), b'{' | b'[') {
                    continue 'open;
                }
                self.scalar()?;
            }
            // After a value inside the innermost open container.
            loop {
                self.skip_ws();
                let in_object = objects & 1 == 1;
                match self.peek() {
                    b',' => {
                        self.pos += 1;
                        self.skip_ws();
                        if in_object {
                            self.member_key()?;
                        }
                        if matches!(self.peek(), b'{' | b'[') {
                            continue 'open;
                        }
                        self.scalar()?;
                    }
                    b'}' if in_object => self.close(&mut open, &mut objects),
                    b']' if !in_object => self.close(&mut open, &mut objects),
                    _ => return Err(SYNTAX),
                }
                if open == 0 {
                    return Ok(());
                }
            }
        }
    }

    #[inline(always)]
    fn close(&mut self, open: &mut u32, objects: &mut u64) {
        self.pos += 1;
        *open -= 1;
        *objects >>= 1;
    }
}

/// Validates the escape at `line[i]` (a backslash) and returns the index after it. A high surrogate
/// `\uD800..\uDBFF` must be followed directly by a low one `\uDC00..\uDFFF`.
#[inline]
fn escape_end(line: &[u8], i: usize) -> Scan<usize> {
    match line.get(i + 1).copied() {
        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => Ok(i + 2),
        Some(b'u') => {
            let unit = hex4(line, i + 2).ok_or(BAD_ESCAPE)?;
            match unit {
                0xD800..=0xDBFF => {
                    if line.get(i + 6..i + 8) != Some(b"\\u") {
                        return Err(LONE_SURROGATE);
                    }
                    match hex4(line, i + 8) {
                        Some(0xDC00..=0xDFFF) => Ok(i + 12),
                        Some(_) => Err(LONE_SURROGATE),
                        None => Err(BAD_ESCAPE),
                    }
                }
                0xDC00..=0xDFFF => Err(LONE_SURROGATE),
                _ => Ok(i + 6),
            }
        }
        _ => Err(BAD_ESCAPE),
    }
}

/// The 4 hex digits at `line[i..i + 4]`.
#[inline]
fn hex4(line: &[u8], i: usize) -> Option<u32> {
    let digits = line.get(i..i + 4)?;
    digits.iter().try_fold(0u32, |acc, &d| {
        let v = (d as char).to_digit(16)?;
        Some(acc << 4 | v)
    })
}

/// Appends the decoded content of a string token that [`Cursor::string`] accepted. `raw` is the
/// content between the quotes.
pub(super) fn unescape(raw: &[u8], out: &mut Vec<u8>) -> Scan<()> {
    let mut i = 0;
    while i < raw.len() {
        let run_end = raw[i..]
            .iter()
            .position(|&b| b == b'\\')
            .map_or(raw.len(), |p| i + p);
        out.extend_from_slice(&raw[i..run_end]);
        i = run_end;
        if i == raw.len() {
            break;
        }
        let simple = match raw.get(i + 1).copied() {
            Some(b'"') => b'"',
            Some(b'\\') => b'\\',
            Some(b'/') => b'/',
            Some(b'b') => 0x08,
            Some(b'f') => 0x0C,
            Some(b'n') => b'\n',
            Some(b'r') => b'\r',
            Some(b't') => b'\t',
            Some(b'u') => {
                let unit = hex4(raw, i + 2).ok_or(BAD_ESCAPE)?;
                let (code, len) = if (0xD800..=0xDBFF).contains(&unit) {
                    let low = hex4(raw, i + 8).ok_or(LONE_SURROGATE)?;
                    let code = 0x10000 + ((unit - 0xD800) << 10) + low.wrapping_sub(0xDC00);
                    (code, 12)
                } else {
                    (unit, 6)
                };
                let c = char::from_u32(code).ok_or(LONE_SURROGATE)?;
                out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                i += len;
                continue;
            }
            _ => return Err(BAD_ESCAPE),
        };
        out.push(simple);
        i += 2;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swar_masks_find_the_first_special_byte() {
        for pos in 0..8 {
            for special in [b'"', b'\\', 0x00, 0x1F] {
                let mut bytes = *b"acdegijk"; // no escape letters
                bytes[pos] = special;
                let mut line = vec![b'"'];
                line.extend_from_slice(&bytes);
                line.extend_from_slice(b"xxxxxxxx\"");
                let mut cur = Cursor::new(&line);
                let got = cur.string();
                match special {
                    b'"' => assert_eq!(got.map(|s| s.end).ok(), Some(1 + pos)),
                    b'\\' => assert_eq!(got.err(), Some(BAD_ESCAPE)), // `\` + a letter or `\x`
                    _ => assert_eq!(got.err(), Some(CONTROL_CHAR)),
                }
            }
        }
    }

    #[test]
    fn non_ascii_before_and_after_a_special_byte_is_validated() {
        // Invalid UTF-8 in the chunk before the quote, in the chunk itself, and after an escape.
        for line in [
            b"\"abcdefgh\xFFbc\"" as &[u8],
            b"\"a\xFF\"",
            b"\"abc\xFFdef\\n\"",
            b"\"\\nabcdefghij\xC3\"",
        ] {
            assert_eq!(Cursor::new(line).string().err(), Some(BAD_UTF8), "{line:?}");
        }
        let ok = "\"abcdéfgh\\n€\"".as_bytes();
        assert!(Cursor::new(ok).string().is_ok());
    }
}
