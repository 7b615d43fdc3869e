#!/usr/bin/env bash
# GPhotosFs side by side with `rclone mount` (Debian's rclone: http backend, --vfs-cache-mode full)
# and a native baseline, over one loopback origin per measure (the test origin, with --listings so
# rclone can browse it, and its latency shaping) serving the same files; every figure of the three
# in the same run, medians of RUNS (issue 16):
#   1. first byte of a 1 GiB file on a fresh mount (empty caches, lookups included), origin 20 ms;
#      native: one curl request for the first byte from the same origin.
#   2. daemon peak RSS (VmHWM) during a cold `rsync -a` of 2,000 × 3 MB from the origin at 50 ms;
#      native: the local `rsync -a` copy's own peak (no daemon).
#   3. warm read of the 1 GiB file after a remount (file cached by the first read), `dd bs=1M`, the
#      cached copy in the page cache, read-ahead READAHEAD_KB on every mount; baseline: libfuse's
#      example passthrough_ll (C, from libfuse3-dev, built here) over the originals at the same
#      read-ahead; direct `dd` of the original is shown too.
#   4. the cold rsync's time and origin requests, and the daemon's CPU seconds per GiB it downloaded
#      (user + system, /proc/PID/stat); native: `rsync -a` of the same files on disk.
#   5. the rsync again after a remount (unchanged tree, cache full): time and origin requests;
#      native: the same local rsync again.
#   6. a first `find` of a WALK_N-item tree on a fresh mount after drop_caches, origin WALK_LATENCY_MS;
#      native: `find` of the same files on disk after drop_caches.
# Targets (issue 16): first byte ≤ 50 ms; peak RSS ≤ 100 MiB; warm read ≥ 0.9× the C FUSE fs.
# Usage: bench/vs-rclone.sh   (root; rclone, rsync, curl, gcc + pkg-config + libfuse3-dev; ~6 GB of
#        tmpfs and ~12 GB of disk under $BENCH_CACHE; 20–30 min at RUNS=3)
#   RUNS=3             runs of each measure (medians)
#   SMALL=1            a quick check: 64 MiB file, 200 × 300 KB, 5,000-item walk, RUNS=1 by default
#   WALK_LATENCY_MS=0  origin latency during the walk (rclone asks the origin for every folder and a
#                      HEAD per file; gphotosfs asks it nothing)
#   READAHEAD_KB=1024  read-ahead of every mount in the warm read (gphotosfs' default)
source "$(dirname "$0")/common.sh"
source "$(dirname "$0")/origin.sh"
source "$(dirname "$0")/rclone.sh"

if [[ "${SMALL:-0}" == 1 ]]; then
  MIB=64; N=200; KIB=300; WALK_N=5000; RUNS="${RUNS:-1}"
else
  MIB=1024; N=2000; KIB=3000; WALK_N=100000; RUNS="${RUNS:-3}"
fi
FB_LATENCY=20; RSYNC_LATENCY=50; WALK_LATENCY="${WALK_LATENCY_MS:-0}"; READAHEAD_KB="${READAHEAD_KB:-1024}"
BIG_PORT=18091; COLD_PORT=18092; WALK_PORT=18093   # the libraries' catalogs name their origin's port
SIZE=$((MIB * 1024 * 1024))

bench_preflight; bench_need rclone rsync curl find gcc pkg-config
bench_binary; origin_build
BIG="$BENCH_CACHE/lib-http-big-$MIB"; COLD="$BENCH_CACHE/lib-http-$N-$KIB"; WALK="$BENCH_CACHE/lib-http-walk-$WALK_N"
bench_library "$BIG" --big-mib "$MIB" --origin "http://127.0.0.1:$BIG_PORT/files/"
bench_library "$COLD" --extra "$N" --extra-kib "$KIB" --origin "http://127.0.0.1:$COLD_PORT/files/"
bench_library "$WALK" --extra "$WALK_N" --origin "http://127.0.0.1:$WALK_PORT/files/"
ITEM="photos/2024/06/big-sample.bin"; ORIG="$BIG/originals/big/big-sample.bin"
MP="$_WORK/mnt"; RMP="$_WORK/rmnt"; CMP="$_WORK/cmnt"; RCACHE="$_WORK/rclone-cache"
DEST="/dev/shm/gphotosfs-vs-rclone.$$"
trap 'rm -rf "$DEST"; origin_stop; bench_cleanup' EXIT

