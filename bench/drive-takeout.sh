#!/usr/bin/env bash
# Takeout read in place from Google Drive, against the local emulator (tests/GPhotosFs.GoogleEmulator):
# an N-item export (`gphotosfs takeout sample --items N`) in PARTS zip parts served by the emulated
# Drive with LATENCY ms per request; `gphotosfs drive add` indexes it (targets for 100,000 items in
# 10 parts at 50 ms: under 5 minutes, at most 2% of the parts' bytes, at most 3 requests per 100
# items); then a cold rsync of one year folder of the mount against curl fetching the same members'
# bytes by Range from the same emulated Drive (one request per member, in sequence).
# Photos are PHOTO_BYTES each (default 3 MB, a phone photo; `takeout sample --photo-bytes` pads the
# JPEG with zeros after its end marker and the zip parts keep them as holes: 300 GB of parts take
# ~0.5 GB of disk, and the emulator serves the holes as zeros). LAYOUT is where sidecars sit:
# `grouped` (a year folder's sidecars after its photos: coalesced by the hundred) or `interleaved`
# (each after its photo: one request per sidecar, since bridging megabytes of photo would read them).
# The rsync reads SCOPE through the cache: a year of 3 MB photos is ~36 GB, so the default is a month.
# Usage: bench/drive-takeout.sh [N=100000] [PARTS=10] [LATENCY=50] [SCOPE=photos/2016/03] [PHOTO_BYTES=3000000] [LAYOUT=grouped]   (root; rsync, curl, python3)
source "$(dirname "$0")/common.sh"
N="${1:-100000}"; PARTS="${2:-10}"; LATENCY="${3:-50}"; SCOPE="${4:-photos/2016/03}"; PHOTO_BYTES="${5:-3000000}"; LAYOUT="${6:-grouped}"
[[ "$LAYOUT" == grouped || "$LAYOUT" == interleaved ]] || bench_die "LAYOUT is grouped or interleaved"
bench_preflight; bench_need rsync curl python3
bench_binary

EXPORT="$BENCH_CACHE/drive-export-$N-$PARTS-$PHOTO_BYTES-$LAYOUT"
if [[ ! -f "$EXPORT/.complete" ]]; then
  bench_log "writing a $N-item export in $PARTS zip parts ($PHOTO_BYTES-byte photos, sidecars $LAYOUT; sparse)…"
  layout_flag=(); [[ "$LAYOUT" == grouped ]] && layout_flag=(--sidecars-last)
  rm -rf "$EXPORT"; "$BIN" takeout sample "$EXPORT" --items "$N" --parts "$PARTS" --photo-bytes "$PHOTO_BYTES" "${layout_flag[@]}" >&2; touch "$EXPORT/.complete"
fi

LIB="$_WORK/lib"; MP="$_WORK/mnt"; DEST="$_WORK/dest"
export GPHOTOSFS_CONFIG_DIR="$_WORK/config"
source "$(dirname "$0")/google-emulator.sh"
google_emulator_start --items 1 --albums 0 --drive-folder "$EXPORT" --drive-latency-ms "$LATENCY"
export GPHOTOSFS_DRIVE_API_URL="$BASE"
google_auth "$LIB" "${AUTH_PORT:-18096}" --drive
counter() { emulator_counter "$1"; }
part_bytes=$(find "$EXPORT" -name '*.zip' -printf '%s\n' | awk '{s+=$1} END {printf "%.0f", s}')

bench_log "drive add of $N items in $PARTS parts at $LATENCY ms…"
r0=$(counter drive_requests); b0=$(counter drive_media_bytes)
wait_quiet; index_s=$(time_s "$BIN" drive add --library "$LIB")$NOISE_MARK
requests=$(( $(counter drive_requests) - r0 )); bytes=$(( $(counter drive_media_bytes) - b0 ))
share=$(awk -v b="$bytes" -v t="$part_bytes" 'BEGIN { printf "%.2f", 100 * b / t }')
per100=$(awk -v r="$requests" -v n="$N" 'BEGIN { printf "%.2f", 100 * r / n }')

