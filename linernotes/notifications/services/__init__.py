"""The only writers of notification state, and the decisions about who gets mail.

A package by subject, past the ~400 lines one module reads well at:
``addresses`` (one spelling per address, queueing one message, stopping mail),
``subscriptions``, ``replies`` (reply notices and the guest's address
confirmation), ``announcements`` (new posts) and ``digest`` (the moderation
digest). Every name is re-exported here, so callers import
``linernotes.notifications.services.<name>`` whatever the module.

Every message is queued with ``transaction.on_commit`` and sent by the worker
(``mail.deliver``), so a rolled-back request never mails anyone and a slow mail
server never slows a reader. Each message goes to exactly one address: no
reader ever sees another's.
"""

from .addresses import address_token, normalise_email, queue_mail, stop_mail
from .announcements import announce_new_posts, announce_post
from .digest import digest_recipients, send_moderation_digest
from .replies import (
    ask_to_confirm_reply_address,
    confirm_reply_address,
    notify_about_comment,
)
from .subscriptions import confirm_subscription, subscribe, unsubscribe

__all__ = [
    "address_token",
    "announce_new_posts",
    "announce_post",
    "ask_to_confirm_reply_address",
    "confirm_reply_address",
    "confirm_subscription",
    "digest_recipients",
    "normalise_email",
    "notify_about_comment",
    "queue_mail",
    "send_moderation_digest",
    "stop_mail",
    "subscribe",
    "unsubscribe",
]
