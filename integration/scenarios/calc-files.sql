-- Scenario calc-files: filesystem (csv, json) -> Calc -> filesystem (csv, json), streaming and batch.
-- @IN@ and @OUT@ are replaced by scenarios/calc-files.sh. Every expression reads a column of a
-- real source (no literals-only rows: the planner would fold them and no Calc would run them).

-- Streaming file sinks commit on checkpoints. (sql-client ends a statement only at a ';' that ends
-- a line: no comment after the ';'.)
SET 'execution.checkpointing.interval' = '1s';
SET 'parallelism.default' = '1';
SET 'table.exec.resource.default-parallelism' = '1';

CREATE TABLE src_csv (
  id INT, qty INT, price DECIMAL(10, 2), amount BIGINT, name STRING, flag BOOLEAN,
  dbl DOUBLE, `day` DATE, city STRING, zip INT
) WITH (
  'connector' = 'filesystem', 'path' = '@IN@/csv', 'format' = 'csv',
  'csv.null-literal' = '\N'
);

CREATE TABLE src_json (
  id INT, qty INT, price DECIMAL(10, 2), amount BIGINT, name STRING, flag BOOLEAN,
  `day` DATE, info ROW<city STRING, zip INT>
) WITH (
  'connector' = 'filesystem', 'path' = '@IN@/json', 'format' = 'json'
);

CREATE TEMPORARY VIEW q_csv AS
SELECT
  id,
  qty * 3 - 7                                   AS q_lin,
  qty / 4                                       AS q_div,
  qty % 5                                       AS q_mod,
  -qty                                          AS q_neg,
  ABS(qty)                                      AS q_abs,
  amount + id                                   AS a_plus,
  amount * 2                                    AS a_twice,
  price * 2                                     AS p_twice,
  price + CAST(qty AS DECIMAL(10, 0))           AS p_plus_q,
  CAST(price AS DOUBLE) / 3                     AS p_third,
  dbl * 2                                       AS d_twice,
  CASE WHEN qty IS NULL THEN 'none' WHEN qty < 0 THEN 'neg'
       WHEN qty = 0 THEN 'zero' ELSE 'pos' END  AS q_sign,
  UPPER(name)                                   AS n_upper,
  LOWER(name)                                   AS n_lower,
  SUBSTRING(name, 2, 3)                         AS n_sub,
  CHAR_LENGTH(name)                             AS n_len,
  CAST(id AS VARCHAR) || ':' || COALESCE(name, '?') AS n_cat,
  TRIM(name)                                    AS n_trim,
  CAST(qty AS BIGINT) * 1000000                 AS q_big,
  CAST(qty AS VARCHAR)                          AS q_str,
  flag AND qty > 0                              AS f_and,
  flag OR qty IS NULL                           AS f_or,
  NOT flag                                      AS f_not,
  CAST(`day` AS VARCHAR)                        AS d_str,
  EXTRACT(YEAR FROM `day`)                      AS d_year,
  UPPER(city)                                   AS c_upper,
  zip + qty                                     AS z_plus_q
FROM src_csv
WHERE id % 7 <> 3 AND (qty IS NULL OR qty <> 13);

CREATE TEMPORARY VIEW q_json AS
SELECT
  id,
  qty * 3 - 7                                   AS q_lin,
  qty / 4                                       AS q_div,
  price - 1                                     AS p_minus,
  CAST(amount AS DECIMAL(20, 3)) / 1000         AS a_kilo,
  CASE WHEN flag IS NULL THEN -1 WHEN flag THEN 1 ELSE 0 END AS f_int,
  UPPER(SUBSTRING(name, 1, 4))                  AS n_head,
  CONCAT(COALESCE(info.city, '<no city>'), '/', CAST(info.zip AS VARCHAR)) AS c_full,
  info.zip * 2 + id                             AS z_calc,
  info.city IS NULL                             AS c_null,
  CAST(`day` AS VARCHAR)                        AS d_str
FROM src_json
WHERE id % 7 <> 3 AND (qty IS NULL OR qty <> 13);

-- The json sinks are declared (all columns nullable) rather than created AS SELECT: CTAS would type some columns
-- NOT NULL, and a NOT NULL enforcer keeps a sink's encoding in Flink.
SET 'execution.runtime-mode' = 'streaming';
CREATE TABLE out_stream_csv WITH (
  'connector' = 'filesystem', 'path' = '@OUT@/stream_csv', 'format' = 'csv', 'csv.null-literal' = '<NULL>'
) AS SELECT * FROM q_csv;
CREATE TABLE out_stream_json (
  id INT, q_lin INT, q_div INT, p_minus DECIMAL(11, 2), a_kilo DECIMAL(38, 14), f_int INT, n_head STRING,
  c_full STRING, z_calc INT, c_null BOOLEAN, d_str STRING
) WITH (
  'connector' = 'filesystem', 'path' = '@OUT@/stream_json', 'format' = 'json'
);
INSERT INTO out_stream_json SELECT * FROM q_json;

SET 'execution.runtime-mode' = 'batch';
CREATE TABLE out_batch_csv WITH (
  'connector' = 'filesystem', 'path' = '@OUT@/batch_csv', 'format' = 'csv', 'csv.null-literal' = '<NULL>'
) AS SELECT * FROM q_csv;
CREATE TABLE out_batch_json (
  id INT, q_lin INT, q_div INT, p_minus DECIMAL(11, 2), a_kilo DECIMAL(38, 14), f_int INT, n_head STRING,
  c_full STRING, z_calc INT, c_null BOOLEAN, d_str STRING
) WITH (
  'connector' = 'filesystem', 'path' = '@OUT@/batch_json', 'format' = 'json'
);
INSERT INTO out_batch_json SELECT * FROM q_json;
