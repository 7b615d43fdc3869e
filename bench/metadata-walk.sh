#!/usr/bin/env bash
# Metadata walk of a GPhotosFs mount versus the same tree as plain files on local disk.
#   bench/metadata-walk.sh [N=100000]        (RUNS=5 by default: RUNS=7 bench/metadata-walk.sh)
# A library of N generated items ('gphotosfs demo --extra N', cached in $BENCH_CACHE/lib-N) is
# mounted; the native baseline is an rsync -aH copy of that mount ($BENCH_CACHE/native-N, so names,
# sizes, mtimes and symlinks are identical). Timed on both trees, stdout to /dev/null:
#   find TREE  |  ls -lR TREE  |  rsync -a --dry-run TREE/ <nonexistent dir>
# first run  = mount: fresh remount, then drop_caches; native: drop_caches (so native includes
#              reading the inodes back from disk; the mount re-reads catalog pages it needs).
# second run = warm: same mount / same native tree after one untimed walk with the same tool.
# Medians of RUNS, ratio mount/native. Target: every ratio ≤ 1.3, and the daemon's VmRSS after
# all the walks ≤ 150 MB.
# Needs: root, /dev/fuse, fuse3, rsync, coreutils, findutils, procps, util-linux, awk, python3,
#        the .NET 10 SDK (to build gphotosfs when artifacts/publish is missing or stale).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

N="${1:-100000}"
RUNS="${RUNS:-5}"
TARGET_RATIO=1.3
TARGET_RSS_MB=150
[[ "$N" =~ ^[0-9]+$ ]] || bench_die "usage: $0 [N]"

bench_preflight
bench_need rsync find ls
bench_binary

LIB="$BENCH_CACHE/lib-$N"
NATIVE="$BENCH_CACHE/native-$N"
MP="$_WORK/mnt"
DEST="$_WORK/rsync-dest-does-not-exist"

bench_library "$LIB" --extra "$N"

t_find()  { time_s find "$1"; }
t_ls()    { time_s ls -lR "$1"; }
t_rsync() { time_s rsync -a --dry-run "$1/" "$DEST/"; }
TOOLS=(find ls rsync)
declare -A LABEL=([find]="find" [ls]="ls -lR" [rsync]="rsync -a -n")

bench_mount "$MP" "$LIB"
log_lines_before=0; [[ -f "$LIB/gphotosfs.log" ]] && log_lines_before=$(wc -l < "$LIB/gphotosfs.log")
bench_log "syncing the native copy $NATIVE from the mount (rsync -aH --delete)…"
changes=$(rsync -aH --delete --itemize-changes "$MP/" "$NATIVE/" | wc -l)
entries=$(find "$NATIVE" | wc -l)
bench_log "native copy: $entries entries, $changes changed by this sync"
bench_unmount "$MP"

declare -A COLD_M COLD_N WARM_M WARM_N   # space-separated run times

# --- first runs (cold) ---
for tool in "${TOOLS[@]}"; do
  for ((r = 1; r <= RUNS; r++)); do
    bench_mount "$MP" "$LIB"
    wait_quiet
    drop_caches
    COLD_M[$tool]+="$(t_$tool "$MP")$NOISE_MARK "
    bench_unmount "$MP"
    wait_quiet
    drop_caches
    COLD_N[$tool]+="$(t_$tool "$NATIVE")$NOISE_MARK "
    bench_log "first run $r/$RUNS ${LABEL[$tool]}: mount ${COLD_M[$tool]% } | native ${COLD_N[$tool]% }"
  done
done

# --- second runs (warm): one mount for all tools ---
bench_mount "$MP" "$LIB"
PID="$(daemon_pid "$MP")"
rss_mounted=$(awk '/VmRSS/ { print $2 }' "/proc/$PID/status")
for tool in "${TOOLS[@]}"; do
  t_$tool "$MP" >/dev/null; t_$tool "$NATIVE" >/dev/null    # untimed warm-up
  for ((r = 1; r <= RUNS; r++)); do
    wait_quiet
    WARM_M[$tool]+="$(t_$tool "$MP")$NOISE_MARK "
    wait_quiet
    WARM_N[$tool]+="$(t_$tool "$NATIVE")$NOISE_MARK "
    bench_log "second run $r/$RUNS ${LABEL[$tool]}: mount ${WARM_M[$tool]% } | native ${WARM_N[$tool]% }"
  done
done
rss_walked=$(awk '/VmRSS/ { print $2 }' "/proc/$PID/status")
hwm_walked=$(awk '/VmHWM/ { print $2 }' "/proc/$PID/status")
threads=$(awk '/Threads/ { print $2 }' "/proc/$PID/status")
errors=$(tail -n +"$((log_lines_before + 1))" "$LIB/gphotosfs.log" 2>/dev/null | grep -ciE 'error|fail|warn' || true)
bench_unmount "$MP"

# --- report ---
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }'; }
verdict=PASS
echo "== GPhotosFs metadata walk: $N generated items ($entries entries in the tree), median of $RUNS runs =="
echo "date: $(date '+%Y-%m-%d %H:%M %Z'); $(machine_desc)"
echo "gphotosfs: $BUILD_DESC; default mount options"
echo "first run: mount = fresh remount + drop_caches; native = drop_caches, so it includes reading inodes from disk"
echo "second run: warm (after one untimed walk with the same tool)"
printf '%-13s %-6s %10s %10s %7s  %-4s  %s\n' "tool" "run" "mount s" "native s" "ratio" "" "runs, * = started on a busy machine (mount | native)"
for tool in "${TOOLS[@]}"; do
  for kind in first second; do
    if [[ $kind == first ]]; then m=(${COLD_M[$tool]}); n=(${COLD_N[$tool]}); else m=(${WARM_M[$tool]}); n=(${WARM_N[$tool]}); fi
    mm=$(median "${m[@]}"); nm=$(median "${n[@]}"); mq=$(median_quiet "${m[@]}"); nq=$(median_quiet "${n[@]}")
    note=""
    # Judge on the quiet runs when there were noisy ones and at least 3 quiet runs on each side.
    if [[ "$mm $nm" != "$mq $nq" && $mq != - && $nq != - ]]; then mm=$mq; nm=$nq; note=" (medians of quiet runs)"; fi
    rr=$(ratio "$mm" "$nm")
    ok=PASS; le "$rr" "$TARGET_RATIO" || { ok=FAIL; verdict=FAIL; }
    printf '%-13s %-6s %10s %10s %6sx  %-4s  [%s | %s]%s\n' "${LABEL[$tool]}" "$kind" "$mm" "$nm" "$rr" "$ok" "${m[*]}" "${n[*]}" "$note"
  done
done
rss_ok=PASS; le "$(mb "$rss_walked")" "$TARGET_RSS_MB" || { rss_ok=FAIL; verdict=FAIL; }
echo "daemon (pid $PID, $threads threads): VmRSS after mount $(mb "$rss_mounted") MB, after all walks $(mb "$rss_walked") MB (peak VmHWM $(mb "$hwm_walked") MB): $rss_ok (target ≤ $TARGET_RSS_MB MB)"
echo "daemon log during the run: $errors lines mentioning error/fail/warn ($LIB/gphotosfs.log)"
echo "noise: $(noise_desc)"
echo "RESULT: $verdict (target: every metadata walk within ${TARGET_RATIO}x of native, daemon RSS ≤ $TARGET_RSS_MB MB)"
[[ $verdict == PASS ]]
