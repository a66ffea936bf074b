-- Arithmetic over every numeric type: Java wrap-around on integer overflow, IEEE FLOAT/DOUBLE (NaN, ±0.0, ±Inf),
-- DECIMAL precision/scale derivation and NULL on precision overflow, integer division and modulus.
SELECT id, ti + ti, ti - ti, ti * ti, -ti FROM t;
SELECT id, si + si, si - 1, si * si, -si FROM t;
SELECT id, a + a, a - 1, a * a, -a, a + 2147483647 FROM t;
SELECT id, b + b, b - 1, b * b, -b, b * 3 FROM t;
SELECT id, ti + si, si + a, a + b, ti * b, si - b FROM t;
SELECT id, f + f, f - 1, f * 2, -f, f / 3 FROM t;
SELECT id, d + d, d - d, d * d, d / 0.5, -d FROM t;
SELECT id, f + d, a + d, b * f, ti / f, si - d FROM t;
SELECT id, d / 0, f / 0, -d / 0, d * 0 FROM t;
SELECT id, a / 3, b / 7, si / 2, ti / 3, a / -1 FROM t WHERE a <> -2147483648;
SELECT id, a % 3, b % 7, si % 5, ti % 2, a % -4 FROM t;
SELECT id, MOD(a, 5), MOD(b, 3), MOD(si, 7), MOD(ti, 4) FROM t;
SELECT id, amount % 3, big % 7, MOD(amount, 0.5) FROM t;
SELECT id, amount + amount, amount - 0.005, amount * amount, amount / 7 FROM t;
SELECT id, big + big, big - big, big * 2, big / 3 FROM t;
SELECT id, big * big, big + amount, big / amount FROM t WHERE amount <> 0;
SELECT id, amount + a, amount * b, amount - ti, amount / si FROM t WHERE si <> 0;
SELECT id, amount + d, amount * f, big + d FROM t;
SELECT id, amount * 1.123456789, amount / 0.001, amount + 99999999.99 FROM t;
SELECT id, CAST(1.5 AS DECIMAL(3, 1)) * amount, amount * CAST(2 AS DECIMAL(38, 0)) FROM t;
SELECT id, -amount, -big, -(-a), - - b FROM t;
SELECT id, (a + b) * (a - b), ((a * 2) + 1) % 7, a * b + ti * si FROM t;
SELECT id, a + 1 > a, b - 1 < b, a * 2 = a + a FROM t;
SELECT id, d + 1 = d, d * 2 > d, d - d = 0 FROM t;
SELECT id, a / 2 + b / 3 - si % 4 FROM t WHERE a IS NOT NULL AND b IS NOT NULL;
SELECT id, 7 / 2, 7 % 2, -7 / 2, -7 % 2, 7.0 / 2 FROM t WHERE id < 3;
SELECT id, b + 9223372036854775807, b - 9223372036854775807, b * -1 FROM t;
SELECT id, f * f * f, d * d * d, d / d FROM t;
SELECT id, a * 1.5, b * 0.1, si * 2.25, ti * -3.5 FROM t;
SELECT id, 1 / (a - a + 1), 10 % (b - b + 3) FROM t;

-- Integer division and modulus by zero fail like Java.
-- expect: error / by zero
SELECT id, a / (a - a) FROM t;
-- expect: error / by zero
SELECT id, b % 0 FROM t WHERE id > 10;
-- expect: error / by zero
SELECT id, si / (si * 0) FROM t;

-- Literals the planner retypes to fewer fraction digits are rounded HALF_UP like Flink's generated literal.
SELECT id, COALESCE(0.000000000000000001, a, -2147483648), amount % 0.000000000000000001 FROM t;
