"""The writer's desk: whose it is, how it is named, how it is found around,
and what its home page lists."""

import zoneinfo
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from linernotes.comments.models import Comment
from linernotes.core.models import SiteSettings
from linernotes.posts.models import Post
from linernotes.users.models import User
from linernotes.users.roles import Role

pytestmark = pytest.mark.django_db

HOME = reverse("admin:index")
OPERATOR_TABLES = [
    "admin:auth_group_changelist",
    "admin:account_emailaddress_changelist",
    "admin:socialaccount_socialtoken_changelist",
    "admin:django_tasks_database_dbtaskresult_changelist",
    "admin:notifications_moderationdigest_changelist",
    "admin:notifications_mailaddress_changelist",
]


def name_the_blog(title: str) -> None:
    site = SiteSettings.load()
    site.title = title
    site.save()


@pytest.fixture
def owner(db) -> User:
    return User.objects.create_superuser("owner", "owner@example.org", "pw")


# -- whose desk ---------------------------------------------------------------


def test_a_reader_gets_no_desk(client, make_user):
    client.force_login(make_user())

    response = client.get(HOME)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_an_author_sees_their_desk_and_no_operator_tables(client, make_writer):
    client.force_login(make_writer(role=Role.AUTHOR))

    home = client.get(HOME)

    assert home.status_code == 200
    for table in OPERATOR_TABLES:
        assertNotContains(home, reverse(table))
        assert client.get(reverse(table)).status_code == 403
    assertNotContains(home, ">Operator<")


def test_an_author_with_a_stray_permission_still_does_not_see_operator_tables(
    client, make_writer
):

    author = make_writer(role=Role.AUTHOR)
    author.user_permissions.add(Permission.objects.get(codename="view_group"))
    client.force_login(User.objects.get(pk=author.pk))

    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403
    assertNotContains(client.get(HOME), reverse("admin:auth_group_changelist"))


def test_the_owner_finds_the_operator_tables_apart(client, owner):
    client.force_login(owner)

    home = client.get(HOME)
    operator = client.get(reverse("admin:desk_operator"))

    assertContains(home, f'href="{reverse("admin:desk_operator")}"')
    for table in OPERATOR_TABLES:
        assertContains(operator, reverse(table))
        assert client.get(reverse(table)).status_code == 200
    groups = [app["name"] for app in operator.context["app_list"]]
    assert groups == ["Operator"]
    writers_apps = {a["app_label"] for a in home.context["app_list"]}
    assert "account" not in writers_apps and "socialaccount" not in writers_apps


def test_an_editor_is_sent_away_from_the_operator_page(client, make_writer):
    client.force_login(make_writer(role=Role.EDITOR))

    response = client.get(reverse("admin:desk_operator"))

    assert response.status_code == 302 and response["Location"] == HOME


# -- named as the blog --------------------------------------------------------


@pytest.mark.parametrize(
    "page", ["admin:index", "admin:posts_post_changelist", "admin:desk_settings"]
)
def test_every_page_is_named_after_the_blog_and_liner_notes(client, owner, page):
    name_the_blog("Side Two")
    client.force_login(owner)

    html = client.get(reverse(page)).content.decode()

    title = html[html.index("<title>") : html.index("</title>")]
    assert "Side Two · Liner Notes" in title
    assert "Django" not in title
    assert "Django administration" not in html
    assert 'id="site-name"' in html and "Side Two" in html


def test_the_sign_in_page_is_named_after_the_blog(client):
    name_the_blog("Side Two")

    html = client.get(reverse("admin:login")).content.decode()

    assert "Side Two" in html and "Django" not in html


# -- navigation ---------------------------------------------------------------

EDITOR_NAV = ["Write", "Posts", "Comments", "Music", "Pages", "Series", "Settings"]


def nav_labels(response) -> list[str]:
    return [item.label for item in response.context["desk_nav"]]


def test_an_editor_finds_every_task_on_every_page(client, make_writer):
    client.force_login(make_writer(role=Role.EDITOR))

    for page in [HOME, reverse("admin:posts_post_changelist")]:
        response = client.get(page)
        assert nav_labels(response) == EDITOR_NAV
        assertContains(response, 'class="desk-nav"')


def test_the_owner_also_finds_readers_and_operator(client, owner):
    client.force_login(owner)

    assert nav_labels(client.get(HOME)) == [
        *EDITOR_NAV[:-1],
        "Readers",
        "Settings",
        "Operator",
    ]


def test_an_author_finds_only_what_an_author_does(client, make_writer):
    client.force_login(make_writer(role=Role.AUTHOR))

    labels = nav_labels(client.get(HOME))

    assert labels[:3] == ["Write", "Posts", "Comments"]
    assert "Settings" not in labels and "Readers" not in labels
    assert client.get(reverse("admin:desk_settings")).status_code == 403


def test_readers_lists_the_accounts_without_desk_access(
    client, owner, make_user, make_writer
):
    make_user(username="just-a-reader")
    make_writer(role=Role.AUTHOR, username="an-author")
    client.force_login(owner)

    [readers] = [i for i in client.get(HOME).context["desk_nav"] if i.key == "readers"]
    listing = client.get(readers.url)

    assertContains(listing, "just-a-reader")
    assertNotContains(listing, "an-author")


def test_the_current_task_is_marked(client, make_writer):
    client.force_login(make_writer(role=Role.EDITOR))

    response = client.get(reverse("admin:posts_series_changelist"))

    current = [i.label for i in response.context["desk_nav"] if i.current]
    assert current == ["Series"]
    assertContains(response, 'aria-current="page">Series</a>')


