"""Generated pictures: the same reader always gets the same safe SVG, made here."""

import pytest
from defusedxml import ElementTree
from django.urls import reverse

from linernotes.users.identicons import identicon_digest, identicon_svg

SVG = "{http://www.w3.org/2000/svg}"


def test_the_same_user_always_gets_the_same_picture():
    assert identicon_digest(7) == identicon_digest(7)
    assert identicon_svg(identicon_digest(7)) == identicon_svg(identicon_digest(7))


def test_different_users_get_different_pictures():
    pictures = {identicon_svg(identicon_digest(pk)) for pk in range(1, 51)}

    assert len(pictures) == 50


def test_the_digest_does_not_show_the_user_id():
    digest = identicon_digest(7)

    assert digest != identicon_digest(8)
    assert len(digest) == 20
    assert digest != f"{7:020x}"


def test_the_svg_holds_only_shapes_and_colours():
    root = ElementTree.fromstring(identicon_svg(identicon_digest(42)))

    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    attributes = {name for element in root.iter() for name in element.attrib}
    assert tags <= {"svg", "rect", "g"}
    assert attributes <= {"viewBox", "width", "height", "x", "y", "fill"}


def test_the_pattern_is_mirrored_left_to_right():
    root = ElementTree.fromstring(identicon_svg(identicon_digest(3)))
    cells = {
        (int(r.get("x")), int(r.get("y")))
        for r in root.iter(f"{SVG}rect")
        if r.get("x")
    }

    assert cells == {(40 - x, y) for x, y in cells}


@pytest.mark.parametrize(
    "digest", ["<script>", "ABCDEF0123456789ABCD", "0" * 19, "0" * 21, "../../etc"]
)
def test_anything_but_a_digest_is_refused(digest):
    with pytest.raises(ValueError):
        identicon_svg(digest)


@pytest.mark.django_db
def test_the_identicon_url_serves_svg_that_browsers_keep(client):
    response = client.get(reverse("users:identicon", args=[identicon_digest(5)]))

    assert response["Content-Type"] == "image/svg+xml"
    assert "immutable" in response["Cache-Control"]
    assert response.content.decode() == identicon_svg(identicon_digest(5))


@pytest.mark.django_db
def test_a_made_up_identicon_url_is_not_found(client):
    assert client.get("/account/identicon/not-a-digest.svg").status_code == 404
