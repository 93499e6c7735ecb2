#!/usr/bin/env bash
# Wayfinder quick start (README command 1). On Debian with JDK 17 and Maven it:
#   1. installs the Debian package dataset-fashion-mnist with apt-get when it is missing (the default job's data;
#      uses sudo when not run as root),
#   2. builds target/wayfinder.jar (and target/lib/) with `mvn -B -q package -DskipTests`,
#   3. runs the default job: `java -jar target/wayfinder.jar` (the workbench when a display is present, otherwise a
#      headless conv-net search on Fashion-MNIST). Extra arguments are passed to it.
# Nothing else on the system is changed.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "quickstart: $*"; }

if ! dpkg-query -W -f='${Status}' dataset-fashion-mnist 2>/dev/null | grep -q "install ok installed"; then
  if [ "$(id -u)" = 0 ]; then
    SUDO=()
  elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    say "the default job needs the Debian package dataset-fashion-mnist; install it as root:" >&2
    say "  apt-get install dataset-fashion-mnist" >&2
    exit 1
  fi
  say "installing the Debian package dataset-fashion-mnist (the default job's data, ~30 MB) with apt-get"
  if ! "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q dataset-fashion-mnist >/dev/null 2>&1; then
    say "refreshing the package lists (apt-get update) and retrying"
    "${SUDO[@]}" apt-get update -q >/dev/null
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q dataset-fashion-mnist >/dev/null
  fi
  say "installed: $(dpkg-query -W -f='${Package} ${Version}' dataset-fashion-mnist)"
else
  say "dataset-fashion-mnist is installed"
fi

start=$(date +%s)
say "building target/wayfinder.jar with Maven (the first build downloads ~300 MB of dependencies; 1-3 minutes)"
mvn -B -q -Dstyle.color=never package -DskipTests
# glibc's per-thread malloc arenas and a heap sized for the headless job keep its RSS under 1.5 GB (measured: 1.34 GB
# peak vs 1.80 GB with the JVM's defaults; resources/benchmarks.md, issue 15); the workbench gets more heap
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then HEAP=-Xmx2g; else HEAP=-Xmx512m; fi
say "built in $(( $(date +%s) - start )) s; running the default job: java $HEAP -jar target/wayfinder.jar $*"
exec java "$HEAP" -jar target/wayfinder.jar "$@"
