#!/usr/bin/env python3
"""A plain static HTTP server for rclone's http backend: directory listings (HTML), HEAD, single
byte ranges, and a fixed delay before every answer (like the test origin's --latency-ms).
Usage: static-origin.py ROOT PORT LATENCY_MS   (prints "listening on PORT" once ready)."""
import http.server, os, shutil, sys, time

ROOT, PORT, LATENCY = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]) / 1000.0


class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=ROOT, **kwargs)

    def log_message(self, *args):
        pass

    def send_head(self):
        self._remaining = None
        time.sleep(LATENCY)
        path = self.translate_path(self.path)
        rng = self.headers.get("Range")
        if os.path.isdir(path) or not rng or not rng.startswith("bytes="):
            return super().send_head()
        try:
            f = open(path, "rb")
        except OSError:
            self.send_error(404)
            return None
        size = os.fstat(f.fileno()).st_size
        first, _, last = rng[6:].split(",")[0].partition("-")
        start = int(first) if first else max(0, size - int(last))
        end = min(int(last), size - 1) if first and last else size - 1
        if start >= size:
            f.close()
            self.send_response(416)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        f.seek(start)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.send_header("Last-Modified", self.date_time_string(int(os.fstat(f.fileno()).st_mtime)))
        self.end_headers()
        self._remaining = end - start + 1
        return f

    def copyfile(self, source, outputfile):
        remaining = self._remaining
        if remaining is None:
            return shutil.copyfileobj(source, outputfile, 1 << 20)
        while remaining > 0:
            chunk = source.read(min(remaining, 1 << 20))
            if not chunk:
                break
            outputfile.write(chunk)
            remaining -= len(chunk)


server = http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
server.daemon_threads = True
print(f"listening on {PORT}", flush=True)
try:
    server.serve_forever()
except KeyboardInterrupt:
    pass
