-- Every column type through the native Calc: pass-through, filters on it, NULLs, nested ROW access.
SELECT id, a, b, d, s, amount, dt, ts, flag FROM t WHERE id % 2 = 0;
SELECT id, ti, si, f, big, ts6, ltz, js, bin, ns FROM t WHERE id % 2 = 1;
SELECT id, bid, bid.price, bid.url FROM t WHERE id > 3;
SELECT id, bid.price + 1, UPPER(bid.url), bid.price IS NULL, bid IS NULL FROM t;
-- ROW columns passed through unchanged cross the native Calc as raw bytes (also twice, next to reads of their fields).
SELECT id, bid FROM t;
SELECT bid, id, bid, s FROM t WHERE bid.price > 0 OR bid IS NULL;
SELECT id, CASE WHEN bid.url IS NULL THEN 'none' ELSE bid.url END, bid FROM t WHERE id % 3 <> 1;
SELECT id, big, big > 0, -big FROM t WHERE big IS NOT NULL;
SELECT id, ltz FROM t WHERE ltz IS NOT NULL AND id > 100;
SELECT id, bin FROM t WHERE bin IS NOT NULL;
SELECT id, ts6, ts6 < TIMESTAMP '1970-01-01 00:00:00' FROM t;
SELECT id, f, d, f = d FROM t WHERE f IS NOT NULL OR d IS NOT NULL;
SELECT id, ti, si, a, b, ti < si, si < a, a < b FROM t;
SELECT id, dt, ts, dt IS NULL OR ts IS NULL FROM t;
SELECT id, 1, 'const', TRUE, CAST(NULL AS INT), DATE '2020-01-01', TIMESTAMP '2020-01-01 10:00:00' FROM t WHERE id < 10;
SELECT id, 1.5, 1234.5678, -0.0E0, 1e300 * 10 FROM t WHERE id < 10;
SELECT id, a, a FROM t;
SELECT id * 2, id + a FROM t;
SELECT s, COUNT(*) FROM (SELECT id, UPPER(s) AS s FROM t WHERE a > 0) GROUP BY s;
