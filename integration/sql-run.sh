#!/usr/bin/env bash
# Run a SQL script with bin/sql-client.sh -f against the cluster of <dist-dir>, and fail on any error.
#
#   integration/sql-run.sh <dist-dir> <script.sql>
#
# sql-client exits 0 even when a statement fails (it prints "[ERROR] ..." and skips the rest of the
# file), and an INSERT only submits a job unless 'table.dml-sync' is true. So this script:
#   1. lists the cluster's jobs before, runs sql-client (output saved next to the script's log),
#   2. fails if sql-client exits non-zero or printed "[ERROR]",
#   3. waits for every job that appeared during the run to reach a terminal state and fails unless
#      all are FINISHED (printing the root exception of the others),
#   4. prints the new job ids on stdout, one per line, in submission order (progress on stderr).
# Environment: EMBER_IT_JOB_TIMEOUT (s per script, default 600), EMBER_IT_SQL_LOG (output file,
#              default <dist-dir>/log/sql-<script-name>.out).
set -euo pipefail

log() { echo "[sql-run] $*" >&2; }
die() { echo "[sql-run] ERROR: $*" >&2; exit 1; }

[[ $# -eq 2 ]] || { awk 'NR>1 && /^#/ {sub(/^# ?/,""); print; next} NR>1 {exit}' "${BASH_SOURCE[0]}" >&2; exit 2; }
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DIST="$(cd "$1" && pwd)"
SCRIPT="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
[[ -f "$SCRIPT" ]] || die "no such script: $2"
TIMEOUT="${EMBER_IT_JOB_TIMEOUT:-600}"
OUT="${EMBER_IT_SQL_LOG:-$DIST/log/sql-$(basename "$SCRIPT" .sql).out}"
export USER="${USER:-$(id -un)}"
export FLINK_PID_DIR="$DIST/pid" FLINK_LOG_DIR="$DIST/log"

URL=$("$HERE/cluster.sh" url "$DIST")
curl -fsS --max-time 5 "$URL/overview" >/dev/null || die "no cluster answers at $URL (cluster.sh start $DIST)"

# "<start-time> <jid> <state>" of every job, sorted by start time.
jobs_list() {
    curl -fsS --max-time 10 "$URL/jobs/overview" | python3 -c '
import json, sys
for j in sorted(json.load(sys.stdin)["jobs"], key=lambda j: j["start-time"]):
    print(j["start-time"], j["jid"], j["state"])'
}

before=$(jobs_list | awk '{print $2}')
t0=$SECONDS
log "sql-client -f $SCRIPT (output: $OUT)"
rc=0
timeout "$TIMEOUT" "$DIST/bin/sql-client.sh" -hist /dev/null -f "$SCRIPT" </dev/null >"$OUT.raw" 2>&1 || rc=$?
# Drop ANSI colour codes so the log greps cleanly.
sed 's/\x1b\[[0-9;]*m//g' "$OUT.raw" >"$OUT" && rm -f "$OUT.raw"
log "sql-client exited $rc after $((SECONDS - t0)) s"
if [[ $rc -ne 0 ]] || grep -q '^\(Flink SQL> \)\?.*\[ERROR\]' "$OUT"; then
    grep -A8 '\[ERROR\]' "$OUT" >&2 || tail -n 30 "$OUT" >&2
    die "sql-client failed (exit $rc) on $SCRIPT"
fi

new=$(jobs_list | awk '{print $2}' | grep -vxF -f <(echo "${before:-none}") || true)
[[ -n "$new" ]] || log "warning: the script started no job"

failed=0
for jid in $new; do
    while :; do
        state=$(curl -fsS --max-time 10 "$URL/jobs/$jid" | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])')
        case "$state" in
            FINISHED|FAILED|CANCELED|CANCELLING|FAILING) break ;;
        esac
        if (( SECONDS - t0 > TIMEOUT )); then
            log "job $jid still $state after ${TIMEOUT}s: cancelling"
            curl -fsS -X PATCH --max-time 10 "$URL/jobs/$jid?mode=cancel" >/dev/null || true
            state="TIMEOUT"
            break
        fi
        sleep 1
    done
    dur=$(curl -fsS --max-time 10 "$URL/jobs/$jid" | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["name"], "%.1fs" % (j["duration"]/1000))')
    log "job $jid $state ($dur)"
    if [[ "$state" != FINISHED ]]; then
        failed=1
        curl -fsS --max-time 10 "$URL/jobs/$jid/exceptions" 2>/dev/null | python3 -c '
import json, sys
e = json.load(sys.stdin)
h = e.get("exceptionHistory", {}).get("entries", [])
t = (h[0]["stacktrace"] if h else e.get("root-exception")) or "no exception recorded"
lines = t.splitlines()
causes = [l for l in lines if l.startswith("Caused by:")]
print("\n".join(["  " + l for l in lines[:1] + causes[-6:]]))' >&2 || true
    fi
    echo "$jid"
done
[[ $failed -eq 0 ]] || die "a job of $SCRIPT did not finish"
log "ok: $(echo $new | wc -w) job(s) finished, $((SECONDS - t0)) s"
