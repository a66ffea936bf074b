-- Regular expressions: literal java.util.regex patterns translated to Rust regexes; anything the translator
-- cannot reproduce falls back with the reason.

-- REGEXP (boolean, Matcher.find): ASCII \d \w \s, '.' excludes line terminators, '$' before a final terminator.
SELECT id, REGEXP(s, 'a'), REGEXP(s, '^a'), REGEXP(s, 'c$'), REGEXP(s, '\d+'), REGEXP(s, '\w+\s\w+') FROM t;
SELECT id, REGEXP(s, '^[a-z]+$'), REGEXP(s, '[^\x00-\x7F]'), REGEXP(s, 'ß|ü'), REGEXP(s, 'o.k'), REGEXP(s, '😀') FROM t;
SELECT id, REGEXP(ns, '^-?\d+$'), REGEXP(ns, '^\d{4}-\d{2}-\d{2}'), REGEXP(ns, '(?:true|false)'), REGEXP(js, '\{"a":') FROM t;
SELECT id, REGEXP(s || CHR(10), 'c$'), REGEXP(s || CHR(13) || CHR(10), 'c$'), REGEXP(s || CHR(13), 'c\Z'), REGEXP(s || CHR(10) || CHR(10), 'c$') FROM t;
SELECT id, REGEXP(s || CHR(10) || 'x', 'c.x'), REGEXP(s, ''), REGEXP(s, CAST(NULL AS STRING)), REGEXP(bid.url, '^u1\d*x$') FROM t;
SELECT id, s FROM t WHERE REGEXP(s, '^[A-Z]') OR REGEXP(ns, '^\s');
SELECT id, REGEXP_EXTRACT(s, '[\u00e0-\u00ff]+'), REGEXP_REPLACE(s, '[\t-\r ]', '.'), REGEXP(s, '[-_%]'), REGEXP_EXTRACT(s, '[^\w\s]+') FROM t;
SELECT id, REGEXP(s, '\Qa_b%\E'), REGEXP(s, 'a{2}'), REGEXP(s, 'l{2,}'), REGEXP(s, '(a|b)+?c') FROM t;

-- Invalid patterns: Flink catches the PatternSyntaxException and returns FALSE / NULL.
SELECT id, REGEXP(s, '(a'), REGEXP(s, '*a'), REGEXP_EXTRACT(s, '[a', 0), REGEXP_REPLACE(s, 'a)', 'x') FROM t;

-- REGEXP_EXTRACT: first match, group index (NULL when out of range or negative, or the group did not match).
SELECT id, REGEXP_EXTRACT(s, '(\w+) (\w+)', 1), REGEXP_EXTRACT(s, '(\w+) (\w+)', 2), REGEXP_EXTRACT(s, '(\w+) (\w+)', 0), REGEXP_EXTRACT(s, '(\w+) (\w+)') FROM t;
SELECT id, REGEXP_EXTRACT(s, '(\w+) (\w+)', 3), REGEXP_EXTRACT(s, '(\w+)', -1), REGEXP_EXTRACT(s, 'x(y)?', 1), REGEXP_EXTRACT(s, '[aeiou]+') FROM t;
SELECT id, REGEXP_EXTRACT(ns, '^(-?)(\d+)', 2), REGEXP_EXTRACT(ns, '(\d+)-(\d+)-(\d+)', 3), REGEXP_EXTRACT(js, '"a":([^,}]*)', 1) FROM t;
SELECT id, REGEXP_EXTRACT(bid.url, 'u(\d+)x', 1), REGEXP_EXTRACT(s, '(.)(.)', a), REGEXP_EXTRACT(s, '(.)', b) FROM t;
SELECT id, REGEXP_EXTRACT(s, '(\S+)$', 1), REGEXP_EXTRACT(s || CHR(10), '(\S+)$', 1), REGEXP_EXTRACT(s || CHR(13) || CHR(10), '(\w)$', 0) FROM t;
SELECT id, REGEXP_EXTRACT(s, '(a|ab)(c|bcd)?(d*)', 2), REGEXP_EXTRACT(s, 'l+?'), REGEXP_EXTRACT(s, '(?:b(c))+', 1) FROM t;
SELECT id, REGEXP_EXTRACT(s, CAST(NULL AS STRING)), REGEXP_EXTRACT(CAST(NULL AS STRING), 'a'), REGEXP_EXTRACT(s, 'a', CAST(NULL AS INT)) FROM t;
SELECT id, s FROM t WHERE REGEXP_EXTRACT(s, '(\d)', 1) = '1' OR REGEXP_EXTRACT(s, '^(.)', 1) = 'a';

-- REGEXP_REPLACE: the replacement is literal (Matcher.quoteReplacement): '$1' and '\' stay as they are.
SELECT id, REGEXP_REPLACE(s, 'a', 'X'), REGEXP_REPLACE(s, '[aeiou]', ''), REGEXP_REPLACE(s, '\s+', '_'), REGEXP_REPLACE(s, '(l+)', '$1') FROM t;
SELECT id, REGEXP_REPLACE(s, '.', '\'), REGEXP_REPLACE(s, '😀', ':)'), REGEXP_REPLACE(ns, '\d', '#'), REGEXP_REPLACE(js, '"(\w+)"', 'K') FROM t;
SELECT id, REGEXP_REPLACE(s || CHR(10), 'k$', 'K'), REGEXP_REPLACE(s || CHR(13) || CHR(10), 'c$|\n', '!'), REGEXP_REPLACE(s, 'a+?', 'o') FROM t;
SELECT id, REGEXP_REPLACE(s, 'a', ns), REGEXP_REPLACE(s, 'a', CAST(NULL AS STRING)), REGEXP_REPLACE(bid.url, 'u\d', 'v') FROM t;
SELECT id, UPPER(REGEXP_REPLACE(REGEXP_EXTRACT(s, '(\w+)', 1), '[lo]', '0')), REGEXP(REGEXP_REPLACE(s, '\s', ''), '^\w+$') FROM t;
SELECT id, s FROM t WHERE REGEXP_REPLACE(s, '[^a-z]', '') = s;

-- Fallbacks with a reason.
-- expect: fallback the pattern must be a literal
SELECT id, REGEXP(s, ns) FROM t;
-- expect: fallback back-reference
SELECT id, REGEXP_EXTRACT(s, '(a)\1', 0) FROM t;
-- expect: fallback (?...)
SELECT id, REGEXP(s, '(?i)abc') FROM t;
-- expect: fallback can match the empty string
SELECT id, REGEXP_REPLACE(s, 'a*', '-') FROM t;
-- expect: fallback \b
SELECT id, REGEXP(s, '\bok\b') FROM t;
-- expect: fallback '$' other than at the end
SELECT id, REGEXP(s, 'c$\n') FROM t;
-- expect: fallback SIMILAR TO
SELECT id, s SIMILAR TO 'a%' FROM t;