# The C FUSE baseline: libfuse's own example passthrough filesystem (low-level API, multi-threaded).
PT_SRC=/usr/share/doc/libfuse3-dev/examples/passthrough_ll.c
[[ -f "$PT_SRC" ]] || bench_die "$PT_SRC is missing (apt-get install libfuse3-dev)."
gcc -O2 -o "$_WORK/passthrough_ll" "$PT_SRC" $(pkg-config --cflags --libs fuse3) || bench_die "cannot build $PT_SRC."
c_mount() {   # c_mount SOURCE_DIR: passthrough_ll of SOURCE_DIR at $CMP; sets CPID
  mkdir -p "$CMP"
  "$_WORK/passthrough_ll" -f -o "source=$1" "$CMP" 2>> "$_WORK/passthrough_ll.log" & CPID=$!
  [[ " ${_MOUNTS[*]} " == *" $CMP "* ]] || _MOUNTS+=("$CMP")
  local i; for i in $(seq 1 100); do mountpoint -q "$CMP" && break; sleep 0.05; done
  mountpoint -q "$CMP" || bench_die "passthrough_ll did not mount at $CMP"
}
c_unmount() { fusermount3 -u "$CMP"; wait "$CPID" 2>/dev/null || true; }

hwm_mib() { awk '/VmHWM/ { printf "%.1f\n", $2 / 1024 }' "/proc/$1/status"; }
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f\n", ($14 + $15) / hz }' "/proc/$1/stat"; }   # user + system CPU seconds so far
per_gib() { awk -v s="$1" -v b="$BYTES" 'BEGIN { printf "%.2f", s / (b / 1073741824) }'; }
largest_file() { find "$1" -type f -size +$(($2 / 2))M -print -quit; }   # the cached copy of the big file
nonzero() { [[ $1 != - ]] && awk -v v="$1" 'BEGIN { exit !(v + 0 != 0) }'; }

declare -A R   # R[measure-system] = space-separated figures of the runs

