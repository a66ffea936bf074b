#!/usr/bin/env bash
# The end-to-end suite on a real Flink distribution: one command.
#
#   integration/run-all.sh [--quick] [--flink-version X.Y.Z] [--scenario NAME]...
#
#   EMBER_JAR=<path to 00-ember-*.jar>   the jar under test, copied into the "ember" cluster's lib/
#                                        (unset: both clusters are stock, with a loud warning)
#   EMBER_IT_EXPECT_NATIVE=1|any|0       1: every ember job must show NativeCalc; any: at least one
#                                        job; 0: none may
#                                        (default: 0 when --flink-version is not 2.3.0 and EMBER_JAR
#                                        is set, i.e. the fail-closed test; otherwise report only)
#
# Steps: assemble/cache the distribution (flink-dist.sh), prepare integration/work/{stock,ember},
# start both clusters, check they report the wanted version, run every scenario (scenarios/*.sh;
# --quick passes --quick to each and skips those with a line "# ember-it: full-only"), stop the
# clusters (also on failure, Ctrl-C or SIGTERM), and print the failed checks and, as the very last
# line, "N passed, M failed" (checks, see scenario-lib.sh). Exit 0 only if M is 0 and N > 0.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
QUICK=""
VERSION="${EMBER_IT_FLINK_VERSION:-2.3.0}"
ONLY=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) QUICK=--quick ;;
        --flink-version) VERSION="$2"; shift ;;
        --scenario) ONLY+=("$2"); shift ;;
        -h|--help) awk 'NR>1 && /^#/ {sub(/^# ?/,""); print; next} NR>1 {exit}' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
    shift
done
export EMBER_IT_FLINK_VERSION="$VERSION"
if [[ -z "${EMBER_IT_EXPECT_NATIVE:-}" && -n "${EMBER_JAR:-}" && "$VERSION" != 2.3.0 ]]; then
    export EMBER_IT_EXPECT_NATIVE=0
fi

log() { echo "[run-all] $*" >&2; }
WORK="${EMBER_IT_WORK:-$HERE/work}"
STOCK="$WORK/stock"
EMBER="$WORK/ember"
RESULTS="$WORK/results.txt"
T0=$SECONDS
STOPPED=0

stop_clusters() {
    [[ $STOPPED -eq 1 ]] && return 0
    STOPPED=1
    "$HERE/cluster.sh" stop "$STOCK" >/dev/null 2>&1 &
    local p1=$!
    "$HERE/cluster.sh" stop "$EMBER" >/dev/null 2>&1 &
    local p2=$!
    wait $p1 $p2 || true
}
# Children run in the background with `wait`, so a signal is handled at once (bash runs traps only
# between foreground commands); the handler ends the child's process tree, then the clusters.
CHILD=""
kill_tree() { # pid: the process and all its descendants, leaves first
    local c
    for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do kill_tree "$c"; done
    kill "$1" 2>/dev/null || true
}
on_signal() {
    log "interrupted: stopping"
    local c
    for c in $CHILD; do kill_tree "$c"; done
    stop_clusters
    exit 130
}
trap stop_clusters EXIT
trap on_signal INT TERM

mkdir -p "$WORK"
: > "$RESULTS"
check() { echo "CHECK $1 $2 ${3:-}" | tee -a "$RESULTS"; }

finish() {
    local passed failed
    stop_clusters
    passed=$(grep -c '^CHECK [^ ]* PASS' "$RESULTS" || true)
    failed=$(grep -c '^CHECK [^ ]* FAIL' "$RESULTS" || true)
    echo
    echo "=== integration suite: Flink $VERSION, EMBER_JAR=${EMBER_JAR:-<unset: stock on both sides>}, $((SECONDS - T0)) s ==="
    grep '^NATIVE ' "$RESULTS" || true
    if [[ $failed -gt 0 ]]; then
        echo "failed checks:"
        grep '^CHECK [^ ]* FAIL' "$RESULTS" | sed 's/^/  /'
        echo "logs: $WORK/*/log/, scenario files: $WORK/<scenario>/"
    fi
    echo "$passed passed, $failed failed"
    [[ $failed -eq 0 && $passed -gt 0 ]]
}

# 1. distribution
ts=$SECONDS
if ! DIST=$("$HERE/flink-dist.sh" "$VERSION" | tail -n1); then
    check run-all/flink-dist FAIL "could not assemble Flink $VERSION"
    finish; exit 1
fi
log "distribution ready in $((SECONDS - ts)) s: $DIST"

# 2. clusters
JARS=()
if [[ -n "${EMBER_JAR:-}" ]]; then
    if [[ ! -f "$EMBER_JAR" ]]; then
        check run-all/ember-jar FAIL "EMBER_JAR=$EMBER_JAR does not exist"
        finish; exit 1
    fi
    JARS=("$EMBER_JAR")
else
    cat >&2 <<'EOF'
################################################################################
##  EMBER_JAR is not set: the "ember" cluster is a STOCK distribution too.    ##
##  The suite only exercises the tooling, not the accelerator.                ##
################################################################################
EOF
fi
ts=$SECONDS
"$HERE/cluster.sh" prepare "$STOCK" "$DIST"
"$HERE/cluster.sh" prepare "$EMBER" "$DIST" "${JARS[@]}"
"$HERE/cluster.sh" start "$STOCK" & p1=$!
"$HERE/cluster.sh" start "$EMBER" & p2=$!
CHILD="$p1 $p2"
rc=0; wait $p1 || rc=1; wait $p2 || rc=1
CHILD=""
if [[ $rc -ne 0 ]]; then
    check run-all/clusters-start FAIL "see $STOCK/log and $EMBER/log"
    finish; exit 1
fi
log "clusters up in $((SECONDS - ts)) s"
for d in "$STOCK" "$EMBER"; do
    v=$(curl -fsS "$("$HERE/cluster.sh" url "$d")/overview" | python3 -c 'import json,sys; print(json.load(sys.stdin)["flink-version"])')
    [[ "$v" == "$VERSION" ]] && check "run-all/$(basename "$d")-flink-version" PASS "$v" \
                             || check "run-all/$(basename "$d")-flink-version" FAIL "cluster reports $v, expected $VERSION"
done

# 3. scenarios
export EMBER_IT_STOCK_DIST="$STOCK" EMBER_IT_EMBER_DIST="$EMBER" EMBER_IT_WORK="$WORK"
for sc in "$HERE"/scenarios/*.sh; do
    name=$(basename "$sc" .sh)
    if [[ ${#ONLY[@]} -gt 0 && ! " ${ONLY[*]} " == *" $name "* ]]; then continue; fi
    if [[ -n "$QUICK" ]] && grep -q '^# ember-it: full-only' "$sc"; then
        log "scenario $name: skipped in --quick (full-only)"; continue
    fi
    ts=$SECONDS
    log "scenario $name $QUICK"
    out="$WORK/$name.checks"
    src=0
    "$sc" $QUICK > "$out" &
    CHILD=$!
    wait "$CHILD" || src=$?
    CHILD=""
    cat "$out"
    grep -E '^(CHECK|NATIVE) ' "$out" >> "$RESULTS" || true
    if [[ $src -ne 0 ]] && ! grep -q '^CHECK [^ ]* FAIL' "$out"; then
        check "$name/exit-status" FAIL "exited $src without a failed check"
    fi
    log "scenario $name: exit $src in $((SECONDS - ts)) s"
done

finish
