#!/usr/bin/env bash
# The web source against the local emulator of photos.google.com (tests/GPhotosFs.WebEmulator) with
# LATENCY_MS on every request, in Debian's headless Chromium: items listed per minute (the grid walk),
# originals downloaded per minute with 3 tabs and with 1 tab, and the resident memory of Chromium plus
# the gphotosfs process (and Playwright's driver) at download 200 and at download N.
# Targets (issue 14): listing ≥ 3,000 items/min; ≥ 20 downloads/min with 3 tabs; RSS at item 1,000
# within 20% of item 200.
# Usage: bench/web-sync.sh [N=1000] [LATENCY_MS=50] [N_ONE_TAB=100]   (root; chromium)
source "$(dirname "$0")/common.sh"
N="${1:-1000}"; LATENCY="${2:-50}"; N1="${3:-100}"
bench_preflight; bench_need chromium
bench_binary

EMU_DLL="$REPO/artifacts/bin/GPhotosFs.WebEmulator/release/GPhotosFs.WebEmulator.dll"
bench_log "building the web emulator…"
(flock 9; dotnet build "$REPO/tests/GPhotosFs.WebEmulator" -c Release --nologo -v quiet >&2) 9>"$BENCH_CACHE/.build.lock"
cp -a "$(dirname "$EMU_DLL")" "$_WORK/emulator"
EMU_PIDS=()
trap 'kill "${EMU_PIDS[@]}" 2>/dev/null; bench_cleanup' EXIT

# start_emulator ITEMS → sets BASE and SESSION (a signed-in cookie value)
start_emulator() {
  local out="$_WORK/emulator-$1.out"
  dotnet "$_WORK/emulator/GPhotosFs.WebEmulator.dll" --items "$1" --albums 2 --latency-ms "$LATENCY" > "$out" 2> "$out.err" < /dev/null &
  EMU_PIDS+=($!)
  for _ in $(seq 1 200); do grep -q '^session ' "$out" 2>/dev/null && break; sleep 0.1; done
  BASE="$(sed -n 's/^listening on //p' "$out")"
  SESSION="$(sed -n 's/^session SID=//p' "$out")"
  [[ -n "$BASE" && -n "$SESSION" ]] || bench_die "the emulator did not start: $(cat "$out.err")"
}

# rss_tree PID → KiB resident in PID and all its descendants (gphotosfs, Playwright's node driver, Chromium)
rss_tree() {
  local total=0 pid
  for pid in $(descendants "$1") "$1"; do
    total=$(( total + $(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}
descendants() { local c; for c in $(pgrep -P "$1"); do echo "$c"; descendants "$c"; done; }

# run_sync NAME ITEMS TABS → $_WORK/NAME.log (progress lines, each after its time in seconds) and
# $_WORK/NAME.rss ("DONE KiB" samples at the first progress line ≥ 200 downloads and at the last one)
run_sync() {
  local name="$1" items="$2" tabs="$3"
  start_emulator "$items"
  export GPHOTOSFS_CONFIG_DIR="$_WORK/$name-config" GPHOTOSFS_WEB_URL="$BASE"
  mkdir -p "$GPHOTOSFS_CONFIG_DIR"
  echo "{ \"web\": { \"tabs\": $tabs } }" > "$GPHOTOSFS_CONFIG_DIR/config.json"
  printf '%s\tFALSE\t/\tFALSE\t0\tSID\t%s\n' "127.0.0.1" "$SESSION" > "$_WORK/$name-cookies.txt"
  "$BIN" web login --library "$_WORK/$name-lib" --cookies "$_WORK/$name-cookies.txt" 2>/dev/null || bench_die "web login failed"
  : > "$_WORK/$name.rss"
  local sampled="" line done total pid
  "$BIN" sync --library "$_WORK/$name-lib" 2>&1 >/dev/null | while IFS= read -r line; do
    echo "$(date +%s.%N) $line" >> "$_WORK/$name.log"
    if [[ "$line" =~ downloading\ ([0-9,]+)/([0-9,]+) ]]; then
      done="${BASH_REMATCH[1]//,/}"; total="${BASH_REMATCH[2]//,/}"
      pid="$(pgrep -nf -- "sync --library $_WORK/$name-lib" || true)"
      if [[ -n "$pid" && ( ( -z "$sampled" && "$done" -ge 200 ) || "$done" -eq "$total" ) ]]; then
        echo "$done $(rss_tree "$pid")" >> "$_WORK/$name.rss"; sampled=1
      fi
    fi
  done
  grep -q ': ok, ' "$_WORK/$name.log" || bench_die "sync $name failed: $(tail -3 "$_WORK/$name.log")"
}

# per_minute LOG FROM_PATTERN TO_PATTERN COUNT → COUNT / minutes between the first lines matching each
per_minute() {
  local t0 t1
  t0="$(grep -m1 -- "$2" "$1" | cut -d' ' -f1)"; t1="$(grep -- "$3" "$1" | tail -1 | cut -d' ' -f1)"
  awk -v a="$t0" -v b="$t1" -v n="$4" 'BEGIN { if (b <= a) print "n/a"; else printf "%.0f\n", n * 60 / (b - a) }'
}

bench_log "$N items, $LATENCY ms latency, 3 tabs (listing, downloads, memory)…"
run_sync three "$N" 3
bench_log "$N1 items, $LATENCY ms latency, 1 tab…"
run_sync one "$N1" 1

# Listing: from the first listing line to the first download line (the whole grid walked, newest first).
LISTED=$(per_minute "$_WORK/three.log" "listing" "downloading 1/" "$N")
downloaded() { grep "downloading" "$1" | tail -1 | sed -E 's/.*downloading ([0-9,]+)\/.*/\1/' | tr -d ,; }
D3=$(downloaded "$_WORK/three.log"); D1=$(downloaded "$_WORK/one.log")
DL3=$(per_minute "$_WORK/three.log" "downloading 1/" "downloading" "$D3")
DL1=$(per_minute "$_WORK/one.log" "downloading 1/" "downloading" "$D1")
read -r AT1 RSS1 < <(head -1 "$_WORK/three.rss"); read -r AT2 RSS2 < <(tail -1 "$_WORK/three.rss")
echo "web-sync: $(machine_desc 2>/dev/null || hostname); $BUILD_DESC"
echo "syncs:     $(grep -h ': ok, ' "$_WORK/three.log" "$_WORK/one.log" | cut -d' ' -f2- | tr '\n' ';')"
echo "listing:   $LISTED items/min ($N items; target ≥ 3,000)"
echo "downloads: $DL3/min with 3 tabs ($D3 downloads), $DL1/min with 1 tab ($D1 downloads; target ≥ 20 with 3 tabs)"
echo "memory:    Chromium + gphotosfs + driver $((RSS1 / 1024)) MiB at download $AT1, $((RSS2 / 1024)) MiB at download $AT2 ($(ratio "$RSS2" "$RSS1") ×; target ≤ 1.20)"
