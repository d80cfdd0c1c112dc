"""Exports people can use: tables as CSV and Excel workbooks, caseload charts as PNG and SVG.

Every export says the time point it was made at and the sources it rests on, is
written as a new file (never over another), and never holds a cell a spreadsheet
would run as a formula. The CLI and the UI call the writers here with plain values.
"""
