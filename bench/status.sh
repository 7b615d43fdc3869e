#!/usr/bin/env bash
# gphotosfs status on a library of N items against the same command on the 12-item demo library
# (the baseline: process start and fixed costs), and a read of .gphotosfs/status.json through a
# mount of the big library (each read renders the document anew). Target: status of N items costs
# at most 2 s more than the baseline, and the in-mount read at most 2 s.
# Usage: bench/status.sh [N=100000]   (RUNS=5; root for the mount)
source "$(dirname "$0")/common.sh"
N="${1:-100000}"; RUNS="${RUNS:-5}"
bench_preflight
bench_binary
LIB="$BENCH_CACHE/lib-$N"; SMALL="$BENCH_CACHE/lib-0"
bench_library "$LIB" --extra "$N"
bench_library "$SMALL"
MP="$_WORK/mnt"
trap bench_cleanup EXIT
export GPHOTOSFS_CONFIG_DIR="$_WORK/config"   # no config: the defaults

small=(); big=(); inmount=()
for run in $(seq 1 "$RUNS"); do
  wait_quiet; small+=("$(time_s "$BIN" status --json --library "$SMALL")$NOISE_MARK")
  wait_quiet; big+=("$(time_s "$BIN" status --json --library "$LIB")$NOISE_MARK")
done
bench_mount "$MP" "$LIB" -o catalog_poll=0
cat "$MP/.gphotosfs/status.json" > /dev/null   # first render warms the daemon's code paths
for run in $(seq 1 "$RUNS"); do
  sleep 2.1   # past the 2 s window: the next read renders again
  wait_quiet; inmount+=("$(time_s cat "$MP/.gphotosfs/status.json")$NOISE_MARK")
done
bench_unmount "$MP"

m_small=$(median "${small[@]}"); m_big=$(median "${big[@]}"); m_in=$(median "${inmount[@]}")
extra=$(awk -v a="$m_big" -v b="$m_small" 'BEGIN{printf "%.3f", a-b}')
echo "== GPhotosFs status: $N items against the 12-item demo, median of $RUNS runs =="
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPUs; $BUILD_DESC"
printf '%-52s %8s s [%s]\n' "gphotosfs status --json, 12 items (baseline)" "$m_small" "${small[*]}"
printf '%-52s %8s s [%s]\n' "gphotosfs status --json, $N items" "$m_big" "${big[*]}"
printf '%-52s %8s s [%s]\n' "cat .gphotosfs/status.json in a mount of $N items" "$m_in" "${inmount[*]}"
echo "status of $N items: $(ratio "$m_big" "$m_small")x the baseline, +$extra s, target <= +2 s: $(le "$extra" 2 && echo PASS || echo FAIL)"
echo "in-mount read: target <= 2 s: $(le "$m_in" 2 && echo PASS || echo FAIL)"
echo "noise: $(noise_desc)"
if le "$extra" 2 && le "$m_in" 2; then echo "RESULT: PASS"; else echo "RESULT: FAIL"; exit 1; fi
