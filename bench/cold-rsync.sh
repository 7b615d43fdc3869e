#!/usr/bin/env bash
# Cold rsync of N items of ~3 MB from an origin with 50 ms latency, against the same bytes with no
# latency (target: at least 0.7x the throughput: latency hidden by cross-file prefetch); then a
# second rsync of the unchanged mount (targets: zero origin requests, time within 1.3x of
# rsync -a --dry-run on the cache tree).
# Usage: bench/cold-rsync.sh [N=2000] [KIB=3000] [LATENCY_MS=50]   (RUNS=3; root; rsync; ~6 GB of tmpfs)
source "$(dirname "$0")/common.sh"
source "$(dirname "$0")/origin.sh"
N="${1:-2000}"; KIB="${2:-3000}"; LATENCY="${3:-50}"; RUNS="${RUNS:-3}"; PORT="${ORIGIN_PORT:-18092}"
bench_preflight; bench_need rsync
bench_binary; origin_build
LIB="$BENCH_CACHE/lib-http-$N-$KIB"
bench_library "$LIB" --extra "$N" --extra-kib "$KIB" --origin "http://127.0.0.1:$PORT/files/"
MP="$_WORK/mnt"; DEST="/dev/shm/gphotosfs-bench-dest.$$"
trap 'rm -rf "$DEST"; bench_cleanup' EXIT
find "$LIB/originals" -type f -exec cat {} + > /dev/null   # origin reads from page cache
bytes=$(du -sb "$LIB/originals" | cut -f1)

cold() { # LATENCY → prints GB/s
  rm -rf "$LIB/cache" "$LIB/partial" "$DEST"; mkdir -p "$DEST"
  origin_start "$LIB/originals" "$PORT" "$1"
  bench_mount "$MP" "$LIB" -o catalog_poll=0
  wait_quiet
  local t; t=$(time_s rsync -a "$MP/" "$DEST/")
  bench_unmount "$MP"; origin_stop
  awk -v b="$bytes" -v t="$t" -v m="$NOISE_MARK" 'BEGIN{printf "%.3f%s\n", b/t/1e9, m}'
}

lat=(); nolat=()
for run in $(seq 1 "$RUNS"); do
  nolat+=("$(cold 0)")
  lat+=("$(cold "$LATENCY")")
done

# Second rsync of the unchanged, fully cached mount: the origin is restarted to count from zero.
origin_start "$LIB/originals" "$PORT" "$LATENCY"
bench_mount "$MP" "$LIB" -o catalog_poll=0
second=(); dry=()
for run in $(seq 1 "$RUNS"); do
  wait_quiet; second+=("$(time_s rsync -a "$MP/" "$DEST/")$NOISE_MARK")
  wait_quiet; dry+=("$(time_s rsync -a --dry-run "$LIB/cache/" "$DEST/")$NOISE_MARK")
done
bench_unmount "$MP"
origin_stop; second_requests=$ORIGIN_REQUESTS
rm -rf "$DEST"

m_lat=$(median "${lat[@]}"); m_nolat=$(median "${nolat[@]}"); r=$(ratio "$m_lat" "$m_nolat")
m_second=$(median "${second[@]}"); m_dry=$(median "${dry[@]}"); r2=$(ratio "$m_second" "$m_dry")
echo "== GPhotosFs cold rsync: $N items of ~$KIB KiB ($(awk -v b="$bytes" 'BEGIN{printf "%.2f", b/1e9}') GB) over HTTP, median of $RUNS runs =="
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPUs; $BUILD_DESC; rsync to tmpfs"
printf '%-46s %10s   %s\n' "run" "GB/s" "runs"
printf '%-46s %10s   [%s]\n' "cold rsync, origin latency 0 ms (baseline)" "$m_nolat" "${nolat[*]}"
printf '%-46s %10s   [%s]\n' "cold rsync, origin latency $LATENCY ms" "$m_lat" "${lat[*]}"
echo "latency hidden: ${r}x of the no-latency throughput, target >= 0.7x: $(awk -v r="$r" 'BEGIN{print (r>=0.7)?"PASS":"FAIL"}')"
printf '%-46s %10s s [%s]\n' "second rsync of the unchanged mount" "$m_second" "${second[*]}"
printf '%-46s %10s s [%s]\n' "rsync -a --dry-run of the cache tree" "$m_dry" "${dry[*]}"
echo "second rsync: ${r2}x the dry run, target <= 1.3x: $(awk -v r="$r2" 'BEGIN{print (r<=1.3)?"PASS":"FAIL"}'); origin requests during it: $second_requests (target 0): $([[ "$second_requests" == 0 ]] && echo PASS || echo FAIL)"
echo "noise: $(noise_desc)"
