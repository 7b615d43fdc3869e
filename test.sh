#!/usr/bin/env bash
# Builds and runs every test project; real FUSE mounts need /dev/fuse (run as root on these machines).
# Installs the Debian packages the tests need first when run as root (scripts/debian-packages.sh).
# Prints one closing line: "tests: N passed, N failed, N skipped".
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
# As root, installs the Debian packages the tests need when some are missing (else says how).
# shellcheck source=scripts/debian-packages.sh
source "$here/scripts/debian-packages.sh"
ensure_debian_packages test.sh "${GPHOTOSFS_TEST_PACKAGES[@]}" || exit 1
command -v dotnet >/dev/null || { echo "test.sh: the .NET 10 SDK (dotnet) is needed: https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2; exit 1; }
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
dotnet test GPhotosFs.sln -c Release --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
summary=$(grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/' |
  awk '{f+=$1; p+=$2; s+=$3} END {printf "%d passed, %d failed, %d skipped", p, f, s}')
echo "tests: ${summary:-0 passed, 0 failed, 0 skipped}"
if [[ $status -eq 0 ]] && grep -q "^tests: 0 passed" <<<"tests: $summary"; then
  echo "test.sh: no test ran" >&2
  exit 1
fi
exit $status
