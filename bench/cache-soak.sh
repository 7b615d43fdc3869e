#!/usr/bin/env bash
# Soak test of the cache as a backup (issue 11), not run in CI: an rsync of the mount while
# `gphotosfs prefetch` runs, from an origin failing 20% of its answers that is stopped for a minute
# midway, with the cache on a tmpfs too small for the library (it fills, then is grown), and the
# daemon killed with -9 twice. Afterwards the rsync copy and the cache tree must be byte-identical
# to the origin, `cache verify` must find nothing, and `status` must have been unhealthy (exit 12)
# while the origin was down. Prints the figures.
# Usage: bench/cache-soak.sh [N=300] [KIB=300] [OUTAGE_S=60]   (root; rsync; ~2x N*KIB of tmpfs)
source "$(dirname "$0")/common.sh"
source "$(dirname "$0")/origin.sh"
N="${1:-300}"; KIB="${2:-300}"; OUTAGE="${3:-60}"; PORT="${ORIGIN_PORT:-18093}"
bench_preflight; bench_need rsync
bench_binary; origin_build
LIB="$_WORK/lib"; MP="$_WORK/mnt"; DEST="$_WORK/rsync-copy"
"$BIN" demo "$LIB" --extra "$N" --extra-kib "$KIB" --big-mib 40 --origin "http://127.0.0.1:$PORT/files/" >&2
bytes=$(du -sb "$LIB/originals" | cut -f1)
# The cache disk holds 60% of the library at first: it fills, then it is grown (space freed).
mkdir -p "$LIB/cache"; mount -t tmpfs -o "size=$((bytes * 6 / 10))" tmpfs "$LIB/cache"
trap 'umount -l "$LIB/cache" 2>/dev/null; bench_cleanup' EXIT
start_origin() {
  dotnet "$ORIGIN_DLL" --root "$LIB/originals" --port "$PORT" --fault-rate 0.2 --stall-ms 2000 --retry-after-s 1 \
    > "$_WORK/origin.out" 2>> "$_WORK/origin.err" < /dev/null &
  ORIGIN_PID=$!
  for _ in $(seq 1 100); do grep -q "listening on" "$_WORK/origin.out" 2>/dev/null && return 0; sleep 0.1; done
  bench_die "the test origin did not start"
}
remount() { "$BIN" unmount "$MP" >&2 2>/dev/null || true; bench_mount "$MP" "$LIB" -o "retry_delay_ms=200,throttle_floor=1,stall_timeout=20,catalog_poll=0"; }
status_codes=""
sample_status() { local rc=0; "$BIN" status --library "$LIB" > /dev/null 2>&1 || rc=$?; status_codes+="$rc "; }

t0=$(date +%s.%N)
start_origin
remount
mkdir -p "$DEST"
rsync_runs=0; rsync_failures=0; eio=0
( # rsync until a run succeeds (each failed run is a backup that needs a retry)
  for i in $(seq 1 30); do
    if rsync -a "$MP/" "$DEST/" 2> "$_WORK/rsync.$i.err"; then echo "$i" > "$_WORK/rsync.done"; exit 0; fi
    sleep 2
  done
) &
rsync_loop=$!
( for i in $(seq 1 30); do "$BIN" prefetch --library "$LIB" -j 4 > /dev/null 2>> "$_WORK/prefetch.err" && { echo "$i" > "$_WORK/prefetch.done"; exit 0; }; sleep 2; done ) &
prefetch_loop=$!

sleep 10; bench_log "kill -9 of the daemon (1)"; kill -9 "$(daemon_pid "$MP")"; sleep 1; remount
sleep 5; bench_log "origin down for ${OUTAGE}s"; kill -TERM "$ORIGIN_PID"; wait "$ORIGIN_PID" 2>/dev/null || true
down_at=$(date +%s)
while (( $(date +%s) - down_at < OUTAGE )); do sleep 5; sample_status; done
bench_log "origin back"; start_origin
sleep 5; bench_log "kill -9 of the daemon (2)"; kill -9 "$(daemon_pid "$MP")"; sleep 1; remount
sleep 10; bench_log "growing the cache disk (space freed)"; mount -o "remount,size=$((bytes * 2))" "$LIB/cache"
wait "$rsync_loop" || true; wait "$prefetch_loop" || true
t1=$(date +%s.%N)
rsync_runs=$(cat "$_WORK/rsync.done" 2>/dev/null || echo "never")
eio=$(cat "$_WORK"/rsync.*.err 2>/dev/null | grep -c "Input/output error" || true)
sleep 5 # the last commits
verify_rc=0; "$BIN" cache verify --library "$LIB" > "$_WORK/verify.out" 2>&1 || verify_rc=$?
copy_diff=$(diff -r "$DEST/photos" "$LIB/cache/photos" > /dev/null 2>&1 && echo identical || echo DIFFERENT)
missing=$("$BIN" status --library "$LIB" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["cache"]["items_not_cached"])')
bench_unmount "$MP"; kill -TERM "$ORIGIN_PID" 2>/dev/null; wait "$ORIGIN_PID" 2>/dev/null || true

echo "cache soak: $N items of ${KIB} KiB + 40 MiB, $(awk -v b="$bytes" 'BEGIN{printf "%.0f MiB", b/1048576}'), $BUILD_DESC"
echo "  wall time                 $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.0f s", b-a}')"
echo "  rsync runs until success  $rsync_runs (EIO lines in failed runs: $eio)"
echo "  prefetch runs             $(cat "$_WORK/prefetch.done" 2>/dev/null || echo never)"
echo "  status while origin down  $status_codes(12 = source unavailable)"
echo "  cache verify exit         $verify_rc ($(tail -1 "$_WORK/verify.out"))"
echo "  rsync copy vs cache       $copy_diff; items not cached: $missing"
echo "  log: disk-full lines $(grep -c 'cache disk is full' "$LIB/gphotosfs.log" || true), refused lines $(grep -c 'cannot be reached' "$LIB/gphotosfs.log" || true)"
