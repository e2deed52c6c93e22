"""Music pages and reviews: releases, artists, years, listings on posts, mention
links and name checks."""

import json
import re

import pytest
from defusedxml import ElementTree
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from linernotes.catalogue import services as catalogue
from linernotes.catalogue.models import Artist
from linernotes.catalogue.tests.factories import ROCKY_IV
from linernotes.posts import selectors, services
from linernotes.posts.models import Post

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(make_post, make_rocky_iv):
    rocky = make_rocky_iv()
    post = make_post(
        title="Rocky IV review",
        body="Survivor open with “Burning Heart”. Later, Survivor return. "
        "John Cafferty sings “Hearts of Fire”.",
    )
    services.review_release(post=post, release=rocky, standout_titles=["War"])
    post.refresh_from_db()
    return post, rocky


def test_a_review_shows_the_listing_as_an_ordered_list_with_credits(client, review):
    post, rocky = review

    response = client.get(post.get_absolute_url())

    html = response.content.decode()
    listing = html[html.index('<ol class="tracklist">') : html.index("</ol>")]
    assert listing.count("<li") == 10
    assert listing.index("Burning Heart") < listing.index("Training Montage")
    assertContains(response, "Kenny Loggins</a> and <a")
    assertContains(response, '<span class="badge">Standout</span>', count=1)


def test_a_review_carries_music_album_json_ld(client, review):
    post, rocky = review

    html = client.get(post.get_absolute_url()).content.decode()
    blocks = [
        json.loads(b)
        for b in re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', html, re.S
        )
    ]
    album = next(b for b in blocks if b["@type"] == "MusicAlbum")

    assert album["name"] == "Rocky IV"
    assert album["numTracks"] == 10
    assert album["track"][2]["@type"] == "MusicRecording"
    assert album["track"][2]["byArtist"] == [
        {"@type": "MusicGroup", "name": "Kenny Loggins"},
        {"@type": "MusicGroup", "name": "Gladys Knight"},
    ]
    assert album["albumProductionType"] == "https://schema.org/SoundtrackAlbum"


def test_the_first_mention_of_an_artist_links_to_their_page(review):
    post, _ = review
    survivor = catalogue.resolve_artist(name="Survivor")

    links = re.findall(r'<a class="mention" href="([^"]+)">([^<]+)</a>', post.body_html)

    assert links.count((survivor.get_absolute_url(), "Survivor")) == 1
    assert post.mentioned_artists.filter(pk=survivor.pk).exists()


def test_a_quoted_track_title_links_to_its_place_on_the_release_page(review):
    post, rocky = review
    track = rocky.tracks.get(title="Burning Heart")

    assert (
        f'href="{rocky.get_absolute_url()}#track-{track.pk}">“Burning Heart”</a>'
        in (post.body_html)
    )


@pytest.mark.parametrize(
    "body",
    [
        "[Survivor](https://example.org/) and nothing else",
        "`Survivor` in code",
        "## Survivor\n\nHeading only.",
    ],
)
def test_no_mention_link_inside_links_code_or_headings(make_post, make_artist, body):
    make_artist(name="Survivor")

    post = make_post(body=body)

    assert 'class="mention"' not in post.body_html


def test_name_checks_warn_about_near_misses_without_changing_the_text(review):
    post, _ = review

    warnings = selectors.name_warnings(post)

    assert [(w.text, w.suggestion) for w in warnings] == [
        ("Hearts of Fire", "Hearts on Fire")
    ]
    assert "Hearts of Fire" in post.body


def test_the_release_page_lists_tracks_and_its_reviews(client, review):
    post, rocky = review

    response = client.get(rocky.get_absolute_url())

    assertContains(response, "Eye of the Tiger")
    assertContains(response, post.title)


