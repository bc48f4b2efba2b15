"""Importers: spreadsheets and xAPI statements in, checked records out, every error by place."""

from casedu.importers.applying import apply_import
from casedu.importers.kinds import KINDS, ImportKind
from casedu.importers.planning import ImportPlan, plan_import
from casedu.importers.reading import FileRefusedError, Limits, read_rows
from casedu.importers.templates import write_template
from casedu.importers.xapi import XapiResult, duration_seconds, parse_duration, read_statements

__all__ = [
    "KINDS",
    "FileRefusedError",
    "ImportKind",
    "ImportPlan",
    "Limits",
    "XapiResult",
    "apply_import",
    "duration_seconds",
    "parse_duration",
    "plan_import",
    "read_rows",
    "read_statements",
    "write_template",
]
