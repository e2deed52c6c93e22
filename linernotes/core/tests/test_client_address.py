"""Who the client is (``core.ratelimit``, decision 0037): the peer, or behind a
trusted proxy the right-most address no trusted proxy accounts for; its
network (the one truncation rule); a keyed hash of the full address."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from linernotes.core import ratelimit


@pytest.fixture
def proxies(settings):
    def trust(*entries: str) -> None:
        settings.LINERNOTES_TRUSTED_PROXIES = list(entries)

    return trust


def address(rf, peer: str, forwarded: str | None = None) -> str:
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return ratelimit.client_ip(rf.get("/", REMOTE_ADDR=peer, **headers))


def test_without_trusted_proxies_a_forwarded_header_is_never_read(rf, proxies):
    proxies()

    assert address(rf, "198.51.100.7", "192.0.2.1") == "198.51.100.7"


def test_a_peer_that_is_not_a_trusted_proxy_cannot_name_another_address(rf, proxies):
    proxies("127.0.0.1", "10.0.0.0/8")

    assert address(rf, "198.51.100.7", "192.0.2.1") == "198.51.100.7"
    assert address(rf, "198.51.100.7", "10.0.0.1") == "198.51.100.7"


def test_behind_a_trusted_proxy_the_right_most_untrusted_address_is_the_client(
    rf, proxies
):
    proxies("127.0.0.1", "10.0.0.0/8")

    # the client wrote "192.0.2.1"; nginx appended the address it saw
    assert address(rf, "127.0.0.1", "192.0.2.1, 203.0.113.57") == "203.0.113.57"
    # two proxies of ours: a load balancer (10.0.0.3) in front of nginx
    assert address(rf, "127.0.0.1", "192.0.2.1,203.0.113.57,10.0.0.3") == (
        "203.0.113.57"
    )


def test_a_trusted_proxy_without_a_forwarded_address_is_the_client(rf, proxies):
    proxies("127.0.0.1")

    assert address(rf, "127.0.0.1") == "127.0.0.1"
    assert address(rf, "127.0.0.1", "") == "127.0.0.1"


def test_garbage_in_the_header_stops_the_walk_at_the_last_good_hop(rf, proxies):
    # tried: a client inside the trusted network sending nonsense ahead of it
    proxies("10.0.0.0/8")

    assert address(rf, "10.0.0.2", "<script>, 10.0.0.5") == "10.0.0.5"
    assert address(rf, "10.0.0.2", "not-an-address") == "10.0.0.2"


def test_forwarded_addresses_with_ports_and_brackets_are_understood(rf, proxies):
    proxies("::1", "127.0.0.1")

    assert address(rf, "::1", "[2001:db8::7]:4711") == "2001:db8::7"
    assert address(rf, "127.0.0.1", "203.0.113.57:4711") == "203.0.113.57"
    assert address(rf, "::ffff:127.0.0.1", "203.0.113.57") == "203.0.113.57"


def test_a_malformed_trusted_proxy_setting_is_a_configuration_error(rf, proxies):
    proxies("127.0.0.1", "nginx.internal")

    with pytest.raises(ImproperlyConfigured, match="LINERNOTES_TRUSTED_PROXIES"):
        address(rf, "127.0.0.1", "203.0.113.57")


def test_no_address_at_all_is_unknown(rf, proxies):
    proxies("127.0.0.1")

    assert address(rf, "") == "unknown"


@pytest.mark.parametrize(
    ("given", "network", "kept"),
    [
        ("203.0.113.57", "203.0.113.0/24", "203.0.113.0"),
        ("2001:db8:abcd:12::1", "2001:db8:abcd::/48", "2001:db8:abcd::"),
        ("::ffff:198.51.100.7", "198.51.100.0/24", "198.51.100.0"),
        ("unknown", None, None),
        ("", None, None),
        (None, None, None),
    ],
)
def test_the_one_truncation_rule(given, network, kept):
    found = ratelimit.client_network(given)

    assert (str(found) if found else None, ratelimit.truncated_ip(given)) == (
        network,
        kept,
    )


def test_the_keyed_hash_tells_neighbours_apart_and_hides_the_address(settings):
    rae = ratelimit.keyed_address("203.0.113.57", "test")
    neighbour = ratelimit.keyed_address("203.0.113.99", "test")

    assert rae == ratelimit.keyed_address("203.0.113.57", "test")
    assert rae != neighbour
    assert "203.0.113" not in rae
    assert rae != ratelimit.keyed_address("203.0.113.57", "another use")
    assert ratelimit.keyed_address("garbage", "test") == ""

    settings.SECRET_KEY = "another site's key"
    assert ratelimit.keyed_address("203.0.113.57", "test") != rae


def test_an_empty_peer_is_the_proxy_only_when_unix_sockets_are_trusted(rf, proxies):
    # gunicorn bound to a unix socket leaves REMOTE_ADDR empty: only a process
    # on this machine can have connected, but that is for the setting to say
    proxies("127.0.0.1")
    assert address(rf, "", "203.0.113.57") == "unknown"

    proxies("unix", "10.0.0.0/8")
    assert address(rf, "", "203.0.113.57") == "203.0.113.57"
    assert address(rf, "", "192.0.2.1, 203.0.113.57, 10.0.0.3") == "203.0.113.57"
    assert address(rf, "", "not-an-address") == "unknown"
    assert address(rf, "") == "unknown"
    # a peer with an address is judged by the address list as before
    assert address(rf, "198.51.100.7", "203.0.113.57") == "198.51.100.7"


def test_a_limit_counts_the_clients_network(rf, proxies):
    proxies("unix")

    def key(peer: str, forwarded: str | None = None) -> str:
        headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
        return ratelimit.client_key(rf.get("/", REMOTE_ADDR=peer, **headers))

    assert key("2001:db8:aa:bb::1") == key("2001:db8:aa:ff::9") == "2001:db8:aa::/48"
    assert key("203.0.113.57") == "203.0.113.0/24"
    assert key("", "198.51.100.7") == "198.51.100.0/24"
    assert key("") == "unknown"
