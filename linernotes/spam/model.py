"""The text model at serving time: a small scorer over stored weights.

Training uses scikit-learn (``training.py``); a web process only needs this
module, which turns a comment into the same features with the same two
analyzers the training handed to scikit-learn (so the vocabularies match by
construction), weighs them by the stored idf, normalises each block to unit
length and takes the logistic of the dot product with the stored coefficients.
No pickle: the model is a list of terms and an array of float64 numbers.

Every app server and worker reads the newest ``SpamModel`` row. Which version
is newest is asked of Django's cache (Redis when configured) at most every
``VERSION_CHECK_SECONDS``, so a retrain reaches all processes within seconds
and a comment pays for a dictionary look-up, not a query (decision 0034).
"""

import html
import json
import logging
import math
import re
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
from django.core.cache import cache

logger = logging.getLogger(__name__)

FORMAT = 1
# A comment longer than this is judged on its beginning: spam shows itself
# early, and the cost of one verdict stays bounded (issue 11, item 9).
MAX_CHARS = 4000
WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (2, 5)
VERSION_CACHE_KEY = "spam:model-version"
VERSION_CHECK_SECONDS = 10.0
VERSION_CACHE_SECONDS = 60
WORD_CACHE_SIZE = 4096
# Only words up to this length are remembered, so the cache stays near a
# megabyte: a spammer's 10,000-letter "word" would otherwise hold 37 KB.
WORD_CACHE_MAX_CHARS = 32

_TAG = re.compile(r"<[^>]{0,200}>")
_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"(?u)\b\w\w+\b")


def normalise(text: str, links: bool = False) -> str:
    """The form of a text both training and serving see: entities decoded,
    tags and invisible characters dropped, compatibility forms folded (NFKC
    turns full-width and many look-alike letters into plain ones), lower case,
    one space between words, at most ``MAX_CHARS``. With ``links``, every
    address (also a link's ``href``) becomes words saying what kind of link it
    is (``link_words``)."""
    text = html.unescape(text[: MAX_CHARS * 2])
    if links:
        text = _HREF.sub(lambda match: f" {match.group(1)} ", text)
    text = _INVISIBLE.sub("", _TAG.sub(" ", text))
    text = unicodedata.normalize("NFKC", text).lower()
    if links:
        text = _LINK.sub(lambda match: link_words(match.group(0)), text)
    return _SPACE.sub(" ", text).strip()[:MAX_CHARS]


_HREF = re.compile(
    r"""<a\s[^>]{0,300}?href\s*=\s*["']?([^"'\s>]{1,500})[^>]{0,300}>""", re.I
)
_TLDS = "com|net|org|info|biz|be|ly|co|us|tk|me|tv|io|uk|de|ru|gl|gd|cc|ws|in|fm"
_LINK = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']{1,500}"
    rf"|\b(?:[a-z0-9-]{{1,63}}\.){{1,4}}(?:{_TLDS})\b(?:/[^\s<>\"']{{0,500}})?"
)
_SCHEME = re.compile(r"^(?:https?://)?(?:www\.|m\.)?")
_VIDEO_HOSTS = frozenset({"youtube.com", "youtu.be"})
_CHANNEL_PATHS = ("user/", "channel/", "c/", "@")
# Second-level labels under a country's domain ("co" of example.co.uk).
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov"})
# The words ``link_words`` writes: whole words only, never cut into character
# n-grams (which would make every kind of link share "lin", "link", "ink").
LINK_WORDS = frozenset(
    {"linkany", "linkvideo", "linkchannel", "linkvideosite", "linkweb"}
)


def link_words(address: str) -> str:
    """An address as what kind of link it is, not its letters. On the video
    site the public comments were written on, a video (what a reader shares,
    often the very video the comments are about) is ``linkvideo``, a channel
    (what a spammer promotes) ``linkchannel``, anything else there
    ``linkvideosite``; a link elsewhere is ``linkweb`` and the site's name.
    Every link also says ``linkany``. Ids and paths are dropped: a model can
    only memorise them."""
    rest = _SCHEME.sub("", address.lower())
    host, _, path = rest.partition("/")
    host = re.split(r"[?#:]", host, maxsplit=1)[0]
    if host in _VIDEO_HOSTS:
        if host == "youtu.be" or path.startswith("watch"):
            return " linkany linkvideo "
        if path.startswith(_CHANNEL_PATHS):
            return " linkany linkchannel "
        return " linkany linkvideosite "
    labels = [label for label in host.split(".") if label][:-1]  # no top level
    if len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
        labels.pop()
    return f" linkany linkweb {labels[-1] if labels else ''} "


