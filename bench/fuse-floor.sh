#!/usr/bin/env bash
# What a metadata walk costs on FUSE at best, on this machine: a minimal C filesystem
# (bench/tools/xattr-floor.c, 100 folders x 1000 files, the same caching as GPhotosFs: 1-day
# timeouts, readdirplus, cache_readdir) versus an identical tree on local disk.
#   bench/fuse-floor.sh                 (RUNS=5 by default; 3-8 minutes)
# Measures find (first run: fresh mount + drop_caches / drop_caches; second run: warm, also with
# opendir answered ENOSYS so the kernel sends no OPENDIR/RELEASEDIR) and warm `ls -lR` with
# getxattr answered at once with ENODATA (`ls -l` then asks for security.selinux and
# system.posix_acl_access on every file, every walk), EOPNOTSUPP (coreutils remembers it per
# device and stops asking) or ENOSYS (the kernel stops sending GETXATTR). Context for
# metadata-walk.sh; no target.
# Needs: root, /dev/fuse, fuse3, gcc, pkg-config, libfuse3-dev, rsync, findutils, coreutils, awk.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

RUNS="${RUNS:-5}"
bench_preflight
bench_need gcc pkg-config rsync
pkg-config --exists fuse3 || bench_die "libfuse3-dev is needed (apt-get install libfuse3-dev)."
gcc -O2 -o "$_WORK/xattr-floor" "$BENCH_DIR/tools/xattr-floor.c" $(pkg-config --cflags --libs fuse3)

MP="$_WORK/mnt"
NATIVE="$BENCH_CACHE/native-floor-100x1000"
FPID=""
floor_mount() {   # floor_mount enodata|eopnotsupp|enosys [noopendir]
  mkdir -p "$MP"
  NOOPENDIR=$([[ ${2:-} == noopendir ]] && echo 1 || echo 0) "$_WORK/xattr-floor" "$MP" "$1" & FPID=$!
  [[ " ${_MOUNTS[*]} " == *" $MP "* ]] || _MOUNTS+=("$MP")
  local i; for i in $(seq 1 100); do mountpoint -q "$MP" && return 0; sleep 0.05; done
  bench_die "xattr-floor did not mount"
}
floor_unmount() { fusermount3 -u "$MP"; wait "$FPID" 2>/dev/null || true; }

if [[ ! -f "$NATIVE/.complete" ]]; then
  floor_mount enosys
  rm -rf "$NATIVE"; rsync -a "$MP/" "$NATIVE/"; touch "$NATIVE/.complete"
  floor_unmount
fi

declare -A T
for ((r = 1; r <= RUNS; r++)); do
  floor_mount enodata; wait_quiet; drop_caches
  T[find1-fuse]+="$(time_s find "$MP")$NOISE_MARK "
  floor_unmount; wait_quiet; drop_caches
  T[find1-native]+="$(time_s find "$NATIVE")$NOISE_MARK "
done
for mode in enodata eopnotsupp enosys; do
  floor_mount "$mode"; find "$MP" >/dev/null; ls -lR "$MP" >/dev/null
  for ((r = 1; r <= RUNS; r++)); do
    if [[ $mode == enodata ]]; then wait_quiet; T[find2-fuse]+="$(time_s find "$MP")$NOISE_MARK "; fi
    # ENODATA walks take 10-30 s each: 3 of them are enough to show the order of magnitude.
    [[ $mode == enodata && $r -gt 3 ]] && continue
    wait_quiet; T[ls-$mode]+="$(time_s ls -lR "$MP")$NOISE_MARK "
  done
  floor_unmount
done
floor_mount enosys noopendir; find "$MP" >/dev/null
for ((r = 1; r <= RUNS; r++)); do wait_quiet; T[find2-noopendir]+="$(time_s find "$MP")$NOISE_MARK "; done
floor_unmount
find "$NATIVE" >/dev/null; ls -lR "$NATIVE" >/dev/null
for ((r = 1; r <= RUNS; r++)); do
  wait_quiet; T[find2-native]+="$(time_s find "$NATIVE")$NOISE_MARK "
  wait_quiet; T[ls-native]+="$(time_s ls -lR "$NATIVE")$NOISE_MARK "
done

row() { local a=(${T[$2]}) b=(${T[$3]}); printf '%-44s %8s %8s %6sx  [%s | %s]\n' "$1" "$(median "${a[@]}")" "$(median "${b[@]}")" "$(ratio "$(median "${a[@]}")" "$(median "${b[@]}")")" "${a[*]}" "${b[*]}"; }
echo "== FUSE floor: minimal C filesystem, 100 folders x 1000 files, median of $RUNS runs =="
echo "date: $(date '+%Y-%m-%d %H:%M %Z'); $(machine_desc)"
printf '%-44s %8s %8s %7s  %s\n' "walk" "fuse s" "native s" "ratio" "runs (fuse | native)"
row "find, first run (remount/drop_caches)" find1-fuse find1-native
row "find, second run (warm)" find2-fuse find2-native
row "find, second run, opendir -> ENOSYS" find2-noopendir find2-native
row "ls -lR warm, getxattr -> ENODATA" ls-enodata ls-native
row "ls -lR warm, getxattr -> EOPNOTSUPP" ls-eopnotsupp ls-native
row "ls -lR warm, getxattr -> ENOSYS" ls-enosys ls-native
echo "noise: $(noise_desc)"
