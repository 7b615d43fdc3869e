// The in-session baseline of sequential-read.sh: a minimal libfuse3 low-level filesystem with one
// read-only file /big of SIZE bytes served from memory (a 2 MiB buffer, no copies besides the reply),
// on libfuse's multithreaded loop (16 threads), with async reads and keep_cache like GPhotosFs.
// This is the kind of "C in-memory FUSE" that REFERENCE.md §4 measured.
// Build: gcc -O2 -o memfs memfs.c $(pkg-config --cflags --libs fuse3)   (Debian: libfuse3-dev)
// Run:   ./memfs MOUNTPOINT SIZE_BYTES    (foreground; fusermount3 -u MOUNTPOINT to stop)
#define FUSE_USE_VERSION 35
#include <fuse_lowlevel.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static off_t size;
static char *data;                  // 2 MiB: any request of ≤ 1 MiB fits at (offset mod 1 MiB)
#define WINDOW (1 << 20)

static void fill(fuse_ino_t ino, struct stat *st) {
    memset(st, 0, sizeof *st);
    st->st_ino = ino;
    if (ino == 1) { st->st_mode = S_IFDIR | 0555; st->st_nlink = 2; }
    else { st->st_mode = S_IFREG | 0444; st->st_nlink = 1; st->st_size = size; }
}

static void op_init(void *u, struct fuse_conn_info *c) {
    (void)u;
    c->want |= c->capable & FUSE_CAP_ASYNC_READ;
    c->max_background = 64; c->congestion_threshold = 48;
}

static void op_lookup(fuse_req_t req, fuse_ino_t parent, const char *name) {
    struct fuse_entry_param e; memset(&e, 0, sizeof e);
    if (parent != 1 || strcmp(name, "big")) { fuse_reply_err(req, ENOENT); return; }
    e.ino = 2; e.attr_timeout = e.entry_timeout = 86400; fill(2, &e.attr); fuse_reply_entry(req, &e);
}

static void op_getattr(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi) {
    (void)fi; struct stat st;
    if (ino != 1 && ino != 2) { fuse_reply_err(req, ENOENT); return; }
    fill(ino, &st); fuse_reply_attr(req, &st, 86400);
}

static void op_open(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi) {
    if (ino != 2) { fuse_reply_err(req, EISDIR); return; }
    fi->keep_cache = 1; fuse_reply_open(req, fi);
}

static void op_read(fuse_req_t req, fuse_ino_t ino, size_t n, off_t off, struct fuse_file_info *fi) {
    (void)ino; (void)fi;
    if (off >= size) { fuse_reply_buf(req, NULL, 0); return; }
    if ((off_t)n > size - off) n = size - off;
    if (n > WINDOW) n = WINDOW;
    fuse_reply_buf(req, data + (off % WINDOW), n);
}

static const struct fuse_lowlevel_ops ops = {
    .init = op_init, .lookup = op_lookup, .getattr = op_getattr, .open = op_open, .read = op_read,
};

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: %s MOUNTPOINT SIZE_BYTES\n", argv[0]); return 2; }
    size = atoll(argv[2]);
    data = malloc(2 * WINDOW);
    for (int i = 0; i < 2 * WINDOW; i++) data[i] = (char)(i * 131 + 7);
    char *fargv[] = { argv[0], "-o", "ro,default_permissions,fsname=bench-memfs", NULL };
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
