#!/usr/bin/env bash
# Runs every GPhotosFs benchmark in turn and keeps a copy of the output.
#   bench/run-all.sh [N=100000] [MiB=1024]
# Output (stdout of each script, progress on stderr) is also saved to
# $BENCH_CACHE/results/run-all-YYYYmmdd-HHMMSS.txt. Exit status: 0 when all targets pass, 1 otherwise.
# Needs what metadata-walk.sh and sequential-read.sh need (see their headers). About 10–20 minutes.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
N="${1:-100000}"
MIB="${2:-1024}"
cache="${BENCH_CACHE:-/tmp/gphotosfs-bench}"
mkdir -p "$cache/results"
out="$cache/results/run-all-$(date +%Y%m%d-%H%M%S).txt"

status=0
for cmd in "metadata-walk.sh $N" "sequential-read.sh $MIB"; do
  echo "### bench/$cmd" | tee -a "$out"
  # shellcheck disable=SC2086
  "$here"/$cmd | tee -a "$out" || status=1
  echo | tee -a "$out"
done
grep '^RESULT' "$out" | sed 's/^/summary: /'
echo "saved: $out"
exit $status
