#!/usr/bin/env bash
# Downloads from Google under faults, against the local emulator: a cold rsync of the whole mount
# with every media request answered, then the same cold rsync (cache emptied) while 20% of media
# requests answer 503; target: the faulty run keeps at least 0.5x the fault-free throughput.
# Also the cost of an incremental sync after album edits (a new album of existing photos, a
# one-out-one-in edit, a rename): API requests against the listing's own cost.
# Usage: bench/google-faults.sh [N=400] [RATE=0.2] [EXTRA_MOUNT_OPTS]   (RUNS=3; root; rsync, curl)
source "$(dirname "$0")/common.sh"
N="${1:-400}"; RATE="${2:-0.2}"; EXTRA="${3:-}"; RUNS="${RUNS:-3}"
bench_preflight; bench_need rsync curl
bench_binary

source "$(dirname "$0")/google-emulator.sh"
LIB="$_WORK/lib"; MP="$_WORK/mnt"; DEST="$_WORK/dest"
export GPHOTOSFS_CONFIG_DIR="$_WORK/config"
# The bench measures gphotosfs, not Google's daily quotas: lift the client-side budget.
export GPHOTOSFS_GOOGLE_API_QUOTA=100000000 GPHOTOSFS_GOOGLE_MEDIA_QUOTA=100000000
google_emulator_start --items "$N" --albums 4 --video-every 0 --photo-width 1600 --photo-height 1200
export GPHOTOSFS_LIBRARY_API_URL="${BASE}library/" GPHOTOSFS_PICKER_API_URL="${BASE}picker/"
google_auth "$LIB" "${AUTH_PORT:-18096}"
"$BIN" sync --library "$LIB" 2>/dev/null || bench_die "first sync failed"
counters() { emulator_counter api media total; }
faults() { curl -sf -X POST "${BASE}emulator/faults?media_fault_rate=$1" > /dev/null; }
bytes=$(du -sb --apparent-size "$LIB" >/dev/null; python3 - "$LIB/catalog.db" <<'PY'
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("select sum(size) from items").fetchone()[0])
PY
)

# cold_rsync RATE → seconds of one rsync of the whole mount with an empty cache
cold_rsync() {
  faults "$1"
  rm -rf "$LIB/cache" "$LIB/partial" "$DEST"; mkdir -p "$DEST"
  bench_mount "$MP" "$LIB" -o "catalog_poll=0${EXTRA:+,$EXTRA}"
  local t; t=$(time_s rsync -a "$MP/photos/" "$DEST/") || bench_die "rsync failed at fault rate $1 (see $LIB/gphotosfs.log)"
  bench_unmount "$MP"
  echo "$t"
}

clean=(); faulty=()
for run in $(seq 1 "$RUNS"); do
  bench_log "cold rsync without faults $run/$RUNS…"; wait_quiet; clean+=("$(cold_rsync 0)")
  bench_log "cold rsync with ${RATE} media faults $run/$RUNS…"; wait_quiet; faulty+=("$(cold_rsync "$RATE")")
done
faults 0
m_clean=$(median "${clean[@]}"); m_faulty=$(median "${faulty[@]}")
keep=$(ratio "$m_clean" "$m_faulty" 2)

# Album edits, then an incremental sync: what it costs against the listing.
c0=($(counters))
curl -sf -X POST "${BASE}emulator/album-edits" > /dev/null 2>&1 || true
t_inc=$(time_s "$BIN" sync --library "$LIB") || bench_die "incremental sync failed"
c1=($(counters))
inc_api=$((c1[0] - c0[0])); inc_media=$((c1[1] - c0[1]))
listing=$(( (N + 99) / 100 ))

echo "== GPhotosFs Google downloads under faults: $N photos ($(( bytes / 1048576 )) MiB), median of $RUNS cold rsyncs =="
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); $(machine_desc); $BUILD_DESC; mount options: catalog_poll=0${EXTRA:+,$EXTRA}"
printf '%-44s %9s %10s   %s\n' "run" "seconds" "MiB/s" "runs"
printf '%-44s %9s %10s   [%s]\n' "cold rsync, no faults" "$m_clean" "$(ratio "$(( bytes / 1048576 ))" "$m_clean" 1)" "${clean[*]}"
printf '%-44s %9s %10s   [%s]\n' "cold rsync, ${RATE} of media requests 503" "$m_faulty" "$(ratio "$(( bytes / 1048576 ))" "$m_faulty" 1)" "${faulty[*]}"
echo "throughput kept under faults: ${keep}x (target ≥ 0.5): $(le 0.5 "$keep" && echo PASS || echo FAIL)"
echo "incremental sync after album edits: $t_inc s, $inc_api API requests ($listing item-list pages + 1 album page + one page per 100 album members), $inc_media media requests"
echo "noise: $(noise_desc)"
le 0.5 "$keep" && echo "RESULT: PASS" || { echo "RESULT: FAIL"; exit 1; }
