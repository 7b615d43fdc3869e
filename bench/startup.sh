#!/usr/bin/env bash
# Start-up of a fresh daemon: `gphotosfs mount` until mounted, and the first byte of a 1 GiB original
# on a fresh mount (lookups included: open + read(1) of photos/2024/06/big-sample.bin) from an
# origin with 20 ms latency, side by side with `rclone mount` (http backend, --vfs-cache-mode full)
# over the same files from the same test origin (with --listings, so rclone can browse it).
# Interleaved runs, medians. Target (issue 16): first byte ≤ 50 ms.
# Usage: bench/startup.sh [MiB=1024] [LATENCY_MS=20]   (RUNS=5; root; needs rclone, curl)
#   COMPARE_BIN=/path/to/other/gphotosfs  also measures that binary in the same runs (before/after)
source "$(dirname "$0")/common.sh"
source "$(dirname "$0")/origin.sh"
source "$(dirname "$0")/rclone.sh"
MIB="${1:-1024}"; LATENCY="${2:-20}"; RUNS="${RUNS:-5}"
PORT="${ORIGIN_PORT:-18091}"
bench_preflight; bench_need curl rclone
bench_binary; origin_build
LIB="$BENCH_CACHE/lib-http-big-$MIB"
bench_library "$LIB" --big-mib "$MIB" --origin "http://127.0.0.1:$PORT/files/"
ITEM="photos/2024/06/big-sample.bin"
cat "$LIB/originals/big/big-sample.bin" > /dev/null   # the origin serves from page cache
origin_start "$LIB/originals" "$PORT" "$LATENCY" --listings
trap 'origin_stop; bench_cleanup' EXIT

# gphotosfs_run BIN NAME: a fresh daemon with an empty cache; appends to NAME_mount and NAME_fb.
gphotosfs_run() {
  local bin="$1" name="$2" mp="$_WORK/mnt-$2" s mount_ms fb cpu
  mkdir -p "$mp"; rm -rf "$LIB/cache" "$LIB/partial"
  wait_quiet
  s=$(date +%s%N)
  "$bin" mount "$mp" --library "$LIB" -o catalog_poll=0 >&2 || bench_die "mount of $LIB by $bin failed (see $LIB/gphotosfs.log)."
  mount_ms=$(ms_since "$s")
  _MOUNTS+=("$mp")
  mountpoint -q "$mp" || bench_die "$bin mount returned before $mp was mounted."
  fb=$(first_byte_ms "$mp/$ITEM")
  # The daemon's CPU until its first byte (user + system, 10 ms ticks): steadier than wall time when
  # other work shares the CPUs.
  cpu=$(awk '{ print ($14 + $15) * 10 }' "/proc/$(daemon_pid "$mp")/stat")
  eval "${name}_mount+=(\"\$mount_ms\$NOISE_MARK\"); ${name}_fb+=(\"\$fb\$NOISE_MARK\"); ${name}_cpu+=(\"\$cpu\")"
  bench_unmount "$mp"
}

rclone_run() {
  local mp="$_WORK/mnt-rclone" cache="$_WORK/rclone-cache" s mount_ms fb
  rm -rf "$cache"
  wait_quiet
  s=$(date +%s%N)
  rclone_mount "$mp" "http://127.0.0.1:$PORT/files/" "$cache"
  mount_ms=$(ms_since "$s")
  fb=$(first_byte_ms "$mp/big/big-sample.bin")
  rclone_mount+=("$mount_ms$NOISE_MARK"); rclone_fb+=("$fb$NOISE_MARK")
  rclone_unmount "$mp"
}

main_mount=(); main_fb=(); main_cpu=(); other_mount=(); other_fb=(); other_cpu=(); rclone_mount=(); rclone_fb=(); curl_t=()
curl -s -o /dev/null -r 0-0 "http://127.0.0.1:$PORT/files/big/big-sample.bin"   # the origin's own start-up is not measured
for run in $(seq 1 "$RUNS"); do
  curl_t+=("$(curl -s -o /dev/null -r 0-0 -w '%{time_starttransfer}' "http://127.0.0.1:$PORT/files/big/big-sample.bin" | awk '{printf "%.1f", $1*1000}')")
  gphotosfs_run "$BIN" main
  [[ -n "${COMPARE_BIN:-}" ]] && gphotosfs_run "$COMPARE_BIN" other
  rclone_run
done
origin_stop

row() { printf '%-40s %10s %10s   [%s | %s]\n' "$1" "$2" "$3" "$4" "$5"; }
echo "== start-up: mount until mounted, first byte of a $MIB MiB original on a fresh mount, origin latency $LATENCY ms, median of $RUNS runs =="
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); $(machine_desc); $BUILD_DESC; $(rclone_desc)"
echo "one request to the origin (curl -r 0-0, first byte): $(median "${curl_t[@]}") ms"
printf '%-40s %10s %10s   %s\n' "" "mount ms" "1st byte" "runs (mount ms | first byte ms)"
m_mount=$(median "${main_mount[@]}"); m_fb=$(median "${main_fb[@]}")
r_mount=$(median "${rclone_mount[@]}"); r_fb=$(median "${rclone_fb[@]}")
row "gphotosfs ($BIN)" "$m_mount" "$m_fb" "${main_mount[*]}" "${main_fb[*]}"
echo "  daemon CPU until its first byte: median $(median "${main_cpu[@]}") ms [${main_cpu[*]}]"
if [[ -n "${COMPARE_BIN:-}" ]]; then
  o_mount=$(median "${other_mount[@]}"); o_fb=$(median "${other_fb[@]}")
  row "gphotosfs ($COMPARE_BIN)" "$o_mount" "$o_fb" "${other_mount[*]}" "${other_fb[*]}"
  echo "  daemon CPU until its first byte: median $(median "${other_cpu[@]}") ms [${other_cpu[*]}]"
fi
row "rclone mount (http, vfs-cache full)" "$r_mount" "$r_fb" "${rclone_mount[*]}" "${rclone_fb[*]}"
echo "gphotosfs / rclone: mount $(ratio "$m_mount" "$r_mount")x, first byte $(ratio "$m_fb" "$r_fb")x"
[[ -n "${COMPARE_BIN:-}" ]] && echo "gphotosfs / COMPARE_BIN: mount $(ratio "$m_mount" "$o_mount")x, first byte $(ratio "$m_fb" "$o_fb")x"
echo "noise: $(noise_desc)"
verdict=PASS; le "$m_fb" 50 || verdict=FAIL
echo "first byte $m_fb ms, target <= 50 ms"
echo "RESULT: $verdict"
[[ $verdict == PASS ]]
