-- Scenario native-fault: a Calc that divides by zero on some rows (d % 50 = 0 at d = 50, 100, ...).
-- Stock Flink's generated code throws java.lang.ArithmeticException("/ by zero"); Ember's native
-- kernel must throw the same from NativeBridge.evaluateCalc, fail the job, and leave the
-- TaskManager running. @ROWS@ is replaced by native-fault.sh.
SET 'execution.runtime-mode' = 'streaming';
SET 'parallelism.default' = '1';
SET 'restart-strategy.type' = 'none';

CREATE TABLE src (
  id INT, d INT
) WITH (
  'connector' = 'datagen', 'number-of-rows' = '@ROWS@',
  'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '@ROWS@',
  'fields.d.kind' = 'sequence', 'fields.d.start' = '1', 'fields.d.end' = '@ROWS@'
);

CREATE TABLE out_fault (
  id INT, q INT, r INT
) WITH (
  'connector' = 'blackhole'
);

INSERT INTO out_fault
SELECT id, 1000 / (d % 50), id * 2 + 1
FROM src;
