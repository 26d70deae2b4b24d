"""An order of this conversation named by its short number: "the leggings from 106" after order
000000106 was checked is that order, written out as the shopper's first message wrote it (the
entity reader and the order flows know only the full form). Only orders already verified in the
conversation are written out, so a short number never opens an order the shopper did not prove."""

from __future__ import annotations

import re
from typing import Sequence

# A bare number of two or more digits, not an amount, a count of days, a size or a measure.
_NUMBER = re.compile(r"(?<![\w$€£.,-])(\d{2,})(?![\w.,]*\d)(?!\s*(?:\$|€|£|%|dollars?|bucks|usd|eur\w*|"
                     r"days?|weeks?|months?|cm|mm|in\b|inch\w*|kg|lbs?|oz|x\b))", re.I)


def written_out(text: str, seen: Sequence[str]) -> str:
    """The text with each short number of an order in ``seen`` written as that order's number."""
    if not seen:
        return text
    short = {order.lstrip("0"): order for order in seen if order.lstrip("0") != order}
    return _NUMBER.sub(lambda m: short.get(m.group(1), m.group(1)), text)
