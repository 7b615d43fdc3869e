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
# Its own artifacts folder: the referenced libraries build without RID, so with these properties they
# would build into the repository's artifacts/bin/<project>/release, and MSBuild's incremental clean
# would delete the .pdb and .xml files a normal build put there, under a test build running beside it
# (seen as a CI failure: "Could not copy the file …/GPhotosFs.Takeout.pdb because it was not found").
dotnet publish "$repo/src/GPhotosFs.Cli/GPhotosFs.Cli.csproj" -c Release -r linux-x64 --self-contained true \
  --artifacts-path "$stage/artifacts" -p:DebugType=none -p:GenerateDocumentationFile=false --nologo -v quiet \
  -o "$root/usr/lib/gphotosfs" >&2
# The web source's Playwright driver: a Node.js binary shipped 0744 in the NuGet package, which only
# root could run once installed. It links only libc6, libstdc++6 and libgcc-s1 (declared below).
node="$root/usr/lib/gphotosfs/.playwright/node/linux-x64/node"
[[ -f "$node" ]] && chmod 0755 "$node"

# What the self-contained .NET runtime needs from the system (a minimal Debian has none of the
# libraries but libc6): libstdc++6 and libgcc-s1 for the runtime itself, libicu72 for globalization
# (loaded with dlopen: without it gphotosfs aborts at start), libssl3 for HTTPS (dlopen),
# libfuse3-3 for the FUSE binding (dlopen through [LibraryImport]), fuse3 for fusermount3 and
# mount.fuse3, ca-certificates for HTTPS to Google, procps for the /bin/kill of the service's
# ExecReload (a minimal Debian has none: reload failed there). Not zlib1g: .NET 10 links zlib-ng into
# libSystem.IO.Compression.Native.so. Not liblttng-ust (tracing, optional). Checked below against ldd.
depends="libc6, libgcc-s1, libstdc++6, libicu72, libssl3, libfuse3-3, fuse3, ca-certificates, procps"
dlopened="libicuuc.so.72 libicui18n.so.72 libssl.so.3 libcrypto.so.3 libfuse3.so.3"

# Every library the published binaries link to, and every one the runtime opens by name, must
# come from a declared package (found with dpkg -S on this build machine).
missing=""
libs="$(find "$root/usr/lib/gphotosfs" -maxdepth 1 -type f \( -name '*.so' -o -name gphotosfs \) -exec ldd {} \; 2>/dev/null |
  awk '$2 == "=>" && $3 ~ /^\// {print $3}' | sort -u)"
for name in $dlopened; do
  libs="$libs $(ldconfig -p | awk -v n="$name" '$1 == n && /x86-64/ {print $NF; exit}')"
done
for lib in $libs; do
  [[ "$lib" == "$root"* ]] && continue
  package="$(dpkg -S "$(readlink -f "$lib")" 2>/dev/null | head -n1 | cut -d: -f1)" || true
  [[ -z "$package" ]] && package="$(dpkg -S "$lib" 2>/dev/null | head -n1 | cut -d: -f1)" || true
  if [[ -z "$package" ]]; then
    missing="$missing $lib(no package)"
  elif [[ ", $depends," != *", $package,"* ]]; then
    missing="$missing $lib($package)"
  fi
done
if [[ -n "$missing" ]]; then
  echo "build-deb: the package would not declare what these libraries come from:$missing; add them to Depends in $0" >&2
  exit 1
fi

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
Depends: $depends
Recommends: chromium
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
