#!/usr/bin/env bash
# Indexing a generated Google Takeout export of N items in P zip parts (media stored, sidecars
# deflated, 2% of items also in album folders) with 'gphotosfs takeout add' into a fresh library;
# targets: >= 5,000 items/s, no media bytes read beyond date recovery (every item here has a
# sidecar date, so 0), and re-adding the same parts (a no-op) in under 2 s. Baseline in the same
# run: 'unzip -l' listing every part (the directory read alone, by a C tool).
# Usage: bench/takeout-index.sh [N=100000] [P=10]   (RUNS=3; ~200 MB in $BENCH_CACHE)
source "$(dirname "$0")/common.sh"
N="${1:-100000}"; P="${2:-10}"; RUNS="${RUNS:-3}"
bench_preflight; bench_need unzip
bench_binary
EXPORT="$BENCH_CACHE/takeout-$N-$P"
if [[ ! -f "$EXPORT/.bench-complete" ]]; then
  bench_log "generating a $N-item Takeout export in $P parts (gphotosfs takeout sample)…"
  rm -rf "$EXPORT"
  "$BIN" takeout sample "$EXPORT" --items "$N" --parts "$P" > /dev/null
  touch "$EXPORT/.bench-complete"
fi
parts=("$EXPORT"/*.zip)
cat "${parts[@]}" > /dev/null   # both sides read from the page cache
bytes=$(cat "${parts[@]}" | wc -c)

list_all() { local p; for p in "${parts[@]}"; do unzip -l "$p"; done; }
LIB="$_WORK/lib"; LOG="$_WORK/add.log"
add_fresh() { rm -rf "$LIB"; "$BIN" takeout add "${parts[@]}" --library "$LIB" 2> "$LOG"; }
add_again() { "$BIN" takeout add "${parts[@]}" --library "$LIB" 2> "$LOG"; }

base=(); add=(); again=(); rate=()
for run in $(seq 1 "$RUNS"); do
  wait_quiet; base+=("$(time_s list_all)$NOISE_MARK")
  wait_quiet; t=$(time_s add_fresh); add+=("$t$NOISE_MARK")
  grep -q "^Takeout: $P part(s) indexed" "$LOG" || { cat "$LOG" >&2; bench_die "takeout add did not index $P parts"; }
  summary=$(grep '^Takeout:' "$LOG")
  rate+=("$(awk -v n="$N" -v t="$t" 'BEGIN{printf "%.0f", n/t}')$NOISE_MARK")
  wait_quiet; again+=("$(time_s add_again)$NOISE_MARK")
  grep -q "^Takeout: 0 part(s) indexed, $P unchanged" "$LOG" || { cat "$LOG" >&2; bench_die "re-adding the same parts was not a no-op"; }
done
head_bytes=$(sed -E 's/.*media bytes read for dates: ([0-9,]+).*/\1/' <<<"$summary" | tr -d ,)
items=$(sed -E 's/.* ([0-9,]+) items from.*/\1/' <<<"$summary" | tr -d ,)

m_base=$(median "${base[@]}"); m_add=$(median "${add[@]}"); m_again=$(median "${again[@]}"); m_rate=$(median "${rate[@]}")
echo "== GPhotosFs takeout add: $N items in $P zip parts ($(awk -v b="$bytes" 'BEGIN{printf "%.0f", b/1e6}') MB), median of $RUNS runs =="
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPUs; $BUILD_DESC; parts in the page cache"
printf '%-52s %9s   %s\n' "run" "seconds" "runs"
printf '%-52s %9s   [%s]\n' "unzip -l of every part (baseline: directories only)" "$m_base" "${base[*]}"
printf '%-52s %9s   [%s]\n' "takeout add into a fresh library" "$m_add" "${add[*]}"
printf '%-52s %9s   [%s]\n' "takeout add of the same parts again" "$m_again" "${again[*]}"
echo "last add: $summary"
echo "items catalogued: $items of $N"
echo "index rate: $m_rate items/s [${rate[*]}], ${m_add}s = $(ratio "$m_add" "$m_base")x the unzip -l listing; target >= 5000 items/s: $(awk -v r="$m_rate" 'BEGIN{print (r>=5000)?"PASS":"FAIL"}')"
echo "media bytes read beyond date recovery: $head_bytes (every item has a sidecar date), target 0: $([[ "$head_bytes" == 0 ]] && echo PASS || echo FAIL)"
echo "re-add of unchanged parts: ${m_again}s, target < 2 s: $(awk -v t="$m_again" 'BEGIN{print (t<2)?"PASS":"FAIL"}')"
echo "noise: $(noise_desc)"
ok=1
awk -v r="$m_rate" 'BEGIN{exit !(r>=5000)}' || ok=0
[[ "$head_bytes" == 0 && "$items" == "$N" ]] || ok=0
awk -v t="$m_again" 'BEGIN{exit !(t<2)}' || ok=0
if (( ok )); then echo "RESULT: PASS"; else echo "RESULT: FAIL"; exit 1; fi
