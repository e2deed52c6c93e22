"""Training the text model with scikit-learn, and measuring it.

Only the worker and the ``spam`` command import this module: it is where
scikit-learn lives. A fitted pipeline leaves here as a ``model.Scorer`` (terms,
idf and coefficients), which is what the database stores and web processes use.

Cold start: the four YouTube Spam Collection files shipped in ``data/`` (CC BY
4.0, see their READMEs). The SMS Spam Collection ships too but is left out of
training: measured on held-out YouTube videos it lowered F1 (decision 0034).
The cold-start threshold is the lowest that keeps the ham false-positive rate
of out-of-fold predictions, grouped by video, at ``COLD_START_FPR``.
"""

import csv
import hashlib
import io
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedShuffleSplit
from sklearn.pipeline import make_union

from .model import ANALYZERS, Block, Scorer, normalise

# Raised whenever what a model is trained from or how changes (features,
# estimator, threshold rule): a stored model of an older recipe is retrained by
# the worker's next run (``services.scheduled_training``), so an upgraded site
# does not keep scoring with the model of the version it was installed with.
# 2: links read by their kind, two regressions averaged (decision 0051).
RECIPE = 2
DATA_DIR = Path(__file__).resolve().parent / "data"
YOUTUBE_FILES = tuple(sorted((DATA_DIR / "youtube-spam-collection").glob("*.csv")))
SMS_FILE = DATA_DIR / "sms-spam-collection" / "SMSSpamCollection"
# Terms seen in a single training text are noise (and most of the model's size).
MIN_DF = 2
SUBLINEAR_TF = True
# Links read as their kind (``model.link_words``), not as letters.
LINK_KINDS = True
# Smoothing of naive Bayes' log-count ratios (added to each term's mass).
NB_ALPHA = 0.1
C = 30.0
COLD_START_FPR = 0.01
SITE_FPR = 0.01
# Once the site has enough of its own decisions, each counts this much more
# than a public example: the blog's own spam and comments are what it will see.
SITE_WEIGHT = 3.0
SITE_HELD_OUT = 0.25
MAX_FILE_BYTES = 50 * 1024 * 1024


class CorpusError(Exception):
    """A labelled file that cannot be read as either known layout."""


@dataclass(frozen=True)
class Example:
    text: str
    spam: bool
    group: str  # which file (video) or "site": folds never split a group


