"""Telling Akismet when a writer overrules it (``submit-spam`` /
``submit-ham``), from the worker after the decision is committed.

Akismet learns from these corrections as the local text model learns from
``TrainingExample``. Only a writer's disagreement is sent: a comment Akismet
was never asked about (posted before the key was set, imported, or while it
did not answer) is never sent to it now, and agreeing with Akismet tells it
nothing new. The comment is read again when the task runs, so a decision
changed in the meantime sends nothing for the earlier one.
"""

import logging
from enum import StrEnum

from django.apps import apps

from . import akismet
from .checks import Submission

logger = logging.getLogger(__name__)


class Outcome(StrEnum):
    SENT = "sent"
    AGREES = "Akismet already agrees"
    NOT_ASKED = "Akismet never judged it"
    CHANGED = "decided otherwise since"
    GONE = "comment deleted"
    OFF = "Akismet is off"
    FAILED = "Akismet did not take it"


def correct_akismet(*, comment_id: int, spam: bool) -> Outcome:
    """Send the writer's verdict ``spam`` on a comment to Akismet when it
    contradicts what Akismet said of it. Never raises for Akismet's sake: a
    correction that fails is logged and dropped (the comment itself is
    already moderated)."""
    if not akismet.is_configured():
        return Outcome.OFF
    comment_model = apps.get_model("comments", "Comment")
    comment = comment_model.objects.filter(pk=comment_id).first()
    if comment is None:
        return Outcome.GONE
    decided = {
        comment_model.Status.SPAM: True,
        comment_model.Status.APPROVED: False,
    }.get(comment.status)
    if decided != spam:
        return Outcome.CHANGED
    said = akismet.akismet_verdict(list(comment.spam_reasons or ()))
    if said is None:
        return Outcome.NOT_ASKED
    if said == spam:
        return Outcome.AGREES
    submission = Submission(
        body=comment.body,
        author_name=comment.author_name,
        author_email=comment.author_email,
        author_url=comment.author_url,
        ip_address=comment.ip_address,
        user_agent=comment.user_agent,
    )
    try:
        akismet.submit_correction(submission, spam=spam)
    except akismet.AkismetUnavailable as error:
        logger.warning(
            "Could not tell Akismet comment %s is %s: %s",
            comment_id,
            "spam" if spam else "not spam",
            error,
        )
        return Outcome.FAILED
    return Outcome.SENT
