"""The load cache: a resource is read back only when it was built from the same bytes."""
from __future__ import annotations

import gc
import pickle

import pytest

from eventcoder.loading import cache_dir, cached, paused_gc


def _builder(calls: list, value):
    def build():
        calls.append(1)
        return value
    return build


def test_cache_hit_needs_the_same_bytes(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path / "cache"))
    src = tmp_path / "data.jsonl"
    src.write_text('{"a": 1}\n')
    calls: list = []
    assert cached("t", [src], _builder(calls, {"v": 1})) == {"v": 1}
    assert cached("t", [src], _builder(calls, {"v": 2})) == {"v": 1}  # read back, not rebuilt
    assert len(calls) == 1
    src.write_text('{"a": 2}\n')  # same name, other bytes: a miss
    assert cached("t", [src], _builder(calls, {"v": 3})) == {"v": 3}
    assert len(calls) == 2
    assert len(list(cache_dir().glob("t-*.pickle"))) == 2


def test_a_corrupt_cache_file_is_rebuilt_and_replaced(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path / "cache"))
    src = tmp_path / "data.jsonl"
    src.write_text("x\n")
    cached("t", [src], lambda: [1, 2, 3])
    (path,) = cache_dir().glob("t-*.pickle")
    path.write_bytes(path.read_bytes()[:5])  # truncated
    assert cached("t", [src], lambda: [4]) == [4]
    assert pickle.loads(path.read_bytes()) == [4]


def test_no_cache_and_unwritable_folder(tmp_path, monkeypatch):
    src = tmp_path / "data.jsonl"
    src.write_text("x\n")
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("EVENTCODER_NO_CACHE", "1")
    calls: list = []
    cached("t", [src], _builder(calls, 1))
    cached("t", [src], _builder(calls, 1))
    assert len(calls) == 2 and not (tmp_path / "cache").exists()
    monkeypatch.delenv("EVENTCODER_NO_CACHE")
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(blocker / "sub"))  # cannot be a folder
    assert cached("t", [src], lambda: 5) == 5


def test_only_the_newest_files_of_a_kind_are_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path / "cache"))
    src = tmp_path / "data.jsonl"
    for i in range(7):
        src.write_text(f"{i}\n")
        cached("t", [src], lambda: i)
    assert len(list(cache_dir().glob("t-*.pickle"))) == 4


def test_paused_gc_restores_the_collector():
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), paused_gc():
        raise ValueError
    assert gc.isenabled()


def test_shipped_kb_from_the_cache_equals_the_built_one_and_sees_user_files(tmp_path, monkeypatch):
    from eventcoder.actors.kb import KnowledgeBase

    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path / "cache"))
    built = KnowledgeBase.load()
    again = KnowledgeBase.load()
    assert list(cache_dir().glob("kb-*.pickle")) and again is not built
    assert again.version == built.version and again.entities == built.entities
    assert again.by_name("Emmanuel Macron") == built.by_name("Emmanuel Macron")
    # A user file added afterwards is not hidden by the cache.
    extra = tmp_path / "extra.jsonl"
    extra.write_text('{"id": "X1", "name": "Zorblax Quimby", "kind": "person", "country": "FRA"}\n')
    with_extra = KnowledgeBase.load(extra=[extra])
    assert [e.id for e in with_extra.by_name("Zorblax Quimby")] == ["X1"]
    assert not KnowledgeBase.load().by_name("Zorblax Quimby")
