-- Math and conditional functions: ABS, SIGN, ROUND, FLOOR/CEIL, POWER/SQRT, HEX/BIN, MOD, IF, NULLIF.
SELECT id, ABS(a), ABS(b), ABS(ti), ABS(si) FROM t;
SELECT id, ABS(f), ABS(d), ABS(amount), ABS(big) FROM t;
SELECT id, ABS(a - b), ABS(-a), ABS(amount) * 2 FROM t WHERE ABS(a) > 5;
SELECT id, SIGN(a), SIGN(b), SIGN(f), SIGN(d) FROM t;
SELECT id, SIGN(amount), SIGN(big), SIGN(a) * a FROM t WHERE SIGN(d) < 0 OR SIGN(b) = 0;
SELECT id, ROUND(a), ROUND(b), ROUND(ti), ROUND(si) FROM t;
SELECT id, ROUND(a, -1), ROUND(b, -2), ROUND(a, 2), ROUND(ti, -1), ROUND(si, -2) FROM t;
SELECT id, ROUND(b, -18), ROUND(b, -19), ROUND(a, -9), ROUND(a, -10), ROUND(b, -40) FROM t;
SELECT id, ROUND(amount), ROUND(amount, 1), ROUND(amount, -1), ROUND(amount, 3), ROUND(amount, -9) FROM t;
SELECT id, ROUND(big), ROUND(big, 5), ROUND(big, -2), ROUND(big, 17), ROUND(big, -20) FROM t;
-- native-from-jdk19
SELECT id, ROUND(d), ROUND(d, 1), ROUND(d, -2), ROUND(d, 5) FROM t WHERE d = d AND ABS(d) < 1e307;
-- native-from-jdk19
SELECT id, ROUND(f), ROUND(f, 1), ROUND(f, -3), ROUND(f, 7) FROM t WHERE f = f AND ABS(f) < 1e30;
-- native-from-jdk19
SELECT id, ROUND(d * 1.005, 2), ROUND(a / 3.0, 4), ROUND(amount / 7, 2) FROM t WHERE d = d AND ABS(d) < 1e300;
-- native-from-jdk19
SELECT id, ROUND(d, 400), ROUND(d, -400) FROM t WHERE d = d AND ABS(d) < 1e300;
-- expect: error neither a decimal digit number
-- native-from-jdk19
SELECT id, ROUND(d) FROM t;
-- expect: error neither a decimal digit number
-- native-from-jdk19
SELECT id, ROUND(f, 1) FROM t;
-- The number of digits must be a literal to run natively.
-- expect: fallback literal
SELECT id, ROUND(a, ti) FROM t;
SELECT id, FLOOR(d), CEIL(d), FLOOR(f), CEIL(f) FROM t;
SELECT id, FLOOR(a), CEIL(b), FLOOR(ti), CEIL(si) FROM t;
SELECT id, FLOOR(d / 3), CEIL(a / 2.5) FROM t WHERE FLOOR(d) <> CEIL(d);
SELECT id, FLOOR(amount), CEIL(amount) FROM t;
SELECT id, FLOOR(big), CEIL(big) FROM t;
SELECT id, SQRT(d), SQRT(a), SQRT(b), SQRT(f) FROM t;
SELECT id, SQRT(amount), SQRT(big), SQRT(ti), SQRT(si) FROM t;
SELECT id, POWER(a, 2), POWER(d, 2), POWER(amount, 2), POWER(b, 2.0), POWER(f, 0.5) FROM t;
SELECT id, SQRT(POWER(d, 2)), POWER(SQRT(ABS(d)), 2) FROM t WHERE SQRT(ABS(d)) > 1;
-- POWER with other exponents is not correctly rounded in Java: stock Flink keeps it.
-- expect: fallback Math.pow
SELECT id, POWER(d, 3) FROM t;
-- expect: fallback Math.pow
SELECT id, POWER(a, b) FROM t;
-- LN/LOG/EXP call HotSpot intrinsics that are not reproduced bit for bit.
-- expect: fallback LN
SELECT id, LN(d) FROM t;
-- expect: fallback LOG10
SELECT id, LOG10(d), LOG2(a), LOG(2, d), LOG(d), EXP(d) FROM t;
-- expect: fallback LN
SELECT id, LN(-1.0 * a), SQRT(-1.0 * ABS(a)) FROM t;
SELECT id, SQRT(-1.0 * ABS(d)), SQRT(-1), SQRT(0.0 * a) FROM t;
SELECT id, HEX(a), HEX(b), HEX(ti), HEX(s), BIN(a), BIN(b), BIN(si) FROM t;
SELECT id, MOD(a, 3), MOD(b, 7), MOD(ti, 3), MOD(si, -5), MOD(amount, 3), MOD(big, 2.5) FROM t;
SELECT id, MOD(b, a), MOD(a, ti), MOD(amount, a) FROM t WHERE a <> 0 AND ti <> 0;
-- expect: error / by zero
SELECT id, MOD(b, a) FROM t;
SELECT id, IF(a > 0, a, b), IF(flag, s, 'x'), IF(a > 0, amount, d), IF(d > 0, f, d) FROM t;
SELECT id, IF(a IS NULL, -1, a), IF(flag, ti, si), IF(s LIKE 'a%', amount, big) FROM t;
SELECT id, IF(a <> 0, b / a, 0), IF(b = 0, 0, a % b) FROM t;
SELECT id, IF(flag, s, UPPER(s)), IF(a > 0, s, CAST(NULL AS STRING)) FROM t WHERE IF(a > 0, a, -a) > 5;
SELECT id, NULLIF(a, 1), NULLIF(s, 'a'), NULLIF(d, 0.0), NULLIF(amount, 1.50) FROM t;
SELECT id, COALESCE(NULLIF(b, 0), -1), NULLIF(ABS(a), a) FROM t;
-- native-from-jdk19
SELECT id, ROUND(ABS(d), 1), SIGN(ROUND(amount, 1)), ABS(FLOOR(d)), CEIL(ABS(f)) FROM t WHERE d = d AND ABS(d) < 1e300;
SELECT id, CAST(ROUND(amount, 1) AS STRING), CAST(ABS(a) AS STRING) || '!', HEX(ABS(a)) FROM t;
