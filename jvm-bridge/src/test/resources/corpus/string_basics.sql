-- The starter string functions over empty, short (< 8 bytes), long, multi-byte and 4-byte UTF-8 strings.
SELECT id, UPPER(s), LOWER(s), UPPER(ns), LOWER(bid.url) FROM t;
SELECT id, UPPER('straße'), LOWER('İSTANBUL'), UPPER('ǆ ǅ'), LOWER('ΣΑΣ') FROM t WHERE id < 5;
SELECT id, CHAR_LENGTH(s), CHARACTER_LENGTH(ns), CHAR_LENGTH(js), CHAR_LENGTH('😀😀') FROM t;
SELECT id, SUBSTRING(s, 1, 1), SUBSTRING(s, 0, 3), SUBSTRING(s, -3, 2), SUBSTRING(s, 5), SUBSTRING(s, 100) FROM t;
SELECT id, SUBSTRING(s, 2, 0), SUBSTRING(s, -100, 200), SUBSTRING(s FROM 7 FOR 3), SUBSTRING(ns, a, 2) FROM t;
SELECT id, SUBSTRING(s, a), SUBSTRING(s, 1, a) FROM t WHERE a BETWEEN -20 AND 20;
SELECT id, TRIM(s), TRIM(BOTH 'x' FROM s), TRIM(TRAILING 'k!' FROM s), TRIM(LEADING 'a' FROM s) FROM t;
SELECT id, TRIM(ns), TRIM(BOTH ' ' FROM ns), TRIM(LEADING '0x' FROM ns), TRIM(BOTH '😀' FROM s) FROM t;
SELECT id, s || ns, s || '', '' || s, s || '😀' || s FROM t;
SELECT id, CONCAT(s, ns, bid.url), CONCAT(s), CONCAT('a', s, 'b') FROM t;
SELECT id, s LIKE '%', s LIKE '', s LIKE '_', s LIKE '__', s LIKE '%😀%', s LIKE 'ü%' FROM t;
SELECT id, s LIKE '%a%b%', s LIKE 'a_c', s LIKE '%!%%' ESCAPE '!', s LIKE '%\_%' ESCAPE '\' FROM t;
SELECT id, ns LIKE '1%', ns LIKE '%-%-%', ns LIKE '____-__-__', js LIKE '{%}' FROM t;
SELECT id, s NOT LIKE '%a%', bid.url LIKE 'u1%x', s LIKE 'hello world_' FROM t;
SELECT id, UPPER(SUBSTRING(s, 2)) || LOWER(TRIM(ns)), CHAR_LENGTH(s || ns) FROM t;
SELECT id, s FROM t WHERE UPPER(s) = 'ABC' OR LOWER(s) LIKE '%straße%';
SELECT id, s FROM t WHERE CHAR_LENGTH(s) > 8;
SELECT id, s, ns FROM t WHERE s || ns LIKE '%1%';
SELECT id, CASE WHEN s LIKE 'a%' THEN UPPER(s) ELSE LOWER(s) END, COALESCE(TRIM(s), '-') FROM t;
SELECT id, s = ns, s < ns, UPPER(s) = UPPER(ns), CHAR_LENGTH(s) = CHAR_LENGTH(ns) FROM t;

-- Java's final sigma: Σ lowers to ς at the end of a word (JDK word boundaries), else σ.
SELECT id, LOWER(CONCAT(s, 'Σ')), LOWER(CONCAT('%z0', s, 'Σ')), LOWER(CONCAT(s, '0Σ', ns)), LOWER(CONCAT('ΑΣ ', s, 'ΒΣ')) FROM t;
SELECT id, LOWER(CONCAT('-bı.Σ0é', s)), LOWER(CONCAT('𝐚Σ', s)), LOWER(CONCAT('a𝐚Σ', s)), UPPER(CONCAT(s, 'ς')) FROM t;