def test_the_release_page_shows_a_tracks_writer_credit_apart_from_its_artist(
    client, review
):
    post, rocky = review
    catalogue.set_tracks_from_listing(
        release=rocky,
        text="1. Survivor - Burning Heart (music by Frankie Sullivan, "
        "lyrics by Jim Peterik) 3:51",
    )

    response = client.get(rocky.get_absolute_url())

    assertContains(
        response,
        '<span class="track-writers">Writers: music by Frankie Sullivan, '
        "lyrics by Jim Peterik</span>",
    )
    assertContains(response, '<span class="track-title">Burning Heart</span>')


def test_the_artist_page_lists_releases_tracks_and_posts(client, review, make_post):
    post, rocky = review
    make_post(title="Unrelated post", body="Nothing about anyone.")
    cafferty = catalogue.resolve_artist(name="John Cafferty")

    response = client.get(cafferty.get_absolute_url())

    assertContains(response, "Hearts on Fire")
    assertContains(response, rocky.title)
    assertContains(response, post.title)
    assertNotContains(response, "Unrelated post")


def test_an_artist_is_found_by_an_alias_page_and_all(client, make_release, make_post):
    make_release(listing="1. Vince DiCola - War\n2. Vinnie DiCola - Montage")
    from linernotes.catalogue.models import MergeSuggestion

    vince = catalogue.confirm_merge(suggestion=MergeSuggestion.objects.get())
    post = make_post(body="Vinnie DiCola wrote the score.")

    assertContains(client.get(vince.get_absolute_url()), "Also known as Vinnie DiCola")
    assert f'href="{vince.get_absolute_url()}"' in post.body_html


def test_the_year_page_lists_that_years_releases_and_reviews(
    client, review, make_release
):
    post, rocky = review
    make_release(title="Purple Rain", year=1984)

    response = client.get(reverse("posts:music_year", args=[1985]))

    assertContains(response, "Rocky IV")
    assertContains(response, post.title)
    assertNotContains(response, "Purple Rain")


def test_a_year_without_releases_is_a_404(client):
    assert client.get(reverse("posts:music_year", args=[1901])).status_code == 404


def test_the_artist_index_lists_artists(client, review):
    response = client.get(reverse("posts:artists"))

    assertContains(response, "Vince DiCola")
    assertContains(response, 'href="/music/1985/"')


def test_each_artist_has_a_feed_of_posts_about_them(client, review):
    post, _ = review
    survivor = catalogue.resolve_artist(name="Survivor")

    response = client.get(reverse("posts:artist_feed", args=[survivor.slug]))

    titles = [
        i.findtext("title")
        for i in ElementTree.fromstring(response.content).iter("item")
    ]
    assert titles == [post.title]


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Post.Status.DRAFT},
        {"status": Post.Status.PRIVATE},
        {"status": Post.Status.SCHEDULED, "days_ago": -3},
        {"password": "sesame"},
    ],
    ids=["draft", "private", "scheduled", "locked"],
)
def test_a_release_only_unreadable_posts_review_is_on_no_music_page(
    client, make_post, make_rocky_iv, fields
):
    """Tried before the fix: the release page, its year and Survivor on the
    index all showed, announcing the draft's subject before it was out."""
    rocky = make_rocky_iv()
    hidden = make_post(title="Secret review", **fields)
    services.review_release(post=hidden, release=rocky)

    release_page = client.get(rocky.get_absolute_url())
    index = client.get(reverse("posts:artists"))

    assert release_page.status_code == 404
    assert client.get(reverse("posts:music_year", args=[1985])).status_code == 404
    assert client.get(reverse("posts:artist", args=["survivor"])).status_code == 404
    assertNotContains(index, "Survivor")
    assertNotContains(index, 'href="/music/1985/"')


