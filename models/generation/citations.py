"""Short citation labels: the model cites facts as [1], [2]; replies show their real ids.

A 0.5B model copies "[1]" reliably but mangles "[policy:returns-and-replacements#1]". Facts are
numbered in the prompt in order of first appearance in the conversation, the model cites the
numbers, and `Citations.to_ids` turns them into fact ids in the streamed reply. Past replies,
stored with real ids, are turned back into the same numbers when the prompt is rendered again,
so the round trip gives back the tokens the model generated and the session cache stays valid.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

# "[3]" or "[1, 2]": the forms the model writes.
_LABELS = re.compile(r"\[(\d+(?:, ?\d+)*)\]")
# A citation still being written at the end of the text: "[", "[1", "[1, ".
_OPEN_LABEL = re.compile(r"\[[\d, ]{0,12}$")
_ID_SEPARATOR = ", "


@dataclass(frozen=True, slots=True)
class Citations:
    """The numbering of one prompt's facts.

    Attributes:
        ids: Label ("1") -> fact id ("policy:returns-and-replacements#1").
    """

    ids: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def numbering(cls, fact_ids: list[str]) -> Citations:
        """Number distinct ids from 1 in the given order."""
        ids: dict[str, str] = {}
        for fact_id in fact_ids:
            if fact_id not in ids.values():
                ids[str(len(ids) + 1)] = fact_id
        return cls(ids)

    def label(self, fact_id: str) -> str:
        """The label of a fact id (KeyError when it is not numbered)."""
        return next(label for label, known in self.ids.items() if known == fact_id)

    def to_ids(self, text: str) -> str:
        """Replace "[1]" / "[1, 2]" by "[id]" / "[id, id]"; unknown labels stay as written."""

        def swap(match: re.Match[str]) -> str:
            labels = [label.strip() for label in match.group(1).split(",")]
            if not all(label in self.ids for label in labels):
                return match.group(0)
            return "[" + _ID_SEPARATOR.join(self.ids[label] for label in labels) + "]"

        return _LABELS.sub(swap, text) if self.ids else text

    def to_labels(self, text: str) -> str:
        """The inverse of `to_ids` for the ids this numbering knows."""
        for label, fact_id in sorted(self.ids.items(), key=lambda item: -len(item[1])):
            text = text.replace(f"[{fact_id}]", f"[{label}]")
            text = text.replace(f"[{fact_id}{_ID_SEPARATOR}", f"[{label}{_ID_SEPARATOR}")
            text = text.replace(f"{_ID_SEPARATOR}{fact_id}]", f"{_ID_SEPARATOR}{label}]")
            text = text.replace(f"{_ID_SEPARATOR}{fact_id}{_ID_SEPARATOR}",
                                f"{_ID_SEPARATOR}{label}{_ID_SEPARATOR}")
        return text


def open_label_length(text: str) -> int:
    """Characters at the end of `text` that may be an unfinished citation label."""
    match = _OPEN_LABEL.search(text)
    return len(text) - match.start() if match else 0
