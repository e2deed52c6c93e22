"""Track listings found in imported posts are offered to the writer, never applied.

Each test imports a small export written with ``wxr`` through the real importer,
then works the admin pages with Django's test client as a signed-in writer:
the list, the confirmation form and "Not a listing".
"""

import io

import pytest
from django.test import Client
from django.urls import reverse

from linernotes.catalogue.models import Artist, Release, Track
from linernotes.posts.models import Post, Review
from linernotes.transfer import listings
from linernotes.transfer.models import WordPressObject
from linernotes.transfer.wordpress.importer import ImportOptions, import_wordpress
from linernotes.users.models import User
from linernotes.users.roles import Role

from . import wxr

pytestmark = pytest.mark.django_db

ROCKY_IV_BODY = (
    "<p>A record of its year.</p>"
    "<p>1. Survivor - Burning Heart<br>2. Robert Tepper - No Easy Way Out<br>"
    "3. John Cafferty - Hearts on Fire</p>"
)
EXPORT = wxr.export(items=[wxr.item(1, "Rocky IV review", body=ROCKY_IV_BODY)])
LIST = reverse("admin:transfer_listings")


@pytest.fixture
def owner() -> User:
    return User.objects.create_superuser(username="owner", password="pw-for-tests")


def run_import(owner: User, export: bytes = EXPORT, **options) -> dict:
    return import_wordpress(
        io.BytesIO(export), owner=owner, options=ImportOptions(**options)
    )


def the_listing() -> tuple[int, int]:
    record = WordPressObject.objects.get(kind="post", wp_id=1)
    return record.pk, 0


def make_url(record_id: int, index: int) -> str:
    return reverse("admin:transfer_listing_make", args=[record_id, index])


def dismiss_url(record_id: int, index: int) -> str:
    return reverse("admin:transfer_listing_dismiss", args=[record_id, index])


def confirm(client: Client, url: str, **changes) -> object:
    form = {
        "title": "Rocky IV",
        "artist": "",
        "kind": "soundtrack",
        "year": "1985",
        "listing": "1. Survivor - Burning Heart\n2. Robert Tepper - No Easy Way Out\n"
        "3. John Cafferty - Hearts on Fire",
        "listing_order": "",
        "confirm": "Make the release",
        **changes,
    }
    return client.post(url, {k: v for k, v in form.items() if v is not None})


def test_an_imported_listing_is_offered_and_nothing_enters_the_catalogue(client, owner):
    report = run_import(owner)

    assert report["created"]["listings_to_confirm"] == 1
    assert Release.objects.count() == 0
    assert Artist.objects.count() == 0
    client.force_login(owner)
    page = client.get(LIST)
    assert page.status_code == 200
    html = page.content.decode()
    post = Post.objects.get(title="Rocky IV review")
    assert "Rocky IV review" in html
    assert reverse("admin:posts_post_change", args=[post.pk]) in html
    assert post.get_absolute_url() in html
    # The parser's reading: positions, artists, titles.
    assert "Robert Tepper" in html and "No Easy Way Out" in html
    assert "3 tracks as the parser reads them" in html
    assert make_url(*the_listing()) in html


def test_the_list_shows_durations_and_each_unread_line_with_the_parsers_reason(
    client, owner
):
    body = (
        "<p>Side A<br>1. Survivor - Burning Heart<br>"
        "2. Robert Tepper - No Easy Way Out<br>3. John Cafferty - Hearts on Fire 4:10"
        "<br>4. James Brown - Living in America</p>"
    )
    run_import(owner, wxr.export(items=[wxr.item(5, "Side by side", body=body)]))
    client.force_login(owner)

    html = client.get(LIST).content.decode()

    assert "4 tracks as the parser reads them" in html
    assert "<td>4:10</td>" in html
    assert (
        "Line 1: <q>Side A</q> — <code>side-heading</code> (names a side of the record)"
        in html
    )


def test_the_form_is_prefilled_with_a_guess_the_writer_is_told_about(client, owner):
    run_import(owner)
    client.force_login(owner)

    page = client.get(make_url(*the_listing()))

    form = page.context["form"]
    assert form.initial["title"] == "Rocky IV"  # "review" left out
    assert form.initial["artist"] == ""  # three artists: various
    assert "A guess to check" in page.content.decode()
    assert Release.objects.count() == 0  # opening the form creates nothing


