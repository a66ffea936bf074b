#!/usr/bin/env bash
# Scenario failover: a streaming job through a native Calc into an exactly-once filesystem sink
# survives a TaskManager killed with kill -9 mid-run and still writes every row exactly once.
#
#   integration/scenarios/failover.sh [--quick]
#
# A cluster of its own (the job kills its TaskManager): Flink $EMBER_IT_FLINK_VERSION with EMBER_JAR,
# heartbeat.interval 1 s (a dead TaskManager is noticed in ≈ 2 s instead of ≈ 20 s). The SQL
# (scenarios/failover.sql): datagen sequence, ROWS rows at RATE rows/s (3000 at 150/s with --quick,
# 6000 at 200/s otherwise: ≈ 20/30 s), checkpoints every 1 s, restart-strategy fixed-delay (SET in the
# script). Once the job has >= 2 completed checkpoints (REST /jobs/<id>/checkpoints) the TaskManager
# process gets kill -9, then bin/taskmanager.sh start brings up a new one; the job must restart from
# the last checkpoint and FINISH.
# Checks: killed mid-run (job RUNNING, >= 2 checkpoints); a new TaskManager registered; the job
# restarted (RESTARTING timestamp, exception history) and FINISHED; the sorted committed output equals
# the rows computed from the sequence (no loss, no duplicates: counts reported); NativeCalc in the plan
# (required with EMBER_JAR on 2.3.0 unless EMBER_IT_EXPECT_NATIVE=0). Runs standalone too.
# Environment: EMBER_JAR, EMBER_IT_WORK, EMBER_IT_FLINK_VERSION, EMBER_IT_EXPECT_NATIVE.
set -euo pipefail
IT_SCENARIO=failover
# shellcheck source=../scenario-lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/scenario-lib.sh"
SDIR="$IT_DIR/scenarios"

ROWS=6000; RATE=200
[[ "${1:-}" == --quick ]] && { ROWS=3000; RATE=150; }
VSTART=-1000; VEND=$((VSTART + ROWS - 1))
t0=$SECONDS

jars=()
if [[ -n "${EMBER_JAR:-}" ]]; then
    [[ -f "$EMBER_JAR" ]] || { it_check "ember-jar" FAIL "EMBER_JAR=$EMBER_JAR does not exist"; exit 1; }
    jars=("$(it_ember_jar)")
    it_log "Ember jar: ${jars[0]}"
else
    it_warn_no_jar
fi
W="$IT_WORK/$IT_SCENARIO"
rm -rf "$W"; mkdir -p "$W"
D="$IT_WORK/$IT_SCENARIO-ember"
cache=$("$IT_DIR/flink-dist.sh" "$IT_FLINK_VERSION" | tail -n1)
it_own_cluster "$D" "$cache" "${jars[@]}" >&2
if ! EMBER_IT_EXTRA_CONF=$'heartbeat.interval: 1000\nheartbeat.timeout: 20000' "$IT_DIR/cluster.sh" start "$D"; then
    it_check "cluster-start" FAIL "see $D/log/"
    exit 1
fi
URL=$("$IT_DIR/cluster.sh" url "$D")

# Expected output: failover.sql's SELECT on the sequence, as the csv format writes it, sorted bytewise.
it_sequence_expected "$ROWS" "$VSTART" "$W/expected.sorted"
EXPECTED=$(wc -l < "$W/expected.sorted")

sed -e "s|@ROWS@|$ROWS|g" -e "s|@RATE@|$RATE|g" -e "s|@VSTART@|$VSTART|g" -e "s|@VEND@|$VEND|g" \
    -e "s|@OUT@|$W/out|g" "$SDIR/failover.sql" > "$W/failover.sql"
it_log "job: $ROWS rows at $RATE rows/s, expect $EXPECTED rows out"

