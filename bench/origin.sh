# Helpers to run the local test origin (tests/GPhotosFs.TestOrigin) for the download benchmarks;
# sourced after common.sh. Needs: curl.
ORIGIN_DLL="$REPO/artifacts/bin/GPhotosFs.TestOrigin/release/GPhotosFs.TestOrigin.dll"
ORIGIN_PID=""

origin_build() {
  if [[ ! -f "$ORIGIN_DLL" ]] || [[ -n "$(find "$REPO/tests/GPhotosFs.TestOrigin" -name '*.cs' -newer "$ORIGIN_DLL" -print -quit)" ]]; then
    bench_log "building the test origin…"
    (flock 9; dotnet build "$REPO/tests/GPhotosFs.TestOrigin" -c Release --nologo -v quiet >&2) 9>"$BENCH_CACHE/.build.lock"
  fi
}

# origin_start ROOT PORT LATENCY_MS [OPTIONS…]: serves ROOT at http://127.0.0.1:PORT/files/ until
# origin_stop; OPTIONS go to the origin as they are (--listings: folder index pages, for rclone).
origin_start() {
  local root="$1" port="$2" latency="$3" i
  shift 3
  origin_stop
  dotnet "$ORIGIN_DLL" --root "$root" --port "$port" --latency-ms "$latency" "$@" > "$_WORK/origin.out" 2> "$_WORK/origin.err" < /dev/null &
  ORIGIN_PID=$!
  for i in $(seq 1 100); do grep -q "listening on" "$_WORK/origin.out" 2>/dev/null && return 0; sleep 0.1; done
  bench_die "the test origin did not start: $(cat "$_WORK/origin.err")"
}

# origin_stop: stops the origin and sets ORIGIN_REQUESTS to how many requests it answered. Call it
# in the script's own shell, never as $(origin_stop): a subshell cannot wait for the origin's exit.
ORIGIN_REQUESTS=""
origin_stop() {
  [[ -n "$ORIGIN_PID" ]] || return 0
  kill -TERM "$ORIGIN_PID" 2>/dev/null || true
  wait "$ORIGIN_PID" 2>/dev/null || true
  ORIGIN_PID=""
  ORIGIN_REQUESTS=$(sed -n 's/.*stopping after \([0-9]*\) requests.*/\1/p' "$_WORK/origin.err" | tail -1)
}
