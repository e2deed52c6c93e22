"""Quotation marks around a title, in the pairs the world's keyboards type.

``"Burning Heart"``, ``“Burning Heart”``, ``„Burning Heart“``, ``«…»`` and
``「…」`` all say the same title; the marks are not part of it. A run that
holds its own opening mark again (``"A" and "B"``) is two quotes, not one,
and stays as written.
"""

import re

_QUOTE_PAIRS = {
    '"': '"“',
    "“": "”",
    "„": '“”"',
    "«": "»",
    "»": "«",
    "‘": "’",
    "'": "'",
    "「": "」",
    "『": "』",
}


_APOSTROPHE = re.compile(r"(?<=\w)['’](?=\w)")


def _unquote(text: str) -> str:
    """A title without the quotes around it: "Burning Heart" is Burning Heart."""
    text = text.strip()
    if len(text) >= 2 and text[-1] in _QUOTE_PAIRS.get(text[0], ""):
        inner = text[1:-1]
        if text[0] in "'‘":
            # An apostrophe between letters ("'Let's Go'") closes nothing.
            inner_marks = _APOSTROPHE.sub("", inner)
        else:
            inner_marks = inner
        if text[0] not in inner_marks and text[-1] not in inner_marks:
            return inner.strip()
    return text
