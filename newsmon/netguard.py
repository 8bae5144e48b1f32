"""SSRF guard: refuse to connect to private, loopback, link-local, reserved or multicast addresses.

The check runs on the address actually connected to: newsmon resolves the host itself inside httpcore's
network backend and connects to the checked IP, so DNS rebinding and redirects to internal hosts are caught
on every hop. Hosts (or host:port) listed in ``allow_private_hosts`` are exempt.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable

import httpcore
import httpx

from newsmon.errors import RefusedError


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
        socket_options: Iterable[tuple[int, int, int | bytes]] | None = None,
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
                return super().connect_tcp(ip, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                last = exc
        raise last or httpcore.ConnectError(f"no address for {host}")
