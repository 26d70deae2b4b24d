"""Conditional return policies: "can I return it if I washed it?", "do I get cash back for a
gift?", "used it once and it broke". The answer is the store's own sentences that state the
condition asked about (unworn / unwashed / defective, tags and packaging, gifts refunded by gift
card or check, fees), cited, not the sentence that merely shares the most words.

The concepts are plain English words for an item's condition, matched against any store's
return pages; nothing here names one store's wording.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from models import Fact

from bot.dialogue.facts import split_sentences

CONDITIONS = "return_conditions"

# concept -> (how a shopper says it, how a policy sentence states it)
_CONCEPTS = {
    # "used merchandise", "unused", not "the card can be used for purchases"
    "worn": (r"\b(wore|worn|wear\w*|used|tried (it |them )?on)\b",
             r"\b(un)?worn\b|\bwear|\bunused\b|(?<!be )\bused\b(?! (for|to|by|in|with|at|on)\b)"),
    "washed": (r"\b(wash\w*|laundered|dried)\b", r"wash"),
    "defective": (r"\b(broke|broken|holes?|ripped|rip|torn|tear|defect\w*|faulty|damaged?|stopped working|"
                  r"not working|dead on arrival|(doesn'?t|does not|won'?t|didn'?t) (work|switch on|turn on|"
                  r"start|charge)|arrived (with|broken|damaged))\b", r"defect|damag|faulty"),
    # an item's labels, not "is there a return label" (the one to post it back with)
    "tags": (r"\b(tags?|(?<!return )(?<!shipping )(?<!mailing )(?<!prepaid )labels?|packaging|box|"
             r"original package)\b", r"\btags?\b|packag"),
    # a gift, not a gift card or certificate (goods of their own: "is a gift card returnable")
    "gift": (r"\b(gift(?!\s*(?:cards?|certificates?|vouchers?|wrap\w*))\w*|present)\b", r"gift"),
    # "a receipt or proof of purchase", not "within 30 days of receipt of merchandise"
    "receipt": (r"\b(receipts?|proof of purchase)\b", r"\breceipt\b(?! of)|proof of purchase"),
    "fee": (r"\b(fees?|restock\w*|charged?)\b", r"\bfees?\b"),
    # "can i swap it for a medium?": the store's words on exchanges, not the return window
    "exchange": (r"\b(exchang\w*|swap\w*|(different|another|other|bigger|smaller|larger) (size|colou?r|one)|"
                 r"wrong (size|colou?r))\b", r"\bexchang"),
    # "refunded to my card or store credit?": how a refund is paid
    "refund_method": (r"\b(store credit|(my|the|same|original) (credit |debit )?card|in cash|original "
                      r"(form of )?payment|refunded (to|on|back)|refund (go|goes) (back|to|on))\b",
                      r"(form|method|means) of payment|\bcredit/refund\b|\brefunded (to|on)\b|"
                      r"\b(applied|credited|refunded) (back )?to (your|the) (credit |debit )?card"),
    # "when will i see the money?": how long a return takes to process
    "processing": (r"\b(how long|when will|when do|how soon|how many days)\b.{0,40}\b(refund\w*|money|"
                   r"credit|process\w*)\b|\b(refund\w*|money|credit)\b.{0,60}\b(how long|how soon|how many days)\b",
                   # "allow 10 to 14 days to process your return", "your refund will be processed
                   # ... within 10 days", "we shall reimburse ... not later than 14 days"
                   r"\bto process\b|\bprocess(ed|ing)? (your|a|the) (return|refund)|\b(refund|reimburs)\w*\b[^.]{0,200}?"
                   r"\b(within|in|not later than) (\d+|one|two|three|five|seven|ten|fourteen|thirty) "
                   r"(working |business |calendar )?days\b"),
    # "sent it back 2 weeks ago and still no refund, what do i do": what to do when a refund is late
    "missing_refund": (r"\b(still (no|not|haven[’']?t|havent|waiting)|(haven[’']?t|havent|have not|hasn[’']?t|hasnt|didn[’']?t|"
                       r"did not|never) (got|gotten|received|get|receive|seen|come|arrived|shown)|not (yet )?"
                       r"(received|arrived)|no sign of)\b.{0,40}\b(refund\w*|money|credit)\b"
                       r"|\b(refund\w*|money)\b.{0,30}\b(still (hasn[’']?t|hasnt|has not|not)|never (came|arrived)|"
                       r"(hasn[’']?t|hasnt|has not) (come|arrived|shown))\b",
                       r"\b(late|missing)\b.{0,20}\brefund|\b(haven[’']?t|have not|not yet) received (a|your) refund"
                       r"|\bcheck your bank"),
    # "that was like 5 weeks ago, can i still return it": the time limit is the condition
    "window": (r"\b(\d+|a|few|couple( of)?) (days?|weeks?|months?)( ago| later)\b|\b(last|past) "
               r"(week|month)\b|\btoo late\b",
               # "within 30 days of receipt", "policy lasts 30 days", "if 30 days have passed since",
               # "the withdrawal period will expire after 14 days from the day ..." (not "refunded
               # within 10 days": that is how long a refund takes)
               r"\b\d+ days (of|from|after|since|have passed)\b|\b(lasts?|period|window)\b.{0,30}\b\d+ days\b"),
}
_RETURN = re.compile(r"\b(return\w*|send (\w+ ){0,3}back|refund\w*|exchang\w*|swap\w*|money back|"
                     r"cash back|replac\w*)\b", re.I)
_QUESTION = re.compile(r"\?|\b(can|could|do|does|will|would|if|how|is|are)\b", re.I)


def asked(text: str) -> list[str]:
    """The conditions a return question names (empty: not a conditional return question)."""
    if not (_RETURN.search(text) and _QUESTION.search(text)):
        return []
    found = [concept for concept, (said, _) in _CONCEPTS.items() if re.search(said, text, re.I)]
    if "processing" in found or "missing_refund" in found:
        # "sent it back 2 weeks ago, how long does the refund take / still no refund": not the deadline
        found = [c for c in found if c != "window"]
    return found


def sentences(passages: Sequence[Fact], concepts: Sequence[str], limit: int = 3,
              headings: Mapping[str, str] | None = None) -> list[Fact]:
    """The passages' sentences that state one of the concepts, as facts under their passage id
    (in the passages' order, then reading order). A passage whose section heading (`headings`,
    by passage id) states a concept states it in each of its sentences: under "Exchanges", "We
    only replace items if they are defective or damaged." is the store's rule on exchanges."""
    stated = re.compile("|".join(f"(?:{_CONCEPTS[c][1]})" for c in concepts), re.I)
    found: dict[str, list[str]] = {}
    count = 0
    for passage in passages:
        if not _RETURN.search(passage.text):
            continue  # only the store's return pages state return conditions
        heading = (headings or {}).get(passage.id, "")
        for sentence in split_sentences(passage.text):
            if count < limit and (stated.search(sentence) or stated.search(heading)):
                found.setdefault(passage.id, []).append(sentence)
                count += 1
    return [Fact(fact_id, " ".join(parts)) for fact_id, parts in found.items()]


def reply_text(facts: Sequence[Fact]) -> str:
    """The reply: the store's sentences on the conditions, as they are written."""
    return "Our return policy says: " + " ".join(f.text for f in facts)
