"""Whether a message shows frustration enough to hand the shopper to a person at once.

A sentiment model reads a problem's words ("damaged", "stopped working") as anger; a problem told
to ask what to do, one that may happen, or a question on how the store works is no grievance
unless anger shows in the words."""

from __future__ import annotations

import re

from models import Sentiment

from bot.dialogue import cues, purchase_stories
from bot.dialogue.store_pages import coverage

# Sentiment this negative goes to a human at once, unless the bot can act on the request itself
# (an angry "where is my order?" gets the order's status).
NEGATIVE_HANDOFF_SCORE = 0.8

# "my package arrived damaged, what do i do": a problem told to ask what to do is a question the
# store's pages answer; a sentiment model reads the problem's words as anger all the same
_ASKS_WHAT_TO_DO = re.compile(r"\b(what\s+(do|can|should|shall)\s+i\s+do|what\s+now|what\s+are\s+my\s+options|"
                              r"what\s+happens\s+now|how\s+do\s+i\s+(get|report|fix|send|return)|"
                              r"what'?s\s+the\s+next\s+step)\b", re.I)
# "what if it gets damaged in the post", "how well do u pack stuff, worried it'll break": a
# problem that may happen is a question on the store's rules, not a grievance, though a
# sentiment model reads "damaged" and "break" as anger
_HYPOTHETICAL = re.compile(r"\b(what\s+if|what\s+happens\s+(if|when)|in\s+case|(i'?m\s+|am\s+)?(worried|afraid|"
                           r"concerned|nervous)|if\s+(it|its|it'?s|they|my|the|something|anything|an?\s+\w+)\s+"
                           r"(gets?|got|arrives?|comes?|breaks?|is|are|turns?\s+up))\b", re.I)
# "are things packed well, its fragile": a question on how the store works that tells nothing
# of the shopper's own (no "I", "my")
_ASKS_THE_STORE = re.compile(r"^\W*(are|is|do|does|will|would|can|could|how)\b(?!.*\b(i|i'?m|i'?ve|me|my|mine|we|our)\b)",
                             re.I)
# "the kettle stopped working after 4 months, am i out of luck": a fault told is a question on the
# guarantee or the returns page, though a sentiment model reads "stopped working" as anger
_FAULT_TOLD = re.compile(r"\b(?:stopped working|(?:doesn'?t|does not|won'?t|will not|no longer) (?:work|switch on|"
                         r"turn on|charge|start)|faulty|defective|broke (?:after|within|down))\b", re.I)
# "i washed the scrubs once, can they still go back": whether goods may be returned, asked
_ASKS_IF_RETURNABLE = re.compile(r"\b(?:can|could|may)\s+(?:i|we|it|they|this|these|that|those)\s+(?:still\s+)?"
                                 r"(?:return|exchange|swap|send\s+(?:\w+\s+){0,2}back|go\s+back|be\s+(?:returned|"
                                 r"exchanged|sent\s+back|refunded))\b", re.I)
# ... unless anger shows in the words: "this is the third time!!", "useless", "ridiculous"
_ANGER = re.compile(r"!!|\b(ridiculous|unacceptable|useless|worst|terrible|awful|horrible|joke|scam|"
                    r"fed\s+up|sick\s+of|angry|furious|pissed|wtf|damn|again|(second|third|fourth)\s+time|"
                    r"never\s+(again|buying)|waste)\b|\b[A-Z]{4,}\b")


def frustrated(text: str, sentiment: Sentiment) -> bool:
    """Whether a message shows frustration enough to hand the shopper to a person: strongly
    negative, unless it tells a problem to ask what to do, asks about one that may happen or
    asks how the store works, or asks whether a return is still allowed ("is it too late to bring
    it back"), without a word of anger."""
    if (any(p.search(text) for p in (_ASKS_WHAT_TO_DO, _HYPOTHETICAL, _ASKS_THE_STORE, cues.ARRIVED_HARMED, _FAULT_TOLD,
                                    _ASKS_IF_RETURNABLE, coverage.ASKED)) or purchase_stories.asks_if_allowed(text)) \
            and not _ANGER.search(text):
        return False
    return sentiment.label == "negative" and sentiment.score >= NEGATIVE_HANDOFF_SCORE
