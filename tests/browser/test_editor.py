"""A writer in the post editor, in Debian's Chromium: typing with the post page
drawn beside the text, an autosave that readers never see, an image dropped
into the text (and a file that is not one, and one dropped into a post never
saved, which makes it a draft), an MP3 and a PDF dropped together
becoming the post's attachments, and an earlier revision restored.
Screenshots at desktop and phone width go to test-artifacts/screenshots/desk/."""

import base64
import re
from io import BytesIO

import pytest
from PIL import Image
from playwright.sync_api import expect

from linernotes.posts import services
from linernotes.posts.models import Attachment, Post, PostImage, Revision
from linernotes.posts.tests.factories import make_post
from linernotes.users.roles import Role
from linernotes.users.tests.factories import make_writer

from .conftest import SCREENSHOTS
from .support import PHONE, csp_errors

DESKTOP_1366 = {"width": 1366, "height": 900}
FIRST_WORDS = "The first take: a *quiet* record."
AUTOSAVE_WAIT = 20_000  # ms: the script autosaves every five seconds


def png_base64() -> str:
    buffer = BytesIO()
    Image.new("RGB", (120, 60), (220, 60, 40)).save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue()).decode()


# One or more [name, type, base64 bytes], dropped at the end of the text in one
# drop, as a file manager's selection would be.
DROP_FILES = """(files) => {
    const transfer = new DataTransfer();
    for (const [name, type, data] of files) {
        const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
        transfer.items.add(new File([bytes], name, {type}));
    }
    const body = document.getElementById('id_body');
    body.focus();
    body.setSelectionRange(body.value.length, body.value.length);
    body.dispatchEvent(new DragEvent('drop', {dataTransfer: transfer, bubbles: true,
                                              cancelable: true}));
}"""
DROP_FILE = f"(file) => ({DROP_FILES})([file])"
# A silent MPEG-1 Layer III frame (128 kbit/s, 44.1 kHz), as an encoder writes it.
MP3_FRAME = b"\xff\xfb\x90\x00" + bytes(413)
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def encoded(data: bytes) -> str:
    return base64.b64encode(data).decode()


@pytest.fixture
def desk_screenshot(screenshot):
    (SCREENSHOTS / "desk").mkdir(parents=True, exist_ok=True)
    return lambda page, name: screenshot(page, f"desk/{name}")


@pytest.fixture
def published_post(live_server, transactional_db):
    """A published post with one saved revision: the words an editor will
    later bring back."""
    editor = make_writer(role=Role.EDITOR, username="mara")
    post = make_post(author=editor, title="Rocky IV", body=FIRST_WORDS)
    services.record_revision(post=post, editor=editor)
    return post


def sign_in(open_page, site: str, username: str, viewport: dict = DESKTOP_1366):
    page = open_page(viewport=viewport)
    errors = csp_errors(page)
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-for-tests-only")
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text(username)
    return page, errors


def serious_violations(page, axe_script) -> list:
    # Evaluated through the DevTools protocol, which the page's policy does not
    # govern: a <script> tag would be refused (script-src 'self', no inline),
    # and this way the editor keeps running under the real policy.
    page.evaluate(axe_script.read_text())
    found = page.evaluate(
        "async () => (await axe.run()).violations"
        ".map(v => [v.id, v.impact, v.nodes.map(n => n.target.join(' '))])"
    )
    return [v for v in found if v[1] in ("serious", "critical")]


