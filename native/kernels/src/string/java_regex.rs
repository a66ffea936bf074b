//! A translator from `java.util.regex.Pattern` syntax (no flags) to an equivalent Rust `regex`,
//! refusing every construct whose semantics it does not reproduce exactly.
//!
//! Both engines report leftmost-first matches with the same alternation and quantifier priorities,
//! so a pattern built only from the constructs below matches the same spans and groups. Rewrites:
//! - `\d \w \s` (and negations) are ASCII in Java (no UNICODE_CHARACTER_CLASS): explicit classes;
//! - `.` excludes Java's line terminators `\n \r \u0085 \u2028 \u2029`, not only `\n`;
//! - `^` is `\A`; `$` / `\Z` match at the end or before a final line terminator (`\r\n`, or one of
//!   the five; never between `\r` and `\n`). Rust has no look-ahead, so `$` is accepted only at the
//!   end of a top-level alternative and one regex is compiled per kind of input ending: `\z`, or
//!   `(?:\z|(?P<eolN>T)\z)` where T is that ending; a match through `eolN` ends where the group starts.
//!
//! Refused (Unsupported): flags and every `(?...)` but `(?:`, back-references, look-around,
//! possessive quantifiers, `\b \B \G \R \X \h \v \p`, octal/control escapes, nested classes and
//! `&&`, and a quantified group that can match empty and contains a capturing group (Java and Rust
//! then disagree on the group's last iteration). Syntax errors Java reports for sure (unclosed or
//! unmatched parentheses, unclosed class, dangling or illegal quantifier, trailing backslash) are
//! [`Refusal::Invalid`]: the SQL functions then reproduce Flink's "exception caught" result.

use std::fmt::Write;

use regex::{Captures, Regex, RegexBuilder};

/// Why a pattern is not translated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// `Pattern.compile` throws `PatternSyntaxException` for this pattern.
    Invalid(String),
    /// The translator does not reproduce this construct.
    Unsupported(String),
}

#[derive(Debug)]
enum Node {
    Lit(char),
    /// A Rust class matching exactly one code point (e.g. `[0-9]`).
    Class(String),
    Start,
    End,
    /// `$` / `\Z`.
    Eol,
    Group(Option<usize>, Box<Node>),
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat {
        inner: Box<Node>,
        min: u32,
        max: Option<u32>,
        greedy: bool,
    },
}

impl Node {
    fn nullable(&self) -> bool {
        match self {
            Node::Lit(_) | Node::Class(_) => false,
            Node::Start | Node::End | Node::Eol => true,
            Node::Group(_, n) => n.nullable(),
            Node::Concat(v) => v.iter().all(Node::nullable),
            Node::Alt(v) => v.iter().any(Node::nullable),
            Node::Repeat { inner, min, .. } => *min == 0 || inner.nullable(),
        }
    }

    fn has_capture(&self) -> bool {
        match self {
            Node::Group(Some(_), _) => true,
            Node::Group(None, n) | Node::Repeat { inner: n, .. } => n.has_capture(),
            Node::Concat(v) | Node::Alt(v) => v.iter().any(Node::has_capture),
            _ => false,
        }
    }

    fn has_eol(&self) -> bool {
        match self {
            Node::Eol => true,
            Node::Group(_, n) | Node::Repeat { inner: n, .. } => n.has_eol(),
            Node::Concat(v) | Node::Alt(v) => v.iter().any(Node::has_eol),
            _ => false,
        }
    }
}

/// Java's `\d`, `\w`, `\s` (ASCII) as Rust class bodies.
const DIGIT: &str = "0-9";
const WORD: &str = "0-9A-Za-z_";
const SPACE: &str = "\\x20\\t\\n\\x0B\\x0C\\r";
/// Java's `.` without DOTALL.
const DOT: &str = "[^\\n\\r\\x{85}\\x{2028}\\x{2029}]";

struct Parser {
    chars: Vec<char>,
    pos: usize,
    groups: usize,
}

fn invalid<T>(msg: &str) -> Result<T, Refusal> {
    Err(Refusal::Invalid(msg.to_string()))
}

fn unsupported<T>(msg: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal::Unsupported(msg.into()))
}

