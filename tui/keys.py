"""The app's own keys, which work on every screen: each with an id (so a keymap can rebind
it) and a tooltip. The footer and the help screen list them from the app's BINDINGS."""

from __future__ import annotations

from textual.binding import Binding, BindingType

APP_BINDINGS: list[BindingType] = [
    Binding("question_mark,f1", "help", "Help", key_display="?", id="app.help",
            tooltip="this list of every key"),
    Binding("left_square_bracket", "step(-1)", "Prev date", key_display="[", id="time.prev",
            tooltip="previous event date (this council's on its screen, any council's on the overview)"),
    Binding("right_square_bracket", "step(1)", "Next date", key_display="]", id="time.next",
            tooltip="next event date (this council's on its screen, any council's on the overview)"),
    Binding("left_curly_bracket", "years(-1)", "-1 year", key_display="{", id="time.year_back",
            tooltip="a year earlier"),
    Binding("right_curly_bracket", "years(1)", "+1 year", key_display="}", id="time.year_on",
            tooltip="a year later (never past today)"),
    Binding("ctrl+d", "pick_date", "Date", id="time.pick",
            tooltip="type as-of, known-on and recorded-by dates"),
    Binding("ctrl+t", "today", "Today", id="time.today", tooltip="back to today, known today"),
    Binding("ctrl+r", "replay", "Replay", id="time.replay",
            tooltip="play events forward to a date (ctrl+r again stops)"),
    Binding("space", "replay_pause", "Pause/play", show=False, id="replay.pause",
            tooltip="pause or resume a replay"),
    Binding("plus", "replay_speed(2)", "Faster", show=False, key_display="+", id="replay.faster",
            tooltip="replay twice as fast"),
    Binding("minus", "replay_speed(0.5)", "Slower", show=False, key_display="-", id="replay.slower",
            tooltip="replay half as fast"),
    Binding("ctrl+n", "add", "Add event", id="app.add",
            tooltip="form for a new event (council filled in on a council screen)"),
    Binding("ctrl+e", "export", "Export CSV", show=False, id="app.export",
            tooltip="write the table on screen to a CSV file in the current directory"),
    Binding("ctrl+k", "caseloads_ratings", "Outcomes", show=False, id="app.outcomes",
            tooltip="caseloads and ratings: inspection outcomes by caseload, at the time point"),
    Binding("ctrl+q", "quit", "Quit", id="app.quit", tooltip="leave the tracker"),
]
