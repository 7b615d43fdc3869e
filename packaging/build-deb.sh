#!/usr/bin/env bash
# Builds gphotosfs_<version>_amd64.deb: a self-contained linux-x64 publish (no .NET needed on the
# target) in /usr/lib/gphotosfs, /usr/bin/gphotosfs, the mount helper /sbin/mount.fuse.gphotosfs
# (so "mount -t fuse.gphotosfs" and fstab work), the systemd units and the documentation.
# Usage: packaging/build-deb.sh [OUTPUT_DIR]   (default: artifacts/deb); prints the .deb's path last.
# GPHOTOSFS_VERSION overrides the version (default: 0.1.0+git<commits>.<hash>).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
out="$(mkdir -p "${1:-$repo/artifacts/deb}" && cd "${1:-$repo/artifacts/deb}" && pwd)"
version="${GPHOTOSFS_VERSION:-0.1.0+git$(git -C "$repo" rev-list --count HEAD 2>/dev/null || echo 0).$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo local)}"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
root="$stage/root"

echo "build-deb: publishing self-contained linux-x64 (takes a minute)" >&2
dotnet publish "$repo/src/GPhotosFs.Cli/GPhotosFs.Cli.csproj" -c Release -r linux-x64 --self-contained true \
  -p:DebugType=none -p:GenerateDocumentationFile=false --nologo -v quiet -o "$root/usr/lib/gphotosfs" >&2

install -d "$root/usr/bin" "$root/sbin" "$root/lib/systemd/system" "$root/usr/share/doc/gphotosfs/examples" "$root/DEBIAN"
ln -s ../lib/gphotosfs/gphotosfs "$root/usr/bin/gphotosfs"
# util-linux runs /sbin/mount.fuse.gphotosfs LIBRARY DIR -o OPTS for type fuse.gphotosfs; gphotosfs
# understands that form itself (see MountHelperArguments), so the helper is the same program.
ln -s /usr/lib/gphotosfs/gphotosfs "$root/sbin/mount.fuse.gphotosfs"
install -m 0644 "$here"/systemd/gphotosfs@.service "$here"/systemd/gphotosfs-sync@.service "$here"/systemd/gphotosfs-sync@.timer "$root/lib/systemd/system/"
install -m 0644 "$here"/systemd/mnt-photos.mount "$here"/systemd/mnt-photos.automount "$here/fstab.example" "$root/usr/share/doc/gphotosfs/examples/"
install -m 0644 "$repo/README.md" "$root/usr/share/doc/gphotosfs/README.md"
cat > "$root/usr/share/doc/gphotosfs/copyright" <<COPYRIGHT
GPhotosFs, built from $(git -C "$repo" rev-parse HEAD 2>/dev/null || echo "a source tree").
Includes the .NET runtime (MIT License, https://github.com/dotnet/runtime).
COPYRIGHT

# Let a running systemd see the new units (the package enables and starts none). Only a postinst:
# a postrm would keep the package in dpkg's "config-files" state after dpkg -r until a purge.
cat > "$root/DEBIAN/postinst" <<'SCRIPT'
#!/bin/sh
set -e
if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
  systemctl daemon-reload >/dev/null 2>&1 || true
fi
exit 0
SCRIPT
chmod 0755 "$root/DEBIAN/postinst"

size_kb=$(du -sk "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: gphotosfs
Version: $version
Architecture: amd64
Maintainer: GPhotosFs team <team@gphotosfs.invalid>
Installed-Size: $size_kb
Depends: fuse3, libc6, ca-certificates
Section: utils
Priority: optional
Homepage: https://github.com/gphotosfs/gphotosfs
Description: Google Photos library as a read-only FUSE filesystem
 GPhotosFs presents a Google Photos library as photos/YYYY/MM/<file> and
 albums/<title>/<file>, fetching originals lazily into a local cache that is
 itself a clean tree to back up. Includes systemd units for unattended mounts
 and scheduled syncs, and the mount helper for fstab (type fuse.gphotosfs).
CONTROL

deb="$out/gphotosfs_${version}_amd64.deb"
dpkg-deb --root-owner-group -Zgzip -z6 --build "$root" "$deb" >&2
echo "$deb"
