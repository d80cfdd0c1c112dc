"""Export and screenshot that work first time: a screenshot goes to a folder that
exists (made if need be) and the notice gives its full path; the palette lists each
command once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette

from tracker.service import Tracker
from tui.app import TrackerApp
from tui.screens.help import HelpScreen
from tui.screens.overview import OverviewScreen

from .conftest import SIZE, notices, wait_for


async def palette_prompts(pilot, app: TrackerApp, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
    await pilot.press(*query)
    await pilot.pause(0.6)  # let the providers search
    commands = app.screen.query_one(CommandList)
    return [str(commands.get_option_at_index(i).prompt).split("\n")[0] for i in range(commands.option_count)]


async def test_the_palette_lists_each_command_once(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(seeded, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen) and not app.screen.dirty)
        found = await palette_prompts(pilot, app, "keys")
        assert [p for p in found if "Keys" in p] == ["Keys"]
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))  # our list of every key
        await pilot.press("escape")
        everything = await palette_prompts(pilot, app, "")
        assert everything and len(everything) == len(set(everything))


async def test_a_screenshot_needs_no_downloads_folder(
    seeded: Tracker, make_app: Callable[..., TrackerApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # a home without ~/Downloads
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    folder = tmp_path / "not" / "yet"
    app = make_app(seeded, poll_interval=0, export_dir=folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen) and not app.screen.dirty)
        await palette_prompts(pilot, app, "screenshot")
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("screenshot" in n.lower() for n in notices(app)))
        messages = notices(app)
        saved = list(folder.glob("*.svg"))
        assert len(saved) == 1, messages
        assert any(str(saved[0].resolve()) in m for m in messages)
        assert not any("Failed" in m for m in messages)
