-- JSON_VALUE (RETURNING STRING, NULL ON EMPTY / NULL ON ERROR) and IS JSON over valid, nested, escaped and malformed documents.
SELECT id, JSON_VALUE(js, '$.a'), JSON_VALUE(js, '$.b') FROM t;
SELECT id, JSON_VALUE(js, '$.c'), JSON_VALUE(js, '$.c.d'), JSON_VALUE(js, '$.c.e'), JSON_VALUE(js, '$.c.d[1]') FROM t;
SELECT id, JSON_VALUE(js, '$[2].a'), JSON_VALUE(js, '$[0]'), JSON_VALUE(js, '$[5]'), JSON_VALUE(js, '$') FROM t;
SELECT id, JSON_VALUE(js, 'strict $.a'), JSON_VALUE(js, 'lax $.b'), JSON_VALUE(js, 'strict $.zz'), JSON_VALUE(js, 'LAX $.c.d[2]') FROM t;
SELECT id, JSON_VALUE(js, '$[''a'']'), JSON_VALUE(js, '$.b.a'), JSON_VALUE(js, '$.a.b') FROM t;
SELECT id, JSON_VALUE(js, '$.a' NULL ON EMPTY), JSON_VALUE(js, '$.c' NULL ON ERROR), JSON_VALUE(js, 'strict $.c' NULL ON EMPTY NULL ON ERROR) FROM t;
SELECT id, JSON_VALUE(ns, '$'), JSON_VALUE(s, '$'), JSON_VALUE(s, '$.a') FROM t;
SELECT id, UPPER(JSON_VALUE(js, '$.b')), CHAR_LENGTH(JSON_VALUE(js, '$.b')), COALESCE(JSON_VALUE(js, '$.a'), 'none') FROM t;
SELECT id, JSON_VALUE(js, '$.a') FROM t WHERE JSON_VALUE(js, '$.b') IS NOT NULL;
SELECT id, CAST(JSON_VALUE(js, '$.c.d[0]') AS INT) + 1 FROM t WHERE JSON_VALUE(js, '$.c.d[0]') = '1';
SELECT id, JSON_VALUE(CONCAT('{"k":', CAST(a AS STRING), '}'), '$.k'), JSON_VALUE(CONCAT('{"k":"', s, '"}'), '$.k') FROM t;
-- native-from-jdk19
SELECT id, JSON_VALUE(CONCAT('{"x":', CAST(d AS STRING), '}'), '$.x'), JSON_VALUE(CONCAT('[', CAST(amount AS STRING), ']'), '$[0]') FROM t;
SELECT id, js IS JSON, js IS JSON VALUE, js IS JSON OBJECT, js IS JSON ARRAY, js IS JSON SCALAR FROM t;
SELECT id, js IS NOT JSON, js IS NOT JSON OBJECT, ns IS JSON SCALAR, s IS JSON FROM t;
SELECT id, js FROM t WHERE js IS JSON OBJECT AND JSON_VALUE(js, '$.a') IS NULL;
-- Other RETURNING types fail with a ClassCastException in stock Flink on mismatching JSON types.
-- expect: fallback RETURNING
SELECT id, JSON_VALUE(js, '$.c.d[0]' RETURNING INT) FROM t;
-- expect: fallback DEFAULT or ERROR
SELECT id, JSON_VALUE(js, '$.zz' DEFAULT 'dflt' ON EMPTY) FROM t;
-- expect: fallback DEFAULT or ERROR
SELECT id, JSON_VALUE(js, '$.zz' ERROR ON EMPTY) FROM t;
-- Paths outside the supported subset (wildcards, filters, negative indices) stay stock Flink.
-- expect: fallback supported subset
SELECT id, JSON_VALUE(js, '$.c.d[-1]') FROM t;
-- expect: fallback string literal
SELECT id, JSON_VALUE(js, s) FROM t;