/// A class body item for one literal code point.
fn class_lit(c: char) -> String {
    format!("\\x{{{:X}}}", c as u32)
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn alternation(&mut self, depth: usize) -> Result<Node, Refusal> {
        let mut alts = vec![self.sequence()?];
        while self.peek() == Some('|') {
            self.pos += 1;
            alts.push(self.sequence()?);
        }
        match self.peek() {
            Some(')') if depth == 0 => invalid("unmatched closing ')'"),
            _ => Ok(if alts.len() == 1 {
                alts.pop().unwrap_or(Node::Concat(vec![]))
            } else {
                Node::Alt(alts)
            }),
        }
    }

    fn sequence(&mut self) -> Result<Node, Refusal> {
        let mut items: Vec<Node> = Vec::new();
        while let Some(c) = self.peek() {
            match c {
                '|' | ')' => break,
                '*' | '+' | '?' => return invalid("dangling meta character"),
                '{' => return invalid("illegal repetition"),
                '\\' if self.chars.get(self.pos + 1) == Some(&'Q') => {
                    // \Q...\E quotes single characters: a quantifier applies to the last one.
                    self.pos += 2;
                    let rest: String = self.chars[self.pos..].iter().collect();
                    let (quoted, skip) = match rest.find("\\E") {
                        Some(i) => (&rest[..i], i + 2),
                        None => (rest.as_str(), rest.len()),
                    };
                    self.pos += rest[..skip].chars().count();
                    let mut lits: Vec<Node> = quoted.chars().map(Node::Lit).collect();
                    let Some(last) = lits.pop() else {
                        return unsupported("empty \\Q\\E");
                    };
                    items.extend(lits);
                    items.push(self.quantifier(last)?);
                    continue;
                }
                _ => {}
            }
            let atom = self.atom()?;
            let atom = self.quantifier(atom)?;
            items.push(atom);
        }
        Ok(Node::Concat(items))
    }

    fn quantifier(&mut self, atom: Node) -> Result<Node, Refusal> {
        let (min, max) = match self.peek() {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') => {
                let rest: String = self.chars[self.pos + 1..].iter().collect();
                let close = match rest.find('}') {
                    Some(i) => i,
                    None => return invalid("illegal repetition"),
                };
                let body = &rest[..close];
                let parse = |s: &str| s.parse::<u32>().ok();
                let bounds = match body.split_once(',') {
                    None => parse(body).map(|n| (n, Some(n))),
                    Some((a, "")) => parse(a).map(|n| (n, None)),
                    Some((a, b)) => parse(a).zip(parse(b)).map(|(a, b)| (a, Some(b))),
                };
                let Some((min, max)) = bounds else {
                    if body.starts_with(|c: char| c.is_ascii_digit()) {
                        return unsupported(format!("repetition {{{body}}}"));
                    }
                    return invalid("illegal repetition");
                };
                if max.is_some_and(|m| m < min) {
                    return invalid("illegal repetition range");
                }
                self.pos += body.chars().count() + 1;
                (min, max)
            }
            _ => return Ok(atom),
        };
        self.pos += 1;
        let greedy = match self.peek() {
            Some('?') => {
                self.pos += 1;
                false
            }
            Some('+') => return unsupported("possessive quantifier"),
            _ => true,
        };
        match self.peek() {
            Some('*') | Some('+') | Some('?') => return invalid("dangling meta character"),
            Some('{') => return unsupported("a quantifier after a quantifier"),
            _ => {}
        }
        if matches!(atom, Node::Start | Node::End | Node::Eol) {
            return unsupported("a quantified anchor");
        }
        if atom.nullable() && atom.has_capture() {
            return unsupported("a quantified group that can match empty and captures");
        }
        Ok(Node::Repeat {
            inner: Box::new(atom),
            min,
            max,
            greedy,
        })
    }

    fn atom(&mut self) -> Result<Node, Refusal> {
        let c = self.chars[self.pos];
        self.pos += 1;
        Ok(match c {
            '(' => {
                let capture = if self.peek() == Some('?') {
                    if self.chars.get(self.pos + 1) == Some(&':') {
                        self.pos += 2;
                        None
                    } else {
                        return unsupported("(?...) constructs other than (?:");
                    }
                } else {
                    self.groups += 1;
                    Some(self.groups)
                };
                let inner = self.alternation(1)?;
                if self.peek() != Some(')') {
                    return invalid("unclosed group");
                }
                self.pos += 1;
                Node::Group(capture, Box::new(inner))
            }
            '[' => Node::Class(self.class()?),
            '.' => Node::Class(DOT.to_string()),
            '^' => Node::Start,
            '$' => Node::Eol,
            '\\' => self.escape()?,
            c => Node::Lit(c),
        })
    }

    /// After a backslash outside a class.
    fn escape(&mut self) -> Result<Node, Refusal> {
        let Some(c) = self.peek() else {
            return invalid("trailing backslash");
        };
        self.pos += 1;
        Ok(match c {
            'd' => Node::Class(format!("[{DIGIT}]")),
            'D' => Node::Class(format!("[^{DIGIT}]")),
            'w' => Node::Class(format!("[{WORD}]")),
            'W' => Node::Class(format!("[^{WORD}]")),
            's' => Node::Class(format!("[{SPACE}]")),
            'S' => Node::Class(format!("[^{SPACE}]")),
            'A' => Node::Start,
            'z' => Node::End,
            'Z' => Node::Eol,
            c => Node::Lit(self.escaped_char(c)?),
        })
    }

    /// The code point of a character escape (`\t`, `\x41`, `\.`, ...), in or outside a class.
    fn escaped_char(&mut self, c: char) -> Result<char, Refusal> {
        let hex = |p: &mut Parser, n: usize| -> Result<char, Refusal> {
            let digits: String = p.chars.iter().skip(p.pos).take(n).collect();
            if digits.len() != n || !digits.chars().all(|d| d.is_ascii_hexdigit()) {
                return unsupported("malformed hexadecimal escape");
            }
            p.pos += n;
            u32::from_str_radix(&digits, 16)
                .ok()
                .and_then(char::from_u32)
                .ok_or_else(|| Refusal::Unsupported("surrogate escape".into()))
        };
        Ok(match c {
            't' => '\t',
            'n' => '\n',
            'r' => '\r',
            'f' => '\x0C',
            'a' => '\x07',
            'e' => '\x1B',
            'x' if self.peek() == Some('{') => return unsupported("\\x{...} escape"),
            'x' => hex(self, 2)?,
            'u' => hex(self, 4)?,
            c if c.is_ascii_digit() => {
                return unsupported(format!("back-reference or octal escape \\{c}"));
            }
            c if c.is_ascii_alphanumeric() => return unsupported(format!("escape \\{c}")),
            c => c,
        })
    }

    /// A character class after `[`, as a Rust class.
    fn class(&mut self) -> Result<String, Refusal> {
        let mut out = String::from("[");
        if self.peek() == Some('^') {
            self.pos += 1;
            out.push('^');
        }
        if self.peek() == Some(']') {
            return unsupported("']' first in a class");
        }
        let mut items = 0;
        loop {
            let Some(c) = self.peek() else {
                return invalid("unclosed character class");
            };
            self.pos += 1;
            let lo = match c {
                ']' => break,
                '[' => return unsupported("nested class"),
                '&' if self.peek() == Some('&') => return unsupported("class intersection"),
                '\\' => {
                    let Some(e) = self.peek() else {
                        return invalid("unclosed character class");
                    };
                    self.pos += 1;
                    let set = match e {
                        'd' => Some(DIGIT.to_string()),
                        'D' => Some(format!("[^{DIGIT}]")),
                        'w' => Some(WORD.to_string()),
                        'W' => Some(format!("[^{WORD}]")),
                        's' => Some(SPACE.to_string()),
                        'S' => Some(format!("[^{SPACE}]")),
                        _ => None,
                    };
                    if let Some(set) = set {
                        if self.peek() == Some('-') && self.chars.get(self.pos + 1) != Some(&']') {
                            return unsupported("a range after a predefined class");
                        }
                        out.push_str(&set);
                        items += 1;
                        continue;
                    }
                    self.escaped_char(e)?
                }
                c => c,
            };
            // A range `lo-hi`; '-' before ']' is literal.
            if self.peek() == Some('-') && self.chars.get(self.pos + 1).is_some_and(|c| *c != ']') {
                self.pos += 1;
                let hi = match self.peek() {
                    Some('[') | None => return unsupported("complex class range"),
                    Some('\\') => {
                        self.pos += 1;
                        match self.peek() {
                            Some(e) if !"dDwWsS".contains(e) => {
                                self.pos += 1;
                                self.escaped_char(e)?
                            }
                            _ => return unsupported("complex class range"),
                        }
                    }
                    Some(h) => {
                        self.pos += 1;
                        h
                    }
                };
                if hi < lo {
                    return invalid("illegal character range");
                }
                let _ = write!(out, "{}-{}", class_lit(lo), class_lit(hi));
            } else {
                out.push_str(&class_lit(lo));
            }
            items += 1;
        }
        if items == 0 {
            return unsupported("empty class");
        }
        out.push(']');
        Ok(out)
    }
}

