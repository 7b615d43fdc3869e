#!/usr/bin/env bash
# The Takeout differential test over many seeds: each seed generates a Google Takeout library and
# its exports (zip stored/deflated, tgz pax/gnu, extracted folders; multi-part, repeated exports,
# every sidecar naming quirk, damaged parts...) with the test's own writers, predicts the mounted
# tree from what it generated, runs the real `gphotosfs takeout add` and `gphotosfs mount`, reads
# every file through FUSE and compares by sha256 (tests/GPhotosFs.TakeoutDifferential).
# Usage: bench/takeout-differential.sh [SEEDS=500] [START=1]
# Environment: FEATURES=all (or ci: without KnownProductBugs; "all-Tgz,DamagedParts" switches
#              features off), TAKEOUT_DIFF_SEEDS="3,17,42" runs exactly those seeds,
#              REPORT=file (default $BENCH_CACHE/takeout-differential-<start>-<n>.txt),
#              KEEP=dir keeps every seed's written parts there (dir/seed-N) for a look by hand.
# Prints one line per seed, each failure's scenario and differences, then a SUMMARY with the count,
# the time and the failure classes; exit 1 if any seed failed.
set -euo pipefail
export LC_ALL=C
REPO="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-500}"; START="${2:-1}"
BENCH_CACHE="${BENCH_CACHE:-/tmp/gphotosfs-bench}"
mkdir -p "$BENCH_CACHE"
SEEDS="${TAKEOUT_DIFF_SEEDS:-$START:$N}"
REPORT="${REPORT:-$BENCH_CACHE/takeout-differential-${SEEDS//[:,]/-}.txt}"
[[ $EUID -eq 0 ]] || { echo "$(basename "$0"): run as root (FUSE mounts need /dev/fuse)" >&2; exit 1; }
PROJECT="$REPO/tests/GPhotosFs.TakeoutDifferential/GPhotosFs.TakeoutDifferential.csproj"
echo "# building the CLI and the differential test (Release)…" >&2
dotnet build "$PROJECT" -c Release -v q --nologo >&2
: > "$REPORT"
echo "# seeds $SEEDS, features ${FEATURES:-all}, report $REPORT" >&2
tail -n +1 -f "$REPORT" &
TAIL=$!
trap 'kill $TAIL 2>/dev/null || true' EXIT
start=$(date +%s)
status=0
TAKEOUT_DIFF_SEEDS="$SEEDS" TAKEOUT_DIFF_FEATURES="${FEATURES:-all}" TAKEOUT_DIFF_REPORT="$REPORT" TAKEOUT_DIFF_KEEP="${KEEP:-}" \
  dotnet test "$PROJECT" -c Release --no-build --nologo \
  --filter "FullyQualifiedName~TakeoutDifferentialTests.Generated_exports_mount_as_the_oracle_predicts" > "$REPORT.dotnet-test.log" 2>&1 || status=$?
sleep 1
kill $TAIL 2>/dev/null || true
echo "wall time: $(( $(date +%s) - start )) s (commit $(git -C "$REPO" rev-parse --short HEAD))"
grep -q '^SUMMARY:' "$REPORT" || { echo "no summary: see $REPORT.dotnet-test.log" >&2; tail -20 "$REPORT.dotnet-test.log" >&2; exit 2; }
exit $status
