"""Forms on the reader's profile page; they validate, services write."""

from django import forms

from linernotes.core.exceptions import UploadRejected
from linernotes.core.forms import TextField

from .avatars import check_avatar


class ProfileForm(forms.Form):
    """Both fields drop characters XML cannot carry (``core.forms``): the name
    goes out with every comment, into feeds and exports."""

    display_name = TextField(
        max_length=100,
        required=False,
        label="Display name",
        help_text="Shown with your comments. Leave empty to use your username.",
    )
    bio = TextField(
        required=False,
        max_length=2000,
        label="About you",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Optional, a few lines.",
    )


class AvatarForm(forms.Form):
    # A plain FileField: Django's ImageField would accept any format Pillow can
    # open; check_avatar narrows that and gives the reader a clearer reason.
    avatar = forms.FileField(
        label="Picture", widget=forms.ClearableFileInput(attrs={"accept": "image/*"})
    )

    def clean_avatar(self):
        upload = self.cleaned_data["avatar"]
        try:
            check_avatar(upload)
        except UploadRejected as error:
            raise forms.ValidationError(str(error)) from error
        return upload
