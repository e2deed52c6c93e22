"""Requests that would reach the database with text it cannot hold."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    "address",
    [
        "/%00/",  # the page catch-all and the page-cache stamp read
        "/author/a%00b/",  # a look-up by username
        "/search/?q=a%00b",  # the search statement
        "/?page=%00",
    ],
)
def test_an_address_holding_nul_is_a_bad_request_not_a_server_error(client, address):
    """PostgreSQL refuses NUL in text parameters; before this check each of these
    answered 500 there."""
    response = client.get(address)

    assert response.status_code == 400
    assert b"NUL" in response.content
