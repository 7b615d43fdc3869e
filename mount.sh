#!/usr/bin/env bash
# Mount a GPhotosFs library: builds gphotosfs when the sources are newer than the last build.
#   ./mount.sh --demo MOUNTPOINT   mount the sample library (created on first use)
#   ./mount.sh MOUNTPOINT          mount the configured library (the demo until you have one)
# Further arguments go to 'gphotosfs mount' (e.g. --foreground, -o allow_other).
# Unmount with: fusermount3 -u MOUNTPOINT   (or Ctrl-C with --foreground)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
publish="$here/artifacts/publish/gphotosfs"
bin="$publish/gphotosfs"

demo=0
if [[ "${1:-}" == "--demo" ]]; then demo=1; shift; fi
if [[ $# -lt 1 || "$1" == -* ]]; then
  sed -n '2,7s/^# \{0,1\}//p' "$0" >&2
  exit 2
fi
mountpoint="$1"; shift

command -v dotnet >/dev/null || { echo "mount.sh: the .NET 10 SDK (dotnet) is needed to build gphotosfs." >&2; exit 1; }
# shellcheck source=scripts/debian-packages.sh
source "$here/scripts/debian-packages.sh"
ensure_debian_packages mount.sh "${GPHOTOSFS_MOUNT_PACKAGES[@]}" || exit 1
[[ -e /dev/fuse ]] || { [[ $(id -u) -eq 0 ]] && modprobe fuse 2>/dev/null; } || true
[[ -r /dev/fuse && -w /dev/fuse ]] || { echo "mount.sh: /dev/fuse is not accessible to $(id -un); run as root or load the fuse module (modprobe fuse)." >&2; exit 1; }

if [[ ! -x "$bin" ]] || [[ -n "$(find "$here/src" "$here/Directory.Build.props" "$here/Directory.Packages.props" -newer "$bin" -type f -print -quit)" ]]; then
  echo "mount.sh: building gphotosfs…" >&2
  dotnet publish "$here/src/GPhotosFs.Cli" -c Release -o "$publish" --nologo -v quiet >&2
  touch "$bin"
fi

data_home="${XDG_DATA_HOME:-$HOME/.local/share}"
library="${GPHOTOSFS_LIBRARY:-$data_home/gphotosfs/library}"
if [[ $demo -eq 1 || ! -f "$library/catalog.db" ]]; then
  [[ $demo -eq 1 ]] || echo "mount.sh: no library configured at $library yet; mounting the demo library." >&2
  library="$data_home/gphotosfs/demo"
  [[ -f "$library/catalog.db" ]] || "$bin" demo "$library" >&2
fi

mkdir -p "$mountpoint"
status=0
"$bin" mount "$mountpoint" --library "$library" "$@" || status=$?
if [[ $status -eq 0 && " $* " != *" --foreground "* && " $* " != *" -f "* ]]; then
  echo "Mounted $library at $mountpoint. Unmount with: fusermount3 -u $mountpoint" >&2
fi
exit $status
