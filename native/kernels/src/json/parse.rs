//! A JSON reader with Jackson's acceptance rules and Java's textual forms of the parsed scalars.

/// A parsed JSON value as Jackson's untyped deserializer builds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// JSON null (Java `null`).
    Null,
    /// `Boolean`.
    Bool(bool),
    /// A number, already in its Java `toString()` form (`Integer`/`Long`/`BigInteger` for integers,
    /// `BigDecimal` for numbers with a fraction or exponent).
    Number(String),
    /// `String`.
    Str(String),
    /// `List`.
    Array(Vec<Value>),
    /// `LinkedHashMap` (insertion order; a duplicate key replaces the value).
    Object(Vec<(String, Value)>),
}

impl Value {
    /// Jackson's value of `key` in an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

const MAX_DEPTH: usize = 1000;
const MAX_NUMBER_LEN: usize = 1000;

/// `ObjectMapper.readValue(text, Object.class)`; `None` where Jackson throws.
pub fn parse(text: &str) -> Option<Value> {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
        text,
    };
    p.ws();
    let root_scalar = !matches!(p.peek()?, b'{' | b'[');
    let v = p.value(0)?;
    // Jackson requires a space (or the end) after a root-level number or literal.
    let spaced = matches!(p.peek(), None | Some(b' ' | b'\t' | b'\n' | b'\r'));
    if root_scalar && !matches!(v, Value::Str(_)) && !spaced {
        return None;
    }
    Some(v)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
    text: &'a str,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Option<Value> {
        match self.peek()? {
            b'{' | b'[' if depth >= MAX_DEPTH => None,
            b'{' => self.object(depth + 1),
            b'[' => self.array(depth + 1),
            b'"' => self.string().map(Value::Str),
            b't' => self.literal("true", Value::Bool(true)),
            b'f' => self.literal("false", Value::Bool(false)),
            b'n' => self.literal("null", Value::Null),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn literal(&mut self, word: &str, v: Value) -> Option<Value> {
        if !self.s[self.i..].starts_with(word.as_bytes()) {
            return None;
        }
        self.i += word.len();
        // Jackson reads `truex` as one unrecognized token.
        if matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80) {
            return None;
        }
        Some(v)
    }

    fn object(&mut self, depth: usize) -> Option<Value> {
        self.i += 1;
        let mut entries: Vec<(String, Value)> = Vec::new();
        self.ws();
        if self.peek()? == b'}' {
            self.i += 1;
            return Some(Value::Object(entries));
        }
        loop {
            self.ws();
            if self.peek()? != b'"' {
                return None;
            }
            let key = self.string()?;
            self.ws();
            if self.peek()? != b':' {
                return None;
            }
            self.i += 1;
            self.ws();
            let v = self.value(depth)?;
            match entries.iter_mut().find(|(k, _)| *k == key) {
                Some(e) => e.1 = v,
                None => entries.push((key, v)),
            }
            self.ws();
            match self.peek()? {
                b',' => self.i += 1,
                b'}' => {
                    self.i += 1;
                    return Some(Value::Object(entries));
                }
                _ => return None,
            }
        }
    }

    fn array(&mut self, depth: usize) -> Option<Value> {
        self.i += 1;
        let mut items = Vec::new();
        self.ws();
        if self.peek()? == b']' {
            self.i += 1;
            return Some(Value::Array(items));
        }
        loop {
            self.ws();
            items.push(self.value(depth)?);
            self.ws();
            match self.peek()? {
                b',' => self.i += 1,
                b']' => {
                    self.i += 1;
                    return Some(Value::Array(items));
                }
                _ => return None,
            }
        }
    }

    /// A string starting at the opening quote; Java strings may hold lone surrogates, which Flink's
    /// UTF-8 encoding writes as '?' (like `String.getBytes(UTF_8)`).
    fn string(&mut self) -> Option<String> {
        self.i += 1;
        let mut units: Vec<u16> = Vec::new();
        let mut out = String::new();
        loop {
            let c = self.peek()?;
            match c {
                b'"' => {
                    self.i += 1;
                    flush_units(&mut units, &mut out);
                    return Some(out);
                }
                b'\\' => {
                    self.i += 1;
                    let e = self.peek()?;
                    self.i += 1;
                    let unit = match e {
                        b'"' => u16::from(b'"'),
                        b'\\' => u16::from(b'\\'),
                        b'/' => u16::from(b'/'),
                        b'b' => 0x08,
                        b'f' => 0x0c,
                        b'n' => u16::from(b'\n'),
                        b'r' => u16::from(b'\r'),
                        b't' => u16::from(b'\t'),
                        b'u' => {
                            let hex = self.s.get(self.i..self.i + 4)?;
                            // from_str_radix would also take a sign.
                            if !hex.iter().all(u8::is_ascii_hexdigit) {
                                return None;
                            }
                            self.i += 4;
                            u16::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?
                        }
                        _ => return None,
                    };
                    units.push(unit);
                }
                0x00..=0x1f => return None,
                _ => {
                    flush_units(&mut units, &mut out);
                    // Copy one UTF-8 character (the input is valid UTF-8).
                    let ch = self.text[self.i..].chars().next()?;
                    out.push(ch);
                    self.i += ch.len_utf8();
                }
            }
        }
    }

