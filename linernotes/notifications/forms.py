"""Validation at the edge for the subscribe form."""

from django import forms
from django.core.exceptions import ValidationError

from linernotes.posts.models import Post, Series
from linernotes.posts.selectors import listed_series

from .models import Subscription


class SubscribeForm(forms.Form):
    email = forms.EmailField(max_length=254)
    kind = forms.ChoiceField(
        choices=Subscription.Kind.choices,
        initial=Subscription.Kind.POSTS,
        widget=forms.RadioSelect,
    )
    series = forms.ModelChoiceField(queryset=Series.objects.none(), required=False)
    post = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only series readers may know of: naming a draft-only one would tell.
        self.fields["series"].queryset = listed_series().order_by("title")

    def clean_post(self) -> Post | None:
        pk = self.cleaned_data.get("post")
        if pk is None:
            return None
        # Only a post everyone may read can be followed: its comments are
        # mailed to followers, who never proved they know a password.
        post = Post.objects.readable().filter(pk=pk).first()
        if post is None:
            raise ValidationError("That post cannot be followed.")
        return post

    def clean(self) -> dict:
        data = super().clean()
        kind = data.get("kind")
        if kind == Subscription.Kind.SERIES and not data.get("series"):
            self.add_error("series", "Choose a series.")
        if kind == Subscription.Kind.COMMENTS and not data.get("post"):
            self.add_error("post", "Follow comments from the post's own page.")
        return data