def read_labelled(path: Path) -> list[Example]:
    """Rows of a labelled file: the YouTube collection's CSV (CONTENT, CLASS 1 =
    spam; other columns ignored) or the SMS collection's ``label<TAB>text``."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CorpusError(f"{path}: cannot read: {error.strerror}") from error
    if len(data) > MAX_FILE_BYTES:
        raise CorpusError(f"{path}: larger than {MAX_FILE_BYTES // 1024 // 1024} MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CorpusError(f"{path}: not UTF-8 text ({error.reason})") from error
    first = text.split("\n", 1)[0]
    if "CONTENT" in first and "CLASS" in first:
        return _read_csv(path, text)
    if first.split("\t", 1)[0] in {"ham", "spam"}:
        return _read_tsv(path, text)
    raise CorpusError(
        f"{path}: expected a CSV with CONTENT and CLASS columns or "
        "'ham|spam<TAB>text' lines"
    )


def _read_csv(path: Path, text: str) -> list[Example]:
    rows = []
    for number, row in enumerate(csv.DictReader(io.StringIO(text, newline="")), 2):
        label = (row.get("CLASS") or "").strip()
        if label not in {"0", "1"}:
            raise CorpusError(f"{path}, line {number}: CLASS must be 0 or 1")
        rows.append(Example(row.get("CONTENT") or "", label == "1", path.stem))
    return rows


def _read_tsv(path: Path, text: str) -> list[Example]:
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        label, _, body = line.partition("\t")
        if label not in {"ham", "spam"}:
            raise CorpusError(f"{path}, line {number}: label must be ham or spam")
        rows.append(Example(body, label == "spam", path.stem))
    return rows


def public_examples(
    exclude: Sequence[Path] = (), *, with_sms: bool = False
) -> list[Example]:
    """The shipped corpora for cold start, minus ``exclude``: a shipped file
    with the same bytes is left out, and so is any text (normalised) that the
    excluded files contain, so a held-out file is truly unseen."""
    files = list(YOUTUBE_FILES) + ([SMS_FILE] if with_sms else [])
    unseen_hashes, unseen_texts = set(), set()
    for path in exclude:
        unseen_hashes.add(_sha256(path))
        unseen_texts.update(normalise(example.text) for example in read_labelled(path))
    examples = []
    for path in files:
        if _sha256(path) in unseen_hashes:
            continue
        examples += [
            example
            for example in read_labelled(path)
            if normalise(example.text) not in unseen_texts
        ]
    return examples


def _sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as error:
        raise CorpusError(f"{path}: cannot read: {error.strerror}") from error


def fit(
    texts: Sequence[str],
    spam: Sequence[bool],
    weights: Sequence[float] | None = None,
) -> Scorer:
    """TF-IDF word 1–2-grams and character 2–5-grams (counts dampened as
    1 + ln count, each block unit length, so a long comment weighs no more
    than a short one; links as words saying their kind), two logistic
    regressions with balanced classes, one on those features and one on the
    features scaled by naive Bayes' log-count ratios, their log-odds averaged;
    returned as plain data."""
    clean = [normalise(text, links=LINK_KINDS) for text in texts]
    return export(fit_parts(clean, spam, weights))


@dataclass(frozen=True)
class Fitted:
    """The scikit-learn parts of a fitted model, before export."""

    union: object
    plain: LogisticRegression
    weighted: LogisticRegression
    ratio: np.ndarray

    def probability(self, clean: Sequence[str]) -> np.ndarray:
        """scikit-learn's own reading of normalised texts (what the scorer
        must reproduce)."""
        x = self.union.transform(clean)
        logit = (
            self.plain.decision_function(x)
            + self.weighted.decision_function(x.multiply(self.ratio).tocsr())
        ) / 2
        return 1.0 / (1.0 + np.exp(-logit))


def fit_parts(
    clean: Sequence[str],
    spam: Sequence[bool],
    weights: Sequence[float] | None = None,
) -> Fitted:
    """Fit both regressions on normalised texts.

    The second one sees each term scaled by its log-count ratio (how much
    likelier it is in spam than in ham, naive Bayes' view; Wang and Manning,
    2012), so a term seen in a few spam texts and no ham counts more than
    the plain regression alone lets it. Averaging the two log-odds is again a
    linear model, so the stored format and the scorer stay as they are
    (bench/analysis.md, session 8)."""
    union = make_union(
        *(
            TfidfVectorizer(
                analyzer=analyzer,
                min_df=MIN_DF,
                sublinear_tf=SUBLINEAR_TF,
                dtype=np.float64,
            )
            for analyzer in ANALYZERS
        )
    )
    x = union.fit_transform(clean)
    y = np.asarray(spam, dtype=bool)
    w = np.ones(len(y)) if weights is None else np.asarray(weights, dtype=np.float64)
    ratio = log_count_ratio(x, y, w)
    plain = _regression().fit(x, y, sample_weight=w)
    weighted = _regression().fit(x.multiply(ratio).tocsr(), y, sample_weight=w)
    return Fitted(union, plain, weighted, ratio)


def _regression() -> LogisticRegression:
    return LogisticRegression(
        C=C, class_weight="balanced", solver="lbfgs", max_iter=1000
    )


def log_count_ratio(x, y: np.ndarray, w: np.ndarray) -> np.ndarray:
    """log(share of the spam's feature mass on a term / the ham's share),
    smoothed by ``NB_ALPHA``; weighted examples count by their weight."""
    spam = np.asarray(x[y].T @ w[y]).ravel() + NB_ALPHA
    ham = np.asarray(x[~y].T @ w[~y]).ravel() + NB_ALPHA
    return np.log(spam / spam.sum()) - np.log(ham / ham.sum())


def export(fitted: Fitted) -> Scorer:
    """A fitted model as a ``Scorer``: the averaged log-odds are
    ``(b₁ + b₂)/2 + Σ xᵢ (w₁ᵢ + w₂ᵢ rᵢ)/2``, one coefficient per term."""
    coef = (fitted.plain.coef_[0] + fitted.weighted.coef_[0] * fitted.ratio) / 2
    intercept = (fitted.plain.intercept_[0] + fitted.weighted.intercept_[0]) / 2
    blocks, start = [], 0
    for _, vectorizer in fitted.union.transformer_list:
        size = len(vectorizer.vocabulary_)
        index = {
            str(term): int(column) for term, column in vectorizer.vocabulary_.items()
        }
        blocks.append(
            Block(
                index,
                vectorizer.idf_.astype(np.float64),
                coef[start : start + size].astype(np.float64),
            )
        )
        start += size
    return Scorer(tuple(blocks), float(intercept), SUBLINEAR_TF, LINK_KINDS)


def probabilities(scorer: Scorer, texts: Iterable[str]) -> np.ndarray:
    return np.fromiter((scorer.probability(text) for text in texts), dtype=np.float64)


def threshold_for_fpr(ham_probabilities: np.ndarray, max_fpr: float) -> float:
    """The lowest threshold (spam when p ≥ threshold) flagging at most
    ``max_fpr`` of these ham texts."""
    ham = np.sort(np.asarray(ham_probabilities, dtype=np.float64))
    if not len(ham):
        return 0.5
    allowed = int(np.floor(max_fpr * len(ham)))
    # The (allowed+1)-th highest ham must fall below the threshold.
    highest_kept = ham[len(ham) - 1 - allowed]
    return float(min(max(np.nextafter(highest_kept, 1.0), 0.5), 0.999))


def measure(spam: Sequence[bool], scores: Sequence[float], threshold: float) -> dict:
    """spam F1, precision, recall, ham FPR and AUC at ``threshold``."""
    truth = np.asarray(spam, dtype=bool)
    scores = np.asarray(scores, dtype=np.float64)
    flagged = scores >= threshold
    tp = int((flagged & truth).sum())
    fp = int((flagged & ~truth).sum())
    fn = int((~flagged & truth).sum())
    hams = int((~truth).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    both = truth.any() and (~truth).any()
    return {
        "n": len(truth),
        "spam_f1": _round(2 * precision * recall / (precision + recall))
        if precision + recall
        else 0.0,
        "precision": _round(precision),
        "recall": _round(recall),
        "ham_fpr": _round(fp / hams) if hams else 0.0,
        "auc": _round(float(roc_auc_score(truth, scores))) if both else None,
    }


def _round(value: float) -> float:
    return round(float(value), 4)


def out_of_fold(examples: Sequence[Example]) -> np.ndarray:
    """Each example's probability from a model that never saw its group."""
    scores = np.zeros(len(examples))
    groups = sorted({example.group for example in examples})
    for group in groups:
        train = [example for example in examples if example.group != group]
        scorer = fit([e.text for e in train], [e.spam for e in train])
        for position, example in enumerate(examples):
            if example.group == group:
                scores[position] = scorer.probability(example.text)
    return scores


