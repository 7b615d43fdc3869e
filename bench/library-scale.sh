#!/usr/bin/env bash
# A library of N items from a generated Google Takeout export in P zip parts (issue 16's scale
# figures; default a million items in 20 parts, ~1.8 GB in $BENCH_CACHE):
#   - `gphotosfs takeout add` into a fresh library: time and peak RSS (target ≤ 1 GB at 1M items)
#   - the mounted daemon's RSS right after mounting and after walking the tree (target ≤ 300 MB)
#   - the first `find` and `ls -lR` of the mount (fresh remount + drop_caches) against the same tree
#     on local disk (drop_caches; mirrored by tools/mirror-tree.py: names, sizes as sparse files,
#     mtimes, symlinks) in the same run; target ≤ 1.5x native. Interleaved runs, medians.
# Usage: bench/library-scale.sh [N=1000000] [P=20]   (RUNS=3 walks, ADD_RUNS=1 adds; root)
#   e.g. bench/library-scale.sh 100000 5 for a quick run
#   KEEP_LIB=DIR  the library is DIR and stays after the run; with ADD_RUNS=0 an existing one is
#                 reused as is (to mount the same library with another GPHOTOSFS_BIN)
source "$(dirname "$0")/common.sh"
N="${1:-1000000}"; P="${2:-20}"; RUNS="${RUNS:-3}"; ADD_RUNS="${ADD_RUNS:-1}"
TARGET_ADD_MB=1000; TARGET_DAEMON_MB=300; TARGET_RATIO=1.5
[[ "$N" =~ ^[0-9]+$ && "$P" =~ ^[0-9]+$ ]] || bench_die "usage: $0 [N] [P]"
bench_preflight; bench_need find ls
bench_binary
load_now() { cut -d' ' -f1 /proc/loadavg; }

EXPORT="$BENCH_CACHE/takeout-$N-$P"   # shared with takeout-index.sh
if [[ ! -f "$EXPORT/.bench-complete" ]]; then
  bench_log "generating a $N-item Takeout export in $P parts (gphotosfs takeout sample; ~1 min per 100k items)…"
  rm -rf "$EXPORT"
  "$BIN" takeout sample "$EXPORT" --items "$N" --parts "$P" > /dev/null
  touch "$EXPORT/.bench-complete"
