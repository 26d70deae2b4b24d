"""A problem with an order that the shopper tells (goods harmed, wrong or short on arrival; part of
an order missing; a parcel not arrived, lost or marked delivered but not found; a refund not come
after a return),
answered with the store pages' own procedure for that kind of problem.

A store's pages often say what to do ("send us a photo within 48 hours", "if tracking says
delivered but you cannot find the parcel, contact us within 7 days", "refunds are made within 10
business days"); a product search, the order flow's "what is your order number" or an unrelated
return rule answers none of it. Where the pages hold no such sentence, nothing is decided here
and the rest of the dialogue answers as before (the order flow, or "I can't say" and a person).
`StoreRules` asks `kind` and `sentences` before the policy decides.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from models import Fact

from bot.dialogue.grounding import answer_kinds
from bot.dialogue.grounding.facts import FactSelector, split_sentences
from bot.dialogue.orders import faults_after_use

#: Goods harmed, wrong or missing a part on arrival.
HARMED = "harmed"
#: Part of an order missing: a parcel came without one of the items ordered.
MISSING = "missing"
#: A parcel not arrived, lost, or marked delivered and not found.
NOT_ARRIVED = "not_arrived"
#: A refund not come after the goods were sent back.
REFUND_AWAITED = "refund_awaited"
#: Goods that failed after a stretch of use: a warranty question (`faults_after_use`).
FAILED_IN_USE = "failed_in_use"
#: A payment taken twice or wrongly: only a person who sees the payment can say why.
CHARGED = "charged"
#: What a reply says of a payment problem the pages give no procedure for.
CHARGED_TEXT = ("I can't say from here why your payment was taken that way: I don't see payments. "
                "A person from our team can check it with you.")
#: What a reply says of a missing item the pages give no procedure for.
MISSING_TEXT = ("I can't say from here why part of your order is missing: I don't see how it was packed. "
                "A person from our team can check it with you. If you'd like me to check the order itself, "
                "tell me its order number.")
#: The problems answered even where the pages are silent on them, and what is said then.
SILENT_TEXT = {CHARGED: CHARGED_TEXT, MISSING: MISSING_TEXT}

_HARM = (r"damaged|smashed|crushed|cracked|dented|shattered|busted|bent|broke|broken|scratch\w*|ripped|torn|"
         r"leaking|leaked|snapped|a hole|holes")
_ARRIVAL = r"arriv\w*|came|come|got here|turned up|showed up|delivered|received|got it|got them|in the box"
# "the frame was cracked when it came", "came with a cracked base", "showed up with no poles",
# "a missing part", "you sent me the wrong size", "got a blue one instead"
_TOLD_HARMED = re.compile(
    rf"\b(?:{_HARM})\b.*\b(?:{_ARRIVAL})\b|\b(?:{_ARRIVAL})\b.*\b(?:{_HARM})\b"
    r"|\b(?:arriv\w*|came|showed up|turned up)\s+(?:\w+\s+){0,3}?(?:with\s+no|without)\b"
    r"|\bmissing\s+(?:a\s+)?(?:part|piece|bit)s?\b|\b(?:part|piece)s?\s+(?:\w+\s+)?missing\b"
    r"|\bsent\s+(?:me\s+|us\s+)?(?:the\s+|a\s+|an\s+)?wrong\b"
    r"|\b(?:sent|got|received|delivered)\b[^.?!]*\binstead\b|\bnot what (?:i|we) ordered\b"
    # "you sent me a claw hammer but i ordered the framing one", "ordered a large but you sent a medium"
    r"|\b(?:sent|got|received|delivered)\b[^.?!]*\bbut\s+(?:i|we)\s+(?:had\s+)?ordered\b"
    r"|\b(?:i|we)\s+ordered\b[^.?!]*\bbut\s+(?:you\s+|they\s+)?(?:sent|got|received|delivered)\b"
    # a bought file that is faulty: "the track cuts off halfway", "the episode won't play"
    r"|\bcuts?\s+(?:off|out)\b|\bcut\s+short\b|\b(?:won'?t|will\s+not|doesn'?t|does\s+not|can'?t|cannot)\s+"
    r"(?:play|download|open)\b|\bcorrupt\w*"
    # goods that stopped working soon after they came: "the bike computer i got stopped working"
    r"|\b(?:stopped|stops|quit|quits)\s+working\b", re.I)
# Perishable goods harmed on the way: "my order arrived warm", "the cheese came mouldy", "the ice
# cream arrived all melted", "the milk was sour when it came", "the box wasn't cold". Only beside an
# arrival, in one clause: "is the jacket warm? when would it be delivered" tells no harm.
_PERISHED = (r"thawed|defrosted|melted|melting|spoil(?:ed|t)|mou?ldy|rotten|rotting|sour|curdled|"
             r"expired|out\s+of\s+date|past\s+(?:its|the)\s+best[\w-]*|(?:smell\w*|smelt|tast\w*|gone|went)\s+off|"
             r"(?:was|were|is|are)(?:n'?t|nt|\s+not)\s+(?:\w+\s+)?(?:cold|chilled|frozen|cool)|not\s+(?:cold|chilled|frozen)")
_TOLD_PERISHED = re.compile(
    rf"\b(?:arriv\w*|came|got\s+here|turned\s+up|showed\s+up|(?:was|were)\s+delivered)\b[^.?!]{{0,60}}?\b(?:{_PERISHED})\b"
    # "warm" right after the arrival or before "when it came": "it arrived and it's so warm" praises a coat
    r"|\b(?:arriv\w*|came|got\s+here|turned\s+up|showed\s+up|delivered)\s+(?:\w+\s+){0,2}?(?:luke)?warm\b"
    r"|\b(?:was|were|is|are)\s+(?:\w+\s+)?(?:luke)?warm\s+(?:when|on)\s+(?:it\s+|they\s+)?(?:arriv\w*|came|delivery)\b"
    rf"|\b(?:{_PERISHED})\b[^.?!]{{0,30}}?\b(?:(?:when|on)\s+(?:it\s+|they\s+)?(?:arriv\w*|came|delivery)"
    r"|(?:it|they|order|parcel|box|delivery)\s+(?:only\s+|just\s+)?(?:came|arrived|got\s+here))\b", re.I)
# "it still hasnt arrived", "never came", "still nothing", "is it lost", "says delivered but
# it's not here", "tracking hasn't moved"
_TOLD_NOT_ARRIVED = re.compile(
    r"\b(?:has(?:n'?t|nt| not)|have(?:n'?t|nt| not)|never|still\s+(?:not|no)|not\s+yet|didn'?t|did\s+not)\s+"
    r"(?:\w+\s+){0,2}?(?:arriv\w*|c[oa]me|turned up|showed up|shown up|got here|been delivered)\b"
    r"|\bstill\s+nothing\b|\bis\s+it\s+lost\b|\b(?:parcel|package|order|delivery|shipment)\s+(?:is|was|has\s+gone|"
    r"went)\s+missing\b|\b(?:lost|missing)\s+(?:my\s+)?(?:parcel|package|order|delivery)\b"
    r"|\b(?:parcel|package|order|delivery|it)\s+(?:\w+\s+){0,2}?(?:got|was|is|been|has been)\s+lost\b"
    r"|\b(?:says|said|shows|showing|marked|marks)\s+(?:it\s+)?(?:as\s+|was\s+)?delivered\b"
    r"|\bdelivered\b[^.?!]*\bbut\b[^.?!]*\b(?:not|nothing|no|can'?t|cannot|never|isn'?t|isnt)\b"
    r"|\btracking\s+(?:\w+\s+){0,2}?(?:has(?:n'?t|nt| not)|not|still not)\s+(?:moved|updated|changed)\b", re.I)
# Part of an order told as missing: "the capri pants were missing from it", "the plywood wasnt
# with it", "only got 2 of the 3 books", "only half my order turned up"
_TOLD_MISSING = re.compile(
    r"\b(?:was|were|is|are)\s+(?:\w+\s+)?missing\b|\bmissing\s+from\b"
    r"|\b(?:wasn'?t|wasnt|weren'?t|werent|was\s+not|were\s+not|not)\s+(?:in|with)\s+(?:it|them|"
    r"(?:the|my)\s+(?:box|package|parcel|order|delivery|shipment))\b"
    r"|\bonly\s+(?:got|received|(?:\w+\s+){0,4}?(?:came|arrived|turned\s+up|showed\s+up|got\s+here|was\s+delivered|"
    r"were\s+delivered))\b"
    r"|\b(?:the\s+)?rest\s+of\s+(?:my|the)\s+order\b", re.I)
# ... unless the whole parcel is what is missing: "my package is missing" (not arrived)
_WHOLE_MISSING = re.compile(r"\b(?:parcel|package|order|delivery|shipment)\s+(?:is|was|has\s+gone|went)\s+missing\b",
                            re.I)
# Goods told as sent back: "i sent the chair back", "posted my return", "returned my pack"
_SENT_BACK = re.compile(r"\b(?:sent|mailed|posted|shipped|dropped|brought|took)\b[^.?!]*\b(?:back|return\w*)\b"
                        r"|\breturned\b|\b(?:my|the)\s+return\b", re.I)
# ... and the refund told as not come: "still no refund", "havent got my refund", "no money back yet"
_NOT_REFUNDED = re.compile(
    r"\b(?:still|yet|has(?:n'?t|nt| not)|have(?:n'?t|nt| not)|not|no|never|where(?:'s|s| is)?)\b"
    r"[^.?!]{0,40}\b(?:refund\w*|money|credit)\b"
    r"|\b(?:refund\w*|money)\b[^.?!]{0,40}\b(?:still|yet|isn'?t|isnt|not|never)\b", re.I)

# A page's sentence on the problem: what it names, and what it tells the shopper to do or get.
_PAGE_HARMED = re.compile(r"\b(?:damaged|broken|broke|faulty|defective|cracked|bent|leaking|missing|misprinted|"
                          r"wrong\s+(?:item|thing|one|book|size|product)|not\s+what\s+you\s+ordered|"
                          r"isn'?t\s+what\s+you\s+ordered|not\s+the\s+\w+\s+you\s+ordered|spoil(?:ed|t)|not\s+cold|"
                          r"won'?t\s+(?:play|download|open)|cut\s+short|corrupt\w*|stops?\s+working|"
                          r"stopped\s+working)\b", re.I)
_PAGE_NOT_ARRIVED = re.compile(r"\b(?:lost|(?:has|have)\s+not\s+arrived|(?:has|have)n'?t\s+arrived|not\s+arrived|"
                               r"can(?:no|')t\s+find|cannot\s+find|says\s+delivered|hasn'?t\s+moved|has\s+not\s+moved|"
                               r"missing\s+parcels?)\b", re.I)
# ... an order sent in parts ("we split the order", "items may arrive separately"), or an item
# missing from it with what to do ("if an item is missing from your parcel, email us")
_PAGE_SPLIT = re.compile(r"\bsplit\s+(?:the|your)\s+order\b|\b(?:ship|send|sent|deliver|arriv)\w*\s+(?:\w+\s+)?"
                         r"separately\b|\bseparate\s+(?:parcels?|packages?|shipments?|deliveries|boxes)\b"
                         r"|\bmore\s+than\s+one\s+(?:parcel|package|shipment|delivery|box)\b", re.I)
_PAGE_MISSING = re.compile(r"\bmissing\s+(?:an?\s+)?(?:items?|parts?|pieces?|products?|goods|from)\b"
                           r"|\b(?:items?|something|anything|parts?)\s+(?:is|are)\s+missing\b", re.I)
_PAGE_REFUND_LATE = re.compile(r"\b(?:haven'?t|have\s+not|not)\s+(?:yet\s+)?received\s+(?:a|your|the)\s+refund\b",
                               re.I)
_REMEDY = re.compile(r"\b(?:contact|e-?mail|call|tell\s+us|send|photo|replac\w*|refund\w*|repair\w*|refuse|"
                     r"note\s+the\s+damage|at\s+no\s+cost|free\s+of\s+charge|prepaid|claim|paid\s+by)\b", re.I)
# The remedy that follows the case in its own sentence: "We'll send a replacement right away ..."
_REMEDY_FOLLOWS = re.compile(r"^\W*we(?:'ll|\s+will|\s+can)?\b[^.]*\b(?:replac\w*|refund\w*|repair\w*|label)\b", re.I)


# "charged twice", "double charged", "you charged me two times", "a duplicate charge"
_TOLD_CHARGED = re.compile(r"\b(?:charged|billed|paid|taken|bought)\s+(?:\w+\s+){0,3}?(?:twice|two\s+times|double)\b"
                           r"|\bdouble[- ]?(?:charged|billed|charge|payment)\b|\bduplicate\s+(?:charge|payment)s?\b", re.I)
_PAGE_CHARGED = re.compile(r"\b(?:charged\s+twice|double[- ]?charg\w*|duplicate\s+(?:charge|payment|purchase|order)s?|"
                           r"bought\s+the\s+same\s+\w+\s+twice)\b", re.I)


def kind(text: str) -> str | None:
    """The kind of order problem a message tells, or None: `CHARGED`, `REFUND_AWAITED`,
    `HARMED`, `FAILED_IN_USE`, `MISSING` or `NOT_ARRIVED`."""
    if _TOLD_CHARGED.search(text):
        return CHARGED
    if _SENT_BACK.search(text) and _NOT_REFUNDED.search(text):
        return REFUND_AWAITED
    failed_in_use = faults_after_use.told(text)  # "stopped working after 4 months": not harmed on arrival
    if _TOLD_HARMED.search(text) or _TOLD_PERISHED.search(text):
        return FAILED_IN_USE if failed_in_use else HARMED
    if _TOLD_MISSING.search(text) and not _WHOLE_MISSING.search(text):
        return MISSING
    if _TOLD_NOT_ARRIVED.search(text):
        return NOT_ARRIVED
    return FAILED_IN_USE if failed_in_use else None


def _states(problem: str, sentence: str) -> bool:
    """Whether a page's sentence gives the procedure for that kind of problem."""
    if problem == CHARGED:
        return bool(_PAGE_CHARGED.search(sentence))
    if problem == REFUND_AWAITED:
        return answer_kinds.times_the_refund(sentence) or bool(_PAGE_REFUND_LATE.search(sentence))
    if problem == MISSING:
        return bool(_PAGE_SPLIT.search(sentence) or _PAGE_MISSING.search(sentence) and _REMEDY.search(sentence))
    pattern = _PAGE_HARMED if problem == HARMED else _PAGE_NOT_ARRIVED
    return bool(pattern.search(sentence) and _REMEDY.search(sentence))


