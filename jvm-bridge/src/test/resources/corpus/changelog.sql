-- Calcs over updating inputs: the RowKind of every row (+I, -U, +U, -D) must survive the native Calc.
-- modes: streaming changelog
SELECT k, c * 2, CAST(k AS STRING) || '#', c > 10 FROM (SELECT a % 5 AS k, COUNT(*) AS c FROM t GROUP BY a % 5);
-- modes: streaming changelog
SELECT s, total + 1 FROM (SELECT UPPER(s) AS s, SUM(b) AS total FROM t WHERE b > -1000 AND b < 1000 GROUP BY UPPER(s)) WHERE total > 0;
-- modes: streaming changelog
SELECT k, m FROM (SELECT flag AS k, MAX(a) AS m FROM t GROUP BY flag) WHERE m IS NOT NULL;
-- modes: streaming changelog
SELECT dt, c FROM (SELECT dt, COUNT(DISTINCT s) AS c FROM t GROUP BY dt) WHERE c > 0 AND dt > DATE '1900-01-01';
-- modes: streaming changelog
SELECT k, mn, mx, mx - mn FROM (SELECT a % 3 AS k, MIN(d) AS mn, MAX(d) AS mx FROM t WHERE d > -1e10 AND d < 1e10 GROUP BY a % 3);
-- modes: changelog
SELECT id, a + 1, UPPER(s) FROM t WHERE a > 0;
-- modes: changelog
SELECT id, amount * 2, COALESCE(s, 'null') FROM t;
