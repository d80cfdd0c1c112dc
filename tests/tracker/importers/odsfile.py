"""Write small OpenDocument spreadsheets for tests: a zip with a mimetype, a
manifest and content.xml, which python-calamine reads like Ofsted's own file.

Fixtures in the layout of Ofsted's "Local authority inspection outcomes" are
built here from rows the tests write by hand (the real file is never copied).
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

Rows = Sequence[Sequence[object]]

HISTORY_HEADER = [
    "Web link", "Local authority area code", "Local authority name", "Local authority status",
    "Ofsted region", "Inspection date", "Publication date", "Inspection type",
    "Overall effectiveness",
    "The impact of leaders on social work practice with children and families",
    "The experiences and progress of children who need help and protection",
    "The experiences and progress of children in care",
    "The experiences and progress of care leavers",
]  # fmt: skip
IN_YEAR_HEADER = [
    "Web link", "Local authority area code", "Local authority name", "Region",
    "Inspection/Visit date", "Publication date", "Inspection/Visit type", *HISTORY_HEADER[8:],
    "Visit Theme",
]  # fmt: skip
AS_AT_HEADER = [
    "Web link", "Local authority area code", "Local authority name", "Ofsted region",
    "Inspection date", "Publication date", *HISTORY_HEADER[8:],
]  # fmt: skip

_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"'
)
_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def _cell(value: object) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, date):
        stamp = f"{value.isoformat()}T00:00:00"
        return f'<table:table-cell office:value-type="date" office:date-value="{stamp}"><text:p>{value}</text:p></table:table-cell>'  # noqa: E501
    text = escape(str(value))
    return f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'


def write_ods(path: Path, sheets: dict[str, Rows]) -> Path:
    """A spreadsheet with these sheets, in order, each a list of rows."""
    body = "".join(
        f'<table:table table:name="{escape(name)}">'
        + "".join("<table:table-row>" + "".join(_cell(c) for c in row) + "</table:table-row>" for row in rows)
        + "</table:table>"
        for name, rows in sheets.items()
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_NS}>'
        f"<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", _MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


def outcomes_workbook(
    path: Path,
    history: Rows,
    in_year: Rows,
    as_at: Rows,
    published: date | None = date(2025, 9, 25),
    headers: tuple[list[str], list[str], list[str]] = (HISTORY_HEADER, IN_YEAR_HEADER, AS_AT_HEADER),
) -> Path:
    """Ofsted's layout: Cover, Contents, Notes, then three tables with the header on row 3."""
    cover: list[list[object]] = [["Local authority inspection outcomes as at 31 March 2025", ""]]
    if published:
        cover.append(["Published on:", published])
    link = "Ofsted Local Authority Webpage"
    return write_ods(
        path,
        {
            "Cover": cover,
            "Contents": [["Contents"]],
            "Notes": [["Notes"]],
            "Inspections_as_at_31_March": [["As at"], ["About"], headers[2], *([link, *r] for r in as_at)],
            "In-year_inspections": [["In year"], ["About"], headers[1], *([link, *r] for r in in_year)],
            "ILACS_inspection_history": [["History"], ["About"], headers[0], *([link, *r] for r in history)],
        },
    )
