//! Flink hash functions (MD5, SHA1, SHA2, ...): lower-case hex digests of the UTF-8 bytes.
