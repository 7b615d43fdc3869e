# Shared helpers for the GPhotosFs benchmarks; sourced by metadata-walk.sh and sequential-read.sh.
# Needs: bash 4+, coreutils, awk, util-linux (mountpoint, fincore optional), procps (pgrep),
#        fuse3 (fusermount3), the .NET 10 SDK (dotnet) to build gphotosfs, root (drop_caches, /sys bdi).
# Environment:
#   BENCH_CACHE      where generated libraries and the native copy live (default /tmp/gphotosfs-bench)
#   RUNS             timed runs per measurement (each script has its own default)
#   GPHOTOSFS_BIN    use this gphotosfs binary as is (no build, no snapshot)
#   QUIET_BUSY=25 QUIET_WAIT=30 QUIET_BUDGET=300   before each timed run, wait up to QUIET_WAIT s
#                    (QUIET_BUDGET s in all) until the machine's CPU use (all processes, over 0.5 s) is
#                    below QUIET_BUSY %; runs that had to start anyway are counted and reported as noisy

set -euo pipefail
export LC_ALL=C

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
BENCH_CACHE="${BENCH_CACHE:-/tmp/gphotosfs-bench}"
PUBLISH="$REPO/artifacts/publish/gphotosfs"

_MOUNTS=()     # mount points to unmount on exit
_WORK=""       # per-invocation temp dir, removed on exit

bench_die() { echo "$(basename "$0"): $*" >&2; exit 1; }
bench_log() { echo "# $*" >&2; }

bench_need() {
  local c
  for c in "$@"; do command -v "$c" >/dev/null || bench_die "'$c' is needed (Debian: apt-get install ${c/fusermount3/fuse3})."; done
}