def test_comments_in_the_navigation_count_what_waits_for_this_writer(
    client, make_writer, make_post, make_comment
):
    mara, dee = make_writer(role=Role.AUTHOR), make_writer(role=Role.AUTHOR)
    make_comment(post=make_post(author=mara), approved=False)
    make_comment(post=make_post(author=dee), approved=False)
    make_comment(post=make_post(author=dee), approved=False)
    client.force_login(mara)

    response = client.get(HOME)

    [comments] = [i for i in response.context["desk_nav"] if i.label == "Comments"]
    assert comments.count == 1
    assertContains(response, '1<span class="visually-hidden"> awaiting moderation')


def test_readers_are_never_offered_as_authors(client, make_writer, make_user):
    editor = make_writer(role=Role.EDITOR, username="ed")
    author = make_writer(role=Role.AUTHOR, username="au")
    reader = make_user(username="just-a-reader")
    client.force_login(editor)

    form = client.get(reverse("admin:posts_post_add")).context["adminform"].form
    listing = client.get(reverse("admin:posts_post_changelist")).content.decode()

    assert reader not in form.fields["author"].queryset
    assert editor in form.fields["author"].queryset
    assert f"author__id__exact={reader.pk}" not in listing
    assert f"author__id__exact={editor.pk}" in listing
    assert f"author__id__exact={author.pk}" in listing


def test_no_inline_script_or_style_on_desk_pages(client, owner):
    client.force_login(owner)

    for page in [HOME, reverse("admin:desk_settings"), reverse("admin:desk_operator")]:
        html = client.get(page).content.decode()
        assert "<style" not in html and " style=" not in html
        assert "<script>" not in html and "<script type" not in html


# -- home -------------------------------------------------------------------


def test_home_lists_drafts_scheduled_posts_in_the_blogs_zone_and_comments(
    client, make_writer, make_post, make_comment
):
    site = SiteSettings.load()
    site.time_zone = "America/New_York"
    site.save()
    editor = make_writer(role=Role.EDITOR)
    make_post(title="Half-written Purple Rain", status=Post.Status.DRAFT)
    due = timezone.now().replace(microsecond=0) + timedelta(days=2)
    make_post(title="Top Gun next week", status=Post.Status.SCHEDULED, published_at=due)
    make_post(title="Already out")
    post = make_post(title="Rocky IV")
    make_comment(post=post, approved=False, name="Dee", body="Is it on vinyl?")
    make_comment(post=post, name="Rae", body="Loved the synths.")
    client.force_login(editor)

    response = client.get(HOME)
    home = response.context["home"]

    assert [p.title for p in home.drafts] == ["Half-written Purple Rain"]
    assert [s.post.title for s in home.scheduled] == ["Top Gun next week"]
    local = due.astimezone(zoneinfo.ZoneInfo("America/New_York"))
    assertContains(response, f"{local:%H:%M}</time> America/New_York")
    assert [c.author_name for c in home.waiting] == ["Dee"]
    assert [c.author_name for c in home.recent] == ["Rae"]
    assertContains(response, "Is it on vinyl?")
    assertContains(response, "Reading, last 30 days")


def test_an_author_home_shows_only_their_own_drafts(client, make_writer, make_post):
    mara, dee = make_writer(role=Role.AUTHOR), make_writer(role=Role.AUTHOR)
    make_post(title="Mara's draft", author=mara, status=Post.Status.DRAFT)
    make_post(title="Dee's draft", author=dee, status=Post.Status.DRAFT)
    client.force_login(mara)

    home = client.get(HOME).context["home"]

    assert [p.title for p in home.drafts] == ["Mara's draft"]


def test_each_waiting_comment_has_one_click_forms_that_come_back_home(
    client, make_writer, make_post, make_comment
):
    comment = make_comment(post=make_post(), approved=False, name="Dee")
    client.force_login(make_writer(role=Role.EDITOR))

    html = client.get(HOME).content.decode()

    decide = reverse("admin:comments_comment_decide", args=[comment.pk])
    form = html[html.index(f'action="{decide}"') :]
    form = form[: form.index("</form>")]
    for value in ["approve", "spam", "trash"]:
        assert f'name="decision" value="{value}"' in form
    assert 'name="next" value="/admin/"' in form
    assert "csrfmiddlewaretoken" in form
    assert reverse("admin:comments_comment_reply", args=[comment.pk]) in form


@pytest.mark.parametrize(
    ("decision", "status"),
    [
        ("approve", Comment.Status.APPROVED),
        ("spam", Comment.Status.SPAM),
        ("trash", Comment.Status.TRASH),
    ],
)
def test_each_decision_from_home_takes_one_click_and_comes_back_home(
    client, make_writer, make_post, make_comment, decision, status
):
    comment = make_comment(post=make_post(), approved=False, name="Dee")
    client.force_login(make_writer(role=Role.EDITOR))

    response = client.post(
        reverse("admin:comments_comment_decide", args=[comment.pk]),
        {"decision": decision, "next": HOME},
    )

    comment.refresh_from_db()
    assert comment.status == status
    assert response.status_code == 302 and response["Location"] == HOME
    home = client.get(HOME)
    assert home.context["home"].waiting == []
    assertContains(home, "Dee")  # the message saying what was done


def test_import_from_wordpress_is_on_the_owners_home_only(client, owner, make_writer):
    client.force_login(make_writer(role=Role.EDITOR))
    assertNotContains(client.get(HOME), "Import from WordPress")

    client.force_login(owner)
    assertContains(client.get(HOME), "Import from WordPress")


def test_music_opens_the_catalogue_under_its_own_name(client, make_writer):
    client.force_login(make_writer(role=Role.EDITOR))

    response = client.get(reverse("admin:app_list", args=["catalogue"]))

    assert response.status_code == 200
    assert "home" not in response.context
    assertContains(response, reverse("admin:catalogue_release_changelist"))
