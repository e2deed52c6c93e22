"""Friendly error pages."""

import pytest
from django.test import Client
from django.urls import path

from linernotes.urls import urlpatterns as site_urls


def broken_view(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", broken_view), *site_urls]
handler404 = "linernotes.core.views.page_not_found"
handler500 = "linernotes.core.views.server_error"


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_crash_shows_the_friendly_500_page():
    response = Client(raise_request_exception=False).get("/boom/")

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


@pytest.mark.django_db
def test_an_unknown_address_shows_the_friendly_404_page(client):
    response = client.get("/no/such/thing/")

    assert response.status_code == 404
    assert "That page isn’t here" in response.content.decode()
