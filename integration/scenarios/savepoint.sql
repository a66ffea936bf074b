-- Scenario savepoint: a bounded, rate-limited datagen sequence with a computed rowtime and a WATERMARK ->
-- Calc -> WatermarkAssigner -> Calc (one fused native operator on Ember, two pass-through operators holding
-- the stock places) -> exactly-once filesystem sink (streaming, checkpoints every 1 s). savepoint.sh stops it with a savepoint on one cluster and resumes
-- it on the other: the second run replaces the @RESTORE@ line by a SET of execution.state-recovery.path.
-- @ROWS@, @RATE@, @VSTART@, @VEND@ and @OUT@ are replaced by savepoint.sh.
SET 'execution.runtime-mode' = 'streaming';
SET 'parallelism.default' = '1';
SET 'execution.checkpointing.interval' = '1s';
-- @RESTORE@

CREATE TABLE src (
  id BIGINT, v INT,
  ts AS TIMESTAMPADD(SECOND, CAST(id AS INT), TIMESTAMP '2026-01-01 00:00:00'),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (
  'connector' = 'datagen', 'number-of-rows' = '@ROWS@', 'rows-per-second' = '@RATE@',
  'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '@ROWS@',
  'fields.v.kind' = 'sequence', 'fields.v.start' = '@VSTART@', 'fields.v.end' = '@VEND@'
);

CREATE TABLE out_savepoint (
  id BIGINT, x BIGINT, m INT, s STRING
) WITH (
  'connector' = 'filesystem', 'path' = '@OUT@', 'format' = 'csv'
);

INSERT INTO out_savepoint
SELECT id,
       id * 7 - v,
       v % 13,
       CONCAT('k', CAST(id AS STRING), '_', CAST(v AS STRING))
FROM src
WHERE id % 10 <> 3;
