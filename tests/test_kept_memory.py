"""patnet._fast.kept_memory: freed memory stays in the process inside the block (glibc) and
goes back to the system at its end; glibc's settings are restored; nothing changes where the
user chose them, in a nested block, or outside glibc."""

from __future__ import annotations

import os
import sys

import numpy as np
import pytest

import patnet as pn
from patnet import _fast
from patnet._fast import kept_memory


class _FakeLibc:
    def __init__(self):
        self.calls = []

    def mallopt(self, param, value):
        self.calls.append(("mallopt", param, value))
        return 1

    def malloc_trim(self, pad):
        self.calls.append(("malloc_trim", pad))
        return 1


@pytest.fixture
def libc(monkeypatch):
    fake = _FakeLibc()
    monkeypatch.setattr(_fast, "_glibc", lambda: fake)
    for k in list(os.environ):
        if k.startswith("MALLOC_") or k == "GLIBC_TUNABLES":
            monkeypatch.delenv(k)
    return fake


def test_settings_are_set_once_and_restored_with_a_trim(libc):
    with kept_memory():
        assert libc.calls == [("mallopt", -4, 0), ("mallopt", -1, -1)]
        with kept_memory():  # nested: nothing more
            pass
        assert len(libc.calls) == 2
    assert libc.calls[2:] == [("mallopt", -4, 65536), ("mallopt", -1, 128 * 1024),
                              ("malloc_trim", 0)]
    assert _fast._kept_depth == 0


def test_restored_when_the_block_raises(libc):
    with pytest.raises(KeyError), kept_memory():
        {}["missing"]
    assert libc.calls[-1] == ("malloc_trim", 0) and _fast._kept_depth == 0


@pytest.mark.parametrize("name,value", [("MALLOC_MMAP_THRESHOLD_", "1000000"),
                                        ("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1")])
def test_the_users_own_malloc_settings_are_left_alone(libc, monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with kept_memory():
        pass
    assert libc.calls == []


def test_graphs_are_built_inside_it(libc):
    c = pn.testing.make_corpus({"1": ["CN", "SG"], "2": ["CN", "US"]})
    pn.build.geo_graph(c, "country")
    assert ("malloc_trim", 0) in libc.calls


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(not sys.platform.startswith("linux") or _fast._glibc() is None,
                    reason="glibc's allocator only")
def test_freed_memory_is_kept_inside_and_handed_back_at_the_end():
    size = 256 * 2**20
    before = _rss()
    a = np.ones(size, dtype=np.uint8)
    assert _rss() - before > 0.9 * size
    del a  # its own mapping, unmapped at once
    assert _rss() - before < 0.1 * size
    with kept_memory():
        base = _rss()
        a = np.ones(size, dtype=np.uint8)
        del a
        kept = _rss() - base
        b = np.ones(size, dtype=np.uint8)  # reuses the kept pages
        assert _rss() - base < kept + 0.1 * size
        del b
    assert kept > 0.9 * size
    assert _rss() - base < 0.1 * size  # handed back at the end
