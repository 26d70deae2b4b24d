"""A message that only acknowledges the answer before it ("ok", "hmm ok", "ok cool", "nice", "ok
thx", "got it"): the conversation goes on where it was, with "You're welcome" only for thanks.

A store's own intent model reads such a message as a greeting, a goodbye or out of scope, and the
language identifier can take two short words ("hmm ok") for German. Read so, the shopper would be
greeted again in another language and the follow-up that comes next ("any cheaper ones?", "who
wrote it") would lose the product it leans on. So an acknowledgement is thanked, keeps the
conversation's language and leaves its last act, question and products in view as they were.
"You're welcome" answers thanks; said to a bare "ok" or "got it" it thanks the shopper for
nothing, so those get a plain "Okay" (`reply_text`).
"""

from __future__ import annotations

import re

from bot.dialogue import cues

#: Words that acknowledge and ask nothing, in the spellings shoppers type ("okk", "hmmm" are
#: read with their letters run together first). "yes" and "no" are not here: they answer.
WORDS = frozenset("ok okay okie oki k kk lol lmao haha cool alright sure got it gotcha nice great fine "
                  "oh ah i see hm hmm mhm yeah yep right thx thanks thank you ty cheers perfect awesome".split())
#: The reply to thanks, and to an acknowledgement that thanks no one (its rows in es/fr/de/pt/it
#: are in `bot.dialogue.language.translations`).
WELCOME_TEXT = "You're welcome! Is there anything else I can help with?"
NEUTRAL_TEXT = "Okay! Is there anything else I can help with?"
# Words that thank ("thx", "thank you", "cheers", "merci" read as "thanks"): they earn "You're welcome".
_THANKS = re.compile(r"\b(?:thx|thanks?|thank\s*(?:you|u|ya)|ty|tysm|cheers|appreciate\w*|ta)\b", re.I)
# A letter typed three or more times ("okkk", "hmmmm", "niiice"): read as typed twice, then once.
_DRAWN_OUT = re.compile(r"(\w)\1{2,}")
_DOUBLED = re.compile(r"(\w)\1+")
# Acknowledging words before a follow-up: "hmm what about the 5l", "ok and in black?"
_LEAD = re.compile(r"^\W*(?:(?:ok|okay|k|hmm+|hm|oh|ah|cool|nice|right|alright|yeah|yep|sure)\b[\s,.!]*)+", re.I)


def _plain(word: str) -> str:
    """A drawn-out word as written plainly ("okkk", "okk" -> "ok"; "hmmmm" -> "hmm"; "niiice" ->
    "nice"), when that is one of `WORDS`; else the word as typed."""
    for plain in (word, _DRAWN_OUT.sub(r"\1\1", word), _DRAWN_OUT.sub(r"\1", word), _DOUBLED.sub(r"\1", word)):
        if plain in WORDS:
            return plain
    return word


def acknowledges(text: str) -> bool:
    """Whether a message is only acknowledging words: no question, request or product in it."""
    said = cues.words(text)
    return bool(said) and all(_plain(w) in WORDS for w in said)


def without_lead(text: str) -> str:
    """The message with the acknowledging words before it left out ("hmm what about the 5l" ->
    "what about the 5l"); the message itself when it is nothing else."""
    rest = _LEAD.sub("", text, count=1)
    return rest if rest.strip() else text


def reply_text(text: str) -> str:
    """The reply to a thanks or an acknowledgement: "You're welcome" when the message thanks
    ("cool thanks", "ty"), else a plain "Okay" ("ok", "k", "got it": nothing to be welcome for)."""
    return WELCOME_TEXT if _THANKS.search(text) or not acknowledges(text) else NEUTRAL_TEXT
