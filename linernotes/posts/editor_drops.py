"""Files dropped or pasted into the post editor's text, stored at once.

An image becomes one of the post's body images and its Markdown goes where
the cursor is; any other file (audio, a PDF, an archive) becomes the post's
attachment through the attachment inline's own rule
(``services.attach_file``: which endings, how big, and bytes that agree with
the name), and what the reader's page needs for it goes at the cursor
(``attachment_markdown``). A refused file stores nothing and its reason is
answered for the script to show beside the text. Without the script, the
inlines under the text do the same on Save.

A post never saved has nowhere to keep a file, so the first drop on the add
page first makes it a draft (``draft_view``), as WordPress keeps an
auto-draft: the script then sends the form to that draft's change page, so
the writer's Save updates it instead of adding a second post.
"""

import re
from collections.abc import Callable
from pathlib import PurePosixPath

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, JsonResponse
from django.urls import URLPattern, reverse

from linernotes.core.exceptions import UploadRejected

from . import services
from .models import Attachment, Post
from .templatetags.players_tags import audio_tracks


def words_of_name(upload: UploadedFile) -> str:
    """A dropped file's name as words ("war-excerpt.mp3" → "war excerpt"): the
    image's alt text or the attachment's title until the writer edits it."""
    stem = PurePosixPath(upload.name or "").stem
    return " ".join(stem.replace("-", " ").replace("_", " ").split())


def plays_in_page(attachment: Attachment) -> bool:
    """Whether the post page gives this attachment the in-page audio player
    (the players' own rule, ``players_tags.audio_tracks``)."""
    return bool(audio_tracks([attachment]))


def attachment_markdown(attachment: Attachment) -> str:
    """What a dropped attachment puts at the cursor. The post page gives every
    audio attachment its in-page player, in the "Listen" section under the
    text (``posts/_audio_player.html``), whether the text names it or not;
    so for audio the text gets a link to that player (``#audio-track-<id>``,
    the player's id there). Any other file gets a link to the counted
    download view. Brackets in the title are escaped so the link stays one."""
    title = re.sub(r"([\\\[\]])", r"\\\1", attachment.title)
    if plays_in_page(attachment):
        return f"[Listen: {title}](#audio-track-{attachment.pk})"
    return f"[{title}]({attachment.get_absolute_url()})"


class DropViews:
    """The two endpoints the editor's script posts dropped files to, for a
    ``ModelAdmin`` of posts that supplies ``_post_for_change``."""

    UNTITLED = "(untitled draft)"

    def drop_urls(self, view: Callable) -> list[URLPattern]:
        return [
            view(self.draft_view, "drop-draft/", "posts_post_drop_draft"),
            view(self.image_view, "<path:object_id>/images/", "posts_post_image"),
            view(
                self.attachment_view,
                "<path:object_id>/attachments/",
                "posts_post_attachment",
            ),
        ]

    def draft_view(self, request: HttpRequest) -> JsonResponse:
        """Save the add page's title and body as a draft of this writer's, so a
        file dropped before the first Save has a post to belong to; answer with
        the addresses the script switches the page to. Only what a writer who
        may add posts could save with the form's Save (``save_post_as``, the one
        path: the author is the writer, the status a draft)."""
        if request.method != "POST" or not self.has_add_permission(request):
            raise PermissionDenied
        title = request.POST.get("title", "").strip()[:200] or self.UNTITLED
        post = Post(
            title=title,
            body=request.POST.get("body", "")[:500_000],
            status=Post.Status.DRAFT,
        )
        services.save_post_as(editor=request.user, post=post)

        def url(name: str) -> str:
            return reverse(f"admin:{name}", args=[post.pk])

        return JsonResponse(
            {
                "id": post.pk,
                "change_url": url("posts_post_change"),
                "images": url("posts_post_image"),
                "attachments": url("posts_post_attachment"),
                "autosave": url("posts_post_autosave"),
                "preview": reverse("admin:posts_post_page_preview")
                + f"?post={post.pk}",
            },
            status=201,
        )

    def image_view(self, request: HttpRequest, object_id: str) -> JsonResponse:
        """Store one image dropped or pasted into the text and answer with its
        Markdown; a file the blog does not take gets its reason and stores
        nothing."""

        def store(post: Post, upload: UploadedFile) -> dict:
            alt = words_of_name(upload)[:200]
            image = services.add_post_image(post=post, upload=upload, alt=alt)
            return {"markdown": image.markdown, "url": image.image.url}

        return self._store_dropped(
            request, object_id, "image", "Choose an image file to upload.", store
        )

    def attachment_view(self, request: HttpRequest, object_id: str) -> JsonResponse:
        """Store one file that is not an image (audio, a PDF, an archive),
        dropped or pasted into the text, as the post's attachment, through the
        inline's own rule (``services.attach_file``); answer with what to put
        at the cursor (``attachment_markdown``)."""

        def store(post: Post, upload: UploadedFile) -> dict:
            title = words_of_name(upload)[:200] or "Download"
            attachment = services.attach_file(post=post, upload=upload, title=title)
            return {
                "markdown": attachment_markdown(attachment),
                "url": attachment.get_absolute_url(),
                "plays": plays_in_page(attachment),
            }

        return self._store_dropped(
            request, object_id, "file", "Choose a file to upload.", store
        )

    def _store_dropped(
        self,
        request: HttpRequest,
        object_id: str,
        field: str,
        missing: str,
        store: Callable[[Post, UploadedFile], dict],
    ) -> JsonResponse:
        """One dropped file, stored by ``store`` or refused with its reason
        (the services store nothing when they refuse)."""
        if request.method != "POST":
            raise PermissionDenied
        post = self._post_for_change(request, object_id)
        upload = request.FILES.get(field)
        if upload is None:
            return JsonResponse({"error": missing}, status=400)
        try:
            return JsonResponse(store(post, upload))
        except UploadRejected as error:
            return JsonResponse({"error": str(error)}, status=400)
