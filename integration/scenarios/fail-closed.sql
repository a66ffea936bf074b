-- Scenario fail-closed: a small datagen -> Calc -> filesystem job (batch) that Ember would
-- accelerate if it were active. @ROWS@, @VSTART@, @VEND@ and @OUT@ are replaced by fail-closed.sh.
SET 'execution.runtime-mode' = 'batch';
SET 'parallelism.default' = '1';

CREATE TABLE src (
  id INT, v BIGINT
) WITH (
  'connector' = 'datagen', 'number-of-rows' = '@ROWS@',
  'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '@ROWS@',
  'fields.v.kind' = 'sequence', 'fields.v.start' = '@VSTART@', 'fields.v.end' = '@VEND@'
);

CREATE TABLE out_calc (
  id INT, x BIGINT, q INT, s STRING, c STRING
) WITH (
  'connector' = 'filesystem', 'path' = '@OUT@', 'format' = 'csv'
);

INSERT INTO out_calc
SELECT id,
       v * 3 - id,
       id / 7,
       CASE WHEN id % 3 = 0 THEN 'fizz' ELSE CAST(id AS STRING) END,
       UPPER(CONCAT('k', CAST(v AS STRING)))
FROM src
WHERE id % 5 <> 2;
