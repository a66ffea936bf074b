#!/usr/bin/env bash
# Assemble a stock Apache Flink binary distribution from registry packages only, cached.
#
#   integration/flink-dist.sh [VERSION]        (default 2.3.0; e.g. 2.2.1 for the fail-closed test)
#
# Sources (nothing else is downloaded):
#   PyPI  apache-flink-libraries==VERSION  (wheel: pyflink/lib, opt, plugins, bin/bash-java-utils.jar)
#   PyPI  apache-flink==VERSION            (wheel: pyflink/bin scripts, conf, log)
#   Maven Central org.apache.flink:flink-sql-gateway:VERSION (into opt/, needed by bin/sql-client.sh)
#   Maven Central org.apache.flink:flink-sql-client:VERSION   (only if the wheel has none in opt/)
#
# Result: integration/.cache/flink-VERSION/ (a complete, stock distribution; treat it as read-only).
# Re-running is a no-op once the marker file exists. Progress goes to stderr; the last line on
# stdout is the absolute path of the distribution, so callers can do DIST=$(integration/flink-dist.sh).
#
# Environment: EMBER_IT_CACHE (default integration/.cache), MAVEN_REPO_URL (default Maven Central),
#              PYTHON (default python3; only used to run pip).
set -euo pipefail

VERSION="${1:-2.3.0}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${EMBER_IT_CACHE:-$HERE/.cache}"
MAVEN_REPO_URL="${MAVEN_REPO_URL:-https://repo.maven.apache.org/maven2}"
PYTHON="${PYTHON:-python3}"
DL="$CACHE/downloads"
DIST="$CACHE/flink-$VERSION"
MARKER="$DIST/.ember-dist-complete"

log() { echo "[flink-dist] $*" >&2; }
die() { echo "[flink-dist] ERROR: $*" >&2; exit 1; }

if [[ ! "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    die "version must look like X.Y.Z, got '$VERSION'"
fi

if [[ -f "$MARKER" ]]; then
    log "cached: $DIST (Flink $(cat "$MARKER"))"
    echo "$DIST"
    exit 0
fi

for tool in unzip curl sha1sum java; do
    command -v "$tool" >/dev/null || die "'$tool' is required"
done
"$PYTHON" -m pip --version >/dev/null 2>&1 || die "'$PYTHON -m pip' is required"

mkdir -p "$DL"
t0=$SECONDS

# --- 1. wheels from PyPI --------------------------------------------------------------------
# apache-flink-libraries is one pure wheel (py2.py3-none-any). apache-flink ships per-Python,
# per-platform wheels whose bin/ and conf/ are identical; pin one so the result does not depend on
# the local Python. cp311/manylinux2014 exists for 2.x releases.
fetch_wheel() { # name glob [extra pip args...]
    local name="$1" glob="$2"; shift 2
    local found
    found=$(find "$DL" -maxdepth 1 -name "$glob" | head -n1)
    if [[ -n "$found" ]]; then
        log "have $(basename "$found")"
    else
        log "pip download --no-deps $name==$VERSION $*"
        "$PYTHON" -m pip download --quiet --no-deps --only-binary=:all: "$@" -d "$DL" "$name==$VERSION" >&2
        found=$(find "$DL" -maxdepth 1 -name "$glob" | head -n1)
        [[ -n "$found" ]] || die "pip did not produce $glob in $DL"
    fi
    echo "$found"
}

LIBS_WHL=$(fetch_wheel apache-flink-libraries "apache_flink_libraries-$VERSION-*.whl")
CORE_WHL=$(fetch_wheel apache-flink "apache_flink-$VERSION-cp311-*manylinux*x86_64*.whl" \
    --python-version 3.11 --implementation cp --abi cp311 --platform manylinux2014_x86_64)

# --- 2. extract into a staging dir, then move into place atomically --------------------------
STAGE="$CACHE/.stage-flink-$VERSION"
rm -rf "$STAGE" "$DIST"
mkdir -p "$STAGE/unz" "$STAGE/dist"
log "unzip $(basename "$LIBS_WHL") (lib/ opt/ plugins/ bin/)"
unzip -q -o "$LIBS_WHL" 'pyflink/lib/*' 'pyflink/opt/*' 'pyflink/plugins/*' 'pyflink/bin/*' -d "$STAGE/unz"
log "unzip $(basename "$CORE_WHL") (bin/ conf/)"
unzip -q -o "$CORE_WHL" 'pyflink/bin/*' 'pyflink/conf/*' -d "$STAGE/unz"
for d in lib opt plugins bin conf; do
    [[ -d "$STAGE/unz/pyflink/$d" ]] || die "wheel layout changed: pyflink/$d missing"
    mv "$STAGE/unz/pyflink/$d" "$STAGE/dist/$d"
done
mkdir -p "$STAGE/dist/log"
chmod +x "$STAGE/dist/bin/"*.sh "$STAGE/dist/bin/flink"
# Windows helper scripts are not part of the Linux tarball; harmless but drop them.
rm -f "$STAGE/dist/bin/"*.bat

# --- 3. jars from Maven Central --------------------------------------------------------------
maven_jar() { # artifactId -> copies into $STAGE/dist/opt, verifying the .sha1
    local art="$1"
    local file="$art-$VERSION.jar"
    local url="$MAVEN_REPO_URL/org/apache/flink/$art/$VERSION/$file"
    if [[ ! -f "$DL/$file" ]]; then
        log "curl $url"
        curl -fsSL --retry 3 -o "$DL/$file.part" "$url"
        local want got
        want=$(curl -fsSL --retry 3 "$url.sha1" | awk '{print $1}')
        got=$(sha1sum "$DL/$file.part" | awk '{print $1}')
        [[ "$want" == "$got" ]] || die "sha1 mismatch for $file: want $want got $got"
        mv "$DL/$file.part" "$DL/$file"
    else
        log "have $file"
    fi
    cp "$DL/$file" "$STAGE/dist/opt/$file"
}
maven_jar flink-sql-gateway
if ! compgen -G "$STAGE/dist/opt/flink-sql-client*.jar" >/dev/null; then
    maven_jar flink-sql-client
fi

# --- 4. verify the version -------------------------------------------------------------------
DIST_JAR="$STAGE/dist/lib/flink-dist-$VERSION.jar"
[[ -f "$DIST_JAR" ]] || die "missing $DIST_JAR"
got=$(unzip -p "$DIST_JAR" .flink-runtime.version.properties | sed -n 's/^project.version=//p' | tr -d '\r')
[[ "$got" == "$VERSION" ]] || die "flink-dist reports project.version='$got', expected $VERSION"
log "flink-dist project.version=$got"
# The real launcher must agree too (runs config.sh + bash-java-utils.jar + the CLI).
cli=$(FLINK_LOG_DIR="$STAGE/dist/log" "$STAGE/dist/bin/flink" --version 2>&1 | tail -n1)
[[ "$cli" == *"Version: $VERSION"* ]] || die "bin/flink --version printed '$cli'"
log "bin/flink --version: $cli"
rm -f "$STAGE/dist/log/"*

# --- 5. publish ------------------------------------------------------------------------------
echo "$VERSION" > "$STAGE/dist/.ember-dist-complete"
mv "$STAGE/dist" "$DIST"
rm -rf "$STAGE"
log "assembled $DIST in $((SECONDS - t0)) s ($(du -sh "$DIST" | cut -f1))"
echo "$DIST"
