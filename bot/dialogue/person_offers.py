"""A person the assistant offered, taken up in the shopper's own words, and a wait the shopper
says has run past what the store said.

Replies that cannot settle a problem ("it shows as delivered, so ... a person from our team can
look into it", "I'm not sure about that ... I can connect you with a human agent") offer a
person with a "Talk to a human" button. A shopper who types the answer instead of pressing it
("yes please", "sí, por favor") takes that offer; "get someone on it", "ok connect me", "have
someone check" ask for the person in any case. Read alone, those words are no question the store
can answer ("out of scope", or a goodbye).

"well its been way more than 14 days" right after the store's processing time was given is a
wait past what the store promised: only a person can look into why, so it is handed over too
(read alone, the classifier takes it for a goodbye).
"""

from __future__ import annotations

import re

from bot.dialogue.language import languages
from bot.types import Session

#: The quick reply with which a reply offers a person.
OFFER = "Talk to a human"
#: Replies whose buttons are the assistant's menu (a person among the things it can do), no offer.
_MENU_ACTIONS = frozenset({"greeting", "out_of_scope", "capabilities"})
# Yes to the offer: "yes please", "sure, go ahead", "ok connect me", "sí, por favor", "oui merci";
# a bare "ok"/"thanks" is no yes (it acknowledges the reply and may end the chat).
_YES = re.compile(r"^\W*(?:(?:ok(?:ay)?|well|then|and)\W+)?(?:yes|yeah|yea|yep|yup|sure|please|pls|plz|go ahead|do it|"
                  r"do that|please do|s[ií]|oui|ja|sim|claro|bitte|d'accord|por favor|per favore|s'il vous pla[iî]t|"
                  r"vale)\b[\w\s,.!']{0,40}$", re.I)
# Asking for the person in other words than "a human": "connect me", "get someone on it",
# "have someone check", "can someone look into it"
# ... with what the person is to do, so "i need to get someone a present" asks for no one
_SOMEONE = re.compile(r"\b(?:connect|transfer)\s+me\b|\bput\s+me\s+through\b"
                      r"|\b(?:get|have|send)\s+(?:someone|somebody|a\s+person)\s+(?:on\s+(?:it|this)|(?:to\s+)?(?:check|look|"
                      r"help|call|contact|sort))\b|\b(?:someone|somebody)\s+(?:check|look into|take a look)\b", re.I)
# "it's been more than 2 weeks", "its been way over 14 days", "already been 3 weeks": time passed,
# said as a claim (not "can i return it if it's been more than 30 days?", a rule's question)
_WAITED = re.compile(r"\b(?:it'?s|its|it has|has|have|i'?ve)\s+(?:already\s+|now\s+)?been\s+(?:already\s+)?"
                     r"(?:way\s+|much\s+|well\s+|a\s+lot\s+|far\s+)?(?:more\s+than|longer\s+than|over|past|almost|nearly)?\s*"
                     r"(?:\d+|a|one|two|three|four|five|six|a\s+few|several)\s+(?:\w+\s+)?(?:days?|weeks?|months?)\b", re.I)
_RULE_QUESTION = re.compile(r"\b(?:can|could|may|do|does|is|will|would)\s+(?:i|we|you|it|they|that)\b|\bif\b", re.I)


def offered(session: Session, language: str) -> bool:
    """Whether the assistant's last reply offered a person (its "Talk to a human" button, not
    the menu of what the assistant can do)."""
    button = languages.buttons((OFFER,), language)[0]
    for entry in reversed(session.transcript):
        if entry.role == "assistant":
            reply = entry.reply or {}
            return reply.get("action") not in _MENU_ACTIONS and (
                button in reply.get("quick_replies", ()) or OFFER in reply.get("quick_replies", ()))
        if entry.role == "user":
            return False
    return False


def takes_offer(session: Session, text: str, language: str) -> bool:
    """The shopper answers the person just offered with a yes, or asks for someone to look into
    it ("get someone on it", "connect me": a person asked for, offered or not)."""
    return bool(_SOMEONE.search(text)) or (bool(_YES.search(text)) and offered(session, language))


def waited_past(text: str, told_a_wait: bool) -> bool:
    """The shopper says the time the store just gave has passed ("its been way more than 14
    days"), as a claim rather than a question of the rules; ``told_a_wait``: the last reply
    answered from the store's pages or an order's record."""
    return told_a_wait and bool(_WAITED.search(text)) and not _RULE_QUESTION.search(text)
