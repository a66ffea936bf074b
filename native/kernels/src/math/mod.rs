//! Flink math and conditional functions (ABS, ROUND, FLOOR/CEIL, POWER, SQRT, LN/LOG, EXP, SIGN, IF,
//! NULLIF, ...) with the results of Flink 2.3.0 generated code.