def test_confirming_makes_the_release_with_its_tracks_and_the_post_reviews_it(
    client, owner
):
    run_import(owner)
    client.force_login(owner)
    record_id, index = the_listing()

    response = confirm(client, make_url(record_id, index))

    release = Release.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:catalogue_release_change", args=[release.pk]
    )
    assert (release.title, release.kind, release.year) == (
        "Rocky IV",
        "soundtrack",
        1985,
    )
    tracks = list(release.tracks.order_by("sort_order"))
    assert [(t.position, t.title) for t in tracks] == [
        ("1", "Burning Heart"),
        ("2", "No Easy Way Out"),
        ("3", "Hearts on Fire"),
    ]
    assert [[c.artist.name for c in t.credits.all()] for t in tracks] == [
        ["Survivor"],
        ["Robert Tepper"],
        ["John Cafferty"],
    ]
    assert Review.objects.filter(
        post__title="Rocky IV review", release=release
    ).exists()
    entry = WordPressObject.objects.get(pk=record_id).data["listings"][0]
    assert entry["status"] == listings.MADE and entry["release_id"] == release.pk
    assert client.get(LIST).context["listings"] == []


def test_a_named_artist_is_credited_on_the_release(client, owner):
    run_import(owner)
    client.force_login(owner)

    confirm(client, make_url(*the_listing()), artist="Vince DiCola", kind="album")

    release = Release.objects.get()
    assert [c.artist.name for c in release.credits.all()] == ["Vince DiCola"]


def test_reading_again_shows_the_mended_listing_and_creates_nothing(client, owner):
    run_import(owner)
    client.force_login(owner)
    url = make_url(*the_listing())

    page = confirm(
        client,
        url,
        listing="1. Survivor - Burning Heart\n2. Robert Tepper - No Easy Way Out",
        confirm=None,
        preview="Read the listing again",
    )

    assert page.status_code == 200
    assert "2 tracks as the parser reads them" in page.content.decode()
    assert Release.objects.count() == 0


def test_a_listing_the_catalogue_refuses_is_shown_and_nothing_is_created(client, owner):
    run_import(owner)
    client.force_login(owner)
    url = make_url(*the_listing())

    # Tried: the same position twice, which set_tracks_from_listing refuses.
    page = confirm(client, url, listing="1. A - One\n1. B - Two\n3. C - Three")

    assert page.status_code == 400
    assert "position 1 is already used" in page.content.decode()
    assert Release.objects.count() == 0
    assert Artist.objects.count() == 0
    assert Track.objects.count() == 0
    assert isinstance(
        WordPressObject.objects.get(pk=the_listing()[0]).data["listings"][0], str
    )


def test_not_a_listing_puts_it_away_and_creates_nothing(client, owner):
    run_import(owner)
    client.force_login(owner)
    record_id, index = the_listing()

    response = client.post(dismiss_url(record_id, index))

    assert response.status_code == 302
    assert Release.objects.count() == 0 and Artist.objects.count() == 0
    assert Review.objects.count() == 0
    entry = WordPressObject.objects.get(pk=record_id).data["listings"][0]
    assert entry["status"] == listings.DISMISSED
    assert client.get(LIST).context["listings"] == []
    assert client.get(make_url(record_id, index)).status_code == 404


def test_dismissing_needs_a_post(client, owner):
    run_import(owner)
    client.force_login(owner)

    assert client.get(dismiss_url(*the_listing())).status_code == 405
    assert listings.waiting_listings(user=owner) != []


@pytest.mark.parametrize("decision", ["made", "dismissed"])
def test_a_second_import_of_the_same_file_does_not_offer_a_decided_listing_again(
    client, owner, decision
):
    run_import(owner)
    client.force_login(owner)
    if decision == "made":
        confirm(client, make_url(*the_listing()))
    else:
        client.post(dismiss_url(*the_listing()))

    again = run_import(owner)

    assert again["created"].get("listings_to_confirm", 0) == 0
    assert listings.waiting_listings(user=owner) == []
    assert Release.objects.count() == (1 if decision == "made" else 0)


def test_a_listing_decided_in_another_tab_is_not_decided_twice(client, owner):
    run_import(owner)
    client.force_login(owner)
    url = make_url(*the_listing())
    confirm(client, url)

    again = confirm(client, url)

    assert again.status_code == 302 and again["Location"] == LIST
    assert Release.objects.count() == 1


def test_the_admin_index_and_the_post_page_lead_to_the_listing(client, owner):
    run_import(owner)
    client.force_login(owner)
    post = Post.objects.get(title="Rocky IV review")

    index = client.get(reverse("admin:index")).content.decode()
    change = client.get(reverse("admin:posts_post_change", args=[post.pk]))

    assert LIST in index and "1 waiting" in index
    assert "This imported post has a track listing you can turn into a release" in (
        change.content.decode()
    )
    assert f"{LIST}?post={post.pk}" in change.content.decode()
    assert client.get(LIST, {"post": post.pk}).context["listings"] != []
    assert client.get(LIST, {"post": post.pk + 1}).context["listings"] == []


