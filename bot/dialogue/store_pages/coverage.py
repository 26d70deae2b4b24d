"""Whether a fault is covered: "the battery on my cordless drill died after 2 years, is that
covered", "my tent pole snapped, is it under warranty". A fault told reads as anger to a sentiment
model ("died", "snapped"), and the shopper was handed to a person; asked whether it is covered, it
is a question the store's warranty or returns page answers (its "not covered" included).

Nothing here names one store's words: these are how anyone asks about a warranty.
"""

from __future__ import annotations

import re

#: "is that covered", "would it be covered", "is this under warranty", "does the guarantee cover it"
ASKED = re.compile(r"\b(?:is|are|would|will|am|was)\s+(?:that|this|it|they|these|those|i|my\s+\w+)\s+(?:still\s+)?"
                   r"(?:be\s+)?(?:covered|under\s+(?:the\s+|a\s+|your\s+)?(?:warranty|guarantee))\b|"
                   r"\b(?:does|do|will|would)\s+(?:the\s+|your\s+|my\s+)?(?:warranty|guarantee)\s+cover\b", re.I)
