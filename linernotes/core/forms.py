"""Form fields whose values cannot carry characters XML 1.0 forbids.

Names, addresses and texts readers type end up in feeds and exports; one
control character would break every feed listing it (``core.text``). These
fields drop such characters before validating, so an address or a link with
one hidden inside is the address or link without it, and a NUL is dropped
rather than refused.
"""

from django import forms

from .text import strip_control_characters


class _XmlSafe:
    def to_python(self, value):
        if isinstance(value, str):
            value = strip_control_characters(value)
        return super().to_python(value)


class TextField(_XmlSafe, forms.CharField):
    pass


class EmailAddressField(_XmlSafe, forms.EmailField):
    pass


class WebAddressField(_XmlSafe, forms.URLField):
    pass


# Largest id a database row can have (a signed 64-bit integer).
_MAX_ID = 2**63 - 1


def row_id(value: object) -> int | None:
    """A row id from a query or form parameter, or None when it is not one.

    ``str.isdigit`` takes "²" and ``int`` takes any length, which the database
    then refuses with a 500; an id is ASCII digits within the 64-bit range.
    """
    text = str(value).strip()
    if not text.isascii() or not text.isdecimal() or len(text) > 19:
        return None
    number = int(text)
    return number if 0 < number <= _MAX_ID else None