/// How the input ends, which decides what `$` may match besides the very end.
#[derive(Clone, Copy)]
enum Ending {
    Plain,
    Terminator,
    CrLf,
}

fn emit(node: &Node, ending: Ending, eols: &mut usize, out: &mut String) {
    match node {
        Node::Lit(c) if c.is_ascii_alphanumeric() => out.push(*c),
        Node::Lit(c) => out.push_str(&class_lit(*c)),
        Node::Class(c) => out.push_str(c),
        Node::Start => out.push_str("\\A"),
        Node::End => out.push_str("\\z"),
        Node::Eol => {
            let t = match ending {
                Ending::Plain => {
                    out.push_str("\\z");
                    return;
                }
                Ending::Terminator => "[\\n\\r\\x{85}\\x{2028}\\x{2029}]",
                Ending::CrLf => "\\r\\n",
            };
            let _ = write!(out, "(?:\\z|(?P<eol{}>{t})\\z)", *eols);
            *eols += 1;
        }
        Node::Group(capture, inner) => {
            match capture {
                Some(i) => {
                    let _ = write!(out, "(?P<g{i}>");
                }
                None => out.push_str("(?:"),
            }
            emit(inner, ending, eols, out);
            out.push(')');
        }
        Node::Concat(v) => {
            for n in v {
                emit(n, ending, eols, out);
            }
        }
        Node::Alt(v) => {
            for (i, n) in v.iter().enumerate() {
                if i > 0 {
                    out.push('|');
                }
                emit(n, ending, eols, out);
            }
        }
        Node::Repeat {
            inner,
            min,
            max,
            greedy,
        } => {
            out.push_str("(?:");
            emit(inner, ending, eols, out);
            out.push(')');
            match max {
                Some(m) => {
                    let _ = write!(out, "{{{min},{m}}}");
                }
                None => {
                    let _ = write!(out, "{{{min},}}");
                }
            }
            if !greedy {
                out.push('?');
            }
        }
    }
}

