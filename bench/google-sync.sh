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

EMU_DLL="$REPO/artifacts/bin/GPhotosFs.GoogleEmulator/release/GPhotosFs.GoogleEmulator.dll"
bench_log "building the Google emulator…"
(flock 9; dotnet build "$REPO/tests/GPhotosFs.GoogleEmulator" -c Release --nologo -v quiet >&2) 9>"$BENCH_CACHE/.build.lock"
cp -a "$(dirname "$EMU_DLL")" "$_WORK/emulator"

LIB="$_WORK/lib"; MP="$_WORK/mnt"; DEST="$_WORK/dest"
export GPHOTOSFS_CONFIG_DIR="$_WORK/config"
# The bench measures gphotosfs, not Google's daily quotas: lift the client-side budget.
export GPHOTOSFS_GOOGLE_API_QUOTA=100000000 GPHOTOSFS_GOOGLE_MEDIA_QUOTA=100000000
dotnet "$_WORK/emulator/GPhotosFs.GoogleEmulator.dll" --items "$N" --albums "$ALBUMS" --client-secret-out "$_WORK/client_secret.json" \
  > "$_WORK/emulator.out" 2> "$_WORK/emulator.err" < /dev/null &
EMU_PID=$!
trap 'kill "$EMU_PID" 2>/dev/null; bench_cleanup' EXIT
for _ in $(seq 1 100); do grep -q '^listening on ' "$_WORK/emulator.out" 2>/dev/null && break; sleep 0.1; done
BASE="$(sed -n 's/^listening on //p' "$_WORK/emulator.out")"
[[ -n "$BASE" ]] || bench_die "the emulator did not start: $(cat "$_WORK/emulator.err")"
export GPHOTOSFS_OAUTH_AUTH_URL="${BASE}o/oauth2/v2/auth" GPHOTOSFS_OAUTH_TOKEN_URL="${BASE}token" \
       GPHOTOSFS_LIBRARY_API_URL="${BASE}library/" GPHOTOSFS_PICKER_API_URL="${BASE}picker/"

# gphotosfs auth, with curl as the browser (it follows the redirect to the loopback receiver).
PORT="${AUTH_PORT:-18095}"
"$BIN" auth --library "$LIB" --client-secret "$_WORK/client_secret.json" --port "$PORT" > "$_WORK/auth.out" 2> "$_WORK/auth.err" &
AUTH_PID=$!
for _ in $(seq 1 100); do [[ -s "$_WORK/auth.out" ]] && break; sleep 0.1; done
curl -sfL -o /dev/null "$(head -1 "$_WORK/auth.out")" || bench_die "the authorization redirect failed"
wait "$AUTH_PID" || bench_die "gphotosfs auth failed: $(cat "$_WORK/auth.err")"

counters() { curl -sf "${BASE}emulator/counters" | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["api"], c["media"], c["total"])'; }
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
