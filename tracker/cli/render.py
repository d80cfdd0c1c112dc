"""Rich rendering of query answers. Every value from data goes through `literal`."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from events.describe import grade_label
from tracker.safe_text import literal, one_line

GRADE_STYLES = {
    "outstanding": "bold white on dark_green",
    "good": "bold black on green3",
    "requires_improvement": "bold black on yellow3",
    "inadequate": "bold white on red3",
    "unknown": "black on grey70",
}


def grade_badge(grade: str | None) -> Text:
    if grade is None:
        return Text("—", style="dim")
    return Text(f" {grade_label(grade)} ", style=GRADE_STYLES.get(grade, ""))


def overall_badge(rating: dict[str, Any] | None) -> Text:
    """The overall grade; an inspection with none (the 2026 framework) says so."""
    if rating is not None and rating["overall"] is None:
        return Text("no overall grade", style="dim italic")
    return grade_badge(rating["overall"] if rating else None)


def caseload_text(entry: dict[str, Any] | None) -> Text:
    if not entry:
        return Text("—", style="dim")
    if entry["value"] is not None:
        return Text(f"{entry['value']:g}")
    low, high = entry["low"], entry["high"]
    if low is not None and high is not None:
        return Text(f"{low:g}–{high:g}")
    return Text(f"≥{low:g}" if low is not None else f"≤{high:g}")


def times_line(answer: dict[str, Any]) -> Text:
    text = Text(f"as of {answer['as_of']} · known on {answer['known_on']}", style="italic")
    if answer.get("recorded_by"):
        text.append(f" · recorded by {answer['recorded_by']}")
    return text


def show(console: Console, answer: dict[str, Any]) -> None:
    council = answer["council"]
    title = literal(f"{council['name']} ({council['la_code']}, {council['ons_code']})", "bold")
    rating = answer["rating"]
    card = Table.grid(padding=(0, 2))
    card.add_column(style="dim")
    card.add_column()
    if rating is None:
        card.add_row("Rating", Text("no judgement counts at this date", style="dim"))
    else:
        card.add_row("Overall", overall_badge(rating))
        for name, label in (
            ("impact_of_leaders", "Impact of leaders"),
            ("help_and_protection", "Help and protection"),
            ("children_in_care", "Children in care"),
            ("care_leavers", "Care leavers"),
        ):
            card.add_row(label, grade_badge(rating["judgements"][name]))
        card.add_row(
            "Inspected",
            literal(
                f"{rating['inspection_started']} – {rating['inspection_ended'] or '?'}, "
                f"published {rating['published_on'] or '?'} ({rating['event_id']})"
            ),
        )
    latest = answer["caseloads"][-1] if answer["caseloads"] else None
    card.add_row(
        "Caseload", caseload_text(latest).append(f"  as at {latest['as_at']}" if latest else "", style="dim")
    )
    timeline = Table(box=None, header_style="bold", expand=True)
    for column in ("id", "date", "kind", "summary", "recorded"):
        timeline.add_column(column, overflow="fold")
    for event in answer["events"]:
        summary = literal(one_line(event["summary"]))
        if event.get("corrected_by"):
            summary.append(f"  (corrected by {', '.join(event['corrected_by'])})", style="dim")
        timeline.add_row(
            literal(event["id"]),
            literal(event["occurred_on"]),
            literal(event["kind"].replace("_", " ")),
            summary,
            literal(event["recorded_at"][:10]),
        )
    for event in answer.get("retracted", []):
        timeline.add_row(
            literal(event["id"], "strike dim"),
            literal(event["occurred_on"], "dim"),
            literal("retracted", "dim"),
            literal(one_line(f"{event['summary']} — {event['reason']}"), "strike dim"),
            literal(event["recorded_at"][:10], "dim"),
        )
    console.print(Panel(Group(times_line(answer), card), title=title, title_align="left"))
    console.print(timeline)
    for entry in answer.get("damaged", []):
        console.print(literal(f"damaged, left out: {entry['summary']} (run `tracker verify`)", "bold red"),
                      soft_wrap=True)


def councils(console: Console, rows: list[dict[str, Any]], as_of: str, known_on: str) -> None:
    table = Table(title=f"as of {as_of} · known on {known_on}", header_style="bold")
    for column in ("LA", "council", "region", "overall", "since", "caseload"):
        table.add_column(column)
    for row in rows:
        rating = row["rating"]
        table.add_row(
            literal(row["council"]["la_code"]),
            literal(row["council"]["name"]),
            literal(row["council"]["region"]),
            overall_badge(rating),
            literal(rating["published_on"] or rating["inspection_started"]) if rating else Text(""),
            caseload_text(row["caseload"]),
        )
    console.print(table)


def log(console: Console, entries: list[dict[str, Any]]) -> None:
    table = Table(header_style="bold")
    for column in ("#", "id", "type", "recorded at (UTC)", "summary"):
        table.add_column(column, overflow="fold")
    for entry in entries:
        table.add_row(
            str(entry["position"]),
            literal(entry["id"]),
            literal(entry["type"]),
            literal(entry["recorded_at"][:19].replace("T", " ")),
            literal(one_line(entry["summary"], 120)),
        )
    console.print(table)