# --- 1 and 3: first byte on a fresh mount, then the warm read after a remount ---
bench_log "first byte and warm read: $MIB MiB, origin $FB_LATENCY ms"
cat "$ORIG" > /dev/null
origin_start "$BIG/originals" "$BIG_PORT" "$FB_LATENCY" --listings
curl -s -o /dev/null -r 0-0 "http://127.0.0.1:$BIG_PORT/files/big/big-sample.bin"   # the origin's own start-up is not measured
for run in $(seq 1 "$RUNS"); do
  rm -rf "$BIG/cache" "$BIG/partial"
  wait_quiet
  bench_mount "$MP" "$BIG" -o catalog_poll=0
  R[fb-g]+="$(first_byte_ms "$MP/$ITEM")$NOISE_MARK "
  cat "$MP/$ITEM" > /dev/null   # downloads (and caches) the whole file
  bench_unmount "$MP"

  rm -rf "$RCACHE"
  wait_quiet
  rclone_mount "$RMP" "http://127.0.0.1:$BIG_PORT/files/" "$RCACHE"
  R[fb-r]+="$(first_byte_ms "$RMP/big/big-sample.bin")$NOISE_MARK "
  cat "$RMP/big/big-sample.bin" > /dev/null
  rclone_unmount "$RMP"

  wait_quiet
  R[fb-n]+="$(curl -s -o /dev/null -r 0-0 -w '%{time_starttransfer}' "http://127.0.0.1:$BIG_PORT/files/big/big-sample.bin" | awk '{ printf "%.1f", $1 * 1000 }')$NOISE_MARK "

  # Warm: every reader's copy in the page cache, the FUSE file's pages not (fresh mounts).
  bench_mount "$MP" "$BIG" -o catalog_poll=0 -o "readahead_kb=$READAHEAD_KB"
  set_readahead_kb "$MP" "$READAHEAD_KB"; RA_G=$(readahead_kb "$MP")
  cached=$(largest_file "$BIG/cache" "$MIB"); [[ -n "$cached" ]] || bench_die "gphotosfs did not cache $ITEM in $BIG/cache."
  cat "$cached" > /dev/null
  wait_quiet
  R[warm-g]+="$(dd_gbps "$MP/$ITEM")$NOISE_MARK "
  bench_unmount "$MP"

  rclone_mount "$RMP" "http://127.0.0.1:$BIG_PORT/files/" "$RCACHE" --max-read-ahead "${READAHEAD_KB}Ki"
  set_readahead_kb "$RMP" "$READAHEAD_KB"; RA_R=$(readahead_kb "$RMP")
  cached=$(largest_file "$RCACHE" "$MIB"); [[ -n "$cached" ]] || bench_die "rclone did not cache big-sample.bin in $RCACHE."
  cat "$cached" > /dev/null
  wait_quiet
  R[warm-r]+="$(dd_gbps "$RMP/big/big-sample.bin")$NOISE_MARK "
  rclone_unmount "$RMP"

  c_mount "$(dirname "$ORIG")"
  set_readahead_kb "$CMP" "$READAHEAD_KB"; RA_C=$(readahead_kb "$CMP")
  cat "$ORIG" > /dev/null
  wait_quiet
  R[warm-c]+="$(dd_gbps "$CMP/big-sample.bin")$NOISE_MARK "
  c_unmount
  wait_quiet
  R[warm-n]+="$(dd_gbps "$ORIG")$NOISE_MARK "
  bench_log "run $run/$RUNS first byte ms: gphotosfs ${R[fb-g]% } | rclone ${R[fb-r]% } | curl ${R[fb-n]% }; warm GB/s: gphotosfs ${R[warm-g]% } | rclone ${R[warm-r]% } | C ${R[warm-c]% }"
done
origin_stop
rm -rf "$BIG/cache" "$BIG/partial" "$RCACHE"

