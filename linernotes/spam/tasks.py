"""Background work of the spam filter; ``linernotes worker`` runs it.

Arguments are JSON values, so a queued row says everything needed to run it
again on another worker."""

from django.tasks import task

from .feedback import correct_akismet


@task()
def tell_akismet(comment_id: int, spam: bool) -> str:
    """Tell Akismet of a writer's verdict that overrules its own
    (``feedback.correct_akismet``); returns what happened, in words."""
    return str(correct_akismet(comment_id=comment_id, spam=spam))