def test_a_post_without_a_listing_gets_no_notice(client, owner):
    run_import(owner, wxr.export(items=[wxr.item(2, "Just words")]))
    client.force_login(owner)
    post = Post.objects.get(title="Just words")

    change = client.get(reverse("admin:posts_post_change", args=[post.pk]))
    index = client.get(reverse("admin:index")).content.decode()

    assert change.status_code == 200
    assert "track listing you can turn" not in change.content.decode()
    assert LIST not in index


def test_an_author_sees_and_decides_only_their_own_posts_listings(
    client, owner, make_writer
):
    author = make_writer(role=Role.AUTHOR, username="bob")
    export = wxr.export(
        authors=[wxr.author("ann"), wxr.author("bob", id=2)],
        items=[
            wxr.item(1, "Rocky IV review", body=ROCKY_IV_BODY, creator="ann"),
            wxr.item(2, "Top Gun review", body=ROCKY_IV_BODY, creator="bob"),
        ],
    )
    run_import(owner, export, author_map={"bob": "bob"})
    theirs = WordPressObject.objects.get(kind="post", wp_id=1)
    client.force_login(author)

    shown = client.get(LIST).context["listings"]

    assert [item.post.title for item, _ in shown] == ["Top Gun review"]
    assert client.get(make_url(theirs.pk, 0)).status_code == 403
    assert confirm(client, make_url(theirs.pk, 0)).status_code == 403
    assert client.post(dismiss_url(theirs.pk, 0)).status_code == 403
    assert Release.objects.count() == 0
    assert isinstance(
        WordPressObject.objects.get(pk=theirs.pk).data["listings"][0], str
    )


def test_an_editor_sees_every_posts_listings(client, owner, make_writer):
    run_import(owner)
    client.force_login(make_writer(role=Role.EDITOR))

    assert len(client.get(LIST).context["listings"]) == 1


def test_a_reader_gets_nothing(client, owner, make_user):
    run_import(owner)
    reader = make_user()
    client.force_login(reader)
    record_id, index = the_listing()

    for response in (
        client.get(LIST),
        client.get(make_url(record_id, index)),
        confirm(client, make_url(record_id, index)),
        client.post(dismiss_url(record_id, index)),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    assert Release.objects.count() == 0
    assert listings.waiting_listings(user=reader) == []


def test_staff_without_the_right_to_add_releases_is_refused(client, owner):
    run_import(owner)
    staff = User.objects.create_user(username="helper", password="pw", is_staff=True)
    client.force_login(staff)

    assert client.get(LIST).status_code == 403
    assert client.get(make_url(*the_listing())).status_code == 403


def test_the_forms_need_the_csrf_token(owner):
    run_import(owner)
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    record_id, index = the_listing()

    refused = [
        confirm(client, make_url(record_id, index)),
        client.post(dismiss_url(record_id, index)),
    ]

    assert [r.status_code for r in refused] == [403, 403]
    assert Release.objects.count() == 0
    assert len(listings.waiting_listings(user=owner)) == 1
    page = client.get(LIST).content.decode()
    assert page.count('name="csrfmiddlewaretoken"') >= 1


def test_the_guess_takes_the_artist_from_tracks_that_all_credit_one(owner):
    body = (
        "<p>1. Survivor - Burning Heart<br>2. Survivor - Eye of the Tiger<br>"
        "3. Survivor - Man Against the World</p>"
    )
    title = "Survivor – Vital Signs review"
    run_import(owner, wxr.export(items=[wxr.item(3, title, body=body)]))

    guess = listings.guess_release(listings.waiting_listings(user=owner)[0])

    assert (guess.artist, guess.title, guess.artist_from) == (
        "Survivor",
        "Vital Signs",
        "tracks",
    )
    assert guess.kind == "album"


def test_the_guess_splits_an_artist_and_title_post_title(owner):
    run_import(
        owner,
        wxr.export(
            items=[wxr.item(4, "Various – Top Gun (review)", body=ROCKY_IV_BODY)]
        ),
    )

    guess = listings.guess_release(listings.waiting_listings(user=owner)[0])

    assert (guess.artist, guess.title, guess.artist_from) == (
        "Various",
        "Top Gun",
        "post title",
    )