/// `$` is accepted only as the last item of a top-level alternative.
fn check_eol(root: &Node) -> Result<(), Refusal> {
    let alts: Vec<&Node> = match root {
        Node::Alt(v) => v.iter().collect(),
        n => vec![n],
    };
    for alt in alts {
        let ok = match alt {
            Node::Concat(v) => match v.split_last() {
                Some((Node::Eol, rest)) => !rest.iter().any(Node::has_eol),
                _ => !alt.has_eol(),
            },
            n => !n.has_eol(),
        };
        if !ok {
            return unsupported("'$' other than at the end of the pattern");
        }
    }
    Ok(())
}

/// A translated Java pattern: one Rust regex per kind of input ending.
#[derive(Debug)]
pub struct JavaRegex {
    plain: Regex,
    terminator: Regex,
    crlf: Regex,
    eols: usize,
    /// Number of capturing groups (`Matcher.groupCount()`).
    pub groups: usize,
    /// Whether the pattern can match the empty string.
    pub nullable: bool,
}

/// A match with Java's span (`start..end` in bytes) and access to its groups.
pub struct JavaMatch<'h> {
    caps: Captures<'h>,
    /// Byte offset of the match start.
    pub start: usize,
    /// Byte offset of the match end (before a final line terminator matched by `$`).
    pub end: usize,
}