rest() { curl -fsS --max-time 10 "$URL$1"; }
json() { python3 -c "import json,sys; j=json.load(sys.stdin); print($1)"; }
tm_pids() { # TaskManager JVMs of this copy
    local p
    for p in /proc/[0-9]*; do
        tr '\0' ' ' 2>/dev/null < "$p/cmdline" | grep -q "TaskManagerRunner.*$D/\|$D/.*TaskManagerRunner" && echo "${p#/proc/}"
    done
    return 0
}

ts=$SECONDS
EMBER_IT_JOB_TIMEOUT=300 EMBER_IT_SQL_LOG="$W/sql-client.out" "$IT_DIR/sql-run.sh" "$D" "$W/failover.sql" > "$W/jids" &
psql=$!

# Wait for the job and for >= 2 completed checkpoints.
jid=""; killed=""; state=""; ckpts=0
while (( SECONDS - ts < 150 )); do
    if [[ -z "$jid" ]]; then
        jid=$(rest /jobs/overview 2>/dev/null | json '" ".join(x["jid"] for x in j["jobs"])' || true)
        [[ "$jid" =~ ^[0-9a-f]{32}$ ]] || jid=""
    fi
    if [[ -n "$jid" ]]; then
        state=$(rest "/jobs/$jid" | json 'j["state"]' || echo "?")
        ckpts=$(rest "/jobs/$jid/checkpoints" | json 'j["counts"]["completed"]' 2>/dev/null || echo 0)
        [[ "$state" == RUNNING && "$ckpts" -ge 2 ]] && break
        [[ "$state" == RUNNING || "$state" == CREATED || "$state" == INITIALIZING ]] || break
    fi
    kill -0 $psql 2>/dev/null || break
    sleep 0.5
done
old_tms=$(rest /taskmanagers | json '" ".join(t["id"] for t in j["taskmanagers"])' || true)
tmpid=$(tm_pids | head -n1)
if [[ -n "$jid" && "$state" == RUNNING && "$ckpts" -ge 2 && -n "$tmpid" ]]; then
    kill -9 "$tmpid"
    kill_epoch=$(date +%s.%N)
    killed_at=$((SECONDS - ts))
    it_check "killed-mid-run" PASS "TaskManager pid $tmpid kill -9 at ${killed_at} s, job RUNNING with $ckpts completed checkpoints"
    killed=1
    sleep 1
    FLINK_PID_DIR="$D/pid" FLINK_LOG_DIR="$D/log" USER="${USER:-$(id -un)}" "$D/bin/taskmanager.sh" start >&2
else
    it_check "killed-mid-run" FAIL "job ${jid:-<none>} state=${state:-?} checkpoints=$ckpts tm-pid=${tmpid:-?} after $((SECONDS - ts)) s"
fi

