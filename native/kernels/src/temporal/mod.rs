//! Flink temporal functions (EXTRACT, FLOOR/CEIL to a unit, DATE_FORMAT, TO_TIMESTAMP, TO_DATE,
//! TIMESTAMPADD/TIMESTAMPDIFF, interval arithmetic) with Flink 2.3.0 semantics.
