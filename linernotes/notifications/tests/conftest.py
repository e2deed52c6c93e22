import pytest

from linernotes.notifications.tests import factories


@pytest.fixture
def make_subscription():
    return factories.make_subscription