# A new TaskManager must register (another resource id).
if [[ -n "$killed" ]]; then
    new_tm=""
    for _ in $(seq 1 120); do
        new_tm=$(rest /taskmanagers | python3 -c '
import json, sys
old = set(sys.argv[1].split())
print(" ".join(t["id"] for t in json.load(sys.stdin)["taskmanagers"] if t["id"] not in old))' "$old_tms" || true)
        [[ -n "$new_tm" ]] && break
        sleep 0.5
    done
    [[ -n "$new_tm" ]] && it_check "taskmanager-restarted" PASS "new TaskManager $new_tm (pid $(tm_pids | tr '\n' ' '))" \
                       || it_check "taskmanager-restarted" FAIL "no new TaskManager registered in 60 s"
fi

rc=0; wait $psql || rc=$?
if [[ $rc -eq 0 && -n "$jid" ]]; then
    it_check "job-finished" PASS "$jid FINISHED, $((SECONDS - ts)) s after submission"
else
    it_check "job-finished" FAIL "sql-run.sh exit $rc; see $W/sql-client.out and $D/log/"
fi
if [[ -n "$jid" && -n "$killed" ]]; then
    info=$( { rest "/jobs/$jid"; echo; rest "/jobs/$jid/exceptions"; echo; rest "/jobs/$jid/checkpoints"; echo; } | python3 -c '
import json, sys
job, exc, ck = [json.loads(l) for l in sys.stdin if l.strip()]
restarting = job.get("timestamps", {}).get("RESTARTING", 0)
hist = exc.get("exceptionHistory", {}).get("entries", [])
first = (hist[-1].get("exceptionName", "") + ": " + (hist[-1].get("stacktrace") or "").splitlines()[0][:140]) if hist else ""
c = ck["counts"]
restored = (ck.get("latest", {}) or {}).get("restored") or {}
print(1 if restarting > 0 and hist else 0, len(hist), c["completed"], c["failed"], restored.get("id", "-"), "|", first)')
    read -r restarted nexc ncomp nfail rid _ <<<"${info%%|*}"
    if [[ "$restarted" == 1 ]]; then
        it_check "job-restarted" PASS "$nexc failure(s) in the history (first:${info#*|}), restored checkpoint $rid; checkpoints completed=$ncomp failed=$nfail"
    else
        it_check "job-restarted" FAIL "no restart recorded: $info"
    fi
fi

native=$([[ -n "$jid" ]] && it_native_jobs "$D" "$jid" || echo 0)
it_log "NativeCalc in the job: $native"
echo "NATIVE ${IT_SCENARIO}/ember jobs_with_NativeCalc=$native/1"
if [[ -n "${EMBER_JAR:-}" && "$IT_FLINK_VERSION" == 2.3.0 && "${EMBER_IT_EXPECT_NATIVE:-}" != 0 ]]; then
    [[ "$native" -gt 0 ]] && it_check "uses-NativeCalc" PASS "" || it_check "uses-NativeCalc" FAIL "the plan has no NativeCalc"
elif [[ "${EMBER_IT_EXPECT_NATIVE:-}" == 0 ]]; then
    [[ "$native" -eq 0 ]] && it_check "ember-fails-closed" PASS "" || it_check "ember-fails-closed" FAIL "NativeCalc on Flink $IT_FLINK_VERSION"
fi

# The killed attempt leaves its in-progress part file behind (hidden, never committed: Flink does not
# delete files no checkpoint knows about). Allowed only if written before the kill; any other hidden
# file is an uncommitted file of the final attempt.
if [[ -d "$W/out" ]]; then
    late=$(find "$W/out" -type f -name '.*' -newermt "@$(python3 -c "print(${kill_epoch:-0} + 1)")" | head -n3)
    orphans=$(find "$W/out" -type f -name '.*' | wc -l)
    if [[ -n "$late" ]]; then
        it_check "all-committed" FAIL "uncommitted files written after the kill: $late"
    else
        it_check "all-committed" PASS "$orphans orphaned in-progress file(s) of the killed attempt (written before the kill), none later"
    fi
    find "$W/out" -type f ! -name '.*' -print0 | sort -z | xargs -0 -r cat | LC_ALL=C sort > "$W/out.sorted"
    n=$(wc -l < "$W/out.sorted")
    counts=$(python3 - "$W/expected.sorted" "$W/out.sorted" <<'PY'
import collections, sys
want = collections.Counter(open(sys.argv[1]).read().splitlines())
got = collections.Counter(open(sys.argv[2]).read().splitlines())
missing = sum((want - got).values())
dups = sum(c - 1 for l, c in got.items() if c > 1)
extra = sum(c for l, c in got.items() if l not in want)
print(f"missing={missing} duplicates={dups} unexpected={extra}")
PY
)
    if cmp -s "$W/expected.sorted" "$W/out.sorted"; then
        it_check "exactly-once-output" PASS "$ROWS rows in, $n rows out = expected $EXPECTED ($counts)"
    else
        it_check "exactly-once-output" FAIL "$ROWS rows in, $n rows out, expected $EXPECTED ($counts); diff $W/expected.sorted $W/out.sorted"
        diff "$W/expected.sorted" "$W/out.sorted" | head -n 6 >&2 || true
    fi
else
    it_check "exactly-once-output" FAIL "no output directory $W/out"
fi
it_log "done in $((SECONDS - t0)) s"
exit $IT_FAILED
