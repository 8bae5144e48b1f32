"""SSRF guard: refuse to connect to private, loopback, link-local, reserved or multicast addresses.

The check runs on the address actually connected to: newsmon resolves the host itself inside httpcore's
network backend and connects to the checked IP, so DNS rebinding and redirects to internal hosts are caught
on every hop. Hosts (or host:port) listed in ``allow_private_hosts`` are exempt.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import httpcore
import httpx

from newsmon.errors import RefusedError

if TYPE_CHECKING:  # httpcore does not export its socket-option type; only mypy reads it here
    from httpcore._backends.base import SOCKET_OPTION


class AddressGuard:
    """Decides whether a (host, port, ip) may be connected to."""

    def __init__(self, allow: Iterable[str] = ()) -> None:
        self.allow = {a.strip().lower() for a in allow if a.strip()}

    def allowed_host(self, host: str, port: int) -> bool:
        host = host.lower().strip("[]")
        return host in self.allow or f"{host}:{port}" in self.allow

    def check(self, host: str, port: int, ip: str) -> None:
        """Raise RefusedError unless ``ip`` is public or ``host`` is allowed."""
        if self.allowed_host(host, port) or self.allowed_host(ip, port):
            return
        address = ipaddress.ip_address(ip.split("%")[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        if not address.is_global or address.is_multicast or address.is_reserved:
            raise RefusedError(
                f"refused: {host}:{port} resolves to non-public address {ip} "
                "(add it to settings.allow_private_hosts to allow it)",
                url=f"{host}:{port}",
            )

    def transport(self, **kwargs: object) -> httpx.HTTPTransport:
        """An httpx transport whose every connection goes through this guard."""
        transport = httpx.HTTPTransport(retries=0, **kwargs)  # type: ignore[arg-type]
        transport._pool._network_backend = _GuardedBackend(self)  # no public hook in httpx
        return transport


_local = threading.local()


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Bound the total time of the requests this thread makes inside the block.

    Every socket read and write is given at most the time left, so a server that drips one byte a
    second (in its headers or its body) is cut off at the deadline, not kept alive by each byte.
    """
    previous = getattr(_local, "deadline", None)
    _local.deadline = time.monotonic() + seconds
    try:
        yield
    finally:
        _local.deadline = previous


def _time_left() -> float | None:
    end = getattr(_local, "deadline", None)
    return None if end is None else end - time.monotonic()


class _DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose reads and writes respect the thread's deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def _timeout(self, timeout: float | None, error: type[Exception]) -> float | None:
        left = _time_left()
        if left is None:
            return timeout
        if left <= 0:
            raise error("total time for the request exceeded")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._timeout(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._timeout(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        timeout = self._timeout(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _GuardedBackend(httpcore.SyncBackend):
    """httpcore's socket backend, resolving and checking each address before connecting."""

    def __init__(self, guard: AddressGuard) -> None:
        self.guard = guard

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        last: Exception | None = None
        for _family, _type, _proto, _name, sockaddr in infos:
            ip = str(sockaddr[0])
            self.guard.check(host, port, ip)
            try:
                left = _time_left()
                if left is not None:
                    timeout = max(0.001, left if timeout is None else min(timeout, left))
                stream = super().connect_tcp(ip, port, timeout, local_address, socket_options)
                return _DeadlineStream(stream)
            except httpcore.ConnectError as exc:
                last = exc
        raise last or httpcore.ConnectError(f"no address for {host}")
