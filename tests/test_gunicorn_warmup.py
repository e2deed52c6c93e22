"""What gunicorn's master loads before it forks the web workers
(``linernotes/gunicorn_conf.py``): loaded there, it is one copy the workers
share instead of one private copy per worker (the server's memory target in
bench/README.md)."""

import logging

import pytest
from django.db import OperationalError, connections

from linernotes import gunicorn_conf
from linernotes.spam import model

pytestmark = pytest.mark.django_db

log = logging.getLogger("test.gunicorn")


@pytest.fixture
def closed(monkeypatch):
    """Records the master closing its database connections (really closing the
    test database's would end the test's transaction)."""
    calls = []
    monkeypatch.setattr(connections, "close_all", lambda: calls.append("closed"))
    return calls


def test_the_master_loads_the_spam_model_so_a_worker_scores_without_loading_it(
    closed, django_assert_num_queries
):
    gunicorn_conf.warm_master(log)

    # What a worker forked now inherits: the first comment reads no model.
    with django_assert_num_queries(0):
        loaded = model.current_model()
    stored = model.load_model(model.stored_version())
    assert (loaded.version, loaded.threshold) == (stored.version, stored.threshold)
    assert closed == ["closed"]  # no worker inherits the master's connection


def test_a_site_with_no_model_yet_still_starts(closed, caplog):
    from linernotes.spam.models import SpamModel

    SpamModel.objects.all().delete()
    with caplog.at_level(logging.INFO, logger=log.name):
        gunicorn_conf.warm_master(log)

    assert "No spam text model to preload" in caplog.text
    assert closed == ["closed"]
    with pytest.raises(model.ModelError):
        model.current_model()  # each worker holds comments and logs, as before


def test_a_database_that_cannot_answer_does_not_stop_the_server(
    closed, caplog, monkeypatch
):
    def unreachable():
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(model, "current_model", unreachable)
    with caplog.at_level(logging.INFO, logger=log.name):
        gunicorn_conf.warm_master(log)

    assert "Preloading the spam text model failed" in caplog.text
    assert closed == ["closed"]


def test_the_master_compiles_the_comment_form_s_address_patterns(monkeypatch, closed):
    """Django compiles them on first use, which cost each worker 40 ms or more
    on its first guest comment. Tried from uncompiled: each is compiled after."""
    from django.core.validators import EmailValidator, URLValidator
    from django.utils.functional import empty

    patterns = (
        EmailValidator.user_regex,
        EmailValidator.domain_regex,
        EmailValidator.literal_regex,
        URLValidator.regex,
    )
    for pattern in patterns:
        monkeypatch.setattr(pattern, "_wrapped", empty)

    gunicorn_conf.warm_master(log)

    assert all(pattern._wrapped is not empty for pattern in patterns)