    fn number(&mut self) -> Option<Value> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        let int_start = self.i;
        self.digits();
        let int_digits = &self.text[int_start..self.i];
        if int_digits.is_empty() || (int_digits.len() > 1 && int_digits.starts_with('0')) {
            return None;
        }
        let mut frac = "";
        let mut exp: i64 = 0;
        let mut is_float = false;
        if self.peek() == Some(b'.') {
            self.i += 1;
            let f0 = self.i;
            self.digits();
            frac = &self.text[f0..self.i];
            if frac.is_empty() {
                return None;
            }
            is_float = true;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            let e0 = self.i;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            let d0 = self.i;
            self.digits();
            if d0 == self.i {
                return None;
            }
            exp = self.text[e0..self.i].trim_start_matches('+').parse().ok()?;
            is_float = true;
        }
        if self.i - start > MAX_NUMBER_LEN {
            return None;
        }
        let negative = self.s[start] == b'-';
        let digits = format!("{int_digits}{frac}");
        let digits = digits.trim_start_matches('0');
        let text = if is_float {
            let scale = i64::try_from(frac.len()).ok()? - exp;
            big_decimal_string(negative, digits, i32::try_from(scale).ok()?)
        } else if digits.is_empty() {
            "0".to_string()
        } else {
            format!("{}{digits}", if negative { "-" } else { "" })
        };
        Some(Value::Number(text))
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
    }
}

fn flush_units(units: &mut Vec<u16>, out: &mut String) {
    for r in char::decode_utf16(units.drain(..)) {
        out.push(r.unwrap_or('?'));
    }
}

/// `BigDecimal.toString()` of `±digits * 10^-scale` (`digits` without leading zeros, may be empty = 0).
fn big_decimal_string(negative: bool, digits: &str, scale: i32) -> String {
    let coeff = if digits.is_empty() { "0" } else { digits };
    let sign = if negative && !digits.is_empty() {
        "-"
    } else {
        ""
    };
    let len = coeff.len() as i64;
    let adjusted = -i64::from(scale) + (len - 1);
    if scale == 0 {
        return format!("{sign}{coeff}");
    }
    if scale > 0 && adjusted >= -6 {
        let scale = scale as usize;
        return if coeff.len() > scale {
            format!(
                "{sign}{}.{}",
                &coeff[..coeff.len() - scale],
                &coeff[coeff.len() - scale..]
            )
        } else {
            format!("{sign}0.{}{coeff}", "0".repeat(scale - coeff.len()))
        };
    }
    let mantissa = if coeff.len() > 1 {
        format!("{}.{}", &coeff[..1], &coeff[1..])
    } else {
        coeff.to_string()
    };
    format!(
        "{sign}{mantissa}E{}{adjusted}",
        if adjusted >= 0 { "+" } else { "" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(text: &str) -> Option<String> {
        match parse(text) {
            Some(Value::Number(n)) => Some(n),
            _ => None,
        }
    }

    #[test]
    fn numbers_like_jackson_and_java() {
        assert_eq!(num("-3.5e2").as_deref(), Some("-3.5E+2"));
        assert_eq!(num("1").as_deref(), Some("1"));
        assert_eq!(num("-0").as_deref(), Some("0"));
        assert_eq!(num("-0.0").as_deref(), Some("0.0"));
        assert_eq!(num("0.00001").as_deref(), Some("0.00001"));
        assert_eq!(num("1e-7").as_deref(), Some("1E-7"));
        assert_eq!(num("0.0000001").as_deref(), Some("1E-7"));
        assert_eq!(num("1e3").as_deref(), Some("1E+3"));
        assert_eq!(num("0e3").as_deref(), Some("0E+3"));
        assert_eq!(num("12.50").as_deref(), Some("12.50"));
        assert_eq!(num("1.5E+2").as_deref(), Some("1.5E+2"));
        assert_eq!(
            num("123456789012345678901234567890").as_deref(),
            Some("123456789012345678901234567890")
        );
        assert_eq!(
            num("9223372036854775807").as_deref(),
            Some("9223372036854775807")
        );
        for bad in [
            "01", "-", "1.", ".5", "+1", "1e", "NaN", "Infinity", "1.5x", "0x1F",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert_eq!(num("12 trailing").as_deref(), Some("12"));
        assert_eq!(parse(&"1".repeat(1001)), None);
    }

    #[test]
    fn documents() {
        assert_eq!(parse(""), None);
        assert_eq!(parse("   "), None);
        assert_eq!(parse("not json"), None);
        assert_eq!(parse("{\"a\":"), None);
        assert_eq!(parse("truex"), None);
        assert_eq!(parse("[1,]"), None);
        assert_eq!(parse("\"\\u+123\""), None);
        assert_eq!(parse("{'a':1}"), None);
        assert_eq!(parse("\"a\tb\""), None); // raw control character
        assert_eq!(parse("{\"a\":1} trailing"), parse("{\"a\":1}"));
        let v = parse("{\"a\":1,\"a\":2,\"b\":\"\\u00e4\\n\\\"q\\\"\",\"c\":\"\\ud83d\\ude00 😀\",\"d\":\"\\ud800\"}")
            .expect("valid");
        assert_eq!(v.get("a"), Some(&Value::Number("2".into())));
        assert_eq!(v.get("b"), Some(&Value::Str("ä\n\"q\"".into())));
        assert_eq!(v.get("c"), Some(&Value::Str("😀 😀".into())));
        assert_eq!(v.get("d"), Some(&Value::Str("?".into())));
        assert_eq!(
            parse(&format!("{}{}", "[".repeat(1001), "]".repeat(1001))),
            None
        );
        assert!(parse(&format!("{}{}", "[".repeat(1000), "]".repeat(1000))).is_some());
    }
}
