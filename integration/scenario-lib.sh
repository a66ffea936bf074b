# Helpers sourced by integration/scenarios/*.sh (not executable on its own).
#
# A scenario runs the same SQL on two clusters, "stock" and "ember", and compares what they wrote.
# Clusters come from the environment when run-all.sh started them (EMBER_IT_STOCK_DIST,
# EMBER_IT_EMBER_DIST, both running); otherwise the scenario prepares and starts its own under
# integration/work/ and stops them when it exits.
#
# Results are printed as lines "CHECK <scenario>/<name> PASS|FAIL <detail>"; run-all.sh counts them.

IT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
IT_WORK="${EMBER_IT_WORK:-$IT_DIR/work}"
IT_FLINK_VERSION="${EMBER_IT_FLINK_VERSION:-2.3.0}"
IT_FAILED=0
IT_OWNED_DISTS=()

it_log() { echo "[${IT_SCENARIO:-scenario}] $*" >&2; }

it_check() { # name PASS|FAIL detail...
    local name="$1" res="$2"; shift 2
    echo "CHECK ${IT_SCENARIO}/$name $res $*"
    [[ "$res" == PASS ]] || IT_FAILED=1
}

it_stop_owned() {
    local d pids=()
    for d in "${IT_OWNED_DISTS[@]}"; do "$IT_DIR/cluster.sh" stop "$d" & pids+=($!); done
    [[ ${#pids[@]} -eq 0 ]] || wait "${pids[@]}" || true
    IT_OWNED_DISTS=()
}

# Sets IT_STOCK_DIST and IT_EMBER_DIST to running clusters.
it_clusters() {
    if [[ -n "${EMBER_IT_STOCK_DIST:-}" && -n "${EMBER_IT_EMBER_DIST:-}" ]]; then
        IT_STOCK_DIST="$EMBER_IT_STOCK_DIST"; IT_EMBER_DIST="$EMBER_IT_EMBER_DIST"
        it_log "using running clusters: stock=$IT_STOCK_DIST ember=$IT_EMBER_DIST"
        return 0
    fi
    local cache jars=()
    cache=$("$IT_DIR/flink-dist.sh" "$IT_FLINK_VERSION" | tail -n1)
    if [[ -n "${EMBER_JAR:-}" ]]; then
        [[ -f "$EMBER_JAR" ]] || { it_log "EMBER_JAR=$EMBER_JAR does not exist"; return 1; }
        jars=("$EMBER_JAR")
    else
        it_warn_no_jar
    fi
    IT_STOCK_DIST="$IT_WORK/$IT_SCENARIO-stock"; IT_EMBER_DIST="$IT_WORK/$IT_SCENARIO-ember"
    trap it_stop_owned EXIT
    IT_OWNED_DISTS=("$IT_STOCK_DIST" "$IT_EMBER_DIST")
    "$IT_DIR/cluster.sh" prepare "$IT_STOCK_DIST" "$cache"
    "$IT_DIR/cluster.sh" prepare "$IT_EMBER_DIST" "$cache" "${jars[@]}"
    # Start both at once: startup is mostly waiting.
    "$IT_DIR/cluster.sh" start "$IT_STOCK_DIST" & local p1=$!
    "$IT_DIR/cluster.sh" start "$IT_EMBER_DIST" & local p2=$!
    local rc=0
    wait $p1 || rc=1
    wait $p2 || rc=1
    return $rc
}

it_warn_no_jar() {
    cat >&2 <<'EOF'
################################################################################
##  EMBER_JAR is not set: the "ember" side runs a STOCK distribution too.     ##
##  The comparison only exercises the tooling, not the accelerator.           ##
################################################################################
EOF
}

# it_native_report <dist> <jid>... : prints per job the vertices, counts those naming NativeCalc,
# and checks the expectation EMBER_IT_EXPECT_NATIVE (1: every job must have one, any: at least one
# job, 0: none may, unset: report only). Stock clusters must never show NativeCalc.
it_native_report() {
    local side="$1" dist="$2"; shift 2
    local url jid n total=0 with=0
    url=$("$IT_DIR/cluster.sh" url "$dist")
    for jid in "$@"; do
        n=$( { curl -fsS "$url/jobs/$jid"; echo; curl -fsS "$url/jobs/$jid/plan"; echo; } | python3 -c '
import json, sys
docs = [json.loads(l) for l in sys.stdin if l.strip()]
job, plan = docs
names = [v["name"] for v in job["vertices"]]
descs = [n.get("description", "") for n in plan["plan"]["nodes"]]
hits = sum(1 for t in names + descs if "NativeCalc" in t)
print(hits)
for v in names:
    print("    vertex: " + v, file=sys.stderr)
')
        total=$((total + 1)); [[ "$n" -gt 0 ]] && with=$((with + 1))
        it_log "$side job $jid: NativeCalc mentions: $n"
    done
    echo "NATIVE ${IT_SCENARIO}/$side jobs_with_NativeCalc=$with/$total"
    if [[ "$side" == stock ]]; then
        [[ $with -eq 0 ]] && it_check "stock-has-no-NativeCalc" PASS "" \
                          || it_check "stock-has-no-NativeCalc" FAIL "$with/$total stock jobs name NativeCalc"
    elif [[ "${EMBER_IT_EXPECT_NATIVE:-}" == 1 ]]; then
        [[ $with -eq $total && $total -gt 0 ]] && it_check "ember-uses-NativeCalc" PASS "$with/$total jobs" \
                          || it_check "ember-uses-NativeCalc" FAIL "only $with/$total jobs name NativeCalc"
    elif [[ "${EMBER_IT_EXPECT_NATIVE:-}" == any ]]; then
        [[ $with -gt 0 ]] && it_check "ember-uses-NativeCalc" PASS "$with/$total jobs" \
                          || it_check "ember-uses-NativeCalc" FAIL "no ember job names NativeCalc"
    elif [[ "${EMBER_IT_EXPECT_NATIVE:-}" == 0 ]]; then
        [[ $with -eq 0 ]] && it_check "ember-fails-closed" PASS "no NativeCalc on Flink $IT_FLINK_VERSION" \
                          || it_check "ember-fails-closed" FAIL "$with/$total jobs name NativeCalc on Flink $IT_FLINK_VERSION"
    fi
}

# it_sorted_output <dir> <file> : the committed files of a filesystem sink, concatenated and sorted
# bytewise. Fails if in-progress/hidden part files are left (an uncommitted streaming sink).
it_sorted_output() {
    local dir="$1" out="$2" hidden
    [[ -d "$dir" ]] || { it_log "no output directory $dir"; return 1; }
    hidden=$(find "$dir" -type f -name '.*' | head -n3)
    if [[ -n "$hidden" ]]; then it_log "uncommitted files in $dir: $hidden"; return 1; fi
    find "$dir" -type f ! -name '.*' -print0 | sort -z | xargs -0 -r cat | LC_ALL=C sort > "$out"
}

# it_own_cluster <dir> <source-dist> [jar...] : prepares <dir> as a cluster copy owned by the
# scenario (stopped on exit, also on INT/TERM); start it with "$IT_DIR/cluster.sh" start <dir>
# (EMBER_IT_JAVA_OPTS/EMBER_IT_EXTRA_CONF are read then). For scenarios that need a cluster of
# their own (another Flink version, JVM flags, a TaskManager to kill).
it_own_cluster() {
    local dir="$1"; shift
    IT_OWNED_DISTS+=("$dir")
    trap it_stop_owned EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    "$IT_DIR/cluster.sh" prepare "$dir" "$@"
}

# it_native_jobs <dist> <jid>... : prints how many of the jobs name NativeCalc (vertex names or plan).
it_native_jobs() {
    local dist="$1"; shift
    local url jid with=0
    url=$("$IT_DIR/cluster.sh" url "$dist")
    for jid in "$@"; do
        if { curl -fsS "$url/jobs/$jid"; curl -fsS "$url/jobs/$jid/plan"; } | grep -q NativeCalc; then
            with=$((with + 1))
        fi
    done
    echo "$with"
}

# it_job_field <dist> <jid> <python expression on the /jobs/<jid> JSON "j"> : e.g. 'j["state"]'.
it_job_field() {
    curl -fsS --max-time 10 "$("$IT_DIR/cluster.sh" url "$1")/jobs/$2" | python3 -c "import json,sys; j=json.load(sys.stdin); print($3)"
}

# it_ember_jar : the Ember jar for a cluster a scenario prepares itself. Under run-all, the copy in
# the running ember cluster's lib/ (one jar for the whole run, even if EMBER_JAR is rebuilt meanwhile:
# a half-written jar fails closed and would look like a regression); else EMBER_JAR.
it_ember_jar() {
    local j="${EMBER_IT_EMBER_DIST:+$EMBER_IT_EMBER_DIST/lib/$(basename "$EMBER_JAR")}"
    if [[ -n "$j" && -f "$j" ]]; then echo "$j"; else echo "$EMBER_JAR"; fi
}

# it_sequence_expected ROWS VSTART OUT: the exact output (csv, sorted bytewise) of the sequence query shared by
# failover.sql and savepoint.sql: rows i = 1..ROWS with v = VSTART + i - 1, dropping i % 10 = 3, projecting
# (i, i * 7 - v, v % 13 with Java's sign, 'k' || i || '_' || v).
it_sequence_expected() {
  python3 - "$1" "$2" <<'PY' | LC_ALL=C sort > "$3"
import math, sys
rows, vstart = int(sys.argv[1]), int(sys.argv[2])
for i in range(1, rows + 1):
    v = vstart + i - 1
    if i % 10 != 3:
        print(f"{i},{i * 7 - v},{int(math.fmod(v, 13))},k{i}_{v}")
PY
}