def test_writers_preview_a_hidden_release_and_its_artists_privately(
    client, make_post, make_rocky_iv, make_writer, make_user
):
    """The desk's "View on site" for a release only a draft reviews led writers
    to a 404 (the crawler found it); writers who may change the catalogue now
    get a private preview, readers with an account still a 404."""
    rocky = make_rocky_iv()
    services.review_release(post=make_post(status=Post.Status.DRAFT), release=rocky)
    artist_page = reverse("posts:artist", args=["survivor"])

    client.force_login(make_user())
    as_reader = [client.get(rocky.get_absolute_url()), client.get(artist_page)]
    client.force_login(make_writer())
    as_writer = [client.get(rocky.get_absolute_url()), client.get(artist_page)]

    assert [r.status_code for r in as_reader] == [404, 404]
    for response in as_writer:
        assertContains(response, "readers cannot see this page")
        assert response["Cache-Control"] == "private"
    assertContains(as_writer[1], "Rocky IV")
    assertNotContains(as_writer[1], reverse("posts:artist_feed", args=["survivor"]))


def test_a_release_no_post_reviews_stays_in_the_catalogue(client, make_rocky_iv):
    rocky = make_rocky_iv()

    assertContains(client.get(rocky.get_absolute_url()), "Not reviewed yet.")
    assertContains(client.get(reverse("posts:artists")), "Survivor")


def test_a_release_a_readable_post_also_reviews_is_listed_with_that_post_only(
    client, review, make_post
):
    post, rocky = review
    draft = make_post(title="Second thoughts draft", status=Post.Status.DRAFT)
    locked = make_post(title="Locked review", password="sesame")
    services.review_release(post=draft, release=rocky)
    services.review_release(post=locked, release=rocky)

    pages = [
        client.get(rocky.get_absolute_url()),
        client.get(reverse("posts:music_year", args=[1985])),
        client.get(reverse("posts:artist", args=["survivor"])),
    ]

    for response in pages:
        assertContains(response, post.title)
        assertNotContains(response, "Second thoughts draft")
        assertNotContains(response, "Locked review")


def test_an_artist_only_a_draft_mentions_is_not_listed(client, make_post, make_artist):
    make_artist(name="Robert Tepper")
    make_post(body="Robert Tepper, again.", status=Post.Status.DRAFT)

    assertNotContains(client.get(reverse("posts:artists")), "Robert Tepper")
    assert client.get("/music/artists/robert-tepper/").status_code == 404


def test_an_artist_with_one_release_counts_one_release(client, make_release):
    """Tried before the fix: Survivor, credited on the album and on its first
    track, showed "2 releases"."""
    listing = "1. Survivor - Eye of the Tiger\n2. Survivor - Feels Like Love"
    make_release(title="Eye of the Tiger", artists=["Survivor"], listing=listing)
    make_release(title="Two voices", listing="1. Toto - Africa\n2. Toto - Rosanna")
    make_release(title="Three", artists=["Toto"])

    response = client.get(reverse("posts:artists"))

    assertContains(response, 'Survivor</a> <span class="count">1 release</span>')
    assertContains(response, 'Toto</a> <span class="count">2 releases</span>')


def test_a_confirmed_aliass_old_address_redirects_to_the_artist(client, make_release):
    """Tried before the fix: /music/artists/vinnie-dicola/ answered 404 once
    Vinnie DiCola was merged into Vince DiCola."""
    make_release(listing="1. Vince DiCola - War\n2. Vinnie DiCola - Montage")
    from linernotes.catalogue.models import MergeSuggestion

    vince = catalogue.confirm_merge(suggestion=MergeSuggestion.objects.get())

    response = client.get(reverse("posts:artist", args=["vinnie-dicola"]))

    assert response.status_code == 301
    assert response["Location"] == vince.get_absolute_url()
    assert client.get("/music/artists/nobody-at-all/").status_code == 404


def test_the_post_page_query_count_does_not_grow_with_reviews(
    client, settings, make_post, make_release, django_assert_max_num_queries
):
    settings.LINERNOTES_PAGE_CACHE_SECONDS = 0
    small, large = make_post(days_ago=2), make_post(days_ago=1)
    services.review_release(post=small, release=make_release(listing="1. A - One"))
    for n in range(4):
        listing = "\n".join(f"{i}. Band {n} - Song {i}" for i in range(1, 13))
        services.review_release(post=large, release=make_release(listing=listing))
    client.get(small.get_absolute_url())

    with django_assert_max_num_queries(30) as small_queries:
        client.get(small.get_absolute_url())
    with django_assert_max_num_queries(30) as large_queries:
        client.get(large.get_absolute_url())

    assert len(small_queries.captured_queries) + 1 >= len(
        large_queries.captured_queries
    )


