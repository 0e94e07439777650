"""A real HTTP server on 127.0.0.1 that answers the ways sites answer a link checker (tests
have no network). Each request is recorded: method, path, User-Agent."""

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SLOW_SECONDS = 2.0


class Handler(BaseHTTPRequestHandler):
    def log_message(self, format, *args) -> None:
        pass  # quiet test output

    def _answer(self) -> None:
        self.server.requests.append((self.command, self.path, self.headers.get("User-Agent")))
        path = self.path
        if path == "/ok":
            self._send(200)
        elif path == "/missing":
            self._send(404)
        elif path == "/no-head":
            self._send(405 if self.command == "HEAD" else 200)
        elif path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/busy":
            self._send(429)
        elif path == "/slow":
            time.sleep(SLOW_SECONDS)
            self._send(200)
        else:
            self._send(404)

    def _send(self, status: int) -> None:
        body = b"" if self.command == "HEAD" else b"hello"
        self.send_response(status)
        self.send_header("Content-Length", str(len(b"hello")))
        self.end_headers()
        if body:
            self.wfile.write(body)

    do_HEAD = _answer
    do_GET = _answer


class LinkServer:
    def __init__(self) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False  # a slow answer must not hold up the test's end
        self.httpd.requests = []
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def requests(self) -> list[tuple[str, str, str]]:
        return self.httpd.requests

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}{path}"

    def __enter__(self) -> "LinkServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def refused_url() -> str:
    """An address on loopback where nothing listens: the connection is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/gone"