bench_preflight() {
  [[ $EUID -eq 0 ]] || bench_die "run as root (drop_caches and /sys/class/bdi need it)."
  [[ -r /dev/fuse && -w /dev/fuse ]] || bench_die "/dev/fuse is not accessible (modprobe fuse)."
  bench_need fusermount3 awk pgrep mountpoint dd python3
  mkdir -p "$BENCH_CACHE"
  _WORK="$(mktemp -d "$BENCH_CACHE/run.XXXXXX")"
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

# Builds gphotosfs when it is missing or older than the sources (same rule as mount.sh), then
# copies the published folder into this run's temp dir so that a rebuild by someone else in the
# middle of the benchmark cannot mix binaries. Sets BIN.
bench_binary() {
  if [[ -n "${GPHOTOSFS_BIN:-}" ]]; then
    BIN="$GPHOTOSFS_BIN"; [[ -x "$BIN" ]] || bench_die "GPHOTOSFS_BIN=$BIN is not executable."
  else
    local bin="$PUBLISH/gphotosfs"
    if [[ ! -x "$bin" ]] || [[ -n "$(find "$REPO/src" "$REPO/Directory.Build.props" "$REPO/Directory.Packages.props" -newer "$bin" -type f -print -quit)" ]]; then
      bench_need dotnet
      bench_log "building gphotosfs (dotnet publish, ~1 min)…"
      (flock 9; dotnet publish "$REPO/src/GPhotosFs.Cli" -c Release -o "$PUBLISH" --nologo -v quiet >&2 && touch "$bin") 9>"$BENCH_CACHE/.build.lock"
    fi
    cp -a "$PUBLISH" "$_WORK/bin"
    BIN="$_WORK/bin/gphotosfs"
  fi
  local rev dirty
  rev="$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?')"
  dirty="$(git -C "$REPO" status --porcelain -- src 2>/dev/null | wc -l)"
  BUILD_DESC="commit $rev (+$dirty uncommitted paths under src/), binary built $(date -r "${GPHOTOSFS_BIN:-$PUBLISH/gphotosfs}" '+%Y-%m-%d %H:%M')"
}

# bench_library DIR ARGS…: runs 'gphotosfs demo DIR ARGS…' unless DIR already holds a complete library.
bench_library() {
  local dir="$1"; shift
  if [[ -f "$dir/catalog.db" && -f "$dir/.bench-complete" ]]; then return; fi
  bench_log "generating library $dir (gphotosfs demo $* )…"
  rm -rf "$dir"
  "$BIN" demo "$dir" "$@" >&2
  touch "$dir/.bench-complete"
}

daemon_pid() { pgrep -nf -- "gphotosfs mount $1 --library"; }   # newest: the daemon, not its launcher

# bench_mount MOUNTPOINT LIBRARY [-o OPTS]
bench_mount() {
  local mp="$1" lib="$2"; shift 2
  mkdir -p "$mp"
  mountpoint -q "$mp" && bench_unmount "$mp"
  "$BIN" mount "$mp" --library "$lib" "$@" >&2 || bench_die "mount of $lib at $mp failed (see $lib/gphotosfs.log)."
  [[ " ${_MOUNTS[*]} " == *" $mp "* ]] || _MOUNTS+=("$mp")
}

bench_unmount() {
  local mp="$1" pid i
  pid="$(daemon_pid "$mp" || true)"
  if mountpoint -q "$mp"; then
    for i in 1 2 3 4 5 6 7 8 9 10; do
      fusermount3 -u "$mp" 2>/dev/null && break
      sleep 0.5
    done
    mountpoint -q "$mp" && fusermount3 -uz "$mp" 2>/dev/null || true
  fi
  # Wait for the daemon to exit so the next mount does not compete with it.
  if [[ -n "$pid" ]]; then
    for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
}

bench_cleanup() {
  local mp
  for mp in "${_MOUNTS[@]}"; do bench_unmount "$mp" || true; done
  [[ -n "$_WORK" && -d "$_WORK" ]] && rm -rf "$_WORK"
  return 0
}

# Percentage of all CPUs busy over 0.5 s (from /proc/stat).
cpu_busy_pct() {
  local a b
  a=($(head -1 /proc/stat)); sleep 0.5; b=($(head -1 /proc/stat))
  awk -v u=$(( (b[1]+b[2]+b[3]+b[6]+b[7]+b[8]) - (a[1]+a[2]+a[3]+a[6]+a[7]+a[8]) )) \
      -v t=$(( (b[1]+b[2]+b[3]+b[4]+b[5]+b[6]+b[7]+b[8]) - (a[1]+a[2]+a[3]+a[4]+a[5]+a[6]+a[7]+a[8]) )) \
      'BEGIN { printf "%d\n", t ? 100 * u / t : 0 }'
}

NOISY_RUNS=0; TIMED_RUNS=0
# Waits (up to QUIET_WAIT s) for the machine to be quiet before a timed run.
QUIET_SPENT=0; NOISE_MARK=""
# Sets NOISE_MARK to "*" when the run has to start on a busy machine (append it to the run's figure).
wait_quiet() {
  local start=$SECONDS busy
  TIMED_RUNS=$((TIMED_RUNS + 1)); NOISE_MARK=""
  while :; do
    busy=$(cpu_busy_pct)
    (( busy < ${QUIET_BUSY:-25} )) && break
    if (( SECONDS - start >= ${QUIET_WAIT:-30} || QUIET_SPENT + SECONDS - start >= ${QUIET_BUDGET:-300} )); then
      NOISY_RUNS=$((NOISY_RUNS + 1)); NOISE_MARK="*"
      bench_log "machine still ${busy}% busy (others' load); running anyway (counted as noisy)"
      break
    fi
    sleep 1
  done
  QUIET_SPENT=$((QUIET_SPENT + SECONDS - start))
}

noise_desc() { echo "$NOISY_RUNS of $TIMED_RUNS timed runs (marked *) started while the CPUs were ≥ ${QUIET_BUSY:-25}% busy with other work (waited $QUIET_SPENT s for quiet in all)"; }

drop_caches() { sync; echo 3 > /proc/sys/vm/drop_caches; }

# time_s CMD…: runs CMD with stdout/stderr to /dev/null, prints its wall time in seconds.
time_s() {
  local s e
  s=$(date +%s%N)
  "$@" >/dev/null 2>&1 || { echo "command failed: $*" >&2; return 1; }
  e=$(date +%s%N)
  awk -v ns=$((e - s)) 'BEGIN { printf "%.3f\n", ns / 1e9 }'
}

# first_byte_ms PATH → ms from open() to the first byte read (then closes: the rest is not read).
first_byte_ms() {
  python3 - "$1" <<'PY'
import sys, time
t0 = time.perf_counter()
with open(sys.argv[1], 'rb', buffering=0) as f:
    assert len(f.read(1)) == 1
    t1 = time.perf_counter()
print(f"{(t1 - t0) * 1000:.1f}")
PY
}

# dd_gbps FILE [BYTES=$SIZE] → GB/s of `dd bs=1M` of FILE; fails unless exactly BYTES were read.
dd_gbps() {
  local out want="${2:-$SIZE}"
  out=$(dd if="$1" of=/dev/null bs=1M 2>&1) || { echo "dd of $1 failed: $out" >&2; return 1; }
  awk -v want="$want" '/copied/ { if ($1 != want) { print "short read: " $1 " bytes" > "/dev/stderr"; exit 1 } printf "%.3f\n", $1 / $(NF - 3) / 1e9 }' <<<"$out"
}

# set_readahead_kb MOUNTPOINT KB: the kernel's read-ahead for that mount (its bdi); readahead_kb MOUNTPOINT reads it.
set_readahead_kb() { echo "$2" > "/sys/class/bdi/$(mountpoint -d "$1")/read_ahead_kb"; }
readahead_kb() { cat "/sys/class/bdi/$(mountpoint -d "$1")/read_ahead_kb"; }

# ms_since NANOSECONDS → ms from that `date +%s%N` stamp until now.
ms_since() { awk -v ns=$(( $(date +%s%N) - $1 )) 'BEGIN { printf "%.1f\n", ns / 1e6 }'; }

# median N… (a trailing * on a figure, the noisy-run mark, is ignored)
median() { printf '%s\n' "$@" | tr -d '*' | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.3f\n", v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# median_quiet N…: median of the figures without the noisy mark, or "-" when fewer than 3.
median_quiet() {
  local q=() v
  for v in "$@"; do [[ "$v" == *'*' ]] || q+=("$v"); done
  if (( ${#q[@]} >= 3 )); then median "${q[@]}"; else echo "-"; fi
}

# ratio A B [digits] → A/B
ratio() { awk -v a="$1" -v b="$2" -v d="${3:-2}" 'BEGIN { if (b == 0) print "inf"; else printf "%.*f\n", d, a / b }'; }

# le A B → exit 0 when A ≤ B
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }

machine_desc() {
  echo "$(nproc) CPUs, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), kernel $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg)"
}