def word_grams(text: str) -> list[str]:
    """Words of two or more letters and the pairs of neighbours (scikit-learn's
    default token pattern, ngram_range (1, 2)); ``text`` is normalised."""
    words = _WORD.findall(text)
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def char_grams(text: str) -> list[str]:
    """Character 2- to 5-grams inside words padded with a space (scikit-learn's
    ``char_wb``): robust to misspellings and glued-together spam words."""
    low, high = CHAR_NGRAMS
    # One comprehension rather than a loop of extends: this is most of the
    # work of scoring a comment.
    return [
        padded[i : i + n]
        for padded in [f" {word} " for word in text.split() if word not in LINK_WORDS]
        for n in range(low, min(high, len(padded)) + 1)
        for i in range(len(padded) - n + 1)
    ]


ANALYZERS = (word_grams, char_grams)


@dataclass(frozen=True)
class Block:
    """One vectoriser's part of the model: term → column, idf and weights."""

    index: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray
    # The character block's columns of each word seen lately: a comment's
    # words are mostly words earlier comments used, and cutting a word into
    # n-grams and looking each up is most of the work of a verdict. Bounded
    # (``WORD_CACHE_SIZE`` words, about a megabyte), filled first come.
    word_columns: dict[str, tuple[int, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def dot(self, grams: list[str], sublinear: bool = False) -> float:
        """Unit-length tf-idf of ``grams`` dotted with this block's
        coefficients; a term's count ``c`` weighs ``1 + ln c`` when
        ``sublinear`` (scikit-learn's ``sublinear_tf``), else ``c``."""
        counts = Counter(grams)
        # The set operation runs in C: most of a comment's terms are not in
        # the vocabulary.
        known = counts.keys() & self.index.keys()
        index = self.index
        return self._weigh(
            [index[gram] for gram in known], [counts[gram] for gram in known], sublinear
        )

    def char_dot(self, text: str, sublinear: bool = False) -> float:
        """``dot(char_grams(text))``, the same number, from each word's
        columns (``char_grams`` cuts word by word, so a text's counts are the
        sums of its words')."""
        cache, index = self.word_columns, self.index
        found: list[int] = []
        for word in text.split():
            columns = cache.get(word)
            if columns is None:
                columns = tuple(
                    column
                    for gram in char_grams(word)
                    if (column := index.get(gram)) is not None
                )
                if len(word) <= WORD_CACHE_MAX_CHARS and len(cache) < WORD_CACHE_SIZE:
                    cache[word] = columns
            found.extend(columns)
        counts = Counter(found)
        return self._weigh(list(counts), list(counts.values()), sublinear)

    def _weigh(self, columns: list[int], tfs: list[int], sublinear: bool) -> float:
        if not columns:
            return 0.0
        tf = np.asarray(tfs, dtype=np.float64)
        if sublinear:
            tf = 1.0 + np.log(tf)
        values = tf * self.idf[columns]
        norm = math.sqrt(float(values @ values))
        return float(values @ self.coef[columns]) / norm


@dataclass(frozen=True)
class Scorer:
    """A trained model as plain data, able to score one text at a time."""

    blocks: tuple[Block, ...]
    intercept: float
    # Term counts dampened as 1 + ln(count): a word repeated ten times is not
    # ten times the evidence (models stored before it was used lack the key).
    sublinear: bool = False
    # Addresses read as the kind of link they are (``link_words``); models
    # stored before this lack the key and read them as letters.
    links: bool = False

    def probability(self, text: str) -> float:
        """The model's probability that ``text`` is spam, in [0, 1]."""
        clean = normalise(text, links=self.links)
        words, chars = self.blocks  # in the order of ANALYZERS
        z = (
            self.intercept
            + words.dot(word_grams(clean), self.sublinear)
            + chars.char_dot(clean, self.sublinear)
        )
        if z < -700:  # math.exp overflows past about 709
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def to_data(self) -> tuple[str, bytes]:
        """The vocabulary as JSON (one list of terms per block, in column order)
        and the numbers as little-endian float64: intercept, then per block its
        idf and its coefficients."""
        vocabulary = []
        numbers = [np.asarray([self.intercept], dtype="<f8")]
        for block in self.blocks:
            terms = [""] * len(block.index)
            for term, column in block.index.items():
                terms[column] = term
            vocabulary.append(terms)
            numbers += [block.idf.astype("<f8"), block.coef.astype("<f8")]
        text = json.dumps(
            {
                "format": FORMAT,
                "blocks": vocabulary,
                "sublinear": self.sublinear,
                "links": self.links,
            },
            ensure_ascii=False,
        )
        return text, b"".join(array.tobytes() for array in numbers)

    @classmethod
    def from_data(cls, vocabulary: str, weights: bytes) -> "Scorer":
        """Rebuild from ``to_data``'s output; anything inconsistent raises
        ``ModelError`` rather than scoring with shifted weights."""
        try:
            data = json.loads(vocabulary)
            if data.get("format") != FORMAT or len(data["blocks"]) != len(ANALYZERS):
                raise ModelError("unknown model format")
            sublinear = data.get("sublinear", False)
            links = data.get("links", False)
            if not isinstance(sublinear, bool) or not isinstance(links, bool):
                raise ModelError(
                    "unknown model format: sublinear or links is not true or false"
                )
            sizes = [len(terms) for terms in data["blocks"]]
            if len(weights) != 8 * (1 + 2 * sum(sizes)):
                raise ModelError("the weights do not match the vocabulary")
            numbers = np.frombuffer(weights, dtype="<f8").astype(np.float64)
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            raise ModelError(f"unreadable model: {error}") from error
        if not np.all(np.isfinite(numbers)):
            raise ModelError("the weights hold non-finite numbers")
        blocks, start = [], 1
        for terms, size in zip(data["blocks"], sizes, strict=True):
            idf = numbers[start : start + size]
            coef = numbers[start + size : start + 2 * size]
            start += 2 * size
            index = {term: column for column, term in enumerate(terms)}
            if len(index) != size:
                raise ModelError("the vocabulary repeats a term")
            blocks.append(Block(index, idf, coef))
        return cls(tuple(blocks), float(numbers[0]), sublinear, links)


class ModelError(Exception):
    """The stored model cannot be used (missing, corrupt or of another format)."""


@dataclass(frozen=True)
class LoadedModel:
    """The scorer with what the pipeline's policy needs to know about it."""

    version: int
    scorer: Scorer
    threshold: float
    site_trained: bool


class _Current:
    """This process's copy of the newest stored model, checked against the
    shared version number now and then. A failed load is remembered for the
    same version, so a corrupt row is logged once per process, not per comment."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.loaded: LoadedModel | None = None
        self.failed_version: int | None = None
        self.checked_at = -math.inf
        self.version: int | None = None
        self.pinned: LoadedModel | None = None

    def get(self) -> LoadedModel:
        if self.pinned is not None:
            return self.pinned
        now = time.monotonic()
        if now - self.checked_at >= VERSION_CHECK_SECONDS:
            self.version = stored_version()
            self.checked_at = now
        version = self.version
        if version is None:
            raise ModelError("no text model has been trained yet")
        if self.loaded is not None and self.loaded.version == version:
            return self.loaded
        if self.failed_version == version:
            raise ModelError(f"text model version {version} cannot be used")
        with self.lock:
            try:
                self.loaded = load_model(version)
            except ModelError:
                self.failed_version = version
                logger.exception(
                    "Spam text model version %s cannot be used; comments are "
                    "held until `linernotes spam train` rebuilds it",
                    version,
                )
                raise
            self.failed_version = None
        return self.loaded

    def forget(self) -> None:
        self.loaded, self.failed_version, self.version = None, None, None
        self.checked_at = -math.inf


_current = _Current()


def stored_version() -> int | None:
    """The newest model's version, from the cache when another process has
    looked it up lately, else from the database (and then cached)."""
    version = cache.get(VERSION_CACHE_KEY)
    if version is None:
        from .models import SpamModel

        version = (
            SpamModel.objects.order_by("-version")
            .values_list("version", flat=True)
            .first()
        )
        cache.set(VERSION_CACHE_KEY, version or 0, VERSION_CACHE_SECONDS)
    return version or None


def announce_version(version: int) -> None:
    """Tell every process (through the shared cache) that ``version`` is newest."""
    cache.set(VERSION_CACHE_KEY, version, VERSION_CACHE_SECONDS)


def load_model(version: int) -> LoadedModel:
    """Read and check one stored model."""
    from .models import SpamModel

    row = SpamModel.objects.filter(version=version).first()
    if row is None:
        raise ModelError(f"text model version {version} is not stored")
    scorer = Scorer.from_data(row.vocabulary, bytes(row.weights))
    if not 0.0 < row.threshold < 1.0:
        raise ModelError(f"text model version {version} has threshold {row.threshold}")
    return LoadedModel(row.version, scorer, row.threshold, row.site_trained)


def current_model() -> LoadedModel:
    """The model this site uses now; ``ModelError`` when there is none usable."""
    return _current.get()


def forget_current_model() -> None:
    """Drop this process's copy, so the next comment looks the version up again
    (after a retrain in this process, and between tests)."""
    _current.forget()


@contextmanager
def pinned_model(model: LoadedModel) -> Iterator[None]:
    """Judge with ``model`` for a while, touching neither cache nor database
    (``spam evaluate``, which must write nothing)."""
    before = _current.pinned
    _current.pinned = model
    try:
        yield
    finally:
        _current.pinned = before
