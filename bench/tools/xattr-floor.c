// A minimal libfuse3 low-level filesystem: D folders of F empty files each, served from nothing,
// with the same caching as GPhotosFs (1-day entry/attr timeouts, readdirplus always, cache_readdir,
// keep_cache). getxattr answers ENODATA at once ("enodata"), EOPNOTSUPP ("eopnotsupp": coreutils ls
// then stops asking for that device) or ENOSYS ("enosys": the kernel stops sending GETXATTR).
// It measures the floor of `ls -lR` on FUSE, where every file costs two GETXATTR round trips
// (security.selinux and system.posix_acl_access, which the kernel does not cache).
// Build: gcc -O2 -o xattr-floor xattr-floor.c $(pkg-config --cflags --libs fuse3)   (Debian: libfuse3-dev)
// Run:   ./xattr-floor MOUNTPOINT enodata|eopnotsupp|enosys [D=100] [F=1000]   (foreground; fusermount3 -u to stop)
// With NOOPENDIR=1 in the environment, opendir answers ENOSYS: the kernel then stops sending
// OPENDIR/RELEASEDIR and still caches listings (its no-opendir default is KEEP_CACHE|CACHE_DIR).
#define FUSE_USE_VERSION 35
#include <fuse_lowlevel.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int D = 100, F = 1000, xattr_errno = ENODATA, noopendir;
#define FILE_BASE 1000000ULL

static void fill(fuse_ino_t ino, struct stat *st) {
    memset(st, 0, sizeof *st);
    st->st_ino = ino;
    if (ino < FILE_BASE) { st->st_mode = S_IFDIR | 0555; st->st_nlink = 2; st->st_size = 4096; }
    else { st->st_mode = S_IFREG | 0444; st->st_nlink = 1; st->st_size = 0; }
    st->st_mtime = 1500000000;
}

static int valid(fuse_ino_t ino) {
    if (ino == 1) return 1;
    if (ino >= 2 && ino < 2 + (fuse_ino_t)D) return 1;
    if (ino >= FILE_BASE) { unsigned long long k = ino - FILE_BASE; return k / F < (unsigned)D && k % F < (unsigned)F; }
    return 0;
}

static void entry_of(fuse_ino_t ino, struct fuse_entry_param *e) {
    memset(e, 0, sizeof *e);
    e->ino = ino; e->generation = 1; e->attr_timeout = 86400; e->entry_timeout = 86400;
    fill(ino, &e->attr);
}

static void op_init(void *u, struct fuse_conn_info *c) {
    (void)u;
    c->want |= FUSE_CAP_READDIRPLUS; c->want &= ~FUSE_CAP_READDIRPLUS_AUTO;
}

static void op_lookup(fuse_req_t req, fuse_ino_t parent, const char *name) {
    struct fuse_entry_param e; int i, j;
    if (parent == 1 && sscanf(name, "d%d", &i) == 1 && i >= 0 && i < D) { entry_of(2 + i, &e); fuse_reply_entry(req, &e); return; }
    if (parent >= 2 && parent < 2 + (fuse_ino_t)D && sscanf(name, "f%d", &j) == 1 && j >= 0 && j < F) {
        entry_of(FILE_BASE + (parent - 2) * F + j, &e); fuse_reply_entry(req, &e); return;
    }
    memset(&e, 0, sizeof e); e.entry_timeout = 60; fuse_reply_entry(req, &e);
}

static void op_getattr(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi) {
    (void)fi; struct stat st;
    if (!valid(ino)) { fuse_reply_err(req, ENOENT); return; }
    fill(ino, &st); fuse_reply_attr(req, &st, 86400);
}

static void op_opendir(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi) {
    if (ino >= FILE_BASE) { fuse_reply_err(req, ENOTDIR); return; }
    if (noopendir) { fuse_reply_err(req, ENOSYS); return; }
    fi->cache_readdir = 1; fi->keep_cache = 1; fuse_reply_open(req, fi);
}

static void op_readdirplus(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off, struct fuse_file_info *fi) {
    (void)fi; char *buf = malloc(size), name[32]; size_t used = 0; struct fuse_entry_param e;
    int n = ino == 1 ? D : F;
    for (long i = off; i < n + 2; i++) {
        fuse_ino_t child; const char *nm;
        if (i == 0) { nm = "."; child = ino; }
        else if (i == 1) { nm = ".."; child = 1; }
        else if (ino == 1) { snprintf(name, sizeof name, "d%ld", i - 2); nm = name; child = 2 + (i - 2); }
        else { snprintf(name, sizeof name, "f%ld", i - 2); nm = name; child = FILE_BASE + (ino - 2) * F + (i - 2); }
        entry_of(child, &e);
        size_t s = fuse_add_direntry_plus(req, buf + used, size - used, nm, &e, i + 1);
        if (s > size - used) break;
        used += s;
    }
    fuse_reply_buf(req, buf, used); free(buf);
}

static void op_getxattr(fuse_req_t req, fuse_ino_t ino, const char *name, size_t size) {
    (void)ino; (void)name; (void)size;
    fuse_reply_err(req, xattr_errno);
}

static void op_listxattr(fuse_req_t req, fuse_ino_t ino, size_t size) {
    (void)ino;
    if (xattr_errno != ENODATA) fuse_reply_err(req, xattr_errno); else if (size == 0) fuse_reply_xattr(req, 0); else fuse_reply_buf(req, NULL, 0);
}

static const struct fuse_lowlevel_ops ops = {
    .init = op_init, .lookup = op_lookup, .getattr = op_getattr, .opendir = op_opendir,
    .readdirplus = op_readdirplus, .getxattr = op_getxattr, .listxattr = op_listxattr,
};

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: %s MOUNTPOINT enodata|eopnotsupp|enosys [D] [F]\n", argv[0]); return 2; }
    if (!strcmp(argv[2], "enosys")) xattr_errno = ENOSYS;
    else if (!strcmp(argv[2], "eopnotsupp")) xattr_errno = EOPNOTSUPP;
    else if (strcmp(argv[2], "enodata")) { fprintf(stderr, "unknown mode %s\n", argv[2]); return 2; }
    noopendir = getenv("NOOPENDIR") && strcmp(getenv("NOOPENDIR"), "1") == 0;
    if (argc > 3) D = atoi(argv[3]);
    if (argc > 4) F = atoi(argv[4]);
    char *fargv[] = { argv[0], "-o", "ro,default_permissions,fsname=xattr-floor", NULL };
    struct fuse_args args = FUSE_ARGS_INIT(3, fargv);
    struct fuse_session *se = fuse_session_new(&args, &ops, sizeof ops, NULL);
    if (!se || fuse_session_mount(se, argv[1])) return 1;
    struct fuse_loop_config *cfg = fuse_loop_cfg_create();
    fuse_loop_cfg_set_max_threads(cfg, 16);
    int r = fuse_session_loop_mt(se, cfg);
    fuse_loop_cfg_destroy(cfg);
    fuse_session_unmount(se); fuse_session_destroy(se);
    return r ? 1 : 0;
}
