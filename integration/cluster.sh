#!/usr/bin/env bash
# A small standalone Flink cluster on loopback, one per distribution copy.
#
#   integration/cluster.sh prepare <dist-dir> <source-dist> [extra.jar ...]
#       (Re)create <dist-dir> as a copy of <source-dist> (bin/ lib/ opt/ plugins/ hard-linked, conf/
#       copied) and copy each extra jar into <dist-dir>/lib/. Stops a cluster still running from it.
#   integration/cluster.sh start  <dist-dir>   write conf/config.yaml (free ports), bin/start-cluster.sh,
#                                             wait until /overview shows a TaskManager with its slots
#   integration/cluster.sh stop   <dist-dir>   TERM the daemons of the pid files and every java process
#                                             started from <dist-dir>/lib/ at once, KILL after 15 s
#                                             (always exits 0)
#   integration/cluster.sh status <dist-dir>   print /overview; exit 0 if up, 3 if not
#   integration/cluster.sh url    <dist-dir>   print the REST base URL (http://localhost:PORT)
#
# Cluster: 1 JobManager (1g), 1 TaskManager (2g, 2 slots), no restarts (a failing job fails at once),
# pid files, logs and tmp dirs inside <dist-dir>, everything bound to localhost on free ports.
# Environment: EMBER_IT_START_TIMEOUT (s, default 180), EMBER_IT_TM_SLOTS (default 2),
#              EMBER_IT_TM_MEMORY (default 2g), EMBER_IT_JM_MEMORY (default 1g),
#              EMBER_IT_JAVA_OPTS (extra JVM flags for JM, TM and sql-client, e.g. -Dember.x=y;
#              read by start, which writes them into env.java.opts.all),
#              EMBER_IT_EXTRA_CONF (extra config.yaml lines "key: value", newline-separated, appended
#              by start; only keys the generated file does not set, e.g. heartbeat.interval).
set -euo pipefail

log() { echo "[cluster] $*" >&2; }
die() { echo "[cluster] ERROR: $*" >&2; exit 1; }
usage() { awk 'NR>1 && /^#/ {sub(/^# ?/,""); print; next} NR>1 {exit}' "${BASH_SOURCE[0]}" >&2; exit 2; }

