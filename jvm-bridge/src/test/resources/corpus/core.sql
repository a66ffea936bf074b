-- The starter expression set: arithmetic, comparisons, logic, CASE/COALESCE, basic strings, casts, nested rows.
SELECT id, a + 1, b * 2, a - b, d / 2, -a FROM t WHERE a > 0;
SELECT id, UPPER(s), LOWER(s), CHAR_LENGTH(s), s || '!' FROM t WHERE s IS NOT NULL;
SELECT id, SUBSTRING(s, 2, 3), SUBSTRING(s FROM 2), TRIM(s), TRIM(LEADING ' ' FROM s), CONCAT(s, '-', s) FROM t;
SELECT id, CASE WHEN a > 10 THEN 'big' WHEN a < 0 THEN 'neg' ELSE 'small' END,
       COALESCE(s, 'none'), a IN (1, 2, 3), b BETWEEN 0 AND 1000 FROM t;
SELECT id, CAST(a AS BIGINT), CAST(b AS INT), CAST(a AS STRING), CAST(a AS DOUBLE),
       CAST(amount AS STRING), CAST(b AS STRING) FROM t;
SELECT id, bid.price, bid.url, bid.price * 100 FROM t WHERE bid.price > 10 OR bid.url LIKE '%1%';
SELECT id, amount, amount * 2, amount + 1.5, amount - amount, amount / 3 FROM t WHERE amount IS NOT NULL;
SELECT id, dt, ts FROM t WHERE ts > TIMESTAMP '1970-01-01 00:00:00' AND dt <> DATE '1970-01-01';
SELECT id, a > 0 AND s IS NULL, flag OR a < 0, NOT flag, a IS NULL, flag IS TRUE, flag IS NOT FALSE FROM t;
SELECT id, b / a, b % a, a / 2, a % 3 FROM t WHERE a <> 0;
SELECT id, s LIKE 'a%', s LIKE '%b', s NOT LIKE '_b%', s LIKE '%!_%' ESCAPE '!' FROM t;
SELECT id, s, a, d FROM t WHERE d > 0 OR d < 0 OR s = 'abc' OR a = b;

-- expect: error / by zero
SELECT id, b / a FROM t;

-- A function without a native implementation keeps the stock Calc, with the reason in the log.
-- expect: fallback PARSE_URL
SELECT id, a + 1, PARSE_URL(bid.url, 'HOST') FROM t;

-- A Calc over an aggregation: its input is a retract stream (+I, -U, +U), whose RowKinds Ember keeps.
-- modes: streaming changelog
SELECT k, c * 2, CAST(k AS STRING) || '#' FROM
  (SELECT a % 3 AS k, COUNT(*) AS c FROM t GROUP BY a % 3) WHERE c > 1;
