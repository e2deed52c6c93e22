"""Text that every stored field can carry: no characters XML 1.0 forbids.

Feeds, sitemaps and exports are XML, and XML 1.0 cannot hold the C0 control
characters other than tab, newline and carriage return, nor U+FFFE/U+FFFF or
lone surrogates. One such character in a comment would break every feed that
lists it, so they are removed on the way in (forms, services, imports) and
again on the way out of XML for rows stored before this rule.
"""

import re

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def strip_control_characters(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry."""
    return _NOT_XML.sub("", text) if text else text
