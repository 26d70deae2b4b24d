"""A change to an order called off with something else asked in the same breath: "hmm actually
no, dont cancel. how much would it cost to ship it overnight instead". The "dont cancel" ends
the task in progress (nothing was changed yet) and what follows is read alone, as the question
it is; a bare "dont cancel it" stays the flow's answer to "shall I ...?".
"""

from __future__ import annotations

import re

from bot.dialogue import cues

# Hedges before the call-off ("hmm actually no,", "nvm", "wait"), then "dont cancel (it)" and a
# stop: the words after the stop are a message of their own.
_CALLED_OFF = re.compile(
    r"^\W*(?:(?:hmm+|ok|okay|oh|actually|wait|sorry|no+|nah|nvm|never\s?mind)\W+)*"
    r"(?:don'?t|dont|do not|no need to)\s+(?:cancel|return|change|send)\w*"
    r"(?:\s+(?:it|that|this|them|back|the order|my order|after all|anymore|any more))*\s*[,.;:!-]+\s*", re.I)


def match(text: str) -> re.Match[str] | None:
    """The call-off that opens ``text`` when a question of three words or more follows it, else
    None ("dont cancel it, just tell me when its arriving" is the flow's own turn to the order's
    status)."""
    found = _CALLED_OFF.match(text)
    rest = text[found.end():] if found else ""
    return found if len(rest.split()) >= 3 and cues.QUESTION.search(rest) else None
