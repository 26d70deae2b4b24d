"""A problem with an order told in anger ("THIS IS RIDICULOUS!! the eggs came smashed", "FED UP.
pedals arrived with a snapped axle"): the pages' procedure for it AND a person, where anger alone
handed the shopper over with nothing to go on while they wait. A person still takes it up (the
session is queued); the procedure is what the shopper can start on now (a photo, a form).
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.dialogue import cues, policy
from bot.dialogue.written_replies import HANDOFF_TEXT
from bot.types import Reply

#: Why the conversation's rules hand an angry shopper with a problem to a person (`context`).
ANGRY_REASON = "angry about a problem with an order or item"
# Shouting: two words in capitals ("THIS IS RIDICULOUS", "FED UP"), or "are you kidding me"
_SHOUTED = re.compile(r"\b[A-Z]{2,}\b\W+\b[A-Z]{2,}\b|\b[A-Z]{5,}\b|\bare\s+(?:you|u)\s+(?:kidding|serious|joking)\b")


def told(text: str) -> bool:
    """Whether a message shows anger: the words `cues.ANGRY` knows, in any case, or shouting."""
    return bool(cues.ANGRY.search(text) or cues.ANGRY.search(text.lower()) or _SHOUTED.search(text))


def handed_over(decision: policy.Decision) -> bool:
    """Whether a decision hands the shopper to a person for anger at a problem alone."""
    return decision.action == policy.HANDOFF and decision.reason == ANGRY_REASON


def with_person(reply: Reply) -> Reply:
    """The procedure's reply, handing the shopper to a person as well."""
    return replace(reply, text=f"{reply.text} {HANDOFF_TEXT}", quick_replies=(), handoff=True,
                   action=policy.HANDOFF)