impl<'h> JavaMatch<'h> {
    /// `MatchResult.group(i)`; `None` for a group that did not participate or out of range.
    pub fn group(&self, i: usize) -> Option<&'h str> {
        if i == 0 {
            let h = self.caps.get(0)?;
            return Some(&h.as_str()[..self.end - self.start]);
        }
        self.caps.name(&format!("g{i}")).map(|m| m.as_str())
    }
}

impl JavaRegex {
    /// Translates `pattern` (compiled as `Pattern.compile(pattern)`).
    pub fn new(pattern: &str) -> Result<JavaRegex, Refusal> {
        let mut p = Parser {
            chars: pattern.chars().collect(),
            pos: 0,
            groups: 0,
        };
        let root = p.alternation(0)?;
        check_eol(&root)?;
        let compile = |ending| {
            let mut eols = 0;
            let mut re = String::new();
            emit(&root, ending, &mut eols, &mut re);
            RegexBuilder::new(&re)
                .build()
                .map(|r| (r, eols))
                .map_err(|e| Refusal::Unsupported(format!("not compiled by the Rust engine: {e}")))
        };
        let (plain, _) = compile(Ending::Plain)?;
        let (terminator, eols, crlf) = if root.has_eol() {
            let (terminator, eols) = compile(Ending::Terminator)?;
            (terminator, eols, compile(Ending::CrLf)?.0)
        } else {
            (plain.clone(), 0, plain.clone())
        };
        Ok(JavaRegex {
            plain,
            terminator,
            crlf,
            eols,
            groups: p.groups,
            nullable: root.nullable(),
        })
    }

