-- Bad input: Ember must behave exactly as stock Flink — the same rows (NULL where Flink returns NULL) or the same
-- failure (exception class and message of the root cause).

-- Invalid numbers in CAST fail, TRY_CAST gives NULL.
-- expect: error NumberFormatException
SELECT id, CAST(ns AS INT) FROM t;
-- expect: error NumberFormatException
SELECT id, CAST(ns AS BIGINT) FROM t WHERE ns <> '12';
SELECT id, ns, TRY_CAST(ns AS INT), TRY_CAST(ns AS BIGINT), TRY_CAST(ns AS DOUBLE), TRY_CAST(ns AS TINYINT) FROM t;
-- expect: error
SELECT id, CAST(ns AS DOUBLE) FROM t;
SELECT id, ns, TRY_CAST(ns AS BOOLEAN), TRY_CAST(ns AS DATE) FROM t;
-- expect: error
SELECT id, CAST(ns AS BOOLEAN) FROM t;

-- Invalid dates: Feb 29 of a non-leap year, garbage.
-- expect: error 2023-02-29
SELECT id, CAST(ns AS DATE) FROM t WHERE ns = '2023-02-29';
SELECT id, TRY_CAST(ns AS DATE) FROM t WHERE ns LIKE '20%';

-- Numeric overflow: integer arithmetic and narrowing casts wrap like Java; DECIMAL overflow is NULL.
SELECT id, a * 2147483647, b * b, CAST(b AS INT), CAST(a AS SMALLINT), CAST(a AS TINYINT), CAST(d AS INT) FROM t;
SELECT id, big * big * big, big + big * 1000000000, amount * 1000000000000000000 FROM t;
-- native-from-jdk19
SELECT id, CAST(big AS DECIMAL(5, 2)), CAST(amount AS DECIMAL(3, 1)), CAST(d AS DECIMAL(4, 1)) FROM t WHERE d = d AND ABS(d) < 1e300;
-- NaN has no DECIMAL value: BigDecimal's exception.
-- expect: error neither a decimal digit
-- native-from-jdk19
SELECT id, CAST(d AS DECIMAL(4, 1)) FROM t;

-- Division by zero: integers fail, DOUBLE gives ±Infinity/NaN, DECIMAL fails like BigDecimal.
-- expect: error / by zero
SELECT id, b / (a - a) FROM t;
SELECT id, d / 0, d / 0.0, f / 0, -d / 0.0 FROM t;

-- Invalid regular expressions: Flink's functions swallow the PatternSyntaxException (FALSE / NULL).
SELECT id, REGEXP(s, '('), REGEXP_EXTRACT(s, '[a-', 0), REGEXP_REPLACE(s, '*a', 'x') FROM t;
SELECT id, REGEXP_EXTRACT(s, '(a)(b)?', 5), REGEXP_EXTRACT(s, '(a)', -1) FROM t;

-- Malformed JSON: NULL (JSON_VALUE's default NULL ON ERROR), FALSE for IS JSON.
SELECT id, js, JSON_VALUE(js, '$.a'), JSON_VALUE(js, '$.c.d[1]'), js IS JSON, js IS JSON OBJECT FROM t;
SELECT id, JSON_VALUE(js, 'strict $.missing'), JSON_VALUE(js, 'lax $.b') FROM t;

-- Out-of-range string positions and lengths.
SELECT id, SUBSTRING(s, 2147483647), SUBSTRING(s, -2147483648, 5), LEFT(s, -1), RIGHT(s, 2147483647) FROM t;
SELECT id, LPAD(s, -1, 'x'), RPAD(s, 0, 'x'), LPAD(s, 5, ''), REPEAT(s, -3), SPLIT_INDEX(s, 'a', -1) FROM t;
