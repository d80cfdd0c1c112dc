"""Rich rendering of query answers. Every value from data goes through `literal`."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from events.describe import grade_label
from events.figures import caseload_text as caseload_words
from events.judgements import absent_label
from events.timing import when_text
from events.vocabulary import SUB_JUDGEMENTS
from tracker.provenance import source_labels
from tracker.rankings import SORT_LABELS
from tracker.safe_text import literal, one_line

# Named colours, not the palette's (tracker/palette.py): a terminal of 16 colours turns these
# into green, green, yellow, red and grey, where it would turn the palette's Outstanding grey
# and Requires improvement bright red.
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


def judgement_badge(rating: dict[str, Any], name: str) -> Text:
    """A judgement's grade; one the inspection did not have says why ("no overall
    grade: 2026 framework"), unlike a grade that exists but was not recorded."""
    grade = rating["overall"] if name == "overall" else rating["judgements"][name]
    if grade is None:
        started, published = rating["inspection_started"], rating["published_on"]
        return Text(absent_label(name, rating["framework"], started, published), style="dim italic")
    return grade_badge(grade)


def overall_badge(rating: dict[str, Any] | None) -> Text:
    """The overall grade; an inspection with none (the 2026 framework) says so."""
    return judgement_badge(rating, "overall") if rating else grade_badge(None)


def caseload_text(entry: dict[str, Any] | None) -> Text:
    """A caseload as the domain words it (events.figures); none is a dim dash."""
    return Text(caseload_words(entry)) if entry else Text("—", style="dim")


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
        for area in SUB_JUDGEMENTS:
            card.add_row(area.label.capitalize(), judgement_badge(rating, area.value))
        card.add_row(
            "Inspected",
            literal(
                f"{when_text(rating['inspection_started'], rating['published_on'])} – "
                f"{rating['inspection_ended'] or '?'}, "
                f"published {rating['published_on'] or '?'} ({rating['event_id']})"
            ),
        )
    latest = answer["caseloads"][-1] if answer["caseloads"] else None
    card.add_row(
        "Caseload", caseload_text(latest).append(f"  as at {latest['as_at']}" if latest else "", style="dim")
    )
    timeline = Table(box=None, header_style="bold", expand=True)
    for column in ("id", "date", "kind", "summary", "recorded"):
        timeline.add_column(column, overflow="fold", no_wrap=column == "date")
    for event in answer["events"]:
        summary = literal(one_line(event["summary"]))
        if event.get("revised_by"):
            summary.append_text(literal(f"  (corrected by {', '.join(event['revised_by'])})", "dim"))
        labels = source_labels(event.get("sources", []))
        if len(labels) > 1:
            summary.append("  ").append_text(literal(one_line(f"sources: {', '.join(labels)}", 400), "dim"))
        timeline.add_row(
            literal(event["id"]),
            literal(when_text(event["occurred_on"], event["published_on"])),
            literal(event["kind"].replace("_", " ")),
            summary,
            literal(event["recorded_at"][:10]),
        )
    for event in answer.get("retracted", []):
        timeline.add_row(
            literal(event["id"], "strike dim"),
            literal(when_text(event["occurred_on"], event["published_on"]), "dim"),
            literal("retracted", "dim"),
            literal(one_line(f"{event['summary']} — {event['reason']}"), "strike dim"),
            literal(event["recorded_at"][:10], "dim"),
        )
    console.print(Panel(Group(times_line(answer), card), title=title, title_align="left"))
    console.print(timeline)
    for entry in answer.get("damaged", []):
        console.print(literal(f"damaged, left out: {entry['summary']} (run `tracker verify`)", "bold red"),
                      soft_wrap=True)


RANKING_COLUMNS = (  # header, sort key it shows, the ranking's JSON field
    ("Q", "caseload", "caseload_quartile"),
    ("±1y", "caseload-change", "caseload_change_1y"),
    ("±2y", "caseload-change-2y", "caseload_change_2y"),
    ("months", "since-inspection", "months_since_inspection"),
)


WITH_REGION, WIDE_GAPS = 96, 120
"""`councils` on a console narrower than WITH_REGION (a pipe is 80 wide) leaves the region
out; narrower than WIDE_GAPS, its columns are one space apart rather than three."""


def signed(value: float | None) -> Text:
    """A change in caseload: `+1.2`, `-0.4`, `0`; a dim dash when the earlier figure is missing."""
    if value is None:
        return Text("—", style="dim")
    return Text("0" if value == 0 else f"{value:+.2f}".rstrip("0").rstrip("."))


def number(value: int | None) -> Text:
    return Text("—", style="dim") if value is None else Text(str(value))


def councils(console: Console, rows: list[dict[str, Any]], as_of: str, known_on: str,
             sort: str | None = None, descending: bool = False) -> None:
    title = f"as of {as_of} · known on {known_on}"
    if sort:
        title += f"\nranked by {SORT_LABELS[sort]}, {'highest' if descending else 'lowest'} first"
    regions = console.width >= WITH_REGION  # narrower, the region goes: nothing is cut
    table = Table(title=title, header_style="bold", box=box.SIMPLE_HEAD, collapse_padding=True,
                  padding=(0, 1 if console.width >= WIDE_GAPS else 0), show_edge=False)
    arrow = "▼" if descending else "▲"
    longest = max((len(word) for row in rows for word in row["council"]["name"].split()), default=7)
    for column in ("LA", "council", "region", "overall", "since"):
        if column != "region" or regions:  # a name's longest word (Stockton-on-Tees) stays whole
            table.add_column(column, no_wrap=column in ("LA", "since"),
                             min_width=min(longest, 24) if column == "council" else None)
    headed = "caseload" + (arrow if sort == "caseload" else "")
    table.add_column(headed, justify="right", no_wrap=True, min_width=len(headed))
    for header, key, _ in RANKING_COLUMNS:
        shown = header + (arrow if sort == key and key != "caseload" else "")
        table.add_column(shown, justify="right", no_wrap=True, min_width=len(shown))  # never cut
    for row in rows:
        rating, ranking = row["rating"], row["ranking"]
        table.add_row(
            literal(row["council"]["la_code"]),
            literal(row["council"]["name"]),
            *([literal(row["council"]["region"])] if regions else []),
            overall_badge(rating),
            literal(rating["published_on"] or rating["inspection_ended"] or rating["inspection_started"])
            if rating else Text(""),
            caseload_text(row["caseload"]),
            number(ranking["caseload_quartile"]),
            signed(ranking["caseload_change_1y"]),
            signed(ranking["caseload_change_2y"]),
            number(ranking["months_since_inspection"]),
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
