-- Scenario failover: a bounded, rate-limited datagen sequence -> Calc -> exactly-once filesystem sink
-- (streaming, checkpoints every 1 s, fixed-delay restarts). failover.sh kills the TaskManager with
-- kill -9 while it runs. @ROWS@, @RATE@, @VSTART@, @VEND@ and @OUT@ are replaced by failover.sh.
SET 'execution.runtime-mode' = 'streaming';
SET 'parallelism.default' = '1';
SET 'execution.checkpointing.interval' = '1s';
SET 'restart-strategy.type' = 'fixed-delay';
SET 'restart-strategy.fixed-delay.attempts' = '3';
SET 'restart-strategy.fixed-delay.delay' = '1s';

CREATE TABLE src (
  id BIGINT, v INT
) WITH (
  'connector' = 'datagen', 'number-of-rows' = '@ROWS@', 'rows-per-second' = '@RATE@',
  'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '@ROWS@',
  'fields.v.kind' = 'sequence', 'fields.v.start' = '@VSTART@', 'fields.v.end' = '@VEND@'
);

CREATE TABLE out_failover (
  id BIGINT, x BIGINT, m INT, s STRING
) WITH (
  'connector' = 'filesystem', 'path' = '@OUT@', 'format' = 'csv'
);

INSERT INTO out_failover
SELECT id,
       id * 7 - v,
       v % 13,
       CONCAT('k', CAST(id AS STRING), '_', CAST(v AS STRING))
FROM src
WHERE id % 10 <> 3;
