#!/usr/bin/env python3
"""mirror-tree.py SRC DST: recreates SRC's tree at DST with metadata only: folders, files as sparse
files of the same size and mtime, symlinks with the same targets. No file contents are read, so a
million-item mount is mirrored in about the time of one `ls -lR` of it. The native baseline of
bench/library-scale.sh: find and ls -lR look at names and inodes, not at the bytes."""
import os, sys

src, dst = sys.argv[1].rstrip('/'), sys.argv[2].rstrip('/')
count = 0
for root, dirs, files in os.walk(src):
    rel = os.path.relpath(root, src)
    target = dst if rel == '.' else os.path.join(dst, rel)
    os.makedirs(target, exist_ok=True)
    for name in files + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
        path = os.path.join(root, name)
        out = os.path.join(target, name)
        st = os.lstat(path)
        if os.path.islink(path):
            os.symlink(os.readlink(path), out)
        else:
            with open(out, 'wb') as f:
                f.truncate(st.st_size)
            os.utime(out, ns=(st.st_mtime_ns, st.st_mtime_ns))
        count += 1
# folder mtimes last (creating entries changes them)
for root, dirs, files in os.walk(src, topdown=False):
    rel = os.path.relpath(root, src)
    target = dst if rel == '.' else os.path.join(dst, rel)
    st = os.stat(root)
    os.utime(target, ns=(st.st_mtime_ns, st.st_mtime_ns))
print(count)
