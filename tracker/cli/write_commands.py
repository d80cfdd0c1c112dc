"""`add`, `correct`, `retract`: the commands that append events."""

from __future__ import annotations

import argparse
from typing import Any

from events.kinds import ALIASES, KINDS
from events.vocabulary import Kind
from tracker.cli.context import Context
from tracker.cli.options import (
    add_field_options,
    correction_fields,
    correction_options,
    fields_from,
)

ADD_KINDS = {e.word: e.kind for e in KINDS}  # the kinds' words and aliases: events/kinds.py


def register(commands: Any) -> None:
    add = commands.add_parser("add", help="record an event on a council's stream")
    kinds = add.add_subparsers(dest="kind", metavar="KIND", required=True)
    for word, kind in [*ADD_KINDS.items(), *ALIASES.items()]:
        shown = argparse.SUPPRESS if word in ALIASES else f"record a {word.replace('-', ' ')}"
        sub = kinds.add_parser(word, help=shown)
        sub.add_argument("council", help="name, alias, LA number, ONS code or Ofsted URN")
        add_field_options(sub, kind)
        sub.add_argument("--json", action="store_true", help="print the new id as JSON")
        sub.add_argument(
            "--force", action="store_true", help="record it even if it looks like one already recorded"
        )
        sub.set_defaults(handler=run_add, kind_value=kind.value)

    correct = commands.add_parser("correct", help="correct fields of an earlier event")
    correct.add_argument("event_id", help="e.g. 937-7")
    correct.add_argument("--reason", required=True)
    correct.add_argument("--json", action="store_true")
    correction_options(correct)
    correct.set_defaults(handler=run_correct)

    retract = commands.add_parser("retract", help="withdraw an earlier event")
    retract.add_argument("event_id", help="e.g. 937-7")
    retract.add_argument("--reason", required=True)
    retract.add_argument("--json", action="store_true")
    retract.set_defaults(handler=run_retract)


def run_add(ctx: Context) -> int:
    kind = Kind(ctx.args.kind_value)
    fields = fields_from(ctx.args, kind)
    event_id = ctx.tracker.add(ctx.args.council, kind, fields, force=ctx.args.force)
    return ctx.done({"id": event_id}, f"recorded {event_id}")


def run_correct(ctx: Context) -> int:
    args = ctx.args
    source = None
    if args.source_publisher or args.source_title:
        source = {
            "publisher": args.source_publisher,
            "title": args.source_title,
            "published": args.source_date,
            "url": args.source_url,
        }
    event_id = ctx.tracker.correct(args.event_id, correction_fields(args), args.reason, source)
    return ctx.done({"id": event_id}, f"recorded correction {event_id}")


def run_retract(ctx: Context) -> int:
    event_id = ctx.tracker.retract(ctx.args.event_id, ctx.args.reason)
    return ctx.done({"id": event_id}, f"recorded retraction {event_id}")
