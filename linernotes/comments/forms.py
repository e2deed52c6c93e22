"""The reply form. It carries no per-reader state, so the post page stays shared.

Every text field drops the characters XML 1.0 cannot carry before validating
(``core.forms``): one in a name or a body would break every comment feed.
"""

import unicodedata

from django import forms
from django.conf import settings

from linernotes.core.forms import EmailAddressField, TextField, WebAddressField


class CommentForm(forms.Form):
    name = TextField(max_length=100, label="Name")
    email = EmailAddressField(
        max_length=254, label="Email", help_text="Never shown; used to recognise you."
    )
    url = WebAddressField(max_length=200, required=False, label="Website")
    body = TextField(label="Comment", widget=forms.Textarea(attrs={"rows": 6}))
    notify = forms.BooleanField(
        required=False, label="Email me when someone replies to this comment"
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    key = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    # For the spam checks (spam.rules). ``subject`` is the honeypot: hidden
    # from people and assistive technology, so only a script fills it in; any
    # length is taken, so a bot gets a verdict rather than a form error.
    # ``shown`` is the signed token comments.js copies from the reader state.
    subject = TextField(required=False, strip=False)
    shown = TextField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, signed_in: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if signed_in:
            for name in ("name", "email", "url"):
                self.fields[name].required = False

    def clean_body(self) -> str:
        return checked_body(self.cleaned_data["body"])


class EditForm(forms.Form):
    """A commenter's own comment, changed within the edit window."""

    body = TextField(label="Comment", widget=forms.Textarea(attrs={"rows": 6}))

    def clean_body(self) -> str:
        return checked_body(self.cleaned_data["body"])


def checked_body(body: str) -> str:
    """The body without surrounding space; empty, nothing but invisible
    characters (zero-width spaces, joiners, marks) or past the length limit,
    it is refused with a message the reader can act on."""
    body = body.strip()
    limit = settings.LINERNOTES_COMMENT_MAX_LENGTH
    if not any(unicodedata.category(ch)[0] not in "CZ" for ch in body):
        raise forms.ValidationError("Write something first.")
    if len(body) > limit:
        raise forms.ValidationError(
            f"Comments can be at most {limit:,} characters; this one has {len(body):,}."
        )
    return body