def sentences(problem: str, text: str, passages: Sequence[Fact], selector: FactSelector) -> list[Fact]:
    """The pages' sentence for the problem closest to the message (with the remedy sentence
    right after it when the case and the remedy are two sentences), as one fact; empty when the
    pages give no procedure for it.

    Args:
        problem: One of `HARMED`, `FAILED_IN_USE`, `MISSING`, `NOT_ARRIVED`, `REFUND_AWAITED`, `CHARGED`.
        text: The shopper's message.
        passages: The store's article passages.
        selector: Ranks the candidate sentences by meaning.
    """
    if problem == FAILED_IN_USE:
        return faults_after_use.sentences(text, passages, selector)
    split = {p.id: split_sentences(p.text) for p in passages}
    candidates = [Fact(pid, s) for pid, said in split.items() for s in said if _states(problem, s)]
    ranked = selector.rank(text, candidates)
    if not ranked:
        return []
    _, passage_id, _, best = ranked[0]
    said = split[passage_id]
    where = next((i for i, s in enumerate(said) if best.strip() in s or s.strip() in best), None)
    chosen = [best]
    if where is not None and where + 1 < len(said) and _REMEDY_FOLLOWS.search(said[where + 1]):
        chosen.append(said[where + 1])
    return [Fact(passage_id, " ".join(s.strip() for s in chosen))]


