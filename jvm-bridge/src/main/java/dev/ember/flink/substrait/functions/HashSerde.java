package dev.ember.flink.substrait.functions;

/**
 * {@code MD5, SHA1, SHA224, SHA256, SHA384, SHA512, SHA2}: {@code md5, sha1, sha224, sha256, sha384, sha512,
 * sha2}, lower-case hex digests of the UTF-8 bytes of a string (or of BYTES). SHA2 runs natively only with a literal
 * bit length of 224, 256, 384 or 512 (the native builder refuses anything else, which stock Flink rejects at run time).
 */
public final class HashSerde extends ScalarFunctionSerde {}
