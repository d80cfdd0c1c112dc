"""`import`, `export`, `seed`: moving events in and out of the store as files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tracker import exporting
from tracker.cli.context import Context, write_stdout
from tracker.errors import UserError
from tracker.importers.detect import EVENT_FORMATS, PUBLISHED_FORMATS
from tracker.importers.progress import progress_bar, summary_text
from tracker.private_files import write_new_file
from tracker.safe_text import say, visible
from tracker.seeding import say_loaded, seed_with_progress

EXIT_INCOMPLETE = 1  # the file was written, without the events named on stderr


def register(commands: Any) -> None:
    imp = commands.add_parser(
        "import", help="import an event file (TOML, JSON Lines) or a published file (Ofsted, DfE, scrape)"
    )
    imp.add_argument("file", type=Path)
    imp.add_argument(
        "--format", choices=(*EVENT_FORMATS, *PUBLISHED_FORMATS), help="default: detected from content"
    )
    imp.add_argument("--dry-run", action="store_true", help="check and count; write nothing")
    imp.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="published files: import the good rows and list every skipped row with its reason",
    )
    imp.add_argument("--json", action="store_true")
    imp.set_defaults(handler=run_import)

    exp = commands.add_parser("export", help="every event, as a file `import` reads back")
    exp.add_argument("--format", choices=("jsonl", "toml"), default="jsonl")
    exp.add_argument(
        "--output", "-o", type=Path, help="write a new file here (owner-only) instead of stdout"
    )
    exp.add_argument(
        "--overwrite", action="store_true", help="replace the --output file if it exists (never a link)"
    )
    exp.set_defaults(handler=run_export)

    seed = commands.add_parser(
        "seed", help="load the national record and the seed histories into this store (idempotent)"
    )
    seed.add_argument("--json", action="store_true", help="what was loaded, as JSON")
    seed.set_defaults(handler=run_seed)


def run_import(ctx: Context) -> int:
    args = ctx.args
    with progress_bar(ctx.err, f"importing {visible(args.file.name)}") as start:
        summary = ctx.tracker.import_file(args.file, args.format, args.dry_run, args.skip_bad_rows, start)
    if summary.is_event_file:
        return ctx.done(summary.as_dict(), "\n".join([summary.headline(), *summary.detail_lines()]))
    if args.json:
        return ctx.done(summary.as_dict(), "")
    say(ctx.out, summary_text(summary))
    return 0


def run_export(ctx: Context) -> int:
    """Every readable event of every stream; what cannot be exported (a damaged event,
    and amendments of it) is named on stderr and the exit code is 1."""
    tracker = ctx.tracker
    events = tracker.all_events(benchmarks=True)
    kept, skipped = exporting.exportable(events, tracker.damaged())
    text = exporting.export(kept, ctx.args.format, exporting.geographies(tracker.benchmarks()))
    if ctx.args.output:
        write_new_file(ctx.args.output, text.encode("utf-8"), overwrite=ctx.args.overwrite)
        say(ctx.err, f"wrote {ctx.args.output}")
    elif ctx.args.overwrite:
        raise UserError("--overwrite is for --output FILE")
    else:
        write_stdout(text)
    for line in skipped:
        ctx.err.print(f"skipped: {visible(line)}", markup=False, highlight=False, soft_wrap=True)
    if skipped:
        ctx.err.print(f"export incomplete: {len(skipped)} event(s) skipped; run `tracker verify`",
                      markup=False, highlight=False)
        return EXIT_INCOMPLETE
    return 0


def run_seed(ctx: Context) -> int:
    """The seeds and the national record, into any store; what is there already is kept."""
    report = seed_with_progress(ctx.tracker, ctx.err, only_if_empty=False)
    assert report is not None
    if ctx.args.json:
        return ctx.done(report.as_dict(), "")
    say_loaded(ctx.out, report, ctx.setting.describe())
    return 0
