"""The non-text checks: what came with the words, and what the blog has seen.

Each is a pipeline check (decision 0029) with a kind (decision 0035). Decisive
ones are evidence a person would not leave: the hidden field filled in, a form
sent faster than anyone types, a blocked word, name, address or link, the same
text posted again, a burst from one network or address. Soft ones only tip a
comment towards being held: a first comment from an unknown address, a website
given; an earlier approved comment tips it back.

Counting (rates, duplicates) goes through ``core.ratelimit``, in Django's cache,
so every app server shares it when Redis is configured. Counting happens only
for a new comment (``Submission.record``): an edit or an evaluation run leaves
no trace. Whether a commenter was approved before is ``comments.trust``'s
answer, brought in the submission; whether an address is known, the comments
app's ``CommenterHistory``.
"""

import functools
import re
from urllib.parse import urlsplit

from django.utils import timezone

from linernotes.core import ratelimit
from linernotes.core.site import site_settings

from .checks import Contribution, Kind, Submission
from .folding import fold

# A link's host: after a scheme, or a bare "www." name.
_LINK_HOST = re.compile(
    r"(?:https?://(?:[^@/\s]*@)?|(?<![\w.])(?=www\.))([^/\s:?#\"'<>\[\]()]+)",
    re.IGNORECASE,
)


class Honeypot:
    """The form has a field people never see (hidden from sight and from
    assistive technology); only a script filling in every field writes in it.
    Certain on its own."""

    description = (
        "whether a field hidden from readers was filled in (only programs that "
        "fill in every field do)"
    )

    def __init__(self, score: float = 5.0) -> None:
        self.score = score

    def __call__(self, submission: Submission) -> Contribution | None:
        if not submission.honeypot:
            return None
        return Contribution(
            self.score,
            "filled in the hidden field",
            kind=Kind.DECISIVE,
            certain=True,
        )


class TooFast:
    """Sent sooner after the form was shown than a person reads and types.

    The time comes from the signed token the script fetched with the reader
    state (``spam.formtime``); without it (no JavaScript, a very old tab) the
    check abstains.
    """

    description = (
        "how many seconds passed between this page giving you the form and the "
        "comment being sent"
    )

    def __init__(self, min_seconds: float = 3.0, score: float = 1.0) -> None:
        self.min_seconds, self.score = min_seconds, score

    def __call__(self, submission: Submission) -> Contribution | None:
        if submission.form_shown_at is None:
            return None
        elapsed = (timezone.now() - submission.form_shown_at).total_seconds()
        if elapsed >= self.min_seconds:
            return None
        return Contribution(
            self.score,
            f"sent {max(elapsed, 0):.1f} s after the form was shown",
            kind=Kind.DECISIVE,
        )


class AuthorWebsite:
    """A website in the form is what many spam comments exist to place."""

    description = "whether you gave a website"

    def __init__(self, score: float = 0.2) -> None:
        self.score = score

    def __call__(self, submission: Submission) -> Contribution | None:
        if not submission.author_url:
            return None
        return Contribution(self.score, "gave a website")


class Duplicate:
    """The same text (folded: case, spacing and disguises aside) posted again
    within ``minutes``, on any post and under any name. Short texts ("Thanks!")
    are said twice by different people, so below ``min_length`` it abstains.

    One person's double click is folded into the first comment by the comment
    service before this verdict matters; what this finds is a text copied
    across posts or names.
    """

    description = (
        "whether the same text was posted on this blog recently (only a "
        "one-way fingerprint of the text is kept, and only for that while)"
    )

    def __init__(
        self, minutes: int = 60, min_length: int = 20, score: float = 1.0
    ) -> None:
        self.rate, self.min_length, self.score = f"1/{minutes}m", min_length, score

    def __call__(self, submission: Submission) -> Contribution | None:
        if not submission.record:
            return None
        text = fold(submission.body)
        if len(text) < self.min_length:
            return None
        if ratelimit.hit("spam-duplicate", text, self.rate):
            return None
        return Contribution(self.score, "same text posted recently", Kind.DECISIVE)


class RateByNetwork:
    """More new comments than ``network_rate`` from one network (IPv4 /24,
    IPv6 /48), or than ``email_rate`` under one address. Separate from the
    comment form's own limit per address, which refuses outright: this one
    only weighs in, so a busy office shares a network without losing comments.
    """

    description = (
        "how many comments came in the last minutes from your network (your IP "
        "address shortened) and from your email address (counted for those "
        "minutes only)"
    )

    def __init__(
        self,
        network_rate: str = "6/10m",
        email_rate: str = "6/10m",
        score: float = 1.0,
    ) -> None:
        for rate in (network_rate, email_rate):
            ratelimit.parse_rate(rate)  # a malformed rate stops the site at start
        self.network_rate, self.email_rate = network_rate, email_rate
        self.score = score

    def __call__(self, submission: Submission) -> Contribution | None:
        if not submission.record:
            return None
        counts, named = [], []
        if network := submission.ip_network:
            counts.append(("spam-network", network, self.network_rate))
            named.append("this network")
        if email := submission.author_email.strip().lower():
            counts.append(("spam-email", email, self.email_rate))
            named.append("this address")
        # One cache round trip for the repeat mark and both counts.
        within = ratelimit.hits(
            counts, unless_repeat=("spam-repeat", _identity(submission), REPEAT_SECONDS)
        )
        over = [name for name, ok in zip(named, within or (), strict=False) if not ok]
        if not over:
            return None
        return Contribution(
            self.score, f"many comments from {' and '.join(over)}", Kind.DECISIVE
        )


