"""Reply notices: the replied-to writer and the post's followers hear of a comment."""

from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator

from linernotes.comments.models import Comment
from linernotes.posts.access import is_readable

from .. import mail
from ..models import MailAddress, Subscription
from .addresses import address_token, normalise_email, queue_mail

Kind = Subscription.Kind


def ask_to_confirm_reply_address(*, comment_id: int, site: str) -> bool:
    """Mail a guest who asked for reply notices a confirmation link, once ever.

    Account holders proved their address when signing up, so they are not asked.
    """
    comment = Comment.objects.filter(pk=comment_id, notify_replies=True).first()
    if comment is None or comment.user_id or not comment.author_email:
        return False
    email = normalise_email(comment.author_email)
    with transaction.atomic():
        address, _ = MailAddress.objects.get_or_create(email=email)
        if address.confirmed_at or address.no_replies:
            return False
        claimed = MailAddress.objects.filter(
            pk=address.pk, confirm_sent_at__isnull=True
        ).update(confirm_sent_at=timezone.now())
        if not claimed:
            return False
        token = mail.make_token("address", e=email)
        queue_mail(
            to=email,
            template="confirm_address",
            context={
                "post_title": comment.post.title,
                "confirm_url": mail.absolute(site, "notifications:address", token),
            },
            site=site,
            unsubscribe=mail.unsubscribe_token("replies", address.pk),
        )
    return True


@transaction.atomic
def confirm_reply_address(*, email: str) -> MailAddress:
    """The guest proved the address is theirs: reply notices may go to it."""
    email = normalise_email(email)
    address, _ = MailAddress.objects.get_or_create(email=email)
    MailAddress.objects.filter(pk=address.pk, confirmed_at__isnull=True).update(
        confirmed_at=timezone.now()
    )
    MailAddress.objects.filter(pk=address.pk).update(no_replies=False)
    address.refresh_from_db()
    return address


def notify_about_comment(*, comment_id: int, site: str) -> int:
    """Queue mail about a newly published comment; return how many.

    The replied-to author hears about it (if they asked and their address is
    confirmed), then the post's confirmed followers; the comment's own author
    never does, and nobody gets two messages about one comment.
    """
    comment = (
        Comment.objects.approved()
        .select_related("post", "parent")
        .filter(pk=comment_id)
        .first()
    )
    if comment is None or not is_readable(comment.post):
        # A post gone private or back to draft, or one behind a password:
        # mail cannot know the recipient may read it, so none is sent.
        return 0
    context = _comment_context(comment, site)
    recipients: dict[str, tuple[str, str]] = {}
    parent = comment.parent
    if parent is not None and _wants_reply_notice(parent, comment):
        email = normalise_email(parent.author_email)
        recipients[email] = ("reply", address_token(email, "replies"))
    followers = Subscription.objects.confirmed().filter(
        kind=Kind.COMMENTS, post=comment.post_id
    )
    for follower in followers:
        token = mail.unsubscribe_token("sub", follower.pk)
        recipients.setdefault(follower.email, ("new_comment", token))
    recipients.pop(normalise_email(comment.author_email), None)
    for email, (template, token) in recipients.items():
        queue_mail(
            to=email, template=template, context=context, site=site, unsubscribe=token
        )
    return len(recipients)


def _wants_reply_notice(parent: Comment, reply: Comment) -> bool:
    if not (parent.notify_replies and parent.author_email):
        return False
    if parent.user_id and parent.user_id == reply.user_id:
        return False
    email = normalise_email(parent.author_email)
    address = MailAddress.objects.filter(email=email).first()
    if address is not None and address.no_replies:
        return False
    return bool(parent.user_id or (address and address.confirmed_at))


def _comment_context(comment: Comment, site: str) -> dict:
    parent = comment.parent
    return {
        "post_title": comment.post.title,
        "post_url": site + comment.post.get_absolute_url(),
        "comment_url": site + comment.get_absolute_url(),
        "author_name": comment.author_name,
        "excerpt": Truncator(comment.body).words(80),
        "parent_excerpt": Truncator(parent.body).words(30) if parent else "",
    }
