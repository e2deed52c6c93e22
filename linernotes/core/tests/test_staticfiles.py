"""The production static storage remembers addresses, and only real ones."""

import json
from pathlib import Path

import pytest
from django.test import override_settings

from linernotes.core.staticfiles import StaticStorage


@pytest.fixture
def storage(tmp_path: Path) -> StaticStorage:
    # What collectstatic leaves behind for one file: the hashed copy and the manifest.
    (tmp_path / "site.abc123.css").write_text("body{}")
    manifest = {"paths": {"site.css": "site.abc123.css"}, "version": "1.1", "hash": "x"}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    return StaticStorage(location=str(tmp_path), base_url="/static/")


@override_settings(DEBUG=False)
def test_an_address_is_the_hashed_one_and_is_worked_out_once(storage, monkeypatch):
    assert storage.url("site.css") == "/static/site.abc123.css"
    # Were the manifest asked again, the answer would change: it is not asked.
    monkeypatch.setattr(storage, "hashed_files", {"site.css": "site.changed.css"})
    assert storage.url("site.css") == "/static/site.abc123.css"


@override_settings(DEBUG=False)
def test_a_name_missing_from_the_manifest_fails_every_time(storage):
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("missing.js")
    assert "missing.js" not in storage._urls


@override_settings(DEBUG=True)
def test_with_debug_on_nothing_is_remembered(storage):
    storage.url("site.css")
    assert storage._urls == {}