# --- 2, 4 and 5: cold rsync, then again after a remount ---
bench_log "cold rsync: $N × ~$KIB KiB, origin $RSYNC_LATENCY ms"
find "$COLD/originals" -type f -exec cat {} + > /dev/null   # the origin and the native copy read from page cache
BYTES=$(du -sb "$COLD/originals" | cut -f1)
rsync_run() {   # rsync_run SRC KEY: cold rsync of SRC into an empty $DEST
  local src="$1" key="$2" t
  rm -rf "$DEST"; mkdir -p "$DEST"
  wait_quiet
  t=$(time_s rsync -a "$src/" "$DEST/")
  R[cold-$key]+="$t$NOISE_MARK "
}
for run in $(seq 1 "$RUNS"); do
  # gphotosfs
  rm -rf "$COLD/cache" "$COLD/partial"
  origin_start "$COLD/originals" "$COLD_PORT" "$RSYNC_LATENCY" --listings
  bench_mount "$MP" "$COLD" -o catalog_poll=0
  cpu0=$(cpu_s "$(daemon_pid "$MP")")
  rsync_run "$MP" g
  R[rss-g]+="$(hwm_mib "$(daemon_pid "$MP")") "
  R[cpu-g]+="$(per_gib "$(awk -v a="$cpu0" -v b="$(cpu_s "$(daemon_pid "$MP")")" 'BEGIN { print b - a }')") "
  bench_unmount "$MP"
  origin_stop; R[coldreq-g]+="$ORIGIN_REQUESTS "
  origin_start "$COLD/originals" "$COLD_PORT" "$RSYNC_LATENCY" --listings
  bench_mount "$MP" "$COLD" -o catalog_poll=0
  wait_quiet; R[again-g]+="$(time_s rsync -a "$MP/" "$DEST/")$NOISE_MARK "
  bench_unmount "$MP"
  origin_stop; R[againreq-g]+="$ORIGIN_REQUESTS "
  rm -rf "$DEST" "$COLD/cache" "$COLD/partial"

  # rclone
  rm -rf "$RCACHE"
  origin_start "$COLD/originals" "$COLD_PORT" "$RSYNC_LATENCY" --listings
  rclone_mount "$RMP" "http://127.0.0.1:$COLD_PORT/files/" "$RCACHE"
  cpu0=$(cpu_s "$RCLONE_PID")
  rsync_run "$RMP" r
  R[rss-r]+="$(hwm_mib "$RCLONE_PID") "
  R[cpu-r]+="$(per_gib "$(awk -v a="$cpu0" -v b="$(cpu_s "$RCLONE_PID")" 'BEGIN { print b - a }')") "
  rclone_unmount "$RMP"
  origin_stop; R[coldreq-r]+="$ORIGIN_REQUESTS "
  origin_start "$COLD/originals" "$COLD_PORT" "$RSYNC_LATENCY" --listings
  rclone_mount "$RMP" "http://127.0.0.1:$COLD_PORT/files/" "$RCACHE"
  wait_quiet; R[again-r]+="$(time_s rsync -a "$RMP/" "$DEST/")$NOISE_MARK "
  rclone_unmount "$RMP"
  origin_stop; R[againreq-r]+="$ORIGIN_REQUESTS "
  rm -rf "$DEST" "$RCACHE"

  # native: the same files on local disk, and the local rsync's own peak RSS
  rm -rf "$DEST"; mkdir -p "$DEST"
  wait_quiet
  s=$(date +%s%N)
  /usr/bin/time -f %M -o "$_WORK/rsync.rss" rsync -a "$COLD/originals/" "$DEST/"
  R[cold-n]+="$(awk -v ns=$(( $(date +%s%N) - s )) 'BEGIN { printf "%.3f", ns / 1e9 }')$NOISE_MARK "
  R[rss-n]+="$(awk '{ printf "%.1f", $1 / 1024 }' "$_WORK/rsync.rss") "
  wait_quiet; R[again-n]+="$(time_s rsync -a "$COLD/originals/" "$DEST/")$NOISE_MARK "
  rm -rf "$DEST"
  bench_log "run $run/$RUNS cold rsync s: gphotosfs ${R[cold-g]% } | rclone ${R[cold-r]% } | native ${R[cold-n]% }; again: ${R[again-g]% } | ${R[again-r]% } | ${R[again-n]% }"
done

# --- 6: the first find of a big tree ---
bench_log "walk: $WALK_N items, origin $WALK_LATENCY ms"
for run in $(seq 1 "$RUNS"); do
  origin_start "$WALK/originals" "$WALK_PORT" "$WALK_LATENCY" --listings
  bench_mount "$MP" "$WALK" -o catalog_poll=0
  drop_caches; wait_quiet
  R[walk-g]+="$(time_s find "$MP")$NOISE_MARK "
  ENTRIES_G=$(find "$MP" | wc -l)
  bench_unmount "$MP"
  origin_stop; R[walkreq-g]+="$ORIGIN_REQUESTS "

  rm -rf "$RCACHE"
  origin_start "$WALK/originals" "$WALK_PORT" "$WALK_LATENCY" --listings
  rclone_mount "$RMP" "http://127.0.0.1:$WALK_PORT/files/" "$RCACHE"
  drop_caches; wait_quiet
  R[walk-r]+="$(time_s find "$RMP")$NOISE_MARK "
  ENTRIES_R=$(find "$RMP" | wc -l)
  rclone_unmount "$RMP"
  origin_stop; R[walkreq-r]+="$ORIGIN_REQUESTS "

  drop_caches; wait_quiet
  R[walk-n]+="$(time_s find "$WALK/originals")$NOISE_MARK "
  ENTRIES_N=$(find "$WALK/originals" | wc -l)
  bench_log "run $run/$RUNS find s: gphotosfs ${R[walk-g]% } | rclone ${R[walk-r]% } | native ${R[walk-n]% }"
