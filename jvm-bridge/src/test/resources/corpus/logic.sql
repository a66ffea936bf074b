-- Three-valued logic, IS predicates, lazy evaluation of AND/OR/CASE/COALESCE (a guarded error never fires).
SELECT id, flag AND a > 0, flag OR a > 0, NOT (flag AND s IS NULL) FROM t;
SELECT id, flag IS TRUE, flag IS NOT TRUE, flag IS FALSE, flag IS NOT FALSE, flag IS NULL FROM t;
SELECT id, (a > 0) IS TRUE, (d > 0) IS NOT FALSE, (s LIKE 'a%') IS UNKNOWN FROM t;
SELECT id, a IS NULL, b IS NOT NULL, s IS NULL, dt IS NULL, bid IS NULL, bid.url IS NULL FROM t;
SELECT id, amount IS NULL, big IS NOT NULL, ts6 IS NULL, ltz IS NULL, bin IS NULL, f IS NULL FROM t;
SELECT id, flag AND CAST(NULL AS BOOLEAN), flag OR CAST(NULL AS BOOLEAN), NOT CAST(NULL AS BOOLEAN) FROM t;
SELECT id, (a > 0 AND b > 0) OR (s = 'a' AND flag), NOT (a > 0 OR b > 0) FROM t;
SELECT id, a <> 0 AND b / a > 1 FROM t;
SELECT id, a = 0 OR b / a > 1 FROM t;
SELECT id, CASE WHEN a = 0 THEN NULL ELSE b / a END FROM t;
SELECT id, COALESCE(CASE WHEN a = 0 THEN 1 END, CASE WHEN a <> 0 THEN b % a END) FROM t;
-- COALESCE evaluates every argument (a new-stack function in Flink 2.3): the error fires where a = 0.
-- expect: error / by zero
SELECT id, COALESCE(CASE WHEN a = 0 THEN 1 END, b % a) FROM t;
SELECT id FROM t WHERE flag;
SELECT id FROM t WHERE NOT flag;
SELECT id FROM t WHERE flag IS NOT TRUE AND (a > 0 OR b > 0);
SELECT id, a FROM t WHERE a IS NOT NULL AND (a > 10 OR a < -1) AND NOT (a = 42);
