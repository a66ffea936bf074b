#!/usr/bin/env bash
# Scenario table-api-run: a Table API program (scenarios/table_api/TableApiJob.java: TableDescriptor
# source and sink, filter/select with Java expressions, no SQL strings) submitted with `bin/flink run`
# (attached) to the stock cluster and to the one with EMBER_JAR in lib/, streaming and batch. Planning
# happens in the CLI's JVM here, not in sql-client: this is the path a packaged Table API job takes.
#
#   integration/scenarios/table-api-run.sh [--quick]
#
# The program is compiled at scenario time with javac -cp "<dist>/lib/*" and packaged with jar (no
# Maven); one `bin/flink run` per side runs both modes in turn (one client JVM: ≈ 10 s saved per side).
# Input: calc_files_data.py's csv (600 rows, 300 with --quick).
# Checks (one "CHECK" line each): bin/flink run exits 0 and both jobs are FINISHED on each side; each
# sink's sorted output has the expected row count; ember's sorted output equals stock's byte for byte;
# streaming equals batch; no stock job names NativeCalc (EMBER_IT_EXPECT_NATIVE=1|any|0 turns the
# ember report into a check). Runs standalone too.
# Environment: EMBER_JAR, EMBER_IT_STOCK_DIST/EMBER_IT_EMBER_DIST (running clusters, from run-all.sh),
#              EMBER_IT_EXPECT_NATIVE, EMBER_IT_WORK, EMBER_IT_FLINK_VERSION, EMBER_IT_JOB_TIMEOUT (s, 600).
set -euo pipefail
IT_SCENARIO=table-api-run
# shellcheck source=../scenario-lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/scenario-lib.sh"
SDIR="$IT_DIR/scenarios"

ROWS=600
[[ "${1:-}" == --quick ]] && ROWS=300
MODES="streaming batch"
t0=$SECONDS
it_clusters

W="$IT_WORK/$IT_SCENARIO"
rm -rf "$W"; mkdir -p "$W"
eval "$(python3 "$SDIR/calc_files_data.py" "$W/input" "$ROWS")"   # sets expected_csv (and expected_json)
it_log "input: $ROWS rows in $W/input/csv (expect $expected_csv rows out)"

# Compile against the stock distribution's lib/ (the API the job is written for), package without Maven.
# The JDK of JAVA_HOME if set (bin/flink prefers it too), else the one on PATH.
JDK_BIN="${JAVA_HOME:+$JAVA_HOME/bin/}"
ts=$SECONDS
if "${JDK_BIN}javac" -nowarn -d "$W/classes" -cp "$IT_STOCK_DIST/lib/*" "$SDIR/table_api/TableApiJob.java" >&2 \
   && "${JDK_BIN}jar" --create --file "$W/table-api-job.jar" --main-class TableApiJob -C "$W/classes" . >&2; then
    it_check "compile" PASS "$((SECONDS - ts)) s"
else
    it_check "compile" FAIL "javac/jar of $SDIR/table_api/TableApiJob.java"
    exit 1
fi

# job_state <url> <jid>: the job's state once terminal (the client waited already; this confirms it).
job_state() {
    local url="$1" jid="$2" state t="$SECONDS"
    while :; do
        state=$(curl -fsS --max-time 10 "$url/jobs/$jid" | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])') || state=UNKNOWN
        case "$state" in FINISHED|FAILED|CANCELED|UNKNOWN) break ;; esac
        (( SECONDS - t > 60 )) && break
        sleep 1
    done
    echo "$state"
}

for side in stock ember; do
    [[ $side == stock ]] && dist="$IT_STOCK_DIST" || dist="$IT_EMBER_DIST"
    url=$("$IT_DIR/cluster.sh" url "$dist")
    out="$W/$side.flink-run.out"
    ts=$SECONDS
    rc=0
    # Attached (the default): the CLI waits for each job; the client log goes to $W/$side-log/.
    FLINK_LOG_DIR="$W/$side-log" FLINK_PID_DIR="$dist/pid" USER="${USER:-$(id -un)}" \
        timeout "${EMBER_IT_JOB_TIMEOUT:-600}" "$dist/bin/flink" run -c TableApiJob "$W/table-api-job.jar" \
        "$W/input/csv" "$W/out-$side" "${MODES// /,}" </dev/null >"$out" 2>&1 || rc=$?
    it_log "$side: bin/flink run exited $rc after $((SECONDS - ts)) s (output: $out)"
    jids=""; bad=""
    for m in $MODES; do
        jid=$(awk -v m="$m" '$1 == "EMBER_IT_JOB" && $2 == m {print $3}' "$out" | tail -n1)
        if [[ ! "$jid" =~ ^[0-9a-f]{32}$ ]]; then bad="$bad $m:no-job"; continue; fi
        jids="$jids $jid"
        st=$(job_state "$url" "$jid")
        it_log "$side $m job $jid: $st"
        [[ "$st" == FINISHED ]] || bad="$bad $m:$st"
    done
    if [[ $rc -eq 0 && -z "$bad" ]]; then
        it_check "$side-jobs-finished" PASS "$(echo $jids | wc -w) jobs, $((SECONDS - ts)) s"
    else
        it_check "$side-jobs-finished" FAIL "bin/flink run exit $rc;${bad:- jobs ok}; see $out"
        grep -E '^(Caused by|org\.apache\.flink\.[a-zA-Z.]*Exception)' "$out" | tail -n 6 >&2 || tail -n 20 "$out" >&2
    fi
    grep -h 'Ember: ' "$W/$side-log"/*client*.log 2>/dev/null | sed 's/^.*\] - /    /' | cut -c1-220 >&2 || true
    # shellcheck disable=SC2086
    [[ -n "$jids" ]] && it_native_report "$side" "$dist" $jids
    for m in $MODES; do
        if it_sorted_output "$W/out-$side/$m" "$W/$side-$m.sorted"; then
            n=$(wc -l < "$W/$side-$m.sorted")
            [[ $n -eq $expected_csv ]] && it_check "$side-$m-rows" PASS "$n rows" \
                                       || it_check "$side-$m-rows" FAIL "$n rows, expected $expected_csv"
        else
            it_check "$side-$m-rows" FAIL "no committed output"
            : > "$W/$side-$m.sorted"
        fi
    done
done

for m in $MODES; do
    if cmp -s "$W/stock-$m.sorted" "$W/ember-$m.sorted" && [[ -s "$W/stock-$m.sorted" ]]; then
        it_check "ember-equals-stock-$m" PASS "$(sha256sum < "$W/stock-$m.sorted" | cut -c1-16)"
    else
        it_check "ember-equals-stock-$m" FAIL "diff $W/stock-$m.sorted $W/ember-$m.sorted"
        diff "$W/stock-$m.sorted" "$W/ember-$m.sorted" | head -n 6 >&2 || true
    fi
done
for side in stock ember; do
    cmp -s "$W/$side-streaming.sorted" "$W/$side-batch.sorted" && [[ -s "$W/$side-batch.sorted" ]] \
        && it_check "$side-streaming-equals-batch" PASS "" \
        || it_check "$side-streaming-equals-batch" FAIL "diff $W/$side-streaming.sorted $W/$side-batch.sorted"
done
it_log "done in $((SECONDS - t0)) s"
exit $IT_FAILED