bench_mount "$MP" "$LIB" -o catalog_poll=0
[[ -d "$MP/$SCOPE" ]] || bench_die "$SCOPE is not in the mount"
files=$(find "$MP/$SCOPE" -type f | wc -l)
mkdir -p "$DEST"
r1=$(counter drive_requests)
wait_quiet; cold=$(time_s rsync -a "$MP/$SCOPE/" "$DEST/")$NOISE_MARK
rsync_requests=$(( $(counter drive_requests) - r1 ))
bench_unmount "$MP"

# curl: the same members' bytes, one Range request each, with the library's own access token.
# photos/YYYY or photos/YYYY/MM: the sample names its photos IMG_YYYYMMDD_…
stamp="$(echo "$SCOPE" | sed -E 's#^photos/([0-9]{4})(/([0-9]{2}))?.*#\1\3#')"
TOKEN=$(python3 -c 'import json,glob,sys; print(json.load(open(glob.glob(sys.argv[1] + "/**/token.json", recursive=True)[0]))["access_token"])' "$GPHOTOSFS_CONFIG_DIR")
python3 - "$EXPORT" "$stamp" "$BASE" "$TOKEN" > "$_WORK/ranges" <<'PY'
import json, sys, urllib.request, urllib.parse, zipfile, glob, os
export, stamp, base, token = sys.argv[1:5]
def get(url):
    req = urllib.request.Request(url, headers={"Authorization": "Bearer " + token})
    return json.load(urllib.request.urlopen(req))
ids = {}
q = urllib.parse.quote("trashed = false and mimeType != 'application/vnd.google-apps.folder'")
page = get(f"{base}drive/v3/files?q={q}&pageSize=1000&fields=nextPageToken,files(id,name)")
for f in page.get("files", []): ids[f["name"]] = f["id"]
for part in sorted(glob.glob(os.path.join(export, "*.zip"))):
    with zipfile.ZipFile(part) as z, open(part, "rb") as raw:
        for info in z.infolist():
            if f"/Photos from {stamp[:4]}/IMG_{stamp}" in info.filename and info.filename.endswith(".jpg"):
                raw.seek(info.header_offset + 26)
                n, m = int.from_bytes(raw.read(2), "little"), int.from_bytes(raw.read(2), "little")
                start = info.header_offset + 30 + n + m
                print(ids[os.path.basename(part)], start, start + info.compress_size - 1)
PY
members=$(wc -l < "$_WORK/ranges")
[[ "$members" -gt 0 ]] || bench_die "no photo of $SCOPE found in the parts for curl to fetch (SCOPE is photos/YYYY or photos/YYYY/MM)"
curl_fetch() {
  while read -r id a b; do
    curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -H "Range: bytes=$a-$b" "${BASE}drive/v3/files/$id?alt=media" || return 1
  done < "$_WORK/ranges"
}
wait_quiet; curl_s=$(time_s curl_fetch)$NOISE_MARK

echo "# drive-takeout: $N items in $PARTS zip parts ($part_bytes bytes, $(du -sk "$EXPORT" | cut -f1) KiB on disk; $PHOTO_BYTES-byte photos, sidecars $LAYOUT), $LATENCY ms per Drive request; load $(cut -d' ' -f1-3 /proc/loadavg); $BUILD_DESC"
printf '%-44s %12s\n' "drive add (index) seconds" "$index_s"
printf '%-44s %12s\n' "part bytes read" "$bytes ($share%)"
printf '%-44s %12s\n' "requests (per 100 items)" "$requests ($per100)"
printf '%-44s %12s\n' "cold rsync of $SCOPE ($files files) s" "$cold"
printf '%-44s %12s\n' "  its Drive requests" "$rsync_requests"
printf '%-44s %12s\n' "curl of the same $members members' bytes s" "$curl_s"
awk -v s="${index_s%\*}" -v sh="$share" -v p="$per100" 'BEGIN {
  printf "targets (at 100,000 items, 10 parts, 50 ms): index < 300 s: %s; bytes <= 2%%: %s; requests <= 3 per 100 items: %s\n",
    (s < 300 ? "PASS" : "FAIL"), (sh <= 2 ? "PASS" : "FAIL"), (p <= 3 ? "PASS" : "FAIL") }'
