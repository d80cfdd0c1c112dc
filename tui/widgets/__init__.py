"""Widgets: time bar, grade strip, timeline, event detail, judgement card, caseload chart,
neighbours panel."""
