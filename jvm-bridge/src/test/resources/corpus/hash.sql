-- Hash functions: lower-case hex digests of UTF-8 strings and of bytes.
SELECT id, MD5(s), SHA1(s), SHA256(s) FROM t;
SELECT id, SHA224(s), SHA384(s), SHA512(s) FROM t;
SELECT id, SHA2(s, 224), SHA2(s, 256), SHA2(s, 384), SHA2(s, 512) FROM t;
SELECT id, MD5(bin), SHA1(bin), SHA2(bin, 256), SHA512(bin) FROM t;
SELECT id, MD5(js), MD5(ns), SHA256(CAST(a AS STRING)) FROM t;
SELECT id, MD5(s || 'salt'), UPPER(SHA1(s)), CHAR_LENGTH(SHA512(s)) FROM t WHERE MD5(s) LIKE 'a%' OR SHA1(s) > 'c';
SELECT id, MD5(''), SHA256(UPPER(s)) FROM t WHERE s IS NOT NULL;
-- A non-literal bit length stays stock Flink (as do invalid literals, which stock rejects at run time).
-- expect: fallback bit length
SELECT id, SHA2(s, 256 + a - a) FROM t;
