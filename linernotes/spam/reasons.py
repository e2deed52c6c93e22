"""The spam checks' reasons as a writer reads them in the moderation queue,
the digest and the spam report.

A comment stores the reasons its checks gave, as short lower-case phrases
("sent 0.8 s after the form was shown", "3 links"). This module is the one
place that turns them into the words shown to writers and sorts them into the
kinds the spam report counts. A reason no kind knows (a site's own check)
still shows, capitalised, and is counted under "Other".

The kinds match on a fixed fragment of each reason, not on its numbers or
quoted words, so the report can count them in the database with one query
(``spam.moderation.reason_counts``): fragments are plain ASCII, which reads the
same in a JSON document on SQLite (escaped) and on PostgreSQL (not).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

_TEXT_MODEL = re.compile(
    r"^text (?P<reads>reads like spam|reads fine) to (?P<model>this site's model"
    r"|the starting model) \((?P<p>[\d.]+), threshold (?P<t>[\d.]+)\)$"
)


@dataclass(frozen=True)
class ReasonKind:
    """One kind of reason: its name in the report and the fragment every
    reason of the kind contains."""

    key: str
    label: str
    fragment: str

    def matches(self, reason: str) -> bool:
        return self.fragment in f'"{reason}"'


#: Every kind the shipped checks give, decisive evidence first.
KINDS: tuple[ReasonKind, ...] = (
    ReasonKind("honeypot", "Filled in the hidden field", "hidden field"),
    ReasonKind("too_fast", "Posted faster than a person types", "after the form"),
    ReasonKind("blocked_word", "Blocked word", "blocked word"),
    ReasonKind("blocked_name", "Blocked name", "blocked name"),
    ReasonKind("blocked_email", "Blocked email domain", "blocked email domain"),
    ReasonKind("blocked_link", "Link to a blocked domain", "blocked link"),
    ReasonKind("duplicate", "Same text posted recently", "same text posted"),
    ReasonKind("rate", "Many comments from one network or address", "many comments"),
    ReasonKind("akismet_blatant", "Akismet says blatant spam", "says blatant spam"),
    ReasonKind("akismet", "Akismet says spam", "Akismet says spam"),
    ReasonKind("text_spam", "Words read like spam", "reads like spam"),
    ReasonKind("links", "Three or more links", ' links"'),
    ReasonKind("website", "Gave a website", "gave a website"),
    ReasonKind("no_user_agent", "No browser name", "no user agent"),
    ReasonKind("first_comment", "First comment from this address", "first comment"),
    ReasonKind("approved_before", "Approved before", "approved before"),
    ReasonKind("no_model", "Text model unavailable", "model is unavailable"),
    ReasonKind("akismet_down", "Akismet did not answer", "Akismet did not answer"),
)


def kind_of(reason: str) -> ReasonKind | None:
    """The kind ``reason`` belongs to, or None for one no kind knows."""
    return next((kind for kind in KINDS if kind.matches(reason)), None)


def describe(reason: str) -> str:
    """One stored reason in a writer's words: "Posted 0.8 s after the form
    was shown", "Words read like spam (91%, this site's model)"."""
    reason = reason.strip()
    if reason == "no rule matched":
        return "Nothing suspicious"
    if reason.startswith("sent ") and reason.endswith("after the form was shown"):
        return "Posted" + reason.removeprefix("sent")
    if reason == "no user agent":
        return "No browser name (user agent) sent"
    if reason == "the text model is unavailable, so it is held":
        return "Text model unavailable, so held"
    if match := _TEXT_MODEL.match(reason):
        return _describe_text(match)
    return reason[:1].upper() + reason[1:]


def _describe_text(match: re.Match[str]) -> str:
    reads = "Words read like spam" if "spam" in match["reads"] else "Words read fine"
    model = "site's model" if "site" in match["model"] else "starting model"
    probability, threshold = float(match["p"]), float(match["t"])
    return f"{reads} ({probability:.0%}; {model} flags from {threshold:.0%})"


def describe_all(reasons: Iterable[str] | None) -> list[str]:
    """Every stored reason in words, in the order the checks gave them. A
    value that is not a list of strings (hand-edited data) gives none."""
    if not isinstance(reasons, list):
        return []
    return [describe(reason) for reason in reasons if isinstance(reason, str)]
