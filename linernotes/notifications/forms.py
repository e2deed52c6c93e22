"""Validation at the edge for the subscribe form."""

from django import forms
from django.core.exceptions import ValidationError

from linernotes.posts.models import Post, Series

from .models import Subscription


class SubscribeForm(forms.Form):
    email = forms.EmailField(max_length=254)
    kind = forms.ChoiceField(
        choices=Subscription.Kind.choices,
        initial=Subscription.Kind.POSTS,
        widget=forms.RadioSelect,
    )
    series = forms.ModelChoiceField(
        queryset=Series.objects.order_by("title"), required=False
    )
    post = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_post(self) -> Post | None:
        pk = self.cleaned_data.get("post")
        if pk is None:
            return None
        # Only a public post can be followed: never reveal or touch a draft.
        post = Post.objects.published().filter(pk=pk).first()
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