done
rm -rf "$RCACHE"

# --- report ---
med() { local v; v=(${R[$1]:-}); ((${#v[@]})) && median "${v[@]}" || echo "-"; }
row() {   # row LABEL KEY [NATIVE=n]: the medians of KEY-g, KEY-r and KEY-NATIVE, their ratios, the runs
  local g r n nk="$2-${3:-n}"
  g=$(med "$2-g"); r=$(med "$2-r"); n=$(med "$nk")
  printf '%-72s %10s %10s %10s %8s %8s   [%s | %s | %s]\n' "$1" "$g" "$r" "$n" \
    "$(nonzero "$r" && ratio "$g" "$r" || echo -)" "$(nonzero "$n" && ratio "$g" "$n" || echo -)" \
    "${R[$2-g]% }" "${R[$2-r]% }" "${R[$nk]:-}"
}
echo "== gphotosfs vs rclone mount vs native, medians of $RUNS runs$([[ "${SMALL:-0}" == 1 ]] && echo ' (SMALL)') =="
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); $(machine_desc) (at the end)"
echo "gphotosfs: $BUILD_DESC; $(rclone_desc) (mount, http backend, --vfs-cache-mode full); C FUSE: libfuse $(pkg-config --modversion fuse3) example passthrough_ll"
echo "origin: tests/GPhotosFs.TestOrigin --listings on loopback, the same files for all; rsync into tmpfs"
printf '%-72s %10s %10s %10s %8s %8s   %s\n' "measure" "gphotosfs" "rclone" "native" "g/rclone" "g/native" "runs (gphotosfs | rclone | native)"
row "first byte ms, $MIB MiB, fresh mount, origin $FB_LATENCY ms (native: curl)" fb
row "daemon peak RSS MiB, cold rsync (native: rsync's own)" rss
row "warm read GB/s after remount, ra $READAHEAD_KB KiB (native: C passthrough_ll)" warm c
row "cold rsync s, $N × $KIB KiB ($(awk -v b="$BYTES" 'BEGIN { printf "%.2f GB", b / 1e9 }')), origin $RSYNC_LATENCY ms" cold
row "  origin requests" coldreq
row "  daemon CPU s per GiB downloaded (the cold rsync's; native: -)" cpu
row "rsync after a remount s (native: local rsync again)" again
row "  origin requests" againreq
row "first find s, $WALK_N items, origin $WALK_LATENCY ms" walk
row "  origin requests" walkreq
echo "read-ahead seen (KiB): gphotosfs $RA_G, rclone $RA_R, passthrough_ll $RA_C; direct dd of the original (page cache): $(med warm-n) GB/s [${R[warm-n]% }]"
echo "tree entries: gphotosfs $ENTRIES_G, rclone $ENTRIES_R, native $ENTRIES_N"
echo "noise: $(noise_desc)"
fb=$(med fb-g); rss=$(med rss-g); warm=$(ratio "$(med warm-g)" "$(med warm-c)")
verdict=PASS
le "$fb" 50 || verdict=FAIL
le "$rss" 100 || verdict=FAIL
le 0.9 "$warm" || verdict=FAIL
echo "targets: first byte $fb ms (≤ 50): $(le "$fb" 50 && echo PASS || echo FAIL); peak RSS $rss MiB (≤ 100): $(le "$rss" 100 && echo PASS || echo FAIL); warm read ${warm}x the C fs (≥ 0.9): $(le 0.9 "$warm" && echo PASS || echo FAIL)"
echo "RESULT: $verdict"
[[ $verdict == PASS ]]
