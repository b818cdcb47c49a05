"""Fetching a URL is safe: public addresses only (checked when connecting, on every redirect),
http(s) only, a total deadline that a silent or dripping server cannot stretch, a size cap.

Every server here is real and listens on 127.0.0.1; since the safe default refuses loopback,
tests that need a page allow-list "127.0.0.1" explicitly, as EVIDENCE_FETCH_ALLOWED_HOSTS would.
Timeouts are small through the policy, and every misbehaving server gives up on its own after a
while, so a broken deadline makes a test fail (the fetch succeeds) instead of hang.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import http.server
import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from evidence.ingest.fetch import FetchPolicy, FetchRefused, GuardedBackend, address_problem, fetch
from evidence.ingest.intake import read_new_source
from evidence.ingest.report import IngestError
from evidence.settings import MB, Settings

PAGE = (
    "<!doctype html><html><head><title>Sanctions and their limits</title></head><body><article>"
    "<h1>Sanctions and their limits</h1>"
    + "".join(f"<p>Paragraph {i}: sanctions rarely change a regime's behaviour on their own.</p>" for i in range(8))
    + "</article></body></html>"
).encode()
LOCAL = FetchPolicy(allowed_hosts=frozenset({"127.0.0.1"}), timeout_seconds=10)


class _Handler(http.server.BaseHTTPRequestHandler):
    """A small site: a page, plain text, a PDF, redirects, a big body and a hanging page."""

    protocol_version = "HTTP/1.0"  # a body ends when the connection closes: no length needed
    hits: list[str]
    release: threading.Event
    held: threading.Event

    def log_message(self, *args: Any) -> None:
        pass

    def _send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self.hits.append(self.path)
        path, _, query = self.path.partition("?")
        if path == "/page":
            self._send(200, PAGE)
        elif path == "/cp1252":
            self._send(200, "Café “quoted”".encode("cp1252"), "text/plain; charset=windows-1252")
        elif path == "/paper.pdf":
            self._send(200, b"%PDF-1.4" + b"x" * 10_000, "application/pdf")
        elif path == "/redirect":
            self._send(302, Location=query.removeprefix("to="))
        elif path.startswith("/loop"):
            self._send(302, Location=f"/loop{len(path)}")
        elif path == "/big":
            self._send(200, b"<p>" + b"a" * 5000 + b"</p>")
        elif path == "/big-declared":
            self._send(200, b"<p>small</p>", Content_Length=str(50 * MB))
        elif path == "/held":
            self.held.set()
            self.release.wait(30)
            self._send(200, PAGE)
        else:
            self._send(404, b"not here")


@contextmanager
def serve() -> Iterator[tuple[int, type[_Handler]]]:
    """A threaded HTTP server on 127.0.0.1; yields its port and handler class (hits, release)."""
    handler = type("Handler", (_Handler,), {"hits": [], "release": threading.Event(), "held": threading.Event()})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], handler
    finally:
        handler.release.set()
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def site() -> Iterator[tuple[int, type[_Handler]]]:
    with serve() as running:
        yield running


@contextmanager
def raw_server(behaviour: Callable[[socket.socket, threading.Event], None]) -> Iterator[int]:
    """A bare TCP server that does ``behaviour`` with each connection (say nothing, drip bytes)."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()
    connections: list[socket.socket] = []

    listener.settimeout(0.1)  # closing a socket does not wake a blocked accept(): poll instead

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.settimeout(None)
            connections.append(conn)
            threading.Thread(target=_guarded, args=(behaviour, conn, stop), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        listener.close()
        for conn in connections:
            conn.close()


def _guarded(
    behaviour: Callable[[socket.socket, threading.Event], None], conn: socket.socket, stop: threading.Event
) -> None:
    try:
        behaviour(conn, stop)
    except OSError:  # the client hung up: that is the point of most of these servers
        pass
    finally:
        conn.close()


def silent(conn: socket.socket, stop: threading.Event) -> None:
    """Accept, read the request, never answer (until the test ends)."""
    conn.recv(65536)
    stop.wait(60)


def drip_body(conn: socket.socket, stop: threading.Event) -> None:
    """Answer at once, then send the body one byte every 0.25 s; 'forever' is 60 bytes (15 s),
    so a fetch that ignored its deadline would end with a page and fail the test."""
    conn.recv(65536)
    conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n")
    for _ in range(60):
        if stop.wait(0.25):
            return
        conn.sendall(b"a")


def drip_headers(conn: socket.socket, stop: threading.Event) -> None:
    """Never finish the headers: one more header line every 0.25 s (each read stays fast)."""
    conn.recv(65536)
    conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n")
    for i in range(60):
        if stop.wait(0.25):
            return
        conn.sendall(f"X-Drip-{i}: a\r\n".encode())
    conn.sendall(b"\r\n")  # no body: only a deadline on every read can have stopped this in time


# -- the address classifier --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.255.0.9", "loopback"),
        ("10.0.0.1", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("100.64.0.1", "shared (carrier-grade NAT)"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("255.255.255.255", "reserved"),
        ("240.0.0.1", "reserved"),
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fe80::1", "link-local"),
        ("fe80::1%1", "link-local"),
        ("fc00::1", "private"),
        ("fd12:3456::1", "private"),
        ("ff02::1", "multicast"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:10.1.2.3", "private"),
        ("2002:7f00:1::", "loopback"),  # 6to4 of 127.0.0.1
        ("64:ff9b::a9fe:a9fe", "link-local"),  # NAT64 of 169.254.169.254
        ("::7f00:1", "reserved"),  # the deprecated IPv4-compatible form
        ("2001:db8::1", "private"),  # documentation
    ],
)
def test_non_public_addresses_are_named(address: str, kind: str) -> None:
    article = "an" if kind[0] in "aeiou" else "a"
    problem = address_problem(address)
    assert problem is not None and problem.startswith(f"{article} {kind} address")


@pytest.mark.parametrize(
    "address", ["8.8.8.8", "1.1.1.1", "93.184.216.34", "2001:4860:4860::8888", "::ffff:8.8.8.8", "64:ff9b::808:808"]
)
def test_public_addresses_pass(address: str) -> None:
    assert address_problem(address) is None


# -- loopback and the allow-list ---------------------------------------------------------------


def test_loopback_is_refused_by_default_and_the_server_never_hears_of_it(site: tuple[int, type[_Handler]]) -> None:
    port, handler = site
    with pytest.raises(FetchRefused) as refused:
        fetch(f"http://127.0.0.1:{port}/page")
    assert str(refused.value) == (
        "refused: 127.0.0.1 is a loopback address; only public web addresses can be fetched "
        "(EVIDENCE_FETCH_ALLOWED_HOSTS allows more)"
    )
    assert handler.hits == []


def test_an_allow_listed_host_is_fetched(site: tuple[int, type[_Handler]]) -> None:
    port, _ = site
    page = fetch(f"http://127.0.0.1:{port}/page", LOCAL)
    assert page.content_type == "text/html"
    assert "sanctions rarely change" in page.text
    assert page.url == f"http://127.0.0.1:{port}/page"
    plain = fetch(f"http://127.0.0.1:{port}/cp1252", LOCAL)
    assert plain.text == "Café “quoted”"


@pytest.mark.parametrize("host", ["localhost", "LocalHost", "[::1]"])
def test_names_that_resolve_to_loopback_are_refused_when_connecting(host: str) -> None:
    with pytest.raises(FetchRefused, match="loopback address"):
        GuardedBackend(FetchPolicy()).connect_tcp(host.strip("[]"), 80, timeout=5)
    with pytest.raises(FetchRefused, match="loopback address"):
        fetch(f"http://{host}:1/page")


def test_localhost_resolves_and_is_named_in_the_message(site: tuple[int, type[_Handler]]) -> None:
    port, handler = site
    with pytest.raises(FetchRefused) as refused:
        fetch(f"http://localhost:{port}/page")
    assert str(refused.value).startswith("refused: localhost resolves to ")
    assert ", a loopback address; only public web addresses" in str(refused.value)
    assert handler.hits == []


def test_the_address_checked_is_the_address_connected_to(
    site: tuple[int, type[_Handler]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: a hostile resolver answers a public address first and 127.0.0.1 after.
    (The resolver is the one stand-in here: no real DNS server can be started without root.)
    The fetcher looks the name up once, when connecting, so the loopback server never sees it."""
    port, handler = site
    real = socket.getaddrinfo
    answers = iter(["8.8.8.8"])

    def rebinding(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "rebind.test":
            return real(next(answers, "127.0.0.1"), *args, **kwargs)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    policy = FetchPolicy(timeout_seconds=2, connect_timeout_seconds=1)
    with pytest.raises(IngestError):  # 8.8.8.8 cannot be reached from the test machine
        fetch(f"http://rebind.test:{port}/page", policy)
    assert handler.hits == []
    with pytest.raises(FetchRefused, match=r"rebind\.test resolves to 127\.0\.0\.1, a loopback address"):
        fetch(f"http://rebind.test:{port}/page", policy)  # the next answer is loopback: refused
    assert handler.hits == []


# -- redirects ---------------------------------------------------------------------------------


def test_a_redirect_to_a_host_not_allowed_is_refused(site: tuple[int, type[_Handler]]) -> None:
    port, handler = site
    with pytest.raises(FetchRefused, match=r"refused: localhost resolves to .*, a loopback address"):
        fetch(f"http://127.0.0.1:{port}/redirect?to=http://localhost:{port}/page", LOCAL)
    assert handler.hits == [f"/redirect?to=http://localhost:{port}/page"]


def test_a_redirect_to_another_port_on_a_private_address_is_refused(site: tuple[int, type[_Handler]]) -> None:
    port, _ = site
    with pytest.raises(FetchRefused, match=r"refused: 10\.255\.255\.1 is a private address"):
        fetch(f"http://127.0.0.1:{port}/redirect?to=http://10.255.255.1:8080/admin", LOCAL)


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/x", "javascript:alert(1)"])
def test_a_redirect_out_of_the_web_is_refused(site: tuple[int, type[_Handler]], target: str) -> None:
    port, _ = site
    with pytest.raises(
        FetchRefused, match=r"^refused: http://127\.0\.0\.1:\d+/redirect\?to=.* redirects to .*not a web address$"
    ):
        fetch(f"http://127.0.0.1:{port}/redirect?to={target}", LOCAL)


def test_redirects_within_allowed_hosts_are_followed_up_to_five(site: tuple[int, type[_Handler]]) -> None:
    port, handler = site
    page = fetch(f"http://127.0.0.1:{port}/redirect?to=/page", LOCAL)
    assert page.url == f"http://127.0.0.1:{port}/page"
    with pytest.raises(IngestError, match="redirects more than 5 times"):
        fetch(f"http://127.0.0.1:{port}/loop", LOCAL)
    assert len([hit for hit in handler.hits if hit.startswith("/loop")]) == 6


# -- schemes and odd addresses -----------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.com/file", "javascript:alert(1)", "gopher://x/", "//127.0.0.1/", "page"],
)
def test_only_web_addresses_are_fetched(url: str) -> None:
    with pytest.raises(FetchRefused, match="is not a web address"):
        fetch(url)


def test_credentials_in_the_address_are_refused(site: tuple[int, type[_Handler]]) -> None:
    port, handler = site
    with pytest.raises(FetchRefused, match="carries a user name or password"):
        fetch(f"http://admin:secret@127.0.0.1:{port}/page", LOCAL)
    assert handler.hits == []


# -- time and size -----------------------------------------------------------------------------


def test_a_silent_server_is_given_up_on_at_the_deadline() -> None:
    with raw_server(silent) as port:
        policy = FetchPolicy(allowed_hosts=frozenset({"127.0.0.1"}), timeout_seconds=1, read_timeout_seconds=60)
        with pytest.raises(IngestError) as failed:
            fetch(f"http://127.0.0.1:{port}/", policy)
    assert str(failed.value) == (
        f"http://127.0.0.1:{port}/ took longer than 1 s in all; gave up (the server is too slow or silent)"
    )


def test_a_server_that_stops_answering_hits_the_read_timeout() -> None:
    with raw_server(silent) as port:
        policy = FetchPolicy(allowed_hosts=frozenset({"127.0.0.1"}), timeout_seconds=60, read_timeout_seconds=0.5)
        with pytest.raises(IngestError, match=r"stopped answering for 0\.5 s"):
            fetch(f"http://127.0.0.1:{port}/", policy)


@pytest.mark.parametrize("behaviour", [drip_body, drip_headers], ids=["body", "headers"])
def test_a_server_dripping_bytes_is_stopped_by_the_total_deadline(
    behaviour: Callable[[socket.socket, threading.Event], None],
) -> None:
    """Each byte arrives well within the read timeout; only the total deadline can stop it."""
    with raw_server(behaviour) as port:
        policy = FetchPolicy(allowed_hosts=frozenset({"127.0.0.1"}), timeout_seconds=1.5, read_timeout_seconds=5)
        with pytest.raises(IngestError, match=r"took longer than 1\.5 s in all"):
            fetch(f"http://127.0.0.1:{port}/", policy)


def test_a_body_over_the_cap_is_refused_while_streaming(site: tuple[int, type[_Handler]]) -> None:
    port, _ = site
    policy = FetchPolicy(allowed_hosts=frozenset({"127.0.0.1"}), max_bytes=1000)
    with pytest.raises(FetchRefused, match=r"the page is over the 1 kB limit$"):
        fetch(f"http://127.0.0.1:{port}/big", policy)
    with pytest.raises(FetchRefused, match=r"the page is over the 1 kB limit \(50 MB\)"):
        fetch(f"http://127.0.0.1:{port}/big-declared", policy)
    assert len(fetch(f"http://127.0.0.1:{port}/big", LOCAL).body) == 5007


def test_the_default_cap_is_named_in_megabytes() -> None:
    policy = FetchPolicy(allowed_hosts=frozenset({"127.0.0.1"}))
    with (
        raw_server(lambda conn, stop: (conn.recv(65536), conn.sendall(_endless_page(11 * MB)))) as port,
        pytest.raises(FetchRefused, match=r"the page is over the 10 MB limit$"),
    ):
        fetch(f"http://127.0.0.1:{port}/", policy)


def _endless_page(size: int) -> bytes:
    return b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + b"a" * size


def test_errors_and_other_types_are_refused_before_the_body_is_read(site: tuple[int, type[_Handler]]) -> None:
    port, _ = site
    with pytest.raises(IngestError, match=r"answered 404 Not Found"):
        fetch(f"http://127.0.0.1:{port}/missing", LOCAL)
    with pytest.raises(IngestError, match=r"is a application/pdf, not a web page"):
        fetch(f"http://127.0.0.1:{port}/paper.pdf", LOCAL)
    with pytest.raises(IngestError, match=r"could not reach http://127\.0\.0\.1:9/"):
        fetch("http://127.0.0.1:9/", LOCAL)


# -- the policy and the intake -----------------------------------------------------------------


def test_the_default_policy_is_the_safe_one_from_settings() -> None:
    default = FetchPolicy()
    settings = Settings(secret_key="x" * 32)
    assert default == FetchPolicy.from_settings(settings)
    assert default.allowed_hosts == frozenset()
    assert (default.timeout_seconds, default.max_bytes) == (20.0, 10 * MB)
    wiki = FetchPolicy.from_settings(Settings(secret_key="x" * 32, fetch_allowed_hosts="Wiki.Intranet., 10.0.0.5"))
    assert wiki.allows("wiki.intranet") and wiki.allows("10.0.0.5") and not wiki.allows("intranet")


def test_read_new_source_refuses_loopback_unless_the_policy_allows_it(site: tuple[int, type[_Handler]]) -> None:
    port, _ = site
    form = {"url": f"http://127.0.0.1:{port}/page", "title": ""}
    with pytest.raises(FetchRefused, match="loopback address"):
        read_new_source(form, None)
    incoming = read_new_source(form, None, fetch=LOCAL)
    assert "sanctions rarely change" in incoming.docs[0].text
    assert incoming.docs[0].url == f"http://127.0.0.1:{port}/page"


def test_a_fetch_in_a_worker_thread_leaves_the_event_loop_and_other_fetches_free(
    site: tuple[int, type[_Handler]],
) -> None:
    """The route runs the fetch in a worker thread: while one page hangs, the loop keeps serving
    and another fetch completes. Nothing is timed: the held page cannot answer until released."""
    port, handler = site

    async def run() -> tuple[str, str, bool]:
        held = asyncio.ensure_future(asyncio.to_thread(fetch, f"http://127.0.0.1:{port}/held", LOCAL))
        await asyncio.to_thread(handler.held.wait, 10)
        other = await asyncio.to_thread(fetch, f"http://127.0.0.1:{port}/page", LOCAL)
        still_waiting = not held.done()
        handler.release.set()
        return other.url, (await held).url, still_waiting

    # A fresh thread of its own: a session-wide Playwright may already run a loop on this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        other, held, still_waiting = pool.submit(asyncio.run, run()).result(timeout=60)
    assert still_waiting
    assert other.endswith("/page") and held.endswith("/held")


def test_deadline_budget_spans_redirects(site: tuple[int, type[_Handler]]) -> None:
    """The deadline is for the whole fetch: a held final hop after a redirect still ends on time."""
    port, handler = site
    policy = FetchPolicy(allowed_hosts=frozenset({"127.0.0.1"}), timeout_seconds=1, read_timeout_seconds=60)
    with pytest.raises(IngestError, match="took longer than 1 s in all"):
        fetch(f"http://127.0.0.1:{port}/redirect?to=/held", policy)
    assert handler.hits == ["/redirect?to=/held", "/held"]


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command to make a certificate")
def test_tls_uses_the_host_name_for_sni_and_verifies_the_certificate(tmp_path: Path) -> None:
    """The socket goes to a checked address, yet TLS still says and verifies the host name:
    the server hears SNI "localhost", and its self-signed certificate is refused."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"),
            *("-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=localhost"),
            *("-addext", "subjectAltName=DNS:localhost"),
        ],
        check=True,
        capture_output=True,
    )
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)
    names: list[str | None] = []

    def heard(_sock: ssl.SSLObject | ssl.SSLSocket, name: str | None, _ctx: ssl.SSLContext) -> None:
        names.append(name)

    server_context.sni_callback = heard

    def tls(conn: socket.socket, stop: threading.Event) -> None:
        with server_context.wrap_socket(conn, server_side=True) as wrapped:
            wrapped.recv(65536)

    policy = FetchPolicy(allowed_hosts=frozenset({"localhost"}), timeout_seconds=10)
    with raw_server(tls) as port, pytest.raises(IngestError, match=r"could not reach .*CERTIFICATE_VERIFY_FAILED"):
        fetch(f"https://localhost:{port}/page", policy)
    assert names == ["localhost"]
