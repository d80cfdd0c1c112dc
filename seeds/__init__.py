"""Bundled histories from the source reports, as human-editable TOML files."""

from pathlib import Path

SEEDS_DIR = Path(__file__).parent


def seed_files() -> list[Path]:
    """Every bundled seed file, in a stable order."""
    return sorted(SEEDS_DIR.glob("*.toml"))
