"""The selected event in full: every field, its sources and when it was recorded."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Static

from events.describe import figure_text
from events.timing import when_text
from tui.present import line, text
from tui.widgets.timeline import Entry
from tui.wording import field_label, recorded_words, value_words, withheld

SKIP = {"summary", "source", "occurred_on", "published_on"}


def value_text(value: Any) -> str:
    if isinstance(value, dict) and ({"value", "low", "high"} & set(value)):
        shown = figure_text(value)
        return f"{shown} ({value['text']})" if value.get("text") else shown
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def citation(source: dict[str, Any] | None, indent: int = 2) -> Text:
    if not source:
        return Text("no source", style="dim")
    cited = Text()
    cited.append_text(text(source.get("publisher", ""), "bold"))
    cited.append(" — ")
    cited.append_text(text(source.get("title", ""), "italic"))
    if source.get("published"):
        cited.append_text(text(f" ({source['published']})"))
    if source.get("url"):
        cited.append("\n" + " " * indent)
        cited.append_text(text(source["url"], "underline"))
    return cited


def sources_text(sources: list[dict[str, Any]]) -> Text:
    """Every citation the fact rests on, the first one it was recorded from first."""
    out = Text()
    for number, source in enumerate(sources):
        if number:
            out.append(f"\n{'':14}")
        out.append("• ")
        out.append_text(citation(source, 16))
    return out


def describe_entry(entry: Entry, full_times: bool = False) -> Text:
    """Label: value lines, all data literal, values in words (``tui.wording``); recorded
    times short and local unless ``full_times``."""
    out = Text()

    def row(label: str, value: Any, style: str = "") -> None:
        out.append(f"{label:>12}  ", style="bold dim")
        out.append_text(value if isinstance(value, Text) else text(value, style))
        out.append("\n")

    record = entry.record
    if not entry.is_fact:
        data = record["data"]
        row("event", f"{entry.id} — {entry.kind} of {entry.target}")
        row("recorded", recorded_words(record["recorded_at"], full_times))
        row("reason", data.get("reason", ""))
        for name, value in (data.get("changes") or {}).items():
            row(field_label(name), value_words(name, value), "yellow")
        if data.get("source"):
            row("source", citation(data["source"]))
        return out
    fields = record["fields"]
    row("event", f"{entry.id} — {entry.kind}" + ("  [retracted]" if entry.retracted else ""))
    row("summary", line(record["summary"]))
    if fields.get("summary") and fields["summary"] != record["summary"]:
        row("superseded", line(f"{fields['summary']} (as first recorded; a correction changed its figures)"),
            "dim")
    row("occurred", when_text(fields.get("occurred_on"), fields.get("published_on")))
    if fields.get("published_on"):
        row("published", fields["published_on"])
    row("recorded", recorded_words(record["recorded_at"], full_times))
    if entry.retracted:
        row("retracted", f"by {record.get('retracted_by')}: {record.get('reason', '')}", "red")
    if record.get("revised_by"):
        row("corrected by", ", ".join(record["revised_by"]), "yellow")
    row("source", citation(fields.get("source")))
    sources = record.get("sources") or []
    if len(sources) > 1:
        row("sources", sources_text(sources))
    if record.get("enriched_by"):
        row("enriched by", ", ".join(record["enriched_by"]))
    for name, value in fields.items():
        if name in SKIP or value in (None, "", [], {}):
            continue
        if name == "suppressed":
            for label, words in withheld(value, fields.get("source")):
                row(label, words, "italic")
        elif isinstance(value, list) and name != "joint_with":
            row(field_label(name), "\n".join(f"{'':14}• {item}" for item in value).lstrip())
        else:
            row(field_label(name), value_words(name, value))
    return out


class EventDetail(Static):
    full_times = False  # recorded times in full (the council screen's `t` key)

    def show_entry(self, entry: Entry | None) -> None:
        self.entry = entry
        shown = describe_entry(entry, self.full_times) if entry else Text("no event selected", style="dim")
        self.update(shown)

    def toggle_times(self) -> bool:
        self.full_times = not self.full_times
        self.show_entry(getattr(self, "entry", None))
        return self.full_times
