#!/usr/bin/env bash
# Google Library API sync against the local emulator (tests/GPhotosFs.GoogleEmulator): the first,
# full sync of an N-item library (baseline: listing, albums and one size probe per item) vs an
# incremental sync of the same, unchanged library (target: only the listings, ceil(N/100) +
# ceil(ALBUMS/50) + one page per 100 album members API requests, no media requests, and far faster than the baseline); then a cold
# rsync of one folder of the mount and a second rsync of it (target: zero requests to Google).
# Usage: bench/google-sync.sh [N=100000] [ALBUMS=20] [SCOPE=photos/2016]   (RUNS=3; root; rsync, curl)
source "$(dirname "$0")/common.sh"
N="${1:-100000}"; ALBUMS="${2:-20}"; SCOPE="${3:-photos/2016}"; RUNS="${RUNS:-3}"
bench_preflight; bench_need rsync curl
bench_binary

source "$(dirname "$0")/google-emulator.sh"
LIB="$_WORK/lib"; MP="$_WORK/mnt"; DEST="$_WORK/dest"
export GPHOTOSFS_CONFIG_DIR="$_WORK/config"
# The bench measures gphotosfs, not Google's daily quotas: lift the client-side budget.
export GPHOTOSFS_GOOGLE_API_QUOTA=100000000 GPHOTOSFS_GOOGLE_MEDIA_QUOTA=100000000
google_emulator_start --items "$N" --albums "$ALBUMS"
export GPHOTOSFS_LIBRARY_API_URL="${BASE}library/" GPHOTOSFS_PICKER_API_URL="${BASE}picker/"
google_auth "$LIB" "${AUTH_PORT:-18095}"
counters() { emulator_counter api media total; }
# measure ARGS… → "seconds api media" for one `gphotosfs sync ARGS…`
measure() {
  local before after t
  before=($(counters))
  t=$(time_s "$BIN" sync --library "$LIB" "$@") || bench_die "gphotosfs sync $* failed"
  after=($(counters))
  echo "$t$NOISE_MARK $((after[0] - before[0])) $((after[1] - before[1]))"
}

bench_log "full sync of $N items (baseline)…"
wait_quiet; full=($(measure --full))
inc_t=(); inc_api=(); inc_media=()
for run in $(seq 1 "$RUNS"); do
  bench_log "incremental sync $run/$RUNS…"
  wait_quiet; r=($(measure)); inc_t+=("${r[0]}"); inc_api+=("${r[1]}"); inc_media+=("${r[2]}")
done

bench_mount "$MP" "$LIB" -o catalog_poll=0
[[ -d "$MP/$SCOPE" ]] || bench_die "$SCOPE is not in the mount"
files=$(find "$MP/$SCOPE" -type f | wc -l)
mkdir -p "$DEST"
c0=($(counters)); wait_quiet; cold=$(time_s rsync -a "$MP/$SCOPE/" "$DEST/")$NOISE_MARK; c1=($(counters))
wait_quiet; second=$(time_s rsync -a "$MP/$SCOPE/" "$DEST/")$NOISE_MARK; c2=($(counters))
bench_unmount "$MP"
cold_requests=$((c1[2] - c0[2])); second_requests=$((c2[2] - c1[2]))

# Every album's members are listed too (a one-out-one-in edit keeps the count): one page per 100.
album_pages=$(python3 - "$LIB/catalog.db" <<'PY'
import sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute("select a.id, count(e.item_id) from albums a left join album_items e on e.album_id = a.id group by a.id").fetchall()
print(sum(max(1, (n + 99) // 100) for _, n in rows))
PY
)
expected=$(( (N + 99) / 100 + (ALBUMS + 49) / 50 + album_pages ))
m_inc=$(median "${inc_t[@]}"); m_api=$(median "${inc_api[@]}" | awk '{printf "%d", $1}'); m_media=$(median "${inc_media[@]}" | awk '{printf "%d", $1}')
echo "== GPhotosFs Google sync: $N emulated items, $ALBUMS albums, median of $RUNS incremental runs =="
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); $(machine_desc); $BUILD_DESC"
printf '%-52s %9s %12s %14s\n' "run" "seconds" "API requests" "media requests"
printf '%-52s %9s %12s %14s\n' "full sync, first run (baseline)" "${full[0]}" "${full[1]}" "${full[2]}"
printf '%-52s %9s %12s %14s   [%s]\n' "incremental sync, library unchanged" "$m_inc" "$m_api" "$m_media" "${inc_t[*]}; requests ${inc_api[*]}"
echo "incremental: $(ratio "$m_inc" "${full[0]}" 3)x the full sync's time; $m_api API requests (target $expected: ceil(N/100) list pages + ceil(ALBUMS/50) album pages + $album_pages album member pages): $([[ "$m_api" == "$expected" && "$m_media" == 0 ]] && echo PASS || echo FAIL)"
printf '%-52s %9s %12s\n' "cold rsync of $SCOPE ($files files)" "$cold" "$cold_requests"
printf '%-52s %9s %12s\n' "second rsync of $SCOPE" "$second" "$second_requests"
echo "second rsync: $second_requests requests to Google (target 0): $([[ "$second_requests" == 0 ]] && echo PASS || echo FAIL)"
echo "noise: $(noise_desc)"
if [[ "$m_api" == "$expected" && "$m_media" == 0 && "$second_requests" == 0 ]]; then echo "RESULT: PASS"; else echo "RESULT: FAIL"; exit 1; fi
