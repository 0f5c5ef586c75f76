"""Shared test fixtures.

Tests that read the real reference data in ``../shared/data`` (beside the
repository) use the ``shared_data`` fixture, which skips with a reason when
that folder is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"reference data folder {SHARED_DATA} not found (it sits beside the repository)")
    return SHARED_DATA


@pytest.fixture
def test_data() -> Path:
    return TEST_DATA
