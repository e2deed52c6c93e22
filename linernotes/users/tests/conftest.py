"""Builders only the users tests need, exposed as fixtures like the root ones."""

import pytest

from .factories import make_account as _make_account


@pytest.fixture
def make_account():
    return _make_account