[[ $# -ge 2 ]] || usage
CMD="$1"
[[ "$CMD" != prepare ]] || mkdir -p "$2"
DIST="$(cd "$2" 2>/dev/null && pwd)" || die "no such directory: $2"
shift 2

export USER="${USER:-$(id -un)}"
export FLINK_PID_DIR="$DIST/pid"   # stock default is /tmp, shared with every other cluster
export FLINK_LOG_DIR="$DIST/log"

rest_port() { sed -n 's/^rest\.port: *//p' "$DIST/conf/config.yaml" 2>/dev/null | head -n1; }
rest_url() { local p; p=$(rest_port); [[ -n "$p" ]] && echo "http://localhost:$p"; }

# /overview JSON, or nothing if the REST API does not answer.
overview() {
    local url; url=$(rest_url) || return 1
    curl -fsS --max-time 5 "$url/overview" 2>/dev/null
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# PIDs of java processes whose command line names this distribution's lib/ (JM, TM, sql-client, flink CLI).
dist_pids() {
    local p cmd
    for p in /proc/[0-9]*; do
        cmd=$(tr '\0' ' ' 2>/dev/null < "$p/cmdline") || continue
        [[ "$cmd" == *java* && "$cmd" == *org.apache.flink* && "$cmd" == *"$DIST/lib/"* ]] || continue
        echo "${p#/proc/}"
    done
}

write_config() {
    local stock_opts jm_rpc rest
    # Keep the stock JVM flags (the --add-opens list Flink needs on Java 17).
    stock_opts=$(awk '/^env:/{e=1} e&&/^ *all:/{sub(/^ *all: */,""); print; exit}' "$DIST/conf/config.yaml.stock")
    [[ -n "$stock_opts" ]] || die "could not read env.java.opts.all from conf/config.yaml.stock"
    jm_rpc=$(free_port); rest=$(free_port)
    while [[ "$rest" == "$jm_rpc" ]]; do rest=$(free_port); done
    mkdir -p "$DIST/pid" "$DIST/log" "$DIST/tmp"
    cat > "$DIST/conf/config.yaml.new" <<EOF
# Written by integration/cluster.sh (stock file: config.yaml.stock)
env.java.opts.all: $stock_opts -Djava.io.tmpdir=$DIST/tmp${EMBER_IT_JAVA_OPTS:+ $EMBER_IT_JAVA_OPTS}
env.pid.dir: $DIST/pid
env.log.dir: $DIST/log
io.tmp.dirs: $DIST/tmp
jobmanager.bind-host: localhost
jobmanager.rpc.address: localhost
jobmanager.rpc.port: $jm_rpc
jobmanager.memory.process.size: ${EMBER_IT_JM_MEMORY:-1g}
jobmanager.execution.failover-strategy: region
taskmanager.bind-host: localhost
taskmanager.host: localhost
taskmanager.numberOfTaskSlots: ${EMBER_IT_TM_SLOTS:-2}
taskmanager.memory.process.size: ${EMBER_IT_TM_MEMORY:-2g}
parallelism.default: 1
rest.address: localhost
rest.bind-address: localhost
rest.port: $rest
blob.server.port: 0
taskmanager.rpc.port: 0
taskmanager.data.port: 0
web.tmpdir: $DIST/tmp
restart-strategy.type: none
EOF
    if [[ -n "${EMBER_IT_EXTRA_CONF:-}" ]]; then
        printf '# EMBER_IT_EXTRA_CONF\n%s\n' "$EMBER_IT_EXTRA_CONF" >> "$DIST/conf/config.yaml.new"
    fi
    mv "$DIST/conf/config.yaml.new" "$DIST/conf/config.yaml"
    log "conf/config.yaml: REST http://localhost:$rest, JM rpc $jm_rpc"
}

cmd_prepare() {
    local src="${1:-}"; shift || true
    [[ -n "$src" && -f "$src/.ember-dist-complete" ]] || die "prepare: '$src' is not an assembled distribution (run flink-dist.sh)"
    src="$(cd "$src" && pwd)"
    [[ "$src" != "$DIST" ]] || die "prepare: refusing to overwrite the source distribution"
    # Only ever delete an earlier copy (or an empty directory), never an arbitrary path.
    if [[ -n "$(ls -A "$DIST")" && ! -f "$DIST/.ember-dist-complete" ]]; then
        die "prepare: $DIST is not empty and not a distribution copy; refusing to delete it"
    fi
    if [[ -d "$DIST/lib" ]]; then cmd_stop; fi
    log "prepare $DIST from $src"
    rm -rf "$DIST"
    mkdir -p "$DIST"
    local d
    for d in bin lib opt plugins; do
        # Hard links: cheap and safe, nothing here is written in place. Fall back to a copy.
        cp -al "$src/$d" "$DIST/$d" 2>/dev/null || cp -a "$src/$d" "$DIST/$d"
    done
    cp -a "$src/conf" "$DIST/conf"    # rewritten by start: must not be a link into the cache
    cp "$DIST/conf/config.yaml" "$DIST/conf/config.yaml.stock"
    cp "$src/.ember-dist-complete" "$DIST/"
    mkdir -p "$DIST/log" "$DIST/pid" "$DIST/tmp"
    local jar
    for jar in "$@"; do
        [[ -f "$jar" ]] || die "prepare: no such jar: $jar"
        cp "$jar" "$DIST/lib/"
        log "added lib/$(basename "$jar")"
        # bin/config.sh puts lib/*.jar on the classpath in sorted order: the shadowing class only
        # wins if the jar sorts before flink-table-planner-loader.
        [[ "$(basename "$jar")" == 00-* ]] || log "WARNING: $(basename "$jar") does not start with '00-'"
    done
    log "lib/: $(cd "$DIST/lib" && ls | tr '\n' ' ')"
}

cmd_start() {
    [[ -x "$DIST/bin/start-cluster.sh" ]] || die "start: $DIST is not a distribution (use prepare)"
    [[ -f "$DIST/conf/config.yaml.stock" ]] || cp "$DIST/conf/config.yaml" "$DIST/conf/config.yaml.stock"
    if [[ -n "$(dist_pids)" ]]; then
        if overview >/dev/null; then log "already running at $(rest_url)"; return 0; fi
        log "stale processes from $DIST: stopping them first"
        cmd_stop
    fi
    write_config
    local t0=$SECONDS timeout="${EMBER_IT_START_TIMEOUT:-180}" ov slots want="${EMBER_IT_TM_SLOTS:-2}"
    log "bin/start-cluster.sh ($DIST)"
    "$DIST/bin/start-cluster.sh" >&2
    while :; do
        ov=$(overview || true)
        if [[ -n "$ov" ]]; then
            slots=$(python3 -c 'import json,sys; o=json.load(sys.stdin); print(o["taskmanagers"], o["slots-total"])' <<<"$ov")
            if [[ "$slots" != "0 "* && "${slots#* }" -ge "$want" ]]; then
                log "up in $((SECONDS - t0)) s at $(rest_url): $ov"
                return 0
            fi
        fi
        if (( SECONDS - t0 > timeout )); then
            log "not up after ${timeout}s; last /overview: ${ov:-<no answer>}"
            tail -n 30 "$DIST"/log/*.log >&2 2>/dev/null || true
            cmd_stop
            die "start failed"
        fi
        sleep 1
    done
}

cmd_stop() {
    # bin/stop-cluster.sh does the same (TERM each daemon from its pid file, KILL after 10 s) but one
    # daemon after the other, each behind a config.sh run that starts a JVM: ~12 s here. Sending TERM
    # to all of them at once takes ~1 s. The sweep also catches daemons whose pid file is gone and
    # sql-client/flink CLI processes of this distribution.
    local t0=$SECONDS pids="" p f
    for f in "$DIST"/pid/*.pid; do
        [[ -f "$f" ]] || continue
        while read -r p; do
            # A stale pid file may name a reused pid: only a process of this distribution counts.
            [[ "$p" =~ ^[0-9]+$ ]] || continue
            [[ "$(tr '\0' ' ' 2>/dev/null < "/proc/$p/cmdline")" == *"$DIST/"* ]] && pids="$pids $p"
        done < "$f"
    done
    pids="$pids $(dist_pids | tr '\n' ' ')"
    pids=$(echo "$pids" | tr ' ' '\n' | grep -E '^[0-9]+$' | sort -un | tr '\n' ' ' || true)
    if [[ -n "${pids// /}" ]]; then
        log "TERM $pids"
        # shellcheck disable=SC2086
        kill $pids 2>/dev/null || true
        for _ in $(seq 1 30); do
            pids=$(for p in $pids; do if kill -0 "$p" 2>/dev/null; then echo "$p"; fi; done | tr '\n' ' ')
            [[ -z "${pids// /}" ]] && break
            sleep 0.5
        done
        pids="$pids $(dist_pids | tr '\n' ' ')"
        if [[ -n "${pids// /}" ]]; then
            log "KILL $pids"
            # shellcheck disable=SC2086
            kill -9 $pids 2>/dev/null || true
        fi
    fi
    rm -f "$DIST"/pid/*.pid
    log "stopped ($DIST) in $((SECONDS - t0)) s"
    return 0
}

cmd_status() {
    local ov pids
    pids=$(dist_pids | tr '\n' ' ')
    ov=$(overview || true)
    echo "dist:      $DIST"
    echo "processes: ${pids:-none}"
    echo "rest:      $(rest_url || echo '?')"
    if [[ -n "$ov" ]]; then echo "overview:  $ov"; return 0; fi
    echo "overview:  <no answer>"
    return 3
}

case "$CMD" in
    prepare) cmd_prepare "$@" ;;
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    url) rest_url || die "no rest.port in $DIST/conf/config.yaml" ;;
    *) usage ;;
esac
