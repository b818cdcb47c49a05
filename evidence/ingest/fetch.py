"""Fetch one web page for "Add a source from URL", safely.

The app usually runs on the debater's own laptop (or a team server), next to things a web page
must never reach through it: the library itself on 127.0.0.1, a router's admin page on
192.168.1.1, a cloud metadata service on 169.254.169.254. So a URL fetch:

- speaks only http and https, and follows at most a few redirects, each one checked again;
- checks the address at the moment it connects (in the network backend), not before: every
  address the name resolves to must be public, and the socket connects to the very address that
  was checked, so a name that resolves to a public address for the check and to 127.0.0.1 for
  the connection (DNS rebinding) gets nowhere;
- gives up after a total deadline (connect, redirects, headers and body together), which a server
  that answers one byte every half second cannot stretch, and reads at most ``max_bytes``;
- never reads proxies or certificates from the environment (``trust_env=False``).

Hosts in ``FetchPolicy.allowed_hosts`` (``EVIDENCE_FETCH_ALLOWED_HOSTS``) may resolve anywhere,
for an intranet wiki; they are matched by the name in the URL, never by the address.

Everything here is blocking: callers run it in a worker thread, off the event loop.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpcore
import httpx

from evidence.ingest.report import IngestError
from evidence.settings import MB, Settings

if TYPE_CHECKING:
    import ssl

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_USER_AGENT = "evidence/0.1 (debate evidence cutter)"
_SCHEMES = ("http", "https")
#: The well-known NAT64 prefix (RFC 6052): 64:ff9b::a.b.c.d reaches the IPv4 address a.b.c.d.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_SHARED = ipaddress.IPv4Network("100.64.0.0/10")  # carrier-grade NAT: neither private nor public
_ALLOW_HINT = "only public web addresses can be fetched (EVIDENCE_FETCH_ALLOWED_HOSTS allows more)"


def _default(name: str) -> Any:
    """The setting's own default, so the safe policy and the settings table never disagree."""
    return Settings.model_fields[name].default


def _host_key(host: str) -> str:
    """One spelling per host: lower case, no brackets around IPv6, no trailing dot, IDNA ascii."""
    key = host.strip().lower().strip("[]").rstrip(".")
    try:
        return key.encode("idna").decode("ascii")
    except UnicodeError:
        return key


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """What a URL fetch may do. ``FetchPolicy()`` is the safe default: public addresses only."""

    allowed_hosts: frozenset[str] = field(default_factory=frozenset)
    timeout_seconds: float = _default("fetch_timeout_seconds")
    max_bytes: int = _default("fetch_max_mb") * MB
    connect_timeout_seconds: float = 10.0
    read_timeout_seconds: float = 10.0
    max_redirects: int = 5

    def __post_init__(self) -> None:
        object.__setattr__(self, "allowed_hosts", frozenset(_host_key(h) for h in self.allowed_hosts if h.strip()))

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchPolicy:
        return cls(
            allowed_hosts=frozenset(settings.fetch_allowed_hosts),
            timeout_seconds=settings.fetch_timeout_seconds,
            max_bytes=settings.fetch_max_bytes,
        )

    def allows(self, host: str) -> bool:
        """Whether this host may resolve to a non-public address (matched by name, as typed)."""
        return _host_key(host) in self.allowed_hosts


