import pytest

from linernotes.notifications.tests import factories


@pytest.fixture
def make_subscription():
    return factories.make_subscription


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run what services queue for after commit (tasks, then their mail) at once."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run
