"""Fixtures for the importer tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tracker.importers.helpers import FIXTURES


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
