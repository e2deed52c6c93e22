"""Forms on the reader's profile page; they validate, services write."""

from django import forms

from linernotes.core.exceptions import UploadRejected

from .avatars import check_avatar


class ProfileForm(forms.Form):
    display_name = forms.CharField(
        max_length=100,
        required=False,
        label="Display name",
        help_text="Shown with your comments. Leave empty to use your username.",
    )
    bio = forms.CharField(
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
