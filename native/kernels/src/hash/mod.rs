//! Flink hash functions MD5, SHA1, SHA224, SHA256, SHA384, SHA512 and SHA2(x, bits): the lower-case hex
//! digest (`EncodingUtils.hex`) of the UTF-8 bytes of a string, or of the bytes of a BINARY/BYTES value.
//! SHA2 needs a literal bit length of 224, 256, 384 or 512; anything else is refused (stock Flink throws
//! `RuntimeException("Unsupported algorithm.")` for other literals).

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, StringArray};
use arrow::datatypes::{DataType, FieldRef};
use datafusion_common::{DataFusionError, ScalarValue};
use datafusion_physical_expr::PhysicalExpr;
use md5::Md5;
use sha1::Sha1;
use sha2::{Digest, Sha224, Sha256, Sha384, Sha512};

use crate::registry::BuildArgs;
use crate::types::FlinkKind;
use ember_common::Result;

/// A digest algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    /// MD5
    Md5,
    /// SHA-1
    Sha1,
    /// SHA-224
    Sha224,
    /// SHA-256
    Sha256,
    /// SHA-384
    Sha384,
    /// SHA-512
    Sha512,
}

impl Algorithm {
    fn digest(self, bytes: &[u8]) -> Vec<u8> {
        match self {
            Algorithm::Md5 => Md5::digest(bytes).to_vec(),
            Algorithm::Sha1 => Sha1::digest(bytes).to_vec(),
            Algorithm::Sha224 => Sha224::digest(bytes).to_vec(),
            Algorithm::Sha256 => Sha256::digest(bytes).to_vec(),
            Algorithm::Sha384 => Sha384::digest(bytes).to_vec(),
            Algorithm::Sha512 => Sha512::digest(bytes).to_vec(),
        }
    }
}

/// Lower-case hex of `digest(bytes)`.
pub fn hex_digest(algorithm: Algorithm, bytes: &[u8]) -> String {
    algorithm
        .digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Builds `md5(x)`, `sha1(x)`, ... (`algorithm` given) or `sha2(x, bits)` (`algorithm = None`).
pub fn build(algorithm: Option<Algorithm>, args: &BuildArgs) -> Result<Arc<dyn PhysicalExpr>> {
    let algorithm = match algorithm {
        Some(a) => {
            args.expect_arity(1)?;
            a
        }
        None => {
            args.expect_arity(2)?;
            match args.literal(1) {
                Some(ScalarValue::Int32(Some(224))) => Algorithm::Sha224,
                Some(ScalarValue::Int32(Some(256))) => Algorithm::Sha256,
                Some(ScalarValue::Int32(Some(384))) => Algorithm::Sha384,
                Some(ScalarValue::Int32(Some(512))) => Algorithm::Sha512,
                _ => {
                    return Err(
                        args.unsupported("the bit length must be the literal 224, 256, 384 or 512")
                    );
                }
            }
        }
    };
    let t = &args.arg_types[0];
    if !t.is_string() && !matches!(t.kind, FlinkKind::Binary(_) | FlinkKind::VarBinary) {
        return Err(args.unsupported("the argument must be a string or bytes"));
    }
    let kernel = Arc::new(move |a: &[ArrayRef], _f: &FieldRef| {
        let x = &a[0];
        let out: StringArray = match x.data_type() {
            DataType::Utf8 => x
                .as_string::<i32>()
                .iter()
                .map(|v| v.map(|v| hex_digest(algorithm, v.as_bytes())))
                .collect(),
            DataType::Binary => x
                .as_binary::<i32>()
                .iter()
                .map(|v| v.map(|v| hex_digest(algorithm, v)))
                .collect(),
            other => return Err(DataFusionError::Internal(format!("hash of {other}"))),
        };
        Ok(Arc::new(out) as ArrayRef)
    });
    Ok(args.kernel("hash", kernel))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_digests() {
        assert_eq!(
            hex_digest(Algorithm::Md5, b""),
            "d41d8cd98f00b204e9800998ecf8427e"
        );
        assert_eq!(
            hex_digest(Algorithm::Md5, b"hello"),
            "5d41402abc4b2a76b9719d911017c592"
        );
        assert_eq!(
            hex_digest(Algorithm::Sha1, b"abc"),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert_eq!(
            hex_digest(Algorithm::Sha256, b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(hex_digest(Algorithm::Sha224, b"abc").len(), 56);
        assert_eq!(hex_digest(Algorithm::Sha384, b"abc").len(), 96);
        assert_eq!(hex_digest(Algorithm::Sha512, "😀".as_bytes()).len(), 128);
    }
}
