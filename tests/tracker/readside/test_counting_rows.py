"""The row-list helpers the long answers read through (lookups.counting_rows, decoded,
entries, caseload_rows) on hand-made rows: the same rows and entries as the one-at-a-time
walk, and an as-at text not in canonical form told apart by its text."""

from __future__ import annotations

from tests.tracker.readside.test_folds import d, figure, judged, rows
from tracker.readside import lookups


def test_counting_rows_are_the_newest_first_walk_reversed() -> None:
    view = rows(judged(2, "2019-01-10", "2019-03-01", "inadequate"),
                judged(3, "2022-01-10", "2022-06-01", None),
                judged(4, "2025-01-10", "2025-03-01", "good"))
    times = [("2022-02-01", "2022-02-01"), ("2022-02-01", "2022-07-01"), ("2026-01-01", "2022-07-01"),
             ("2026-01-01", "2026-01-01"), ("2018-01-01", "2026-01-01")]
    for as_of, known_on in times:
        walked = list(lookups.newest_rows(view, d(as_of), d(known_on), 0))[::-1]
        assert lookups.counting_rows(view, d(as_of), d(known_on), 0) == walked
    every = lookups.counting_rows(view, d("2026-01-01"), d("2026-01-01"), 0)
    assert every == list(view.order) and len(every) == 3
    assert lookups.entries(view.table, every) == [view.table.entry(r) for r in every]
    assert lookups.decoded(view.table, []) == [] and lookups.entries(view.table, []) == []


def test_an_as_at_text_not_in_canonical_form_is_its_own_date() -> None:
    # " 2023-09-30" and "2023-09-30 " name the same day as "2023-09-30" but are other as-at
    # texts (neither canonical): all three count, each with its own latest edition
    view = rows(figure(2, "2023-09-30", 17.0, "2024-02-01"),
                figure(3, " 2023-09-30", 16.0, "2024-02-01"),
                figure(4, "2023-09-30 ", 14.0, "2024-02-01"),
                figure(5, "2023-09-30", 16.5, "2024-06-01"),
                figure(6, " 2023-09-30", 15.0, "2024-07-01"))
    history = lookups.caseload_history(view, d("2025-06-01"), d("2025-06-01"), 0)
    assert [(e.fields["occurred_on"], e.fields["caseload"]["value"]) for e in history] == [
        ("2023-09-30 ", 14.0), ("2023-09-30", 16.5), (" 2023-09-30", 15.0)]
    early = lookups.caseload_history(view, d("2025-06-01"), d("2024-03-01"), 0)
    assert [(e.fields["occurred_on"], e.fields["caseload"]["value"]) for e in early] == [
        ("2023-09-30", 17.0), (" 2023-09-30", 16.0), ("2023-09-30 ", 14.0)]
