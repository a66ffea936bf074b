-- String functions (REPLACE, CONCAT_WS, LPAD/RPAD, SPLIT_INDEX, INITCAP, POSITION/LOCATE, LEFT/RIGHT,
-- REVERSE, REPEAT, LTRIM/RTRIM, ASCII, CHR) over s, ns, js and bid.url: NULLs, '', multi-byte and 4-byte UTF-8.

-- REPLACE: Java String.replace; an empty search string inserts around every UTF-16 unit (emoji -> '?').
SELECT id, REPLACE(s, 'a', 'bb'), REPLACE(s, 'l', ''), REPLACE(s, ' ', '_') FROM t;
SELECT id, REPLACE(s, '', '-'), REPLACE(s, '😀', 'smile'), REPLACE(ns, '1', s) FROM t;
SELECT id, REPLACE(bid.url, 'u', 'U'), REPLACE(js, '"', ''''), REPLACE(s, 'aa', 'a') FROM t;
SELECT id, REPLACE(s, s, 'same'), REPLACE(ns, ns, ''), REPLACE(s, CAST(NULL AS STRING), 'x') FROM t;

-- CONCAT_WS: NULL separator -> NULL, NULL arguments skipped, all NULL -> ''.
SELECT id, CONCAT_WS(',', s, ns), CONCAT_WS('', s, s, ns), CONCAT_WS('😀', s, bid.url, ns) FROM t;
SELECT id, CONCAT_WS(s, 'a', 'b'), CONCAT_WS(ns, s), CONCAT_WS('-', CAST(NULL AS STRING), s) FROM t;
SELECT id, CONCAT_WS(CAST(NULL AS STRING), s, ns), CONCAT_WS('|', CAST(NULL AS STRING), CAST(NULL AS STRING)) FROM t;

-- LPAD / RPAD count UTF-16 units: the emoji is two, a cut through it leaves '?'.
SELECT id, LPAD(s, 8, 'xy'), RPAD(s, 8, 'xy'), LPAD(s, 2, '*'), RPAD(s, 2, '*') FROM t;
SELECT id, LPAD(s, 0, 'x'), RPAD(s, -1, 'x'), LPAD(s, 5, ''), RPAD(s, 5, '') FROM t;
SELECT id, LPAD(s, 7, '😀'), RPAD(s, 9, '😀'), LPAD(ns, 4, s), RPAD(s, 4, ns) FROM t;
SELECT id, LPAD(s, ti, '.'), RPAD(s, ti, 'ab') FROM t;
SELECT id, LPAD(bid.url, 6, '0'), RPAD(ns, 12, '-') FROM t WHERE LPAD(s, 3, '#') <> '###';

-- SPLIT_INDEX: all tokens kept, NULL out of range / for '' / negative index; '' separator = whitespace.
SELECT id, SPLIT_INDEX(s, ' ', 0), SPLIT_INDEX(s, ' ', 1), SPLIT_INDEX(s, ' ', 2), SPLIT_INDEX(s, ' ', -1) FROM t;
SELECT id, SPLIT_INDEX(s, 'a', 0), SPLIT_INDEX(s, 'a', 1), SPLIT_INDEX(s, 'aa', 1), SPLIT_INDEX(s, '', 1) FROM t;
SELECT id, SPLIT_INDEX(js, ',', 1), SPLIT_INDEX(js, ':', 2), SPLIT_INDEX(ns, '-', 1), SPLIT_INDEX(ns, '.', 0) FROM t;
SELECT id, SPLIT_INDEX(bid.url, 'x', 0), SPLIT_INDEX(s, '😀', 1), SPLIT_INDEX(s, ' ', a) FROM t;
SELECT id, SPLIT_INDEX(s, ns, 0), SPLIT_INDEX(s, s, 1), SPLIT_INDEX(s, '', 0) FROM t;
SELECT id, s FROM t WHERE SPLIT_INDEX(s, ' ', 1) IS NOT NULL;

-- INITCAP: ASCII letters only; non-ASCII characters separate words.
SELECT id, INITCAP(s), INITCAP(ns), INITCAP(bid.url), INITCAP(js) FROM t;
SELECT id, INITCAP(UPPER(s)), INITCAP(LOWER(s)) FROM t WHERE INITCAP(s) <> s;

-- POSITION / LOCATE: code points, 0 if absent, 1 for an empty needle, LOCATE's start position.
SELECT id, POSITION('a' IN s), POSITION('ok' IN s), POSITION('' IN s), POSITION(s IN 'xabcx') FROM t;
SELECT id, LOCATE('l', s), LOCATE('l', s, 4), LOCATE('o', s, 0), LOCATE('o', s, -3), LOCATE('', s, 99) FROM t;
SELECT id, LOCATE('o', s, a), LOCATE(ns, s), POSITION('😀' IN s), LOCATE(' ', s, 7) FROM t;
SELECT id, POSITION('"a"' IN js), LOCATE('x', bid.url, 2), POSITION(CAST(NULL AS STRING) IN s) FROM t;
SELECT id, s FROM t WHERE POSITION('b' IN s) > 1 OR LOCATE('ok', s) = 9;

-- LEFT / RIGHT: code points, '' for n <= 0, whole string for a large n.
SELECT id, LEFT(s, 3), RIGHT(s, 3), LEFT(s, 0), RIGHT(s, -1), LEFT(s, 100), RIGHT(s, 100) FROM t;
SELECT id, LEFT(s, a), RIGHT(s, a), LEFT(ns, ti), RIGHT(bid.url, 2) FROM t;
SELECT id, LEFT(s, 7), RIGHT(s, 4) FROM t WHERE RIGHT(s, 1) = 'k' OR LEFT(s, 1) = 'a';

-- REVERSE by code points, REPEAT.
SELECT id, REVERSE(s), REVERSE(ns), REVERSE(REVERSE(s)) = s, REVERSE(bid.url) FROM t;
SELECT id, REPEAT(s, 3), REPEAT(s, 0), REPEAT(s, -1), REPEAT(ns, ti), REPEAT('ab', ti) FROM t;

-- LTRIM / RTRIM remove U+0020 only.
SELECT id, LTRIM(s), RTRIM(s), LTRIM(RTRIM(s)), CHAR_LENGTH(LTRIM(ns)), RTRIM(ns) FROM t;
SELECT id, LTRIM(s || CHR(9)), RTRIM(CHR(9) || s || '  '), LTRIM('  ' || s) FROM t;

-- ASCII: the first UTF-8 byte as a signed byte. CHR: Latin-1 of n & 0xFF, '' for n < 0.
SELECT id, ASCII(s), ASCII(ns), ASCII(js), ASCII(bid.url) FROM t;
SELECT id, CHR(a), CHR(b), CHR(ti), CHR(si), CHR(65), CHR(233) FROM t;
SELECT id, CHR(CHAR_LENGTH(s) + 64), ASCII(CHR(a)) FROM t WHERE ASCII(s) < 0 OR ASCII(s) > 96;

-- Nested calls.
SELECT id, UPPER(REPLACE(LPAD(s, 12, '-'), '-', '=')), CONCAT_WS('/', LEFT(s, 2), RIGHT(s, 2), REVERSE(s)) FROM t;
SELECT id, SPLIT_INDEX(CONCAT_WS(',', s, ns, bid.url), ',', 2), LOCATE(',', CONCAT_WS(',', s, ns), 2) FROM t;
SELECT id, INITCAP(SPLIT_INDEX(s, ' ', 0)), RPAD(INITCAP(s), CHAR_LENGTH(s) + 2, '!') FROM t;

-- SPLIT_INDEX with a character code separator is not supported natively.
-- expect: fallback must be a character string
SELECT id, SPLIT_INDEX(s, 32, 1) FROM t;