def _identity(submission: Submission) -> str:
    """What makes a submission the same again (``RateByNetwork``): the same
    words from the same name, address, browser and network within
    ``REPEAT_SECONDS`` (a double click, a retry, a form sent from several
    tabs at once) are one comment, not several: only the first is counted,
    so the copy the comment service keeps is never held for its own
    repeats. Later repeats count again, and the Duplicate check weighs
    repeated words. The repeat mark keeps only a keyed hash of this: no
    address or text is stored."""
    return "\0".join(
        (
            submission.ip_network or "",
            submission.author_email.strip().lower(),
            submission.author_name,
            submission.user_agent,
            submission.body,
        )
    )


# How long the same submission again is a repeat of the first, not a new one.
REPEAT_SECONDS = 30


@functools.lru_cache(maxsize=8)
def _word_pattern(lines: str) -> re.Pattern[str] | None:
    words = sorted({fold(line) for line in lines.splitlines()} - {""}, key=len)
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word in reversed(words))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


@functools.lru_cache(maxsize=8)
def _domains(lines: str) -> frozenset[str]:
    return frozenset(
        d
        for d in (_domain(line.strip().lstrip("@")) for line in lines.splitlines())
        if d
    )


def _domain(text: str) -> str:
    """A host name as the lists compare it: folded, no "www.", no final dot;
    a written-out address ("https://x.example/") gives its host."""
    if "//" in text:
        try:
            text = urlsplit(text).hostname or ""
        except ValueError:  # "http://[not-an-address": no host to compare
            return ""
    host = fold(text).strip(".")
    return host.removeprefix("www.")


def _blocked_domain(host: str, blocked: frozenset[str]) -> str | None:
    """The blocked domain ``host`` is, or is under."""
    parts = host.split(".")
    for start in range(len(parts) - 1):
        candidate = ".".join(parts[start:])
        if candidate in blocked:
            return candidate
    return host if host in blocked else None


def link_hosts(submission: Submission) -> list[str]:
    """Every host the comment links to, the author's website included."""
    hosts = [_domain(m.group(1)) for m in _LINK_HOST.finditer(submission.body)]
    if submission.author_url:
        hosts.append(_domain(submission.author_url))
    return [host for host in hosts if host]


class BlockLists:
    """The writer's block lists in the site settings: words (in the text or
    the name), names, email domains and link domains. Both sides are folded
    (``spam.folding``), so zero-width characters and look-alike letters do not
    hide a match. Every list's first match is named in the reason."""

    description = (
        "your name, email domain, website and the words and links of your "
        "comment, compared with this blog’s block lists"
    )

    def __init__(self, score: float = 1.5) -> None:
        self.score = score

    def __call__(self, submission: Submission) -> Contribution | None:
        site = site_settings()
        found = []
        words = _word_pattern(site.spam_blocked_words)
        if words:
            if match := words.search(
                fold(f"{submission.author_name}\n{submission.body}")
            ):
                found.append(f"blocked word “{match.group(0)}”")
        names = _word_pattern(site.spam_blocked_names)
        if names and (match := names.search(fold(submission.author_name))):
            found.append(f"blocked name “{match.group(0)}”")
        email_domains = _domains(site.spam_blocked_email_domains)
        if email_domains and "@" in submission.author_email:
            host = _domain(submission.author_email.rpartition("@")[2])
            if domain := _blocked_domain(host, email_domains):
                found.append(f"blocked email domain “{domain}”")
        link_domains = _domains(site.spam_blocked_link_domains)
        if link_domains:
            for host in link_hosts(submission):
                if domain := _blocked_domain(host, link_domains):
                    found.append(f"blocked link to “{domain}”")
                    break
        if not found:
            return None
        return Contribution(self.score, ", ".join(found), Kind.DECISIVE)


class ApprovedBefore:
    """An approved comment was written from this browser or account
    (``comments.trust``, which a typed address alone cannot satisfy)."""

    description = (
        "whether a comment written from this browser (its commenter cookie) or "
        "account was approved before"
    )

    def __init__(self, score: float = -0.5) -> None:
        self.score = score

    def __call__(self, submission: Submission) -> Contribution | None:
        if not submission.trusted:
            return None
        return Contribution(self.score, "approved before")


class FirstComment:
    """No comment under this address was ever approved: most spam comes from
    addresses never seen. Asks the blog only when the commenter is not
    already trusted."""

    description = "whether any comment under your email address was approved before"

    def __init__(self, score: float = 0.3) -> None:
        self.score = score

    def __call__(self, submission: Submission) -> Contribution | None:
        email = submission.author_email.strip()
        if submission.trusted or not email or submission.history is None:
            return None
        if submission.history.address_known(email):
            return None
        return Contribution(self.score, "first comment from this address")
