# Helpers to run Debian's `rclone mount` (http backend, --vfs-cache-mode full) over the test origin
# (started with --listings, so rclone can browse it) for side-by-side benchmarks; sourced after
# common.sh and origin.sh. Needs: rclone.
RCLONE_PID=""

# rclone_mount MOUNTPOINT URL CACHE_DIR [RCLONE OPTIONS…]: mounts URL (…/files/) read-only with a
# full VFS cache in CACHE_DIR; returns once mounted (rclone --daemon waits for that); sets RCLONE_PID.
rclone_mount() {
  local mp="$1" url="$2" cache="$3"
  shift 3
  mkdir -p "$mp" "$cache"
  rclone mount --daemon --read-only --http-url "$url" :http: "$mp" \
    --vfs-cache-mode full --cache-dir "$cache" --config /dev/null "$@" >&2 || bench_die "rclone mount of $url at $mp failed."
  [[ " ${_MOUNTS[*]} " == *" $mp "* ]] || _MOUNTS+=("$mp")
  mountpoint -q "$mp" || bench_die "rclone mount returned before $mp was mounted."
  RCLONE_PID=$(pgrep -nf -- "rclone mount --daemon --read-only --http-url $url :http: $mp " || true)
}

# rclone_unmount MOUNTPOINT: unmounts and waits for the rclone daemon to exit (it writes its cache
# index on the way out, which the next mount of the same cache reads).
rclone_unmount() {
  local mp="$1" i
  fusermount3 -u "$mp" 2>/dev/null || fusermount3 -uz "$mp" 2>/dev/null || true
  if [[ -n "$RCLONE_PID" ]]; then
    for i in $(seq 1 200); do kill -0 "$RCLONE_PID" 2>/dev/null || break; sleep 0.1; done
  fi
  RCLONE_PID=""
}

rclone_desc() { rclone version 2>/dev/null | head -1; }
