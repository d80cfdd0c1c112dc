"""`verify`: check a store end to end (exit 1 and one line per problem if not sound)."""

from __future__ import annotations

from typing import Any

from tracker.cli.context import Context, print_json
from tracker.safe_text import visible
from tracker.verify import verify

EXIT_PROBLEMS = 1


def register(commands: Any) -> None:
    check = commands.add_parser(
        "verify",
        help="check every event decodes, streams are contiguous, and the read model matches a rebuild",
    )
    check.add_argument("--json", action="store_true")
    check.set_defaults(handler=run_verify)


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
