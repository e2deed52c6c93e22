"""The memoised reverse gives what reverse gives."""

from django.urls import reverse

from linernotes.core.routing import reverse_cached


def test_a_cached_url_is_the_url_reverse_builds():
    expected = reverse("posts:tag", kwargs={"slug": "synth"})

    assert reverse_cached("posts:tag", slug="synth") == expected
    assert reverse_cached("posts:tag", slug="synth") == expected


def test_arguments_in_any_order_give_the_same_url():
    first = reverse_cached("posts:detail", year=1985, month=11, slug="rocky-iv")
    second = reverse_cached("posts:detail", slug="rocky-iv", month=11, year=1985)

    assert first == second == "/1985/11/rocky-iv/"
