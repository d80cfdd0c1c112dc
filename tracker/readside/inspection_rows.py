"""Every judgement inspection that counts at D, K and T, with the caseloads around it, from
the read model's rows: no stream is replayed.

Why here: the read model already holds every inspection's dates and grades and every
workforce figure as compact sorted rows (stream_index.py), and England's and the regions'
figures beside them (benchmark_index.py); one pass over each council's rows answers for all
councils at once, and the same benchmark or neighbour figure is looked up once per as-at day.

- the previous inspection is the council's latest earlier judgement inspection with an
  overall grade on the scale (in the order inspections count: fieldwork start, then known
  day, then stream position); one whose grade was not recorded, or that had none (2026
  framework), is passed over, as the rating's previous one is (lookups.rating);
- the change compares overall grades by their position on the four-point scale every
  graded framework shares (Grade.rank): up, same or down; first when the council had no
  earlier judgement inspection at all; None (not comparable) when this one has no grade
  on the scale or no earlier one had;
- the caseload is the council's figure with the last as-at day before the day fieldwork
  began (the latest edition of that as-at date that counts), its change the difference
  from the figure whose as-at day is exactly two years earlier;
- England's, the region's and the neighbours' figures are for that same as-at day; the
  neighbours are those of the model in force on that day (and published by K).
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date, datetime

from events.vocabulary import SUB_JUDGEMENTS, Grade
from tracker.councils import Authority
from tracker.inspection_answer import CaseloadAt, InspectionRow
from tracker.neighbours import in_force
from tracker.readside.answers import region_code
from tracker.readside.logged import event_id
from tracker.readside.lookups import figure_on, figure_value
from tracker.readside.read_model import ENGLAND, ReadModel
from tracker.readside.rows import Entry
from tracker.results import CouncilRef

Times = tuple[date, date, datetime | None]


def rank(grade: str | None) -> int:
    """A grade's position on the four-point scale (4: outstanding); 0: none or unread."""
    return Grade(grade).rank if grade else 0


def change(current: str | None, previous: str | None, earlier: bool) -> str | None:
    """up / same / down on the four-point scale; first with no earlier inspection at all
    (``earlier``); None when this grade or the previous one is off the scale."""
    if not earlier:
        return "first"
    now, before = rank(current), rank(previous)
    if not now or not before:
        return None
    return "up" if now > before else "down" if now < before else "same"


def two_years_before(day: int) -> int:
    """The same calendar day two years earlier (29 February: the 28th)."""
    when = date.fromordinal(day)
    try:
        return when.replace(year=when.year - 2).toordinal()
    except ValueError:
        return when.replace(year=when.year - 2, day=28).toordinal()


class _Figures:
    """Benchmark and neighbour figures at D, K, T, each looked up once per (code, day)."""

    def __init__(self, model: ReadModel, times: Times) -> None:
        self.model = model
        self.times = times
        self.seen: dict[tuple[str, int], float | None] = {}

    def geo(self, code: str | None, day: int) -> float | None:
        if code is None:
            return None
        key = (code, day)
        if key not in self.seen:
            self.seen[key] = figure_value(self.model.geo_figure(code, day, *self.times))
        return self.seen[key]

    def council(self, la_code: str, day: int) -> float | None:
        key = ("la" + la_code, day)
        if key not in self.seen:
            as_of, known_on, recorded_by = self.times
            figures = self.model.view(la_code, recorded_by).figures
            found = figure_on(figures, day, as_of.toordinal(), known_on.toordinal(), None)
            self.seen[key] = figure_value(found)
        return self.seen[key]

    def neighbours(self, la_code: str, day: int) -> tuple[float | None, int, str | None]:
        """The average of the neighbours' figures that day, how many had one, and the model."""
        model = in_force(date.fromordinal(min(day, self.times[1].toordinal())))
        row = None if model is None else model.row(la_code)
        if model is None or row is None:
            return None, 0, None
        values = [v for code, _ in row.neighbours if (v := self.council(code, day)) is not None]
        return (sum(values) / len(values) if values else None), len(values), model.key


def caseload_at(authority: Authority, start: int, history: list[Entry],
                figures: _Figures) -> CaseloadAt | None:
    """The figure with the last as-at day before ``start``, and the figures beside it
    (``history``: the council's figures that count, one per as-at day, in day order)."""
    days = [e.happened for e in history]
    at = bisect_left(days, start) - 1
    if at < 0:
        return None
    entry = history[at]
    value = figure_value(entry)
    earlier_day = two_years_before(entry.happened)
    j = bisect_left(days, earlier_day)
    earlier = history[j] if j < len(days) and days[j] == earlier_day else None
    before = figure_value(earlier)
    average, count, model = figures.neighbours(authority.la_code, entry.happened)
    return CaseloadAt(
        entry.fields.get("occurred_on"), value, event_id(authority.la_code, entry.version),
        None if value is None or before is None else round(value - before, 6),
        None if earlier is None else earlier.fields.get("occurred_on"),
        figures.geo(ENGLAND, entry.happened), figures.geo(region_code(authority.region), entry.happened),
        average, count, model)


def by_day(history: list[Entry]) -> list[Entry]:
    """One figure per as-at day (of two as-at texts on one day, the later-counting wins)."""
    found: dict[int, Entry] = {}
    for entry in history:
        found[entry.happened] = entry
    return [found[d] for d in sorted(found)]


def council_rows(model: ReadModel, authority: Authority, times: Times,
                 figures: _Figures) -> list[InspectionRow]:
    """One council's judgement inspections that count, oldest first."""
    la = authority.la_code
    judged = model.inspections(la, *times)
    if not judged:
        return []
    history = by_day(model.caseloads(la, *times))
    ref = CouncilRef.of(authority)
    rows = []
    previous: Entry | None = None  # the latest graded one so far
    for number, entry in enumerate(judged):
        f = entry.fields
        before = None if previous is None else previous.fields.get("overall")
        rows.append(InspectionRow(
            ref, event_id(la, entry.version), f.get("occurred_on"), f.get("fieldwork_end"),
            f.get("published_on"),
            f.get("framework"), f.get("overall"), tuple((str(a), f.get(a)) for a in SUB_JUDGEMENTS),
            before, None if previous is None else event_id(la, previous.version),
            change(f.get("overall"), before, number > 0),
            caseload_at(authority, entry.happened, history, figures)))
        if rank(f.get("overall")):
            previous = entry
    return rows


def inspection_rows(model: ReadModel, authorities: list[Authority], times: Times) -> list[InspectionRow]:
    """Every judgement inspection of these councils that counts at D, K and T: by council
    (in the order given), each council's oldest first."""
    figures = _Figures(model, times)
    return [row for authority in authorities for row in council_rows(model, authority, times, figures)]