    fn regex_for(&self, s: &str) -> &Regex {
        if self.eols == 0 {
            &self.plain
        } else if s.ends_with("\r\n") {
            &self.crlf
        } else if s.ends_with(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}']) {
            &self.terminator
        } else {
            &self.plain
        }
    }

    /// `Matcher.find(from)`: the leftmost match starting at or after byte `from`.
    pub fn find_at<'h>(&self, s: &'h str, from: usize) -> Option<JavaMatch<'h>> {
        let caps = self.regex_for(s).captures_at(s, from)?;
        let m = caps.get(0)?;
        let end = (0..self.eols)
            .find_map(|i| caps.name(&format!("eol{i}")))
            .map_or(m.end(), |e| e.start());
        Some(JavaMatch {
            start: m.start(),
            end,
            caps,
        })
    }

    /// `Matcher.find()` succeeds.
    pub fn is_found(&self, s: &str) -> bool {
        self.regex_for(s).is_match(s)
    }

    /// `String.replaceAll(regex, quoteReplacement(replacement))` for a pattern that cannot match
    /// empty (the caller refuses nullable patterns: Java then steps by UTF-16 units).
    pub fn replace_all(&self, s: &str, replacement: &str) -> String {
        debug_assert!(!self.nullable);
        let mut out = String::with_capacity(s.len());
        let mut last = 0;
        while let Some(m) = self.find_at(s, last) {
            out.push_str(&s[last..m.start]);
            out.push_str(replacement);
            // Never taken for a non-nullable pattern; keeps the loop finite regardless.
            last = if m.end > m.start {
                m.end
            } else {
                m.start + s[m.start..].chars().next().map_or(1, char::len_utf8)
            };
            if last > s.len() {
                return out;
            }
        }
        out.push_str(&s[last..]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::{JavaRegex, Refusal};

    fn re(p: &str) -> JavaRegex {
        match JavaRegex::new(p) {
            Ok(r) => r,
            Err(e) => panic!("{p}: {e:?}"),
        }
    }

    fn extract(p: &str, s: &str, g: usize) -> Option<String> {
        re(p)
            .find_at(s, 0)
            .and_then(|m| m.group(g).map(str::to_string))
    }

    #[test]
    fn java_classes_are_ascii() {
        assert!(!re("\\d").is_found("٣"));
        assert!(!re("\\w").is_found("é"));
        assert!(re("\\W").is_found("é"));
        assert!(!re("\\s").is_found("\u{00A0}"));
        assert!(re("\\s").is_found("\x0B"));
        assert!(re("[\\d.]+").is_found("1.5"));
        assert!(!re("[^\\w]").is_found("abc_1"));
        assert!(re("[^\\x00-\\x7F]").is_found("aü"));
        assert!(!re("[^\\x00-\\x7F]").is_found("a\x7F"));
        assert!(re("[\\t-\\r]").is_found("\x0B"));
    }

    #[test]
    fn dot_excludes_java_line_terminators() {
        for t in ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"] {
            assert!(!re("a.b").is_found(&format!("a{t}b")), "{t:?}");
        }
        assert!(re("a.b").is_found("a😀b"));
    }

    #[test]
    fn dollar_before_final_terminator() {
        assert!(re("x$").is_found("x"));
        assert!(re("x$").is_found("x\n"));
        assert!(re("x$").is_found("x\r\n"));
        assert!(re("x$").is_found("x\u{2028}"));
        assert!(!re("x$").is_found("x\n\n"));
        assert!(!re("x\r$").is_found("x\r\n"));
        assert!(re("^a|b$").is_found("b\r"));
        assert_eq!(extract("\\w+$", "ab cd\n", 0).as_deref(), Some("cd"));
        assert_eq!(extract("(c)(d)\\Z", "cd\r\n", 2).as_deref(), Some("d"));
        assert_eq!(re("x$|\n").replace_all("x\n", "R"), "RR");
        assert_eq!(re("d$").replace_all("dd\r\n", "R"), "dR\r\n");
    }

    #[test]
    fn groups_and_priorities() {
        assert_eq!(extract("(a|ab)(c|bcd)(d*)", "abcd", 3).as_deref(), Some(""));
        assert_eq!(
            extract("(a|ab)(c|bcd)(d*)", "abcd", 2).as_deref(),
            Some("bcd")
        );
        assert_eq!(extract("(x)?y", "y", 1), None);
        assert_eq!(extract("a(?:b(c))+", "abcbc", 1).as_deref(), Some("c"));
        assert_eq!(
            extract("(\\d+)-(\\d+)", "tel 12-345", 2).as_deref(),
            Some("345")
        );
        assert_eq!(extract("a+?", "aaa", 0).as_deref(), Some("a"));
        assert_eq!(extract("\\Qa.b\\E+", "a.bb", 0).as_deref(), Some("a.bb"));
        assert_eq!(re("(a)(b(c))").groups, 3);
        assert_eq!(extract("[a-c-]+", "x-ab-", 0).as_deref(), Some("-ab-"));
        assert_eq!(extract("\\x41\\u00e9\\.", "Aé.", 0).as_deref(), Some("Aé."));
    }

    #[test]
    fn replace_is_literal_and_non_overlapping() {
        assert_eq!(re("a").replace_all("banana", "$1\\"), "b$1\\n$1\\n$1\\");
        assert_eq!(re("aa").replace_all("aaaaa", "x"), "xxa");
        assert_eq!(re("😀").replace_all("emoji 😀 ok", "!"), "emoji ! ok");
    }

    #[test]
    fn invalid_patterns() {
        for p in [
            "(a", "a)", "[a", "*a", "a**", "x|*", "a{", "{", "a{,2}", "a\\", "(?:a",
        ] {
            assert!(matches!(JavaRegex::new(p), Err(Refusal::Invalid(_))), "{p}");
        }
    }

    #[test]
    fn unsupported_patterns() {
        for p in [
            "(a)\\1", "(?=a)", "(?i)a", "a*+", "\\bword", "\\p{L}", "[a[b]]", "[a&&b]", "(a|)+",
            "(a*)*", "a$b", "(a$)", "[]a]", "\\y", "\\0101", "(?<n>a)",
        ] {
            assert!(
                matches!(JavaRegex::new(p), Err(Refusal::Unsupported(_))),
                "{p}"
            );
        }
    }

    #[test]
    fn nullable() {
        assert!(re("").nullable);
        assert!(re("a*").nullable);
        assert!(re("^$").nullable);
        assert!(!re("a+|b").nullable);
        assert!(!re("a$").nullable);
    }
}
