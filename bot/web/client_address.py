"""Who is asking, by network address: the client that rate limits and guess counts key on.

Behind a reverse proxy every request comes from the proxy's address, so every shopper would
share one limit (and one guesser could spend it for all). A proxy names the address it served
in ``X-Forwarded-For``, appending to what the client sent; anyone can send that header, so it
is believed only from a configured proxy (``SHOPDESK_TRUSTED_PROXIES``: addresses or CIDRs),
and then read from the right: each hop a trusted proxy added is skipped, and the first one no
trusted proxy is, the rightmost untrusted hop, is the client. What a client wrote on its left
is never reached. With no trusted proxies the header is never read.

An IPv6 client is one /64: a single host is usually given a whole /64 and can take any
address in it, so a guesser rotating its addresses is still one client.

    trusted = trusted_networks("10.0.0.0/8, 127.0.0.1", "SHOPDESK_TRUSTED_PROXIES")
    address_of(connection, trusted)   # "203.0.113.7", or "2001:db8:1:2::/64"
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from starlette.requests import HTTPConnection

from bot.settings import SettingsError

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address

UNKNOWN = "unknown"
_IPV6_CLIENT_PREFIX = 64


def trusted_networks(text: str, key: str) -> tuple[Network, ...]:
    """The proxies a setting names ("10.0.0.0/8, 192.0.2.7, ::1").

    Raises:
        SettingsError: an entry is not an address or a network (the message names ``key``).
    """
    networks = []
    for entry in (part.strip() for part in text.split(",")):
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise SettingsError(f"{key}: {entry!r} is not an IP address or CIDR network") from None
    return tuple(networks)


def address_of(connection: HTTPConnection, trusted: Sequence[Network] = ()) -> str:
    """The client's address as limits count it: the peer, or, when the peer is a trusted
    proxy, the rightmost ``X-Forwarded-For`` hop no trusted proxy added (IPv6: its /64)."""
    peer = connection.client.host if connection.client else ""
    return client_key(forwarded_client(peer, connection.headers.getlist("x-forwarded-for"),
                                       trusted))


def request_address(connection: HTTPConnection) -> str:
    """`address_of` with the app's trusted proxies (``app.state.trusted_proxies``, set by
    `bot.web.app.create_app`; none in an app that did not set them)."""
    return address_of(connection, getattr(connection.app.state, "trusted_proxies", ()))


def forwarded_client(peer: str, forwarded: Sequence[str], trusted: Sequence[Network]) -> str:
    """The address that reached the first trusted proxy in the chain ending at ``peer``.

    Args:
        peer: The address the connection came from.
        forwarded: The X-Forwarded-For header lines, in the order received.
        trusted: The proxies whose header is believed.
    """
    client = peer
    if not _within(client, trusted):
        return client
    hops = [hop.strip() for line in forwarded for hop in line.split(",")]
    for hop in reversed(hops):
        if _parse(hop) is None:  # a trusted proxy wrote no address: it is the last we know
            return client
        client = hop
        if not _within(client, trusted):
            return client
    return client  # every hop trusted: the leftmost is the client


def client_key(address: str) -> str:
    """The key one client counts under: its IPv4 address, its IPv6 /64, else the text."""
    parsed = _parse(address)
    if parsed is None:
        return address or UNKNOWN
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/{_IPV6_CLIENT_PREFIX}", strict=False))
    return str(parsed)


def _within(address: str, networks: Sequence[Network]) -> bool:
    parsed = _parse(address)
    if parsed is None or not networks:
        return False
    if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped is not None:
        parsed = parsed.ipv4_mapped
    return any(parsed.version == network.version and parsed in network for network in networks)


def _parse(text: str) -> Address | None:
    """An address from a header hop ("203.0.113.7", "[2001:db8::1]", "2001:db8::1"); None when
    it is none (a name, "unknown", an obfuscated node, a port)."""
    text = text.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    try:
        return ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None
