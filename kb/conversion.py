"""A platform's product export converted to the import format: what both converters return."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kb.errors import ImportProblem


@dataclass
class Conversion:
    rows: list[dict[str, str]] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    extra_columns: list[str] = field(default_factory=list)

    def write(self, target: Path, columns: Sequence[str]) -> None:
        """Write the rows to ``target`` (products.csv): the format's ``columns`` first, then the
        extra ones (attributes, price lists) the rows hold, by name."""
        self.extra_columns = sorted({k for row in self.rows for k in row} - set(columns))
        with target.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=[*columns, *self.extra_columns])
            writer.writeheader()
            writer.writerows(self.rows)
