"""``linernotes spam evaluate``: how the filter this site would use today does
on a labelled file, without leaving a trace.

Every row is judged on its own as a first-time guest: the database work runs
inside a transaction that is rolled back, the checks see a private in-memory
cache emptied before each row, and the text model is pinned in this process
instead of being looked up through the shared cache. The text model's own
figures (F1, precision, recall, ham FPR, AUC) are at the threshold the site
uses; ``verdicts`` and the timings are the whole pipeline's, with the text
check added when the site's settings do not list it yet.
"""

import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from .checks import Submission, Verdict, check_comment
from .model import LoadedModel, ModelError, load_model, pinned_model

TEXT_CHECK = "linernotes.spam.text_check.TextModelCheck"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"
# A cache no other process shares, so rate limits and duplicates seen while
# evaluating stay here.
_PRIVATE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "linernotes-spam-evaluate",
    }
}


class _Stranger:
    """Commenter history for a guest the blog has never approved."""

    def address_known(self, email: str) -> bool:
        return False


def guest_submission(body: str, row: int) -> Submission:
    """A first-time guest with a browser, whose form was shown 60 s ago, not
    recorded (rate and duplicate checks judge it without counting it)."""
    return Submission(
        body=body,
        author_name="Guest",
        author_email=f"guest{row}@example.invalid",
        ip_address="192.0.2.10",
        user_agent=BROWSER,
        form_shown_at=timezone.now() - timedelta(seconds=60),
        history=_Stranger(),
        record=False,
    )


def model_for_evaluation(
    exclude: tuple[Path, ...], progress: Callable[[str], None]
) -> LoadedModel:
    """The stored model when there is one and nothing is excluded; else one
    trained in memory the way ``spam train`` would, without storing it."""
    from .models import SpamModel

    if not exclude:
        latest = SpamModel.objects.values_list("version", flat=True).first()
        if latest is not None:
            try:
                return load_model(latest)
            except ModelError as error:
                progress(f"The stored model cannot be used ({error}); training one.")
    from .services import train_model

    progress("Training the text model in memory (nothing is stored)…")
    trained, why_not = train_model(exclude=exclude, save=False)
    if why_not:
        progress(f"Cold-start model: {why_not}.")
    progress(f"Trained on {trained.trained_on}; threshold {trained.threshold:.3f}.")
    return LoadedModel(0, trained.scorer, trained.threshold, trained.site_trained)


def evaluate(
    path: Path,
    exclude: tuple[Path, ...] = (),
    progress: Callable[[str], None] = lambda message: None,
    clock: Callable[[], float] = time.perf_counter,
) -> dict:
    """The figures ``spam evaluate`` prints, as a dict (issue 11, item 5).
    ``clock`` times each comment: wall time, or ``time.thread_time`` for the
    CPU one comment costs on a machine other work keeps busy."""
    from .training import measure, read_labelled

    rows = read_labelled(path)
    model = model_for_evaluation(exclude, progress)
    progress(f"Judging {len(rows)} rows of {path.name}…")
    truth = [row.spam for row in rows]
    scores = [model.scorer.probability(row.text) for row in rows]
    figures = measure(truth, scores, model.threshold)
    verdicts = {verdict.value: {"ham": 0, "spam": 0} for verdict in Verdict}
    timings = []
    checks = list(settings.LINERNOTES_SPAM_CHECKS)
    if not any(entry.get("NAME") == TEXT_CHECK for entry in checks):
        checks.append({"NAME": TEXT_CHECK})
    with (
        pinned_model(model),
        override_settings(CACHES=_PRIVATE_CACHE, LINERNOTES_SPAM_CHECKS=checks),
        transaction.atomic(),
    ):
        for number, row in enumerate(rows):
            cache.clear()
            submission = guest_submission(row.text, number)
            started = clock()
            verdict = check_comment(submission).verdict
            timings.append((clock() - started) * 1000)
            verdicts[verdict]["spam" if row.spam else "ham"] += 1
        transaction.set_rollback(True)
    return {
        "n": figures["n"],
        "spam_f1": figures["spam_f1"],
        "precision": figures["precision"],
        "recall": figures["recall"],
        "ham_fpr": figures["ham_fpr"],
        "auc": figures["auc"],
        "p50_ms": round(float(np.percentile(timings, 50)), 3) if timings else 0.0,
        "p99_ms": round(float(np.percentile(timings, 99)), 3) if timings else 0.0,
        "verdicts": verdicts,
    }
