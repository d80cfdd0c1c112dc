"""`verify`: check a store end to end (exit 1 and one line per problem if not sound);
`sources`: every publication the store's facts cite."""

from __future__ import annotations

from typing import Any

from tracker.cli.context import Context, print_json
from tracker.safe_text import literal, visible
from tracker.sources import publications
from tracker.verify import verify

EXIT_PROBLEMS = 1


def register(commands: Any) -> None:
    check = commands.add_parser(
        "verify",
        help="check every event decodes, streams are contiguous, and the read model matches a rebuild",
    )
    check.add_argument("--json", action="store_true")
    check.set_defaults(handler=run_verify)
    cited = commands.add_parser(
        "sources", help="every publication the store's facts cite: edition, licence, how many facts"
    )
    cited.add_argument("--json", action="store_true")
    cited.set_defaults(handler=run_sources)


def run_sources(ctx: Context) -> int:
    found = [p.as_dict() for p in publications(ctx.tracker.all_events())]
    if ctx.args.json:
        print_json(found)
        return 0
    for row in found:  # a block per publication: titles are long, terminals narrow
        url = row["url"] or (f"{row['report_links']} report links" if row["report_links"] else "no link")
        ctx.out.print(literal(f"{row['publisher']}: {row['title']}", "bold"), soft_wrap=True)
        detail = (
            f"  edition {row['edition'] or 'undated'} · licence {row['licence'] or 'not stated'} · "
            f"{row['facts']} facts, {row['enriched']} enriched · {url}"
        )
        ctx.out.print(literal(detail), soft_wrap=True)
    return 0


def run_verify(ctx: Context) -> int:
    report = verify(ctx.tracker)
    if ctx.args.json:
        print_json(report.as_dict())
    else:
        for problem in report.problems:
            ctx.out.print(f"problem: {visible(problem)}", markup=False, highlight=False, soft_wrap=True)
        verdict = "no problems" if report.ok else f"{len(report.problems)} problem(s)"
        ctx.out.print(
            f"checked {report.events} events in {report.streams} streams: {verdict}",
            markup=False,
            highlight=False,
        )
    return 0 if report.ok else EXIT_PROBLEMS