@dataclass(frozen=True)
class Trained:
    scorer: Scorer
    threshold: float
    site_trained: bool
    trained_on: str
    metrics: dict = field(default_factory=dict)
    # The cold start's out-of-fold probabilities, one per training example
    # (the benchmark reads other operating points from them); never stored.
    out_of_fold: np.ndarray | None = field(default=None, repr=False, compare=False)


def train_cold_start(exclude: Sequence[Path] = ()) -> Trained:
    """The model a new site starts with, from the shipped public data only."""
    return train_public(public_examples(exclude))


def train_public(examples: Sequence[Example]) -> Trained:
    """Fit on ``examples`` (grouped by file, i.e. by video) with the threshold
    from out-of-fold predictions that leave one group out at a time."""
    if len({example.group for example in examples}) < 2:
        raise CorpusError("cold start needs at least two public files to train on")
    started = time.monotonic()
    oof = out_of_fold(examples)
    ham = np.asarray([not example.spam for example in examples])
    threshold = threshold_for_fpr(oof[ham], COLD_START_FPR)
    scorer = fit([e.text for e in examples], [e.spam for e in examples])
    files = sorted({example.group for example in examples})
    metrics = {
        **measure([e.spam for e in examples], oof, threshold),
        "measured_on": "out-of-fold predictions, one video left out at a time",
        "seconds": round(time.monotonic() - started, 2),
        "recipe": RECIPE,
    }
    return Trained(
        scorer,
        threshold,
        site_trained=False,
        trained_on=f"cold start: {len(examples)} public examples ({', '.join(files)})",
        metrics=metrics,
        out_of_fold=oof,
    )


class NotEnoughData(Exception):
    """The site's own decisions cannot train a model yet; the message says why."""


def train_for_site(
    site: Sequence[Example],
    *,
    minimum: int,
    exclude: Sequence[Path] = (),
    seed: int = 0,
) -> Trained:
    """Public data plus the site's own decisions, the site's weighted above.

    A quarter of the site's examples (stratified) is held out of the fit: the
    threshold is the lowest that keeps their ham FPR at ``SITE_FPR``, and the
    reported precision, recall and FPR are measured on them, so they are honest
    figures for the stored model.
    """
    spam = sum(example.spam for example in site)
    ham = len(site) - spam
    if len(site) < minimum:
        raise NotEnoughData(
            f"the site has {len(site)} moderated comments ({ham} approved, "
            f"{spam} spam); training on its own data needs at least {minimum}"
        )
    if not spam or not ham:
        missing = "spam" if not spam else "approved comments"
        raise NotEnoughData(
            f"the site's {len(site)} moderated comments hold no {missing}; "
            "training needs both"
        )
    started = time.monotonic()
    labels = np.asarray([example.spam for example in site])
    split = StratifiedShuffleSplit(
        n_splits=1, test_size=SITE_HELD_OUT, random_state=seed
    )
    fit_rows, held_rows = next(split.split(np.zeros(len(site)), labels))
    public = public_examples(exclude)
    train = public + [site[i] for i in fit_rows]
    weights = [1.0] * len(public) + [SITE_WEIGHT] * len(fit_rows)
    scorer = fit([e.text for e in train], [e.spam for e in train], weights)
    held = [site[i] for i in held_rows]
    scores = probabilities(scorer, (e.text for e in held))
    held_ham = np.asarray([not e.spam for e in held])
    threshold = threshold_for_fpr(scores[held_ham], SITE_FPR)
    metrics = {
        **measure([e.spam for e in held], scores, threshold),
        "measured_on": f"{len(held)} of the site's own comments held out of training",
        "seconds": round(time.monotonic() - started, 2),
        "recipe": RECIPE,
    }
    return Trained(
        scorer,
        threshold,
        site_trained=True,
        trained_on=(
            f"{len(site)} of the site's moderated comments ({ham} approved, {spam} "
            f"spam; {len(fit_rows)} trained on, weight {SITE_WEIGHT:g}) and "
            f"{len(public)} public examples"
        ),
        metrics=metrics,
    )