# A case put as a question ("what if it arrives damaged"), not a problem that happened
_SUPPOSED = re.compile(r"\b(?:if|in case|whether|suppose)\b", re.I)


def reply_text(problem: str, text: str, facts: Sequence[Fact]) -> str:
    """The pages' procedure, after a word of regret for a problem that happened; for a parcel or
    a refund, which the order's record also tracks, an offer to look the order up."""
    said = " ".join(f.text for f in facts)
    if _SUPPOSED.search(text):
        return said
    check = (" If you'd like me to check the order itself, tell me its order number."
             if problem in (NOT_ARRIVED, REFUND_AWAITED, MISSING) else "")
    return f"Sorry about that. {said}{check}"


#: The slot of an order flow that keeps the problem the shopper told when it started.
TOLD = "problem_told"
#: What a verified order's status adds when its record cannot settle the problem told.
DELIVERED_NOT_FOUND_TEXT = "It shows as delivered, so if you can't find it, a person from our team can look into it with you."
MISSING_AFTER_STATUS_TEXT = "For an item missing from it, a person from our team can look into it with you."


def after_status(problem: str, status: str) -> str:
    """What a verified order's status reply adds for the problem told when the flow started
    ("" when the record answers it): a parcel told as not here that the record calls delivered,
    or an item told as missing, which only a person who sees the packing can settle."""
    if problem == NOT_ARRIVED and status == "delivered":
        return DELIVERED_NOT_FOUND_TEXT
    if problem == MISSING and status in ("shipped", "delivered"):
        return MISSING_AFTER_STATUS_TEXT
    return ""
