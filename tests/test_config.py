"""Every setting is documented, validated, and the docs match the README."""
from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from eventcoder.config import SETTINGS_DOC, Config
from eventcoder.errors import ConfigError, EventcoderError


def test_every_setting_is_documented():
    names = {f.name for f in fields(Config)}
    assert names == set(SETTINGS_DOC), names ^ set(SETTINGS_DOC)
    assert all(len(doc) > 20 for doc in SETTINGS_DOC.values())
    described = {name for name, _, _ in Config.describe()}
    assert described == names


def test_readme_lists_every_setting():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    missing = [name for name in SETTINGS_DOC if f"`{name}`" not in readme]
    assert not missing, f"README.md does not document: {missing}"


@pytest.mark.parametrize("kwargs", [
    {"max_chars": 0}, {"batch_size": -1}, {"workers": 0}, {"workers": True},
    {"min_event_confidence": 1.5}, {"model": ""}, {"kb_path": Path("/nonexistent/kb")},
    {"kb_extra": (Path("/nonexistent/extra.jsonl"),)},
])
def test_invalid_settings_raise_config_error(kwargs):
    with pytest.raises(ConfigError) as info:
        Config(**kwargs)
    assert isinstance(info.value, EventcoderError)


def test_defaults_are_valid():
    c = Config()
    assert c.max_chars == 1_000_000 and c.workers == 1 and c.batch_size == 16