def test_a_writer_types_previews_autosaves_drops_an_image_and_restores(
    live_server, published_post, open_page, desk_screenshot, axe_script
):
    site = live_server.url
    post = published_post
    page, errors = sign_in(open_page, site, "mara")
    page.goto(f"{site}/admin/posts/post/{post.pk}/change/")
    preview = page.frame_locator("iframe[name=linernotes-preview]")
    expect(preview.locator("h1.entry-title")).to_have_text("Rocky IV")
    expect(preview.locator(".prose em")).to_have_text("quiet")

    page.fill("#id_body", "A **thunderous** record, in three words more.")

    expect(preview.locator(".prose strong")).to_have_text("thunderous")
    expect(page.locator(".editor-count")).to_have_text("7 words · 1 min read")
    expect(page.locator(".editor-autosave")).to_contain_text(
        "Autosaved at", timeout=AUTOSAVE_WAIT
    )
    autosave = Revision.objects.get(kind=Revision.Kind.AUTOSAVE)
    assert autosave.body == "A **thunderous** record, in three words more."
    reader = open_page()
    reader.goto(site + post.get_absolute_url())
    expect(reader.locator(".prose")).to_contain_text("The first take")
    expect(reader.locator(".prose")).not_to_contain_text("thunderous")
    post.refresh_from_db()
    assert post.body == FIRST_WORDS

    page.evaluate(DROP_FILES, [["stage-photo.png", "image/png", png_base64()]])

    expect(page.locator("#id_body")).to_have_value(
        re.compile(r"!\[stage photo\]\(/media/images/.+\.png\)$")
    )
    expect(preview.locator(".prose img[alt='stage photo']")).to_have_count(1)
    assert PostImage.objects.filter(post=post).count() == 1

    page.evaluate(DROP_FILES, [["notes.png", "image/png", "bm90IGFuIGltYWdl"]])

    expect(page.locator(".editor-problem")).to_have_text(
        "Not uploaded: “notes.png” is not an image this blog can read."
    )
    expect(page.locator("#id_body")).not_to_have_value(re.compile("Uploading"))
    assert PostImage.objects.filter(post=post).count() == 1
    desk_screenshot(page, "editor")
    violations = serious_violations(page, axe_script)
    assert violations == [], violations

    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    reader.reload()
    expect(reader.locator(".prose strong")).to_have_text("thunderous")

    page.click("text=Revisions (")
    first_saved = Revision.objects.filter(kind=Revision.Kind.SAVED).last()
    page.click(f"a[href$='/revisions/{first_saved.pk}/']")
    expect(page.locator(".diff-lines .diff-added").first).to_contain_text(
        "The first take"
    )
    desk_screenshot(page, "revision-compare")
    assert serious_violations(page, axe_script) == []
    page.click("text=Restore this revision")

    expect(page.locator(".messagelist")).to_contain_text("Restored the revision of")
    expect(page.locator("#id_body")).to_have_value(FIRST_WORDS)
    post.refresh_from_db()
    assert (post.body, post.status) == (FIRST_WORDS, Post.Status.PUBLISHED)
    reader.reload()
    expect(reader.locator(".prose em")).to_have_text("quiet")
    assert errors == []


def test_a_second_editor_sees_who_else_is_editing(
    live_server, published_post, open_page
):
    site = live_server.url
    make_writer(role=Role.EDITOR, username="jon")
    first, _ = sign_in(open_page, site, "mara")
    first.goto(f"{site}/admin/posts/post/{published_post.pk}/change/")
    second, errors = sign_in(open_page, site, "jon")

    second.goto(f"{site}/admin/posts/post/{published_post.pk}/change/")

    expect(second.locator(".messagelist")).to_contain_text("is editing this post too")
    second.fill("#id_body", "Jon's words.")
    expect(second.locator(".editor-presence")).to_contain_text(
        "is editing this post too", timeout=AUTOSAVE_WAIT
    )
    assert errors == []


def test_the_editor_on_a_phone(
    live_server, published_post, open_page, desk_screenshot, axe_script
):
    site = live_server.url
    page, errors = sign_in(open_page, site, "mara", viewport=PHONE)
    page.goto(f"{site}/admin/posts/post/{published_post.pk}/change/")
    preview = page.frame_locator("iframe[name=linernotes-preview]")
    expect(preview.locator("h1.entry-title")).to_have_text("Rocky IV")
    page.fill("#id_body", "Short **and** loud.")
    expect(preview.locator(".prose strong")).to_have_text("and")

    width = page.evaluate("document.documentElement.scrollWidth")
    desk_screenshot(page, "editor")

    assert width <= PHONE["width"]
    assert serious_violations(page, axe_script) == []
    assert errors == []


