"""One-line summaries of facts, for timelines, logs and JSON ``summary``."""

from __future__ import annotations

from typing import Any

from events.vocabulary import Framework, Grade, Kind


def grade_label(value: str | None) -> str:
    return "none" if value is None else Grade(value).label


def figure_text(figure: dict[str, Any] | None) -> str:
    """17, 24–26, ≥20, ≤15 — never an invented single number for a range."""
    if not figure:
        return "-"
    if "value" in figure:
        return f"{figure['value']:g}"
    low, high = figure.get("low"), figure.get("high")
    if low is not None and high is not None:
        return f"{low:g}–{high:g}"
    return f"≥{low:g}" if low is not None else f"≤{high:g}"


def _inspection(f: dict[str, Any]) -> str:
    framework = Framework(f.get("framework") or "unknown").label
    overall = f.get("overall")
    head = f"Inspection ({framework}): {grade_label(overall) if overall else 'no overall grade'}"
    parts = [  # grades not recorded are left out: the head says so when none was
        f"{label} {grade_label(f[name])}"
        for name, label in (
            ("impact_of_leaders", "leaders"),
            ("help_and_protection", "help & protection"),
            ("children_in_care", "in care"),
            ("care_leavers", "care leavers"),
        )
        if f.get(name) and f[name] != Grade.UNKNOWN.value
    ]
    return head + (f"; {', '.join(parts)}" if parts else "")


def _workforce(f: dict[str, Any]) -> str:
    parts = []
    if f.get("caseload"):
        parts.append(f"caseload {figure_text(f['caseload'])}")
    if f.get("caseload_target") is not None:
        parts.append(f"target {f['caseload_target']:g}")
    if f.get("fte"):
        parts.append(f"{figure_text(f['fte'])} FTE")
    for name, label in (
        ("agency_rate", "agency"),
        ("vacancy_rate", "vacancy"),
        ("turnover_rate", "turnover"),
    ):
        if f.get(name):
            parts.append(f"{label} {figure_text(f[name])}%")
    if f.get("suppressed"):
        parts.append("withheld: " + ", ".join(sorted(f["suppressed"])))
    if f.get("joint_with"):
        parts.append("joint return with " + "/".join(f["joint_with"]))
    return "Workforce: " + ("; ".join(parts) or "no figures")


def _recruitment(f: dict[str, Any]) -> str:
    parts = []
    if f.get("posts") is not None:
        parts.append(f"{f['posts']} posts")
    if f.get("investment_gbp") is not None:
        parts.append(f"£{f['investment_gbp']:,}")
    if f.get("roles"):
        parts.append(", ".join(f["roles"]))
    if f.get("routes"):
        parts.append("via " + ", ".join(f["routes"]))
    return "Recruitment drive: " + ("; ".join(parts) or "details not given")


def describe(kind: str, fields: dict[str, Any]) -> str:
    """The user's own summary if given, else one generated from the fields."""
    if fields.get("summary"):
        return str(fields["summary"])
    return generated_summary(kind, fields)


def generated_summary(kind: str, f: dict[str, Any]) -> str:
    match Kind(kind):
        case Kind.INSPECTION:
            return _inspection(f)
        case Kind.FOCUSED_VISIT:
            return f"Focused visit: {f.get('theme')}"
        case Kind.MONITORING_VISIT:
            return f"Monitoring visit: {f.get('theme')}"
        case Kind.RESTRUCTURE:
            return f"Restructure {f.get('status')}: {f.get('changes')}"
        case Kind.RECRUITMENT:
            return _recruitment(f)
        case Kind.WORKFORCE:
            return _workforce(f)
        case Kind.LEADERSHIP_CHANGE:
            who = f" ({f['person']})" if f.get("person") else ""
            return f"{f.get('role')}: {f.get('change')}{who}"
        case Kind.BUDGET_PRESSURE:
            amount = f" (£{f['amount_gbp']:,})" if f.get("amount_gbp") is not None else ""
            return f"Budget pressure: {f.get('description')}{amount}"
        case Kind.INITIATIVE:
            return f"Initiative: {f.get('name')}"
        case _:
            return kind


def source_labels(sources: list[dict[str, Any]]) -> list[str]:
    """Each publisher of a fact's sources once, in the order the fact met them (for a row)."""
    labels: list[str] = []
    for source in sources:
        label = str(source.get("publisher") or source.get("title") or "")
        if label and label not in labels:
            labels.append(label)
    return labels
