"""``linernotes spam evaluate FILE``: one JSON object on stdout, progress on
stderr, nothing written to the database or the cache."""

import io
import json

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command

from linernotes.comments.models import Comment
from linernotes.spam.model import VERSION_CACHE_KEY
from linernotes.spam.models import SpamModel, TrainingExample
from linernotes.spam.tests.text_model_fixtures import *  # noqa: F403 - the fixtures
from linernotes.spam.tests.text_model_fixtures import site_decisions

KEYS = {
    "n",
    "spam_f1",
    "precision",
    "recall",
    "ham_fpr",
    "auc",
    "p50_ms",
    "p99_ms",
    "verdicts",
}


@pytest.fixture
def youtube_csv(tmp_path):
    """The shared YouTube layout: id, author and date columns are ignored."""
    hams, spams = site_decisions(6, 6)
    path = tmp_path / "video.csv"
    lines = ["COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS"]
    lines += [f'h{n},Ann,2014-01-01,"{text}",0' for n, text in enumerate(hams)]
    lines += [f's{n},Bot,,"{text}",1' for n, text in enumerate(spams)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def evaluate(*args) -> tuple[dict, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("spam", "evaluate", *map(str, args), stdout=out, stderr=err)
    return json.loads(out.getvalue()), err.getvalue()


def counts() -> tuple[int, int, int]:
    return (
        SpamModel.objects.count(),
        TrainingExample.objects.count(),
        Comment.objects.count(),
    )


def test_prints_the_figures_and_writes_nothing(
    stored_cold_start, youtube_csv, make_post, make_comment
):
    make_comment(post=make_post(), body="A comment already here.")
    before = counts()
    cache.set("someone-elses-key", "kept")
    cache.delete(VERSION_CACHE_KEY)  # storing the model announced it

    figures, progress = evaluate(youtube_csv)

    assert set(figures) == KEYS
    assert figures["n"] == 12
    assert set(figures["verdicts"]) == {"ham", "hold", "spam"}
    judged = sum(sum(kinds.values()) for kinds in figures["verdicts"].values())
    assert judged == 12
    assert sum(v["spam"] for v in figures["verdicts"].values()) == 6
    assert 0 < figures["p50_ms"] <= figures["p99_ms"]
    assert "Judging 12 rows of video.csv" in progress
    assert counts() == before
    assert cache.get("someone-elses-key") == "kept"
    assert cache.get(VERSION_CACHE_KEY) is None


def test_reads_the_sms_layout(stored_cold_start, tmp_path):
    path = tmp_path / "SMSSpamCollection"
    path.write_text(
        "ham\tSee you at the gig tonight, I will bring the records\n"
        "spam\tWINNER!! You have won a 1000 cash prize, text CLAIM to 80086 now\n",
        encoding="utf-8",
    )

    figures, _ = evaluate(path)

    assert figures["n"] == 2


def test_train_exclude_trains_in_memory_without_storing(db, youtube_csv):
    shipped = "linernotes/spam/data/youtube-spam-collection/Youtube01-Psy.csv"
    before = counts()

    figures, progress = evaluate(youtube_csv, "--train-exclude", shipped)

    assert "Youtube01-Psy" not in progress.split("Trained on", 1)[1].split("\n")[0]
    assert "Youtube02-KatyPerry" in progress
    assert figures["n"] == 12
    assert counts() == before


def test_a_file_of_another_layout_is_refused_with_the_reason(db, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("just some text\n", encoding="utf-8")

    with pytest.raises(CommandError, match="CONTENT and CLASS columns"):
        evaluate(path)


def test_a_missing_file_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        evaluate(tmp_path / "absent.csv")
