"""The analytics export: one CSV row per conversation, for a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

COLUMNS = ("session_id", "day", "channel", "turns", "handed_off", "handoff_reason",
           "ended_dont_know", "reopened", "resolved", "thumbs_up", "thumbs_down")


def analytics_table(rows: Sequence[dict]) -> str:
    """CSV text with a header row; booleans as 0/1 so sums work in any spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([int(v) if isinstance(v, bool) else _cell(v)
                         for v in (row[c] for c in COLUMNS)])
    return out.getvalue()


def _cell(value: object) -> object:
    # A cell starting with = + - @ would run as a formula when the file is opened (CSV injection).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value
