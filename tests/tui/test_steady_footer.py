"""The footer lays its keys out again only when the keys shown change: a refresh of the
bindings that changes nothing (each date step, each change of focus) keeps its keys."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets._footer import FooterKey

from tui.widgets.steady_footer import SteadyFooter

BOTH = ["Thing", "Other", "palette"]


class Toggled(App[None]):
    BINDINGS = [Binding("x", "thing", "Thing"), Binding("y", "other", "Other")]
    offered = True

    def compose(self) -> ComposeResult:
        yield SteadyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.offered if action == "thing" else True


def footer_keys(app: App[None]) -> list[FooterKey]:
    return list(app.screen.query(FooterKey))


async def test_the_footer_keeps_its_keys_until_they_change() -> None:
    app = Toggled()
    async with app.run_test() as pilot:
        await pilot.pause()
        first = footer_keys(app)
        assert [k.description for k in first] == BOTH
        for _ in range(3):  # nothing shown changes: the same key widgets stay
            app.refresh_bindings()
            await pilot.pause()
        assert [id(k) for k in footer_keys(app)] == [id(k) for k in first]

        app.offered = False  # a key that goes: laid out again without it
        app.refresh_bindings()
        await pilot.pause()
        assert [k.description for k in footer_keys(app)] == ["Other", "palette"]
        app.offered = True
        app.refresh_bindings()
        await pilot.pause()
        assert [k.description for k in footer_keys(app)] == BOTH
