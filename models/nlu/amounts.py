"""Amounts of money as shoppers and store pages write them, in any of the usual notations.

"$1,299.00" and "1,299" (comma thousands), "1.299,00 €", "20,50 €" and "1.299" (the
continental notation: a decimal comma, dot thousands), "1'299.00" (Swiss), "1 299,00"
with a no-break space. One pattern (``NUMBER``) finds them and one function
(``parse_amount``) reads them, so the entity extractor, the shipping quote and the guard
agree on what a number in a message or a fact is.

The rule for a lone separator: one followed by exactly three digits groups thousands
("1,299", "1.299"); one followed by one or two digits is the decimal mark ("20,50", "20.5").
"""

from __future__ import annotations

import re

#: A number as money is written (no sign, no currency): grouped thousands with an optional
#: decimal part, or plain digits with an optional one- or two-digit decimal part.
NUMBER = (r"\d{1,3}(?:[,.'\u00a0\u202f]\d{3})+(?:[.,]\d{1,2})?(?![\d])"
          r"|\d+(?:[.,]\d{1,2})?(?![\d])")
_GROUPS = re.compile(r"[,.'\u00a0\u202f]")


def parse_amount(raw: str) -> float:
    """The value of a written number: "1.299,00" -> 1299.0, "20,50" -> 20.5, "1,299" -> 1299.0.

    Args:
        raw: A number as ``NUMBER`` matches it (a currency sign around it is ignored).

    Returns:
        Its value.

    Raises:
        ValueError: When ``raw`` holds no digits.
    """
    text = raw.strip().strip("$€£ ").strip()
    marks = [(i, c) for i, c in enumerate(text) if c in ",.'\u00a0\u202f"]
    if not marks:
        return float(text)
    last_at, last = marks[-1]
    decimals = len(text) - last_at - 1
    # The last mark is the decimal one when it is a dot or comma that other marks precede
    # ("1.299,00", "1,299.00") or that one or two digits follow ("20,50").
    if last in ",." and (decimals != 3 or any(c != last for _, c in marks[:-1])):
        whole, fraction = text[:last_at], text[last_at + 1:]
        return float(_GROUPS.sub("", whole) + "." + fraction)
    return float(_GROUPS.sub("", text))
