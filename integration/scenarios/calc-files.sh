#!/usr/bin/env bash
# Scenario calc-files: the same filesystem -> Calc -> filesystem SQL (scenarios/calc-files.sql) on a
# stock cluster and on one with EMBER_JAR in lib/, streaming and batch, csv and json sources, csv and json sinks.
#
#   integration/scenarios/calc-files.sh [--quick]
#
# Checks (one "CHECK" line each): every job FINISHED on each side; each sink's sorted output has the
# expected row count; ember's sorted output equals stock's byte for byte; streaming equals batch; the
# ember side decoded all four scans (csv and json) and encoded both json sinks natively (unless
# EMBER_IT_EXPECT_NATIVE=0);
# no stock job names NativeCalc (and EMBER_IT_EXPECT_NATIVE=1|0 turns the ember report into a check).
# Environment: EMBER_JAR, EMBER_IT_STOCK_DIST/EMBER_IT_EMBER_DIST (running clusters, from run-all.sh),
#              EMBER_IT_EXPECT_NATIVE, EMBER_IT_WORK, EMBER_IT_FLINK_VERSION.
set -euo pipefail
IT_SCENARIO=calc-files
# shellcheck source=../scenario-lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/scenario-lib.sh"
SDIR="$IT_DIR/scenarios"

ROWS=600
[[ "${1:-}" == --quick ]] && ROWS=300
t0=$SECONDS
it_clusters

W="$IT_WORK/$IT_SCENARIO"
rm -rf "$W"; mkdir -p "$W"
eval "$(python3 "$SDIR/calc_files_data.py" "$W/input" "$ROWS")"   # sets expected_csv, expected_json
it_log "input: $ROWS rows in $W/input (expect csv=$expected_csv json=$expected_json rows out)"

SINKS="stream_csv stream_json batch_csv batch_json"
# Scans decoded and sinks encoded natively (fused into the NativeCalc), as the SQL client's planner log reports them.
fused() { cat "$IT_EMBER_DIST"/log/*sql-client*.log 2>/dev/null | grep -c "$1" || true; }
scans_before=$(fused "scan decoded natively")
sinks_before=$(fused "sink encoded natively")
for side in stock ember; do
    [[ $side == stock ]] && dist="$IT_STOCK_DIST" || dist="$IT_EMBER_DIST"
    sed -e "s|@IN@|$W/input|g" -e "s|@OUT@|$W/out-$side|g" "$SDIR/calc-files.sql" > "$W/$side.sql"
    ts=$SECONDS
    if jids=$(EMBER_IT_SQL_LOG="$W/$side.sql-client.out" "$IT_DIR/sql-run.sh" "$dist" "$W/$side.sql"); then
        it_check "$side-jobs-finished" PASS "$(echo $jids | wc -w) jobs, $((SECONDS - ts)) s"
        # shellcheck disable=SC2086
        it_native_report "$side" "$dist" $jids
    else
        it_check "$side-jobs-finished" FAIL "see $W/$side.sql-client.out and $dist/log/"
    fi
    for s in $SINKS; do
        if it_sorted_output "$W/out-$side/$s" "$W/$side-$s.sorted"; then
            n=$(wc -l < "$W/$side-$s.sorted")
            want=$expected_csv; [[ $s == *json ]] && want=$expected_json
            [[ $n -eq $want ]] && it_check "$side-$s-rows" PASS "$n rows" \
                               || it_check "$side-$s-rows" FAIL "$n rows, expected $want"
        else
            it_check "$side-$s-rows" FAIL "no committed output"
            : > "$W/$side-$s.sorted"
        fi
    done
done

if [[ -n "${EMBER_JAR:-}" && "${EMBER_IT_EXPECT_NATIVE:-}" != 0 ]]; then
    scans=$(( $(fused "scan decoded natively") - scans_before ))
    sinks=$(( $(fused "sink encoded natively") - sinks_before ))
    # One per job: csv and json, streaming and batch (nested ROWs, decimals sent as strings, NULL literals).
    [[ $scans -ge 4 ]] && it_check "ember-scans-decoded-natively" PASS "$scans scans" \
                       || it_check "ember-scans-decoded-natively" FAIL "$scans scans decoded natively, expected 4"
    # The json jobs' sinks (streaming and batch).
    [[ $sinks -ge 2 ]] && it_check "ember-json-sinks-encoded-natively" PASS "$sinks sinks" \
                       || it_check "ember-json-sinks-encoded-natively" FAIL "$sinks sinks encoded natively, expected 2"
fi
for s in $SINKS; do
    if cmp -s "$W/stock-$s.sorted" "$W/ember-$s.sorted" && [[ -s "$W/stock-$s.sorted" ]]; then
        it_check "ember-equals-stock-$s" PASS "$(sha256sum < "$W/stock-$s.sorted" | cut -c1-16)"
    else
        it_check "ember-equals-stock-$s" FAIL "diff $W/stock-$s.sorted $W/ember-$s.sorted"
        diff "$W/stock-$s.sorted" "$W/ember-$s.sorted" | head -n 6 >&2 || true
    fi
done
for side in stock ember; do
    for f in csv json; do
        cmp -s "$W/$side-stream_$f.sorted" "$W/$side-batch_$f.sorted" && [[ -s "$W/$side-batch_$f.sorted" ]] \
            && it_check "$side-stream-equals-batch-$f" PASS "" \
            || it_check "$side-stream-equals-batch-$f" FAIL "diff $W/$side-stream_$f.sorted $W/$side-batch_$f.sorted"
    done
done
it_log "done in $((SECONDS - t0)) s"
exit $IT_FAILED
