# Sourced by mount.sh, test.sh and .ci/run: the Debian packages each needs, and installing the
# missing ones. One list, so the two README commands and CI cannot drift apart.
#
# mount.sh needs fuse3 (fusermount3 and the kernel's /dev/fuse user side).
# test.sh and CI also need: libfuse3-dev + gcc + libc6-dev + pkg-config (the ABI test compiles
# against the headers); rsync, strace, curl, exiftool, djpeg, sqlite3, procps, psmisc (real
# clients and tools the tests drive); systemd (systemd-analyze verifies the units);
# ca-certificates (a dependency of the .deb the tests install); chromium (the status page test
# loads the page in a real headless browser; the web source's tests drive it through Playwright); unzip (the Takeout differential test checks that the
# zips it writes are genuine, and that its damage is real); xvfb + xauth (xvfb-run gives the headed
# `gphotosfs web login` test a display; xauth is only recommended by xvfb, and installs skip those).
# shellcheck shell=bash

GPHOTOSFS_MOUNT_PACKAGES=(fuse3)
GPHOTOSFS_TEST_PACKAGES=(
  fuse3 libfuse3-dev gcc libc6-dev pkg-config rsync sqlite3 procps psmisc strace curl
  libimage-exiftool-perl libjpeg-turbo-progs unzip systemd ca-certificates chromium xvfb xauth
)

# ensure_debian_packages WHO PACKAGE...: returns at once when all are installed. Otherwise, as
# root with apt-get, installs the missing ones quietly (saying which, once); else prints the exact
# command to run and returns 1.
ensure_debian_packages() {
  local who="$1"; shift
  local missing=() package
  for package in "$@"; do
    [[ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" == "install ok installed" ]] || missing+=("$package")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0

  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    echo "$who: these Debian packages are missing: ${missing[*]}" >&2
    echo "$who: install them with:  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    return 1
  fi

  echo "$who: installing the Debian packages it needs: ${missing[*]} (once; apt-get's output goes to /tmp/gphotosfs-apt.log)" >&2
  local log=/tmp/gphotosfs-apt.log
  if ! { DEBIAN_FRONTEND=noninteractive apt-get update -q &&
         DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    echo "$who: installing ${missing[*]} failed (above; whole log in $log)." >&2
    return 1
  fi
  echo "$who: installed ${missing[*]}." >&2
}