fi
parts=("$EXPORT"/*.zip)
cat "${parts[@]}" > /dev/null   # the add reads from the page cache

# --- takeout add: wall time and peak RSS (ru_maxrss of the waited-for child) ---
LIB="${KEEP_LIB:-$_WORK/lib}"; LOG="$_WORK/add.log"
add_fresh() { # → "seconds peak_kB"
  rm -rf "$LIB"
  python3 - "$BIN" takeout add "${parts[@]}" --library "$LIB" 2> "$LOG" <<'PY'
import resource, subprocess, sys, time
t = time.perf_counter()
rc = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)
took = time.perf_counter() - t
if rc != 0:
    sys.exit(rc)
print(f"{took:.3f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
PY
}
add_s=(); add_mb=(); add_load=()
for run in $(seq 1 "$ADD_RUNS"); do
  wait_quiet; add_load+=("$(load_now)")
  out=$(add_fresh) || { cat "$LOG" >&2; bench_die "takeout add failed"; }
  add_s+=("${out% *}$NOISE_MARK"); add_mb+=("$(awk -v k="${out#* }" 'BEGIN{printf "%.0f", k*1024/1e6}')")
  bench_log "takeout add $run/$ADD_RUNS: ${out% *} s, peak RSS ${add_mb[-1]} MB (load ${add_load[-1]})"
done
if (( ADD_RUNS == 0 )); then
  [[ -f "$LIB/catalog.db" ]] || bench_die "ADD_RUNS=0 needs KEEP_LIB=DIR holding a library"
  add_s=(-); add_mb=(-); add_load=(-); echo "Takeout: (reused $LIB; $N items assumed)" > "$LOG"
fi
summary=$(grep '^Takeout:' "$LOG" || true)
items=$(sed -E 's/.* ([0-9,]+) items from.*/\1/' <<<"$summary" | tr -d ,)

# --- the native mirror ---
MP="$_WORK/mnt"; NATIVE="$BENCH_CACHE/native-takeout-$N-$P"
s=$(date +%s%N); bench_mount "$MP" "$LIB" -o catalog_poll=0
mount_s=$(awk -v ns=$(( $(date +%s%N) - s )) 'BEGIN { printf "%.3f", ns / 1e9 }')
PID="$(daemon_pid "$MP")"
rss_mounted=$(awk '/VmRSS/ { print $2 }' "/proc/$PID/status")
entries_mount=$(find "$MP" | wc -l)
if [[ ! -f "$NATIVE/.bench-complete" ]] || [[ "$(find "$NATIVE" -not -name .bench-complete | wc -l)" != "$entries_mount" ]]; then
  bench_log "mirroring the mount's tree to $NATIVE (metadata only)…"
  rm -rf "$NATIVE"; python3 "$BENCH_DIR/tools/mirror-tree.py" "$MP" "$NATIVE" > /dev/null
  touch "$NATIVE/.bench-complete"
fi
ls -lR "$MP" > /dev/null
rss_walked=$(awk '/VmRSS/ { print $2 }' "/proc/$PID/status")
hwm=$(awk '/VmHWM/ { print $2 }' "/proc/$PID/status")
bench_unmount "$MP"

# --- first walks: mount (fresh remount + drop_caches) vs native (drop_caches), interleaved ---
declare -A M W L
for tool in find ls; do
  for ((r = 1; r <= RUNS; r++)); do
    bench_mount "$MP" "$LIB" -o catalog_poll=0
    wait_quiet; L[$tool]+="$(load_now) "; drop_caches
    if [[ $tool == find ]]; then t=$(time_s find "$MP"); else t=$(time_s ls -lR "$MP"); fi
    M[$tool]+="$t$NOISE_MARK "
    bench_unmount "$MP"
    wait_quiet; drop_caches
    if [[ $tool == find ]]; then t=$(time_s find "$NATIVE"); else t=$(time_s ls -lR "$NATIVE"); fi
    W[$tool]+="$t$NOISE_MARK "
    bench_log "first $tool $r/$RUNS: mount ${M[$tool]% } | native ${W[$tool]% }"
  done
done

# --- report ---
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k * 1024 / 1e6 }'; }
verdict=PASS
check() { if le "$1" "$2"; then R=PASS; else verdict=FAIL; R=FAIL; fi; }   # sets R
echo "== GPhotosFs at scale: $N-item Takeout export in $P zip parts ($entries_mount entries in the mounted tree) =="
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); $(machine_desc)"
echo "gphotosfs: $BUILD_DESC"
m_add=-; m_add_mb=-; (( ADD_RUNS == 0 )) || { m_add=$(median "${add_s[@]}"); m_add_mb=$(median "${add_mb[@]}" | awk "{ printf \"%.0f\", \$1 }"); }
if (( ADD_RUNS > 0 )); then check "$m_add_mb" "$TARGET_ADD_MB"; else R="not measured"; fi
echo "takeout add into a fresh library: ${m_add} s ($(awk -v n="$N" -v t="$m_add" 'BEGIN{ if (t + 0 > 0) printf "%.0f", n/t; else printf "-" }') items/s), peak RSS ${m_add_mb} MB: $R (target ≤ $TARGET_ADD_MB MB) [runs ${add_s[*]} | MB ${add_mb[*]} | load ${add_load[*]}]"
echo "  $summary"
[[ "$items" == "$N" ]] || (( ADD_RUNS == 0 )) || { echo "  items catalogued: $items of $N: FAIL"; verdict=FAIL; }
check "$(mb "$rss_walked")" "$TARGET_DAEMON_MB"
echo "daemon: mount ${mount_s} s; VmRSS after mount $(mb "$rss_mounted") MB, after find + ls -lR $(mb "$rss_walked") MB (VmHWM $(mb "$hwm") MB): $R (target ≤ $TARGET_DAEMON_MB MB)"
printf '%-8s %10s %10s %7s  %-4s  %s\n' "walk" "mount s" "native s" "ratio" "" "runs (mount | native), load average at each mount run"
for tool in find ls; do
  m=(${M[$tool]}); n=(${W[$tool]}); mm=$(median "${m[@]}"); nm=$(median "${n[@]}"); rr=$(ratio "$mm" "$nm")
  check "$rr" "$TARGET_RATIO"
  printf '%-8s %10s %10s %6sx  %-4s  [%s | %s] load %s\n' "$([[ $tool == ls ]] && echo 'ls -lR' || echo find)" "$mm" "$nm" "$rr" "$R" "${m[*]}" "${n[*]}" "${L[$tool]% }"
done
echo "noise: $(noise_desc)"
echo "RESULT: $verdict"
[[ $verdict == PASS ]]
