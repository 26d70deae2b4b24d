"""A change to an order called off: "hmm actually no, dont cancel. how much would it cost to ship
it overnight instead", "nah never mind, keep it. does the lando jacket come in xl?", "actually dont
bother, ill keep them", "oh wait never mind, the address is fine. when will it ship?". The call-off
ends the task in progress (nothing was changed yet) and says so ("Okay, order #118 stays as it
is."); what follows is read alone, as the question it is, and answered after that sentence. A bare
"dont cancel it" stays the cancel flow's answer to "shall I ...?"; a bare call-off of a return or
an address change ends that flow (the words are no return reason and no address).
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.dialogue import cues, policy
from bot.dialogue.language import languages
from bot.types import Reply, Session

# Hedges before the call-off ("hmm actually no,", "nvm", "wait", "forget it", "i changed my mind").
_HEDGE = (r"(?:hmm+|ok|okay|oh|actually|wait|sorry|no+|nah|nope|nvm|never\s?mind|forget\s+(?:about\s+)?(?:it|that)|"
          r"scratch\s+that|(?:i\s+)?changed\s+my\s+mind)")
# The call-off: "dont cancel (it)", "dont bother", "(ill) keep it/them", "leave it as it is", "the
# address is fine": the task is not to be done.
_CALL = (r"(?:(?:don'?t|dont|do not|no need to)\s+(?:cancel|return|change|send)\w*"
         r"(?:\s+(?:it|that|this|them|back|the order|my order|the address|after all|anymore|any more))*"
         r"|(?:don'?t|dont|do not)\s+bother"
         r"|(?:(?:i'?ll|ill|i will|i'?m\s+gonna|im\s+gonna|i'?m\s+going\s+to|im\s+going\s+to)\s+)?(?:just\s+)?keep\s+"
         r"(?:it|them|that|the order|my order|the address)(?:\s+as\s+(?:it\s+)?is)?"
         r"|leave\s+(?:it|them|the order|my order|the address)(?:\s+as\s+(?:it\s+)?is)?"
         r"|(?:the|my)\s+(?:address|order)\s+is\s+(?:fine|ok|okay|good|right|correct))")
# Hedges, then one call-off or more ("dont bother, ill keep them"), then a stop: the words after
# the stop are a message of their own.
_CALLED_OFF = re.compile(rf"^\W*(?:{_HEDGE}\W+)*{_CALL}(?:\W+{_CALL})*\s*[,.;:!-]+\s*", re.I)
# The whole message a call-off ("actually dont bother, ill keep them", "never mind, keep it").
_WHOLE = re.compile(rf"^\W*(?:{_HEDGE}\W+)*{_CALL}(?:\W+{_CALL})*(?:\W+(?:thanks|thank you|thx|ty))?\W*$", re.I)
#: The session slot holding the sentence that says a dropped task left the order as it is.
ACKNOWLEDGE = "called_off"
_WRITES = (policy.CANCEL_ORDER, policy.CHANGE_ADDRESS, policy.RETURN)


def match(text: str) -> re.Match[str] | None:
    """The call-off that opens ``text`` when a question of three words or more follows it, else
    None ("dont cancel it, just tell me when its arriving" is the flow's own turn to the order's
    status)."""
    found = _CALLED_OFF.match(text)
    rest = text[found.end():] if found else ""
    return found if len(rest.split()) >= 3 and cues.QUESTION.search(rest) else None


def whole(text: str) -> bool:
    """True when the whole message calls the task off ("never mind, keep it")."""
    return bool(_WHOLE.match(text))


def left_as_is(flow: str, order_id: str) -> str:
    """The sentence that says a dropped task changed nothing: of the order opened, or of any."""
    if not order_id:
        return "Okay, nothing has been changed."
    if flow == policy.RETURN:
        return f"Okay, no return is opened for order #{order_id}."
    if flow == policy.CHANGE_ADDRESS:
        return f"Okay, order #{order_id} keeps its delivery address."
    return f"Okay, order #{order_id} stays as it is."


def remember(session: Session) -> None:
    """Keep, for this turn's reply, the sentence of the order task being dropped: of a task
    that would have changed an order already opened (dropping a status check, or a task still
    asking whose order it is, says nothing)."""
    if session.flow in _WRITES and session.verified_order:
        session.slots[ACKNOWLEDGE] = left_as_is(session.flow, session.verified_order)


def acknowledged(session: Session, reply: Reply, language: str) -> Reply:
    """The reply after the sentence of the task dropped this turn, in the shopper's language."""
    said = session.slots.pop(ACKNOWLEDGE, "")
    if not said:
        return reply
    return replace(reply, text=f"{languages.localize(said, language)} {reply.text}")
