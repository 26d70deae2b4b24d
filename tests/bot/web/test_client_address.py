"""Which address a request counts under: X-Forwarded-For only from a configured proxy, read
from the right (a client writes only on the left of what its proxies add), IPv6 by /64."""

from __future__ import annotations

import pytest
from starlette.requests import Request

from bot.settings import SettingsError
from bot.web.client_address import address_of, client_key, trusted_networks

PROXIES = trusted_networks("10.0.0.0/8, 127.0.0.1, fd00::/8", "SHOPDESK_TRUSTED_PROXIES")


def _request(peer: str, *forwarded: str) -> Request:
    headers = [(b"x-forwarded-for", line.encode()) for line in forwarded]
    return Request({"type": "http", "method": "GET", "path": "/", "headers": headers,
                    "client": (peer, 40000)})


def test_without_trusted_proxies_the_header_is_never_read():
    assert address_of(_request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"
    assert address_of(_request("127.0.0.1", "198.51.100.1")) == "127.0.0.1"


def test_a_client_that_is_no_trusted_proxy_changes_nothing_with_the_header():
    for spoof in ("198.51.100.1", "10.0.0.5", "127.0.0.1, 10.1.1.1", "garbage"):
        assert address_of(_request("203.0.113.7", spoof), PROXIES) == "203.0.113.7"


def test_behind_a_trusted_proxy_the_rightmost_untrusted_hop_is_the_client():
    assert address_of(_request("10.0.0.2", "203.0.113.7"), PROXIES) == "203.0.113.7"
    # what the client sent itself is left of what the proxy added, and never reached
    assert address_of(_request("10.0.0.2", "198.51.100.1, 203.0.113.7"), PROXIES) == "203.0.113.7"
    # two proxies, and the header split over two lines
    assert address_of(_request("127.0.0.1", "1.2.3.4, 203.0.113.7", "10.9.9.9"),
                      PROXIES) == "203.0.113.7"
    # a trusted proxy that wrote no address: the proxy is the last hop we know
    assert address_of(_request("10.0.0.2", "unknown"), PROXIES) == "10.0.0.2"
    assert address_of(_request("10.0.0.2"), PROXIES) == "10.0.0.2"
    assert address_of(_request("10.0.0.2", "[2001:db8::1]"), PROXIES) == "2001:db8::/64"


def test_an_ipv6_client_is_its_64_and_a_mapped_ipv4_is_the_ipv4():
    assert client_key("2001:db8:1:2:aaaa::1") == client_key("2001:db8:1:2:bbbb::9") == \
        "2001:db8:1:2::/64"
    assert client_key("2001:db8:1:3::1") != client_key("2001:db8:1:2::1")
    assert client_key("::ffff:203.0.113.7") == "203.0.113.7"
    assert client_key("testclient") == "testclient" and client_key("") == "unknown"


def test_a_bad_entry_in_the_setting_names_the_setting():
    assert trusted_networks(" , ", "K") == ()
    with pytest.raises(SettingsError, match="SHOPDESK_TRUSTED_PROXIES.*nginx"):
        trusted_networks("10.0.0.0/8, nginx", "SHOPDESK_TRUSTED_PROXIES")
