//! Flink JSON functions (JSON_VALUE, ...) with the semantics of Flink 2.3.0 (SqlJsonUtils / Jackson).
