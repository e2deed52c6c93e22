"""The post editor's "Track listing" box: read beside the box as the paste page
reads it (same parser, the catalogue's names, warnings by their lines), and
"Save and add the music" carrying it to the paste page's confirmation and
back to the post with the release to link."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from linernotes.catalogue.models import Artist, Release
from linernotes.catalogue.tests.factories import ROCKY_IV
from linernotes.posts.models import Post
from linernotes.users.roles import Role

from .test_admin import post_form

pytestmark = pytest.mark.django_db

# Rocky IV's ten tracks with one artist misspelt: "Survivr" for "Survivor".
LISTING = ROCKY_IV.replace("Survivor", "Survivr", 1).rstrip("\n")
KNOWN = ["Survivor", "John Cafferty", "Kenny Loggins", "Gladys Knight"]
KNOWN += ["Vince DiCola", "James Brown", "Robert Tepper", "Go West", "Touch"]


@pytest.fixture
def editor(client, make_writer, make_artist):
    for name in KNOWN:
        make_artist(name=name)
    writer = make_writer(role=Role.EDITOR, username="mara")
    client.force_login(writer)
    return writer


def read(client, listing: str):
    return client.post(
        reverse("admin:posts_post_listing_preview"), {"listing": listing}
    )


def test_the_box_is_read_as_the_paste_page_reads_it(client, editor):
    answer = read(client, LISTING)

    assert answer.status_code == 200
    assertContains(answer, "10 tracks as the parser reads them")
    assertContains(answer, '<tr data-line="1"')
    assertContains(
        answer,
        '<li data-name="Survivr"><strong>Survivr</strong> (line 1) '
        '<span class="near-note">looks like Survivor</span></li>',
    )
    # Nothing to click that would submit the post's form.
    assertNotContains(answer, 'name="choose"')
    assertNotContains(answer, "<form")
    assert not Release.objects.exists()
    assert not Artist.objects.filter(name="Survivr").exists()


def test_a_listing_of_thousands_of_lines_is_refused_with_the_parsers_reason(
    client, editor
):
    answer = read(client, "\n".join(f"{n}. Song {n} - Band" for n in range(3001)))

    assert answer.status_code == 400
    assertContains(
        answer,
        "The parser cannot read this as a listing: The listing has 3,001 lines; "
        "the most accepted is 2,000.",
        status_code=400,
    )


def test_the_box_is_for_writers_only(client, editor, make_user):
    assert client.get(reverse("admin:posts_post_listing_preview")).status_code == 403
    client.force_login(make_user(username="reader"))

    answer = read(client, LISTING)

    assert answer.status_code == 302
    assert "/admin/login/" in answer["Location"]


def test_save_and_add_the_music_reads_the_box_on_the_paste_page_then_links(
    client, editor
):
    form = post_form(title="Rocky IV, again", listing=LISTING, _add_music="1")

    page = client.post(reverse("admin:posts_post_add"), form)

    post = Post.objects.get(title="Rocky IV, again")
    back = reverse("admin:posts_post_change", args=[post.pk])
    assert page.status_code == 200
    assertContains(page, "What the parser reads")
    assertContains(page, "10 tracks as the parser reads them")
    assertContains(page, 'name="artist:Survivr" value="Survivor"')
    assertContains(page, f'name="next" value="{back}"')
    assertContains(page, "1. Burning Heart - Survivr\n2. Hearts")  # the paste box
    assertContains(page, 'action="/admin/catalogue/release/paste/"')
    assert not Release.objects.exists()

    made = client.post(
        reverse("admin:catalogue_release_paste"),
        {
            "listing": LISTING,
            "next": back,
            "artist:Survivr": "Survivor",
            "title": "Rocky IV (2026 reissue)",
            "confirm": "1",
        },
    )

    release = Release.objects.get(title="Rocky IV (2026 reissue)")
    assert made["Location"] == f"{back}?release={release.pk}"
    assert release.tracks.count() == 10
    assert not Artist.objects.filter(name="Survivr").exists()
    editing = client.get(made["Location"])
    assertContains(editing, f'<option value="{release.pk}" selected>')


def test_save_and_add_the_music_with_an_empty_box_opens_the_paste_page(
    client, editor, make_post
):
    post = make_post(author=editor, title="Rocky IV")
    form = post_form(title="Rocky IV", slug=post.slug, _add_music="1")

    answer = client.post(reverse("admin:posts_post_change", args=[post.pk]), form)

    back = reverse("admin:posts_post_change", args=[post.pk])
    assert answer.status_code == 302
    assert answer["Location"] == (
        reverse("admin:catalogue_release_paste") + "?next=" + back.replace("/", "%2F")
    )


def test_a_plain_save_says_the_listing_was_not_used(client, editor, make_post):
    post = make_post(author=editor, title="Rocky IV")
    form = post_form(title="Rocky IV", slug=post.slug, listing=LISTING)

    answer = client.post(
        reverse("admin:posts_post_change", args=[post.pk]), form, follow=True
    )

    assertContains(answer, "The track listing was not used")
    assert not Release.objects.exists()


def test_a_new_name_on_several_lines_names_each_line(client, editor):
    answer = read(client, ROCKY_IV.replace("Survivor", "Survivr"))

    assertContains(answer, "<strong>Survivr</strong> (lines 1, 4) ")