def test_choosing_a_series_fills_in_its_next_part(
    live_server, published_post, open_page
):
    site = live_server.url
    series = services.get_or_create_series(title="Great Soundtracks of 1985")
    make_post(series=series)
    make_post(series=series)
    page, errors = sign_in(open_page, site, "mara")
    page.goto(f"{site}/admin/posts/post/{published_post.pk}/change/")

    page.click(".field-series .select2-selection")
    page.fill(".select2-search__field", "Great Sound")
    page.click(".select2-results__option >> text=Great Soundtracks of 1985")

    expect(page.locator("#id_series_position")).to_have_value("3")
    preview = page.frame_locator("iframe[name=linernotes-preview]")
    expect(preview.locator(".entry-title")).to_have_text("Rocky IV")
    assert errors == []


def test_audio_and_a_pdf_dropped_together_become_the_posts_attachments(
    live_server, published_post, open_page
):
    site = live_server.url
    post = published_post
    page, errors = sign_in(open_page, site, "mara")
    page.goto(f"{site}/admin/posts/post/{post.pk}/change/")
    page.fill("#id_body", "Hear the title track.")

    page.evaluate(
        DROP_FILES,
        [
            ["title-track.mp3", "audio/mpeg", encoded(MP3_FRAME * 40)],
            ["liner-notes.pdf", "application/pdf", encoded(PDF)],
            ["b-side.mp3", "audio/mpeg", encoded(PDF)],  # a PDF named as audio
        ],
    )

    expect(page.locator(".editor-problem")).to_have_text(
        "Not uploaded: “b-side.mp3” is named as a .mp3 file but holds a PDF "
        "document. Rename it to what it is, or choose the file you meant."
    )
    song = Attachment.objects.get(post=post, title="title track")
    notes = Attachment.objects.get(post=post, title="liner notes")
    assert Attachment.objects.filter(post=post).count() == 2
    assert (song.content_type, notes.content_type) == ("audio/mpeg", "application/pdf")
    expect(page.locator("#id_body")).to_have_value(
        "Hear the title track.\n\n"
        f"[Listen: title track](#audio-track-{song.pk})\n\n"
        f"[liner notes]({notes.get_absolute_url()})\n\n"
    )
    preview = page.frame_locator("iframe[name=linernotes-preview]")
    expect(preview.locator(f"#audio-track-{song.pk} audio")).to_have_count(1)

    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    reader = open_page()
    reader.goto(site + post.get_absolute_url())
    player = reader.locator(f"#audio-track-{song.pk} audio source")
    expect(player).to_have_attribute("src", song.get_absolute_url() + "?play")
    listen = reader.locator(".prose a", has_text="Listen: title track")
    expect(listen).to_have_attribute("href", f"#audio-track-{song.pk}")
    download = reader.locator(".prose a", has_text="liner notes")
    expect(download).to_have_attribute("href", notes.get_absolute_url())
    with reader.expect_download() as fetched:
        download.click()
    assert fetched.value.suggested_filename == notes.filename
    assert errors == []


def test_an_image_dropped_into_a_new_post_saves_it_as_one_draft(live_server, open_page):
    make_writer(role=Role.EDITOR, username="mara")
    page, errors = sign_in(open_page, live_server.url, "mara")
    page.goto(f"{live_server.url}/admin/posts/post/add/")
    page.fill("#id_title", "Purple Rain")
    page.fill("#id_body", "Half a review.")

    page.evaluate(DROP_FILE, ["stage-photo.png", "image/png", png_base64()])

    expect(page.locator("#id_body")).to_have_value(
        re.compile(r"^Half a review\.\n\n!\[stage photo\]\(/media/images/.+\.png\)$")
    )
    draft = Post.objects.get()
    expect(page).to_have_url(re.compile(rf"/admin/posts/post/{draft.pk}/change/$"))
    body = page.locator("#id_body").input_value()
    page.click("input[name=_save]")

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    post = Post.objects.get()  # the draft, saved: not a second post
    stored = post.body.replace("\r\n", "\n")  # a form sends CRLF line ends
    assert (post.pk, post.title, stored, post.author.username) == (
        draft.pk,
        "Purple Rain",
        body,
        "mara",
    )
    image = PostImage.objects.get()
    assert image.post == post and image.image.url in post.body
    assert errors == []
