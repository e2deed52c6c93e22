"""wpautop, ported from WordPress (wp-includes/formatting.php)."""

import re

_PRE_SPLIT = re.compile(r"(<pre\b.*?</pre\s*>)", re.DOTALL | re.IGNORECASE)
_ALLBLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|"
    r"li|pre|form|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|"
    r"section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|"
    r"menu|summary)"
)
_PRE_OPEN = re.compile(r"<pre[\s>]", re.IGNORECASE)
_IN_TAG = re.compile(r"<[^>]*>")
_AUTOP_RULES = [
    (re.compile(r"<br\s*/?>\s*<br\s*/?>"), "\n\n"),
    (re.compile(r"(<" + _ALLBLOCKS + r"[\s/>])"), r"\n\n\1"),
    (re.compile(r"(</" + _ALLBLOCKS + r">)"), r"\1\n\n"),
    (re.compile(r"(<hr\s*?/?>)"), r"\1\n\n"),
]
_AUTOP_FIXES = [
    (re.compile(r"<p>\s*</p>"), ""),
    (re.compile(r"<p>([^<]+)</(div|address|form)>"), r"<p>\1</p></\2>"),
    (re.compile(r"<p>\s*(</?" + _ALLBLOCKS + r"[^>]*>)\s*</p>"), r"\1"),
    (re.compile(r"<p>(<li.+?)</p>"), r"\1"),
    (re.compile(r"<p><blockquote([^>]*)>", re.I), r"<blockquote\1><p>"),
    (re.compile(r"</blockquote></p>"), "</p></blockquote>"),
    (re.compile(r"<p>\s*(</?" + _ALLBLOCKS + r"[^>]*>)"), r"\1"),
    (re.compile(r"(</?" + _ALLBLOCKS + r"[^>]*>)\s*</p>"), r"\1"),
]
_KEEP_NEWLINES = re.compile(r"<(script|style|svg|math).*?</\1>", re.DOTALL)
_BR_FIXES = [
    (re.compile(r"(</?" + _ALLBLOCKS + r"[^>]*>)\s*<br />"), r"\1"),
    (re.compile(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)"), r"\1"),
    (re.compile(r"\n</p>$"), "</p>"),
]


def wpautop(text: str) -> str:
    """WordPress's wpautop: blank lines make paragraphs, a single newline a
    ``<br />``, block-level tags are never wrapped, ``<pre>`` is left alone."""
    if not text.strip():
        return ""
    text += "\n"
    pres: list[str] = []
    if _PRE_OPEN.search(text):
        parts = text.split("</pre>")
        last = parts.pop()
        rebuilt = []
        for part in parts:
            start = _PRE_OPEN.search(part)
            if not start:
                rebuilt.append(part + "</pre>")
                continue
            rebuilt.append(
                part[: start.start()] + f"<pre wp-pre-tag-{len(pres)}></pre>"
            )
            pres.append(part[start.start() :] + "</pre>")
        text = "".join(rebuilt) + last
    for pattern, replacement in _AUTOP_RULES:
        text = pattern.sub(replacement, text)
    end = text.rfind(">") + 1  # no tag ends after the last ">" (time squared)
    text = _IN_TAG.sub(lambda m: m[0].replace("\n", "\x02"), text[:end]) + text[end:]
    if "<source" in text or "<track" in text:
        text = re.sub(r"([<\[](?:audio|video)[^>\]]*[>\]])\s*", r"\1", text)
        text = re.sub(r"\s*([<\[]/(?:audio|video)[>\]])", r"\1", text)
        text = re.sub(r"\s*(<(?:source|track)[^>]*>)\s*", r"\1", text)
    if "<figcaption" in text:
        text = re.sub(r"\s*(<figcaption[^>]*>)", r"\1", text)
        text = re.sub(r"</figcaption>\s*", "</figcaption>", text)
    text = re.sub(r"\n\n+", "\n\n", text)
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p]
    text = "".join(f"<p>{p.strip(chr(10))}</p>\n" for p in paragraphs)
    for pattern, replacement in _AUTOP_FIXES:
        text = pattern.sub(replacement, text)
    text = _KEEP_NEWLINES.sub(lambda m: m[0].replace("\n", "\x03"), text)
    text = text.replace("<br>", "<br />").replace("<br/>", "<br />")
    text = re.sub(r"(?<!<br />)\s*\n", "<br />\n", text)
    text = text.replace("\x03", "\n")
    for pattern, replacement in _BR_FIXES:
        text = pattern.sub(replacement, text)
    for index, pre in enumerate(pres):
        text = text.replace(f"<pre wp-pre-tag-{index}></pre>", pre)
    return text.replace("\x02", "\n")


def _outside_pre(text: str) -> str:
    """Hide ``<pre>`` contents from line-based rules (restored by _restore_pre)."""
    return _PRE_SPLIT.sub(lambda m: m[0].replace("\n", "\x04"), text)


def _restore_pre(text: str) -> str:
    return text.replace("\x04", "\n")
