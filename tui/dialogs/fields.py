"""Form widgets generated from ``events.schema``: one labelled block per field,
with a line under it where that field's error appears."""

from __future__ import annotations

from collections.abc import Iterator

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from events.schema import DATE_ALIASES, FieldSpec, FieldType, fields_of
from events.vocabulary import Framework, Grade, Kind
from tracker.safe_text import visible
from tui.formdata import CITATION_PARTS, MULTILINE_TYPES, widget_ids

DATE_FORMS = "YYYY-MM-DD, YYYY-MM or YYYY"
PLACEHOLDERS = {
    FieldType.DATE: DATE_FORMS,
    FieldType.FIGURE: "17, 24-26, >=20 or <=15",
    FieldType.COUNT: "a whole number",
    FieldType.MONEY: "pounds, e.g. 1,500,000",
    FieldType.NUMBER: "a number",
}


REQUIRED_CITATION = ("publisher", "title")


def grade_options() -> list[tuple[str, str]]:
    return [(g.label, g.value) for g in Grade]


def choice_label(spec: FieldSpec, value: str) -> str:
    """A choice in words: "ILACS standard", not ``ilacs_standard``."""
    if spec.name == "framework":
        return Framework(value).label
    words = value.replace("_", " ")
    return words[:1].upper() + words[1:]


def choice_options(spec: FieldSpec) -> list[tuple[str, str]]:
    return [(choice_label(spec, choice), choice) for choice in spec.choices]


def help_for(spec: FieldSpec) -> str:
    """The field's help, saying the forms a date or list is typed in."""
    hint = spec.help
    if spec.type is FieldType.DATE and DATE_FORMS not in hint:
        hint += f" — {DATE_FORMS}"
    elif spec.type in MULTILINE_TYPES:
        hint += " — e.g. caseload=x, fte=c" if spec.type is FieldType.SUPPRESSED else " — one per line"
    return hint


def label_for(kind: Kind, spec: FieldSpec) -> str:
    name = spec.name.replace("_", " ")
    if spec.name == "occurred_on" and DATE_ALIASES.get(kind):
        name += f" ({DATE_ALIASES[kind][0].replace('_', ' ')})"
    return name + (" *" if spec.required else "")


def field_widgets(spec: FieldSpec, raw: dict[str, str | None]) -> Iterator[Widget]:
    """The input widget(s) for one field, with ids from ``widget_ids``, filled from ``raw``."""
    ids = widget_ids(spec)
    if spec.type is FieldType.CITATION:  # four parts, each labelled, each with its error line
        for (key, label), ident in zip(CITATION_PARTS, ids, strict=True):
            required = " *" if key in REQUIRED_CITATION else ""
            hint = DATE_FORMS if key == "published" else f"source {label}"
            yield Vertical(
                Label(f"{label}{required}", classes="part-label"),
                Input(raw.get(ident) or "", placeholder=hint, id=ident),
                Static("", id=f"e-source-{key}", classes="field-error", markup=False),
                classes="citation-part",
            )
        return
    value = raw.get(ids[0])
    if spec.type in (FieldType.GRADE, FieldType.CHOICE):
        options = grade_options() if spec.type is FieldType.GRADE else choice_options(spec)
        yield Select(options, prompt="(none)", allow_blank=True, value=value or Select.NULL, id=ids[0])
    elif spec.type in MULTILINE_TYPES:
        area = TextArea(value or "", id=ids[0], soft_wrap=True, tab_behavior="focus")
        area.cursor_blink = False
        yield area
    else:
        yield Input(value or "", placeholder=PLACEHOLDERS.get(spec.type, ""), id=ids[0])


def field_block(kind: Kind, spec: FieldSpec, raw: dict[str, str | None]) -> Vertical:
    """Label, help, widget(s), error line: one field of the form."""
    hint = help_for(spec)
    row: list[Widget] = list(field_widgets(spec, raw))
    holder: Widget = Horizontal(*row, classes="citation") if spec.type is FieldType.CITATION else row[0]
    return Vertical(
        Label(label_for(kind, spec), classes="field-label"),
        Static(visible(hint), classes="field-help", markup=False),
        holder,
        Static("", id=f"e-{spec.name}", classes="field-error", markup=False),
        classes="field",
        id=f"block-{spec.name}",
    )


def compose_fields(kind: Kind, raw: dict[str, str | None]) -> ComposeResult:
    for spec in fields_of(kind):
        yield field_block(kind, spec, raw)


def read_widget(widget: Widget) -> str | None:
    """The text a field widget holds (None for an empty select)."""
    if isinstance(widget, Input):
        return widget.value
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Select):
        return None if widget.is_blank() else str(widget.value)
    raise TypeError(type(widget))
