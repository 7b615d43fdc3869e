# Sourced by the benches that run against the Google emulator (tests/GPhotosFs.GoogleEmulator), after
# common.sh and bench_binary. One way to build and start it, point gphotosfs at it and sign in.

# google_emulator_start ARGS… : builds and starts the emulator with ARGS (plus --client-secret-out),
# waits for its address, sets BASE, EMU_PID, the cleanup trap and the OAuth endpoint variables.
google_emulator_start() {
  local dll="$REPO/artifacts/bin/GPhotosFs.GoogleEmulator/release/GPhotosFs.GoogleEmulator.dll"
  bench_log "building the Google emulator…"
  (flock 9; dotnet build "$REPO/tests/GPhotosFs.GoogleEmulator" -c Release --nologo -v quiet >&2) 9>"$BENCH_CACHE/.build.lock"
  cp -a "$(dirname "$dll")" "$_WORK/emulator"
  dotnet "$_WORK/emulator/GPhotosFs.GoogleEmulator.dll" "$@" --client-secret-out "$_WORK/client_secret.json" \
    > "$_WORK/emulator.out" 2> "$_WORK/emulator.err" < /dev/null &
  EMU_PID=$!
  trap 'kill "$EMU_PID" 2>/dev/null; bench_cleanup' EXIT
  for _ in $(seq 1 300); do grep -q '^listening on ' "$_WORK/emulator.out" 2>/dev/null && break; sleep 0.1; done
  BASE="$(sed -n 's/^listening on //p' "$_WORK/emulator.out")"
  [[ -n "$BASE" ]] || bench_die "the emulator did not start: $(cat "$_WORK/emulator.err")"
  export GPHOTOSFS_OAUTH_AUTH_URL="${BASE}o/oauth2/v2/auth" GPHOTOSFS_OAUTH_TOKEN_URL="${BASE}token"
}

# google_auth LIBRARY PORT [AUTH_ARGS…] : `gphotosfs auth`, with curl as the browser (it follows the
# redirect to the loopback receiver).
google_auth() {
  local lib="$1" port="$2"; shift 2
  "$BIN" auth "$@" --library "$lib" --client-secret "$_WORK/client_secret.json" --port "$port" > "$_WORK/auth.out" 2> "$_WORK/auth.err" &
  local auth_pid=$!
  for _ in $(seq 1 100); do [[ -s "$_WORK/auth.out" ]] && break; sleep 0.1; done
  curl -sfL -o /dev/null "$(head -1 "$_WORK/auth.out")" || bench_die "the authorization redirect failed"
  wait "$auth_pid" || bench_die "gphotosfs auth $* failed: $(cat "$_WORK/auth.err")"
}

# emulator_counter NAME… : the emulator's request counters, space-separated, in the order asked.
emulator_counter() {
  curl -sf "${BASE}emulator/counters" | python3 -c 'import json, sys; c = json.load(sys.stdin); print(*(c[n] for n in sys.argv[1:]))' "$@"
}
