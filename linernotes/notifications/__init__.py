"""Mail to readers and writers: reply notices, subscriptions, moderation digests.

Owns Subscription, MailAddress, Announcement and ModerationDigest, the mail
templates and the signed confirm/unsubscribe links. Every mail leaves through a
task (mail.deliver), never inside a reader's request. Imports core, users, posts
and comments only; it hears about comments through comments.events.
"""
