"""What the store charges for doing something: "how much do you charge to cut a sheet of plywood",
"how much does it cost to have you assemble the bed", "whats the fee to engrave it". The goods
named are what the service is done to, so the question read as that product's price ("the Orbital
Sander 1/4 Sheet costs $67.00" for "a sheet of plywood"); the store's pages price the service.

Nothing here names one store's services: the cue is a charge or cost asked "to" do something.
"""

from __future__ import annotations

import re

# "how much do you charge to cut", "how much would it cost to have you fit", "what's the fee to engrave",
# "what do u charge for cutting"; not "how much is the drill" nor "how much does it cost to ship"
# (a shipping question, read by the shipping rules)
_ASKED = re.compile(r"\b(?:how much|what)\s+(?:do|would|will|does|did)\s+(?:you|u|ya|it)\s+(?:guys\s+)?"
                    r"(?:charge|cost)\s+(?:(?:me|us)\s+)?(?:to\s+(?:have\s+(?:you|u|it|them)\s+)?"
                    r"(?!ship|send|post|deliver|get\b|buy\b|order\b|return\b)\w+|"
                    r"for\s+(?!shipping|sending|posting|delivering|returning)\w+ing)\b"
                    r"|\b(?:fee|charge)\s+(?:to\s+(?:have\s+(?:you|u|it|them)\s+)?(?!ship|send|post|deliver|return)\w+|"
                    r"for\s+(?!shipping|sending|posting|delivering|returning)\w+ing)\b",
                    re.I)


def asks(text: str) -> bool:
    """The message asks what the store charges for a service it does to goods."""
    return bool(_ASKED.search(text))