class FetchRefused(IngestError):
    """The fetch was refused on purpose (an address, scheme or size the policy forbids)."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """A page that came back 2xx: where it ended up, its type and its body, read in full."""

    url: str
    content_type: str
    body: bytes
    encoding: str

    @property
    def text(self) -> str:
        return self.body.decode(self.encoding, errors="replace")


# -- addresses -------------------------------------------------------------------------------


def address_problem(address: str | IPAddress) -> str | None:
    """Why a page must not be fetched from this address ("a loopback address"), or None if public.

    IPv6 spellings of IPv4 addresses (IPv4-mapped ``::ffff:127.0.0.1``, 6to4 ``2002:7f00:1::``,
    NAT64 ``64:ff9b::7f00:1``) are judged by the IPv4 address they reach, since that is where
    the packets go.
    """
    if isinstance(address, str):
        address = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone ("%eth0")
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            problem = address_problem(embedded)
            return f"{problem} (written as IPv6)" if problem else None
    if address.is_unspecified:
        return "an unspecified address"
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_multicast:
        return "a multicast address"
    if isinstance(address, ipaddress.IPv4Address) and address in _SHARED:
        return "a shared (carrier-grade NAT) address"
    if address.is_reserved:
        return "a reserved address"
    if address.is_private:
        return "a private address"
    if not address.is_global:
        return "a non-public address"
    return None


# -- the network backend: resolve, check and connect in one step -----------------------------


def _resolve(host: str, port: int, timeout: float) -> list[tuple[Any, ...]]:
    """getaddrinfo with a time limit: it has none of its own, and a dead DNS server must not
    outlast the fetch's deadline. The lookup thread is a daemon and finishes on its own."""
    outcome: dict[str, Any] = {}

    def lookup() -> None:
        try:
            outcome["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=lookup, name="evidence-fetch-dns", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise httpcore.ConnectTimeout(f"looking up {host} took too long")
    if "error" in outcome:
        raise httpcore.ConnectError(f"could not find {host}")
    return list(outcome["infos"])


class _Deadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.at - time.monotonic()

    def passed(self) -> bool:
        return self.remaining() <= 0

    def clamp(self, timeout: float | None, error: type[Exception]) -> float:
        """The smaller of the step's own timeout and what is left of the whole fetch."""
        remaining = self.remaining()
        if remaining <= 0:
            raise error("the fetch's time is up")
        return remaining if timeout is None else min(timeout, remaining)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the fetch's deadline, so a server that
    drips headers or body a byte at a time is cut off on time."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: _Deadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._deadline.clamp(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._deadline.clamp(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        # server_hostname is the URL's host name (httpcore passes it), so SNI and the certificate
        # check use the name even though the socket was opened to a checked address.
        inner = self._inner.start_tls(
            ssl_context, server_hostname, self._deadline.clamp(timeout, httpcore.ConnectTimeout)
        )
        return _DeadlineStream(inner, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's blocking backend, except that connecting resolves the name itself, refuses it
    unless every address is public (or the host is allow-listed), then connects to one of exactly
    those addresses: no second lookup happens between the check and the connection."""

    def __init__(self, policy: FetchPolicy, deadline: _Deadline | None = None) -> None:
        self.policy = policy
        self.deadline = deadline or _Deadline(policy.timeout_seconds)

    def checked_addresses(self, host: str, port: int) -> list[tuple[Any, ...]]:
        """The getaddrinfo entries this host may be reached at; FetchRefused if any is not public."""
        infos = _resolve(host, port, self.deadline.clamp(self.policy.connect_timeout_seconds, httpcore.ConnectTimeout))
        if not infos:
            raise httpcore.ConnectError(f"could not find {host}")
        if not self.policy.allows(host):
            for info in infos:
                ip = str(info[4][0])
                problem = address_problem(ip)
                if problem:
                    shown = host.strip("[]")
                    where = f"{shown} is {problem}" if _same_ip(shown, ip) else f"{shown} resolves to {ip}, {problem}"
                    raise FetchRefused(f"refused: {where}; {_ALLOW_HINT}")
        return infos

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        infos = self.checked_addresses(host, port)
        last_error: Exception | None = None
        for info in infos:
            # A numeric address: the base class's getaddrinfo makes no DNS query for it.
            ip = str(info[4][0])
            try:
                stream = super().connect_tcp(
                    ip,
                    port,
                    timeout=self.deadline.clamp(timeout, httpcore.ConnectTimeout),
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last_error = exc
                continue
            return _DeadlineStream(stream, self.deadline)
        assert last_error is not None
        raise last_error


def _same_ip(host: str, ip: str) -> bool:
    try:
        return ipaddress.ip_address(host) == ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return False


class _GuardedTransport(httpx.HTTPTransport):
    """httpx's own transport (request and error mapping included) over a connection pool that
    uses the guarded backend. HTTPTransport takes no backend argument, so its pool is replaced;
    the fetch tests fail loudly if a future httpx renames it."""

    def __init__(self, backend: GuardedBackend) -> None:
        super().__init__(trust_env=False, retries=0)
        if not isinstance(getattr(self, "_pool", None), httpcore.ConnectionPool):  # pragma: no cover
            raise RuntimeError("this httpx version keeps its connection pool elsewhere; update fetch.py")
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=1,
            network_backend=backend,
        )


# -- the fetch --------------------------------------------------------------------------------


def _size(n: int) -> str:
    if n >= MB:
        return f"{n / MB:g} MB"
    if n >= 1000:
        return f"{n / 1000:g} kB"
    return f"{n} bytes"


def _web_url(url: str, shown: str) -> httpx.URL:
    """The URL if it is an http(s) address with a host; FetchRefused otherwise."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError):
        raise FetchRefused(f"{shown!r} is not a web address (it should start with http:// or https://)") from None
    if parsed.scheme not in _SCHEMES or not parsed.host:
        raise FetchRefused(f"{shown!r} is not a web address (it should start with http:// or https://)")
    if parsed.userinfo:
        raise FetchRefused(f"{shown!r} carries a user name or password; give the page's address without them")
    return parsed


def fetch(
    url: str,
    policy: FetchPolicy | None = None,
    *,
    accept: tuple[str, ...] = ("text/html", "application/xhtml+xml", "text/plain"),
) -> Fetched:
    """GET one page under the policy, following redirects by hand so each hop is checked.

    Raises IngestError (FetchRefused for policy refusals) with one line the page can show.
    ``accept`` lists the content types worth downloading; anything else is refused from its
    headers, before the body is read.
    """
    policy = policy or FetchPolicy()
    target = _web_url(url.strip(), url)
    deadline = _Deadline(policy.timeout_seconds)
    backend = GuardedBackend(policy, deadline)
    timeout = httpx.Timeout(
        connect=policy.connect_timeout_seconds,
        read=policy.read_timeout_seconds,
        write=policy.read_timeout_seconds,
        pool=policy.connect_timeout_seconds,
    )
    headers = {
        "User-Agent": _USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
        # Not br/zstd: gzip's worst-case expansion per chunk is known; the size cap counts decoded bytes.
        "Accept-Encoding": "gzip, deflate",
    }
    try:
        with httpx.Client(
            transport=_GuardedTransport(backend),
            trust_env=False,
            follow_redirects=False,
            timeout=timeout,
            headers=headers,
        ) as client:
            for _hop in range(policy.max_redirects + 1):
                with client.stream("GET", target) as response:
                    if response.is_redirect:
                        location = response.headers["location"]
                        next_url = response.url.join(location)
                        if next_url.scheme not in _SCHEMES:
                            raise FetchRefused(f"refused: {url} redirects to {location!r}, which is not a web address")
                        target = _web_url(str(next_url), str(next_url))
                        continue
                    return _read(url, response, policy, deadline, accept)
            raise IngestError(f"{url} redirects more than {policy.max_redirects} times; give the final address")
    except httpx.TimeoutException as exc:
        if deadline.passed() or isinstance(exc, httpx.PoolTimeout):
            raise IngestError(
                f"{url} took longer than {deadline.seconds:g} s in all; gave up (the server is too slow or silent)"
            ) from None
        if isinstance(exc, httpx.ConnectTimeout):
            raise IngestError(
                f"could not reach {url} (no answer within {policy.connect_timeout_seconds:g} s)"
            ) from None
        raise IngestError(
            f"{url} stopped answering for {policy.read_timeout_seconds:g} s; gave up (the server is too slow or silent)"
        ) from None
    except httpx.InvalidURL:
        # Our own URLs are checked before use, so this is httpx reading a Location header that
        # no web address could be (httpx parses it even when redirects are not followed).
        raise FetchRefused(f"refused: {url} redirects to something that is not a web address") from None
    except httpx.HTTPError as exc:
        raise IngestError(f"could not reach {url} ({type(exc).__name__}: {exc})") from None


def _read(
    url: str, response: httpx.Response, policy: FetchPolicy, deadline: _Deadline, accept: tuple[str, ...]
) -> Fetched:
    """Check status, type and declared size from the headers, then stream the body under the cap."""
    if response.status_code >= 400:
        raise IngestError(f"{url} answered {response.status_code} {response.reason_phrase}")
    ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if accept and not ctype.startswith(accept):
        raise IngestError(
            f"{url} is a {ctype or 'file of unknown type'}, not a web page: download it and upload it instead"
        )
    too_big = f"the page is over the {_size(policy.max_bytes)} limit"
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise FetchRefused(f"{url}: {too_big} ({_size(int(declared))})")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > policy.max_bytes:
            raise FetchRefused(f"{url}: {too_big}")
        chunks.append(chunk)
        if deadline.passed():  # the stream enforces this too; this covers a chunk that arrived just late
            raise httpx.ReadTimeout("the fetch's time is up")
    return Fetched(
        url=str(response.url), content_type=ctype, body=b"".join(chunks), encoding=response.encoding or "utf-8"
    )


__all__ = ["FetchPolicy", "FetchRefused", "Fetched", "GuardedBackend", "address_problem", "fetch"]
