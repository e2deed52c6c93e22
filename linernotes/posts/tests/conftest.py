import pytest

# What a reader's browser says it is. Plays and downloads count for browsers
# only (core.readers): Django's test client sends no User-Agent, like a script.
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"


@pytest.fixture
def browser(client):
    """The test client, saying it is a browser on every request."""
    client.defaults["HTTP_USER_AGENT"] = BROWSER
    return client
