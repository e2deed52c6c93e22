import pytest

from linernotes.stats.counting import stats_cache

BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Safari/537.36"
)


@pytest.fixture(autouse=True)
def _empty_counters():
    """Each test starts and ends with no counted views (on Redis the stats
    cache is the default one, which the suite's own fixture clears too)."""
    stats_cache().clear()
    yield
    stats_cache().clear()


@pytest.fixture
def reader(client):
    """A browser with no cookies: what the page cache serves."""
    client.defaults["HTTP_USER_AGENT"] = BROWSER
    return client
