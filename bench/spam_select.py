"""Choose the text model's settings on training videos only (issue 11, item 6).

    .venv/bin/python bench/spam_select.py [CANDIDATE ...] > spam-select.jsonl

For each YouTube video held out in turn, every candidate setting is scored on
the other three videos alone: its out-of-fold predictions, each training video
predicted by a model fitted on the other two, give the threshold for 1% ham
false positives and the F1 at that threshold (exactly what the cold start does
to pick its threshold, ``training.train_public``). The candidate with the best
of those F1 is the one chosen for that held-out video; only then is the
held-out video scored, with a model fitted on the three and that threshold.
The held-out figures are printed for every candidate, so the report can show
what choosing by the held-out video would have cheated; the choice never
reads them. Texts of the held-out video are removed from training (the files
repeat texts), as in ``bench/spam.py``.

Options beyond the vectoriser's: ``links`` reads addresses as words for their
kind (``model.normalise(links=True)``); ``sms_weight`` adds the SMS Spam
Collection to every fit at that weight (never to the out-of-fold groups, the
threshold or the test); ``nb`` is ``"nblr"`` for one regression on features
scaled by naive Bayes' log-count ratios, ``"lr+nblr"`` for the plain and that
one with their log-odds averaged (the shipped model since session 8, which
``training.fit_parts`` builds the same way).

Candidates are named on the command line (default: all of ``CANDIDATES``).
One JSON line per candidate on stdout; about 16 fits per candidate (twice the
regressions for ``lr+nblr``; with SMS each fit sees about four times the rows).
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linernotes.settings.test")

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.pipeline import make_union  # noqa: E402

from linernotes.spam.model import char_grams, normalise, word_grams  # noqa: E402
from linernotes.spam.training import (  # noqa: E402
    COLD_START_FPR,
    MIN_DF,
    SMS_FILE,
    YOUTUBE_FILES,
    log_count_ratio,
    measure,
    read_labelled,
    threshold_for_fpr,
)

BASE = {
    "sublinear": False,
    "C": 30.0,
    "class_weight": "balanced",
    "tokens": False,
    "chars": "inside words",
    "binary": False,
    "min_df": MIN_DF,
    "char_range": (2, 5),
    "words": (1, 2),
    "links": False,
    "sms_weight": 0.0,
    "nb": None,
}
CANDIDATES = {
    "raw-tf C30": BASE,
    "sublinear C30": {**BASE, "sublinear": True},
    "sublinear C10": {**BASE, "sublinear": True, "C": 10.0},
    "sublinear C100": {**BASE, "sublinear": True, "C": 100.0},
    "sublinear C30 unweighted": {**BASE, "sublinear": True, "class_weight": None},
    "raw-tf C30 url+number tokens": {**BASE, "tokens": True},
    "sublinear C30 chars across words": {
        **BASE,
        "sublinear": True,
        "chars": "across words",
    },
    "sublinear C30 min_df 1": {**BASE, "sublinear": True, "min_df": 1},
    "binary C30": {**BASE, "binary": True},
    "sublinear C30 chars 1-4": {**BASE, "sublinear": True, "char_range": (1, 4)},
    "sublinear C30 chars 3-6": {**BASE, "sublinear": True, "char_range": (3, 6)},
    "sublinear C30 words only single": {**BASE, "sublinear": True, "words": (1, 1)},
    "sublinear C30 words 1-3": {**BASE, "sublinear": True, "words": (1, 3)},
    "binary C30 words 1-3": {**BASE, "binary": True, "words": (1, 3)},
    "binary C10": {**BASE, "binary": True, "C": 10.0},
    "binary C100": {**BASE, "binary": True, "C": 100.0},
    "binary C30 chars across words": {**BASE, "binary": True, "chars": "across words"},
    "binary C30 unweighted": {**BASE, "binary": True, "class_weight": None},
    "sublinear C30 chars inside and across": {
        **BASE,
        "sublinear": True,
        "chars": "inside and across words",
    },
    "sublinear C30 SMS weight 0.1": {**BASE, "sublinear": True, "sms_weight": 0.1},
    "sublinear C30 SMS weight 0.3": {**BASE, "sublinear": True, "sms_weight": 0.3},
    "sublinear C30 link kinds and any link": {**BASE, "sublinear": True, "links": True},
    "sublinear C30 link kinds and any link NB-weighted": {
        **BASE,
        "sublinear": True,
        "links": True,
        "nb": "nblr",
    },
    "sublinear C30 link kinds and any link, plain and NB-weighted": {
        **BASE,
        "sublinear": True,
        "links": True,
        "nb": "lr+nblr",
    },
    "sublinear C30 link kinds and any link, plain and NB-weighted, numbers": {
        **BASE,
        "sublinear": True,
        "links": True,
        "nb": "lr+nblr",
        "tokens": True,  # with links read by kind, only numbers are left to it
    },
    "sublinear C30 plain and NB-weighted": {**BASE, "sublinear": True, "nb": "lr+nblr"},
}
_URL = re.compile(r"(?:https?://|www\.)\S+")
_NUMBER = re.compile(r"\d+")


def prepare(text: str, tokens: bool, links: bool = False) -> str:
    clean = normalise(text, links=links)
    if tokens:  # every address one word, every number one digit
        clean = _NUMBER.sub("0", _URL.sub(" zurlz ", clean))
    return clean


def char_grams_across(text: str, low: int = 2, high: int = 5) -> list[str]:
    """Character n-grams over the whole text, spaces included (scikit-learn's
    ``char``, where the model uses ``char_wb``)."""
    padded = f" {text} "
    return [
        padded[i : i + n]
        for n in range(low, high + 1)
        for i in range(len(padded) - n + 1)
    ]


def char_grams_inside(text: str, low: int, high: int) -> list[str]:
    """``model.char_grams`` with another range of lengths."""
    grams = []
    for word in text.split():
        padded = f" {word} "
        for n in range(low, min(high, len(padded)) + 1):
            grams.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams


# The same text is cut into terms once, not at every one of the 16 fits.
@functools.cache
def _words(text: str, high: int = 2) -> tuple[str, ...]:
    grams = word_grams(text)
    if high == 1:
        return tuple(gram for gram in grams if " " not in gram)
    if high == 3:
        words = [gram for gram in grams if " " not in gram]
        grams += [" ".join(words[i : i + 3]) for i in range(len(words) - 2)]
    return tuple(grams)


@functools.cache
def _chars(text: str, how: str, low: int, high: int) -> tuple[str, ...]:
    if how == "across words":
        return tuple(char_grams_across(text, low, high))
    if (low, high) == (2, 5):
        return tuple(char_grams(text))
    return tuple(char_grams_inside(text, low, high))


def analyzers(setting: dict) -> list:
    words_high = setting["words"][1]
    low, high = setting["char_range"]
    hows = (
        ["inside words", "across words"]
        if setting["chars"] == "inside and across words"
        else [setting["chars"]]
    )
    return [functools.partial(_words, high=words_high)] + [
        functools.partial(_chars, how=how, low=low, high=high) for how in hows
    ]


@functools.cache
def _sms(tokens: bool, links: bool) -> tuple[tuple[str, bool], ...]:
    """The SMS collection, prepared like the videos, for the candidates that
    add it to every fit (never to the out-of-fold groups or the test)."""
    return tuple(
        (prepare(example.text, tokens, links), example.spam)
        for example in read_labelled(SMS_FILE)
    )


def fit_predict(setting: dict, train: list, test: list) -> np.ndarray:
    vectorizers = [
        TfidfVectorizer(
            analyzer=analyzer,
            min_df=setting["min_df"],
            sublinear_tf=setting["sublinear"],
            binary=setting["binary"],
            dtype=np.float64,
        )
        for analyzer in analyzers(setting)
    ]
    union = make_union(*vectorizers)
    texts, labels = [row[0] for row in train], [row[1] for row in train]
    weights = [1.0] * len(train)
    if setting["sms_weight"]:
        sms = _sms(setting["tokens"], setting["links"])
        texts += [row[0] for row in sms]
        labels += [row[1] for row in sms]
        weights += [setting["sms_weight"]] * len(sms)
    x, y, w = union.fit_transform(texts), np.asarray(labels), np.asarray(weights)
    x_test = union.transform([row[0] for row in test])
    classifier = LogisticRegression(
        C=setting["C"], class_weight=setting["class_weight"], max_iter=2000
    )
    if setting["nb"] == "nblr":
        # NB-weighted features (Wang and Manning 2012): each term scaled by its
        # log-count ratio, so the linear model starts from naive Bayes' view.
        ratio = log_count_ratio(x, y, w)
        classifier.fit(x.multiply(ratio).tocsr(), y, sample_weight=w)
        return classifier.predict_proba(x_test.multiply(ratio).tocsr())[:, 1]
    classifier.fit(x, y, sample_weight=w)
    logit = classifier.decision_function(x_test)
    if setting["nb"] == "lr+nblr":
        # the plain and the NB-weighted regression, log-odds averaged (the
        # average of two linear models is one: still one set of weights).
        ratio = log_count_ratio(x, y, w)
        weighted = LogisticRegression(
            C=setting["C"], class_weight=setting["class_weight"], max_iter=2000
        ).fit(x.multiply(ratio).tocsr(), y, sample_weight=w)
        logit = (logit + weighted.decision_function(x_test.multiply(ratio).tocsr())) / 2
    return 1.0 / (1.0 + np.exp(-logit))


def inner_choice(setting: dict, train: list) -> tuple[float, dict]:
    """Threshold and F1 from out-of-fold predictions grouped by video."""
    scores = np.zeros(len(train))
    for group in sorted({row[2] for row in train}):
        rest = [row for row in train if row[2] != group]
        rows = [i for i, row in enumerate(train) if row[2] == group]
        scores[rows] = fit_predict(setting, rest, [train[i] for i in rows])
    spam = np.asarray([row[1] for row in train])
    threshold = threshold_for_fpr(scores[~spam], COLD_START_FPR)
    return threshold, measure(spam, scores, threshold)


def run(name: str, videos: dict) -> dict:
    setting = CANDIDATES[name]
    started = time.monotonic()
    per_video = {}
    for held, test_examples in videos.items():
        unseen = {normalise(example.text) for example in test_examples}
        train = [
            (
                prepare(example.text, setting["tokens"], setting["links"]),
                example.spam,
                video,
            )
            for video, examples in videos.items()
            if video != held
            for example in examples
            if normalise(example.text) not in unseen
        ]
        test = [
            (prepare(e.text, setting["tokens"], setting["links"]), e.spam, held)
            for e in test_examples
        ]
        threshold, inner = inner_choice(setting, train)
        scores = fit_predict(setting, train, test)
        outer = measure([row[1] for row in test], scores, threshold)
        per_video[held] = {
            "inner_f1": inner["spam_f1"],
            "threshold": round(threshold, 3),
            "held_out_f1": outer["spam_f1"],
            "held_out_ham_fpr": outer["ham_fpr"],
            "held_out_auc": outer["auc"],
        }
    return {
        "candidate": name,
        "setting": setting,
        "videos": per_video,
        "seconds": round(time.monotonic() - started, 1),
    }


def main() -> int:
    names = sys.argv[1:] or list(CANDIDATES)
    videos = {path.stem: read_labelled(path) for path in YOUTUBE_FILES}
    for name in names:
        print(json.dumps(run(name, videos)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