def _rocky_listing(*changes: tuple[str, str]) -> str:
    listing = ROCKY_IV
    for old, new in changes:
        assert old in listing
        listing = listing.replace(old, new)
    return listing


def test_re_pasting_a_listing_keeps_standout_tracks_and_track_links(
    review, run_on_commit
):
    """Tried before the fix: the re-paste deleted and recreated the tracks, so
    the review lost "War" as a standout and the post's link to “Burning
    Heart” named a track id that no longer existed."""
    post, rocky = review
    burning_heart = rocky.tracks.get(title="Burning Heart")
    one_way_street = rocky.tracks.get(title="One Way Street")
    listing = _rocky_listing(
        ("War - Vince DiCola", "War - Vince DiCola 5:52"),
        ("One Way Street", "One Way St."),
    )

    run_on_commit(catalogue.set_tracks_from_listing, release=rocky, text=listing)

    post.refresh_from_db()
    assert [t.title for t in post.reviews.get().standout_tracks.all()] == ["War"]
    assert rocky.tracks.get(position="8").pk == one_way_street.pk
    assert f"#track-{burning_heart.pk}" in post.body_html


def test_a_track_removed_from_the_listing_loses_its_link_in_posts(
    review, run_on_commit
):
    """Tried without the listener: the post kept linking a deleted track."""
    post, rocky = review
    burning_heart = rocky.tracks.get(title="Burning Heart")
    listing = _rocky_listing(("Burning Heart", "Burning Love"))

    run_on_commit(catalogue.set_tracks_from_listing, release=rocky, text=listing)

    post.refresh_from_db()
    assert rocky.tracks.get(pk=burning_heart.pk).title == "Burning Love"
    assert f"#track-{burning_heart.pk}" not in post.body_html
    assert "“Burning Heart”" in post.body_text


def test_a_catalogue_change_retires_the_cached_release_page(
    client, review, run_on_commit
):
    """Tried without the listener: the cached page kept the old title."""
    post, rocky = review
    assertContains(client.get(rocky.get_absolute_url()), "Training Montage")
    listing = _rocky_listing(("Training Montage", "Training Montage (Reprise)"))

    run_on_commit(catalogue.set_tracks_from_listing, release=rocky, text=listing)

    assertContains(client.get(rocky.get_absolute_url()), "Montage (Reprise)")


def test_an_artists_old_address_answers_301_after_its_slug_changes(
    client, review, run_on_commit
):
    """Tried before the fix: /music/artists/survivor/, stored in the post,
    answered 404 once the slug became survivor-band."""
    post, rocky = review
    survivor = Artist.objects.get(name="Survivor")
    old_url = survivor.get_absolute_url()
    survivor.slug = "survivor-band"

    run_on_commit(catalogue.save_artist, artist=survivor)

    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == "/music/artists/survivor-band/"
    post.refresh_from_db()
    assert 'href="/music/artists/survivor-band/"' in post.body_html
    assert old_url not in post.body_html


def test_an_old_address_of_an_artist_only_drafts_mention_is_a_404(
    client, make_release, make_post, run_on_commit
):
    """The redirect follows the music pages' rule: no address leads to an
    artist readers cannot see."""
    draft = make_post(status=Post.Status.DRAFT, body="Toto")
    services.review_release(post=draft, release=make_release(listing="1. Toto - A"))
    toto = Artist.objects.get(name="Toto")
    toto.slug = "toto-band"
    run_on_commit(catalogue.save_artist, artist=toto)

    assert client.get("/music/artists/toto/").status_code == 404
