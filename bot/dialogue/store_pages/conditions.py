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

from bot.dialogue import purchase_stories
from bot.dialogue.grounding import focus, relevance
from bot.dialogue.grounding.facts import split_sentences

CONDITIONS = "return_conditions"
#: A word of the question that this many sentences of the return pages hold, or fewer, singles
#: out what they say of it; a word more of them hold is the pages' topic.
RARE = 2

# A span of time told in numbers or words ("5 weeks", "a month", "five weeks", "a couple of months")
_SPAN = (r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|a few|couple( of)?|a couple( of)?) "
         r"(days?|weeks?|months?)")

# concept -> (how a shopper says it, how a policy sentence states it)
_CONCEPTS = {
    # "used merchandise", "unused", not "the card can be used for purchases"
    # ... or gear used as it is used: "pitched my tent", "slept in it", "took it camping"
    "worn": (r"\b(wore|worn|wear\w*|used|(tried|trying|try) (it |them |one )?on|pitched|slept in|camped|"
             r"took (it|them) (camping|out))\b",
             r"\b(un)?worn\b|\bwear|\bunused\b|(?<!be )\bused\b(?! (for|to|by|in|with|at|on)\b)"),
    "washed": (r"\b(wash\w*|laundered|dried)\b", r"wash"),
    "defective": (r"\b(broke|broken|holes?|ripped|rip|torn|tear|defect\w*|faulty|damaged?|stopped working|"
                  r"not working|dead on arrival|(doesn'?t|does not|won'?t|didn'?t) (work|switch on|turn on|"
                  r"start|charge)|arrived (with|broken|damaged))\b", r"defect|damag|faulty"),
    # an item's labels, not "is there a return label" (the one to post it back with)
    "tags": (r"\b(tags?|(?<!return )(?<!shipping )(?<!mailing )(?<!prepaid )labels?|packaging|box|"
             r"original package)\b", r"\btags?\b|packag"),
    # a gift, not a gift card or certificate (goods of their own: "is a gift card returnable")
    # ... on either side: "Gift vouchers cannot be returned" is no rule on returning a gift
    "gift": (r"\b(gift(?!\s*(?:cards?|certificates?|vouchers?|wrap\w*))\w*|present)\b",
             r"gift(?!\s*(?:cards?|certificates?|vouchers?|wrap\w*))"),
    # "a receipt or proof of purchase", not "within 30 days of receipt of merchandise"
    "receipt": (r"\b(receipts?|proof of purchase)\b", r"\breceipt\b(?! of)|proof of purchase"),
    "fee": (r"\b(fees?|restock\w*|charged?)\b", r"\bfees?\b"),
    # "can i swap it for a medium?": the store's words on exchanges, not the return window
    "exchange": (r"\b(exchang\w*|swap\w*|(different|another|other|bigger|smaller|larger) (size|colou?r|one)|"
                 r"wrong (size|colou?r))\b", r"\bexchang|\bswap"),  # "We do not swap items directly."
    # "refunded to my card or store credit?": how a refund is paid
    "refund_method": (r"\b(store credit|(my|the|same|original) (credit |debit )?card|in cash|original "
                      r"(form of )?payment|refunded (to|on|back)|refund (go|goes) (back|to|on))\b",
                      r"(form|method|means) of payment|\bcredit/refund\b|\brefunded (to|on)\b|"
                      r"\b(applied|credited|refunded) (back )?to (your|the) (credit |debit )?card"),
    # "when will i see the money?": how long a return takes to process
    # ("how much long till it is refunded": a shopper's own words)
    "processing": (r"\b(how (much )?long|when will|when do|how soon|how many days)\b.{0,40}\b(refund\w*|money|"
                   r"credit|process\w*)\b|\b(refund\w*|money|credit)\b.{0,60}\b(how (much )?long|how soon|how many days)\b",
                   # "allow 10 to 14 days to process your return", "your refund will be processed
                   # ... within 10 days", "we shall reimburse ... not later than 14 days"
                   # ... or a range, "show up in 5 to 10 business days"; "ask for a refund within 14
                   # days of purchase" is the window to ask in, not how long the refund takes
                   r"\bto process\b|\bprocess(ed|ing)? (your|a|the) (return|refund)|\b(refund|reimburs)\w*\b[^.]{0,200}?"
                   r"\b(within|in|not later than) (\d+|one|two|three|five|seven|ten|fourteen|thirty)"
                   r"( ?(to|-|–|or) ?\d+)? (working |business |calendar )?days\b(?! (of|from) (the )?(purchase|buying|delivery))"),
    # "sent it back 2 weeks ago and still no refund, what do i do": what to do when a refund is late
    "missing_refund": (r"\b(still (no|not|haven[’']?t|havent|waiting)|(haven[’']?t|havent|have not|hasn[’']?t|hasnt|didn[’']?t|"
                       r"did not|never) (got|gotten|received|get|receive|seen|come|arrived|shown)|not (yet )?"
                       r"(received|arrived)|no sign of)\b.{0,40}\b(refund\w*|money|credit)\b"
                       r"|\b(refund\w*|money)\b.{0,30}\b(still (hasn[’']?t|hasnt|has not|not)|never (came|arrived)|"
                       r"(hasn[’']?t|hasnt|has not) (come|arrived|shown))\b",
                       r"\b(late|missing)\b.{0,20}\brefund|\b(haven[’']?t|have not|not yet) received (a|your) refund"
                       r"|\bcheck your bank"),
    # "bought it on clearance", "was it discounted": sale items' rule, not the window
    "sale": (r"\b(on sale|sale (items?|price|stuff)|in the sale|clearance|discount(ed)?|reduced|marked down|on offer|"
             r"outlet|markdown)\b", r"\bsale\b|\bregular(ly)? price|\bdiscount|\breduced\b|clearance|marked down"),
    # "i changed my mind", "i just dont like it": what makes any item returnable (a withdrawal
    # page's "without giving any reason", a returns page's window and condition)
    # ... or "if it doesnt fit": the fit is no defect, the window and condition say what is returnable
    # ... or bought by mistake, or given to one who already has it: no fault of the goods
    "changed_mind": (r"\b(chang\w* (my|our) minds?|(bought|ordered|purchased|got) (\w+ ){0,4}by (mistake|accident)|"
                     r"accidentally (bought|ordered|purchased)|already (has|have|had|got|owns?) (it|one|them|a copy)|(don'?t|do not|didn'?t|did not) (really )?(like|want|need|love) "
                     r"(it|them|this|that|the)|no longer (want|need)|not what i (wanted|expected)|unwanted|"
                     r"for (any|no) reason|second thoughts|(doesn'?t|does not|didn'?t|did not|don'?t|do not|won'?t|"
                     r"will not) (really )?fit)\b",
                     r"without (giving )?(any )?reason|for any reason|chang\w* (of |your )mind|"
                     r"\beligible for (a )?return|\blasts? \d+ days\b|\bwithin \d+ days\b"),
    # "in which cases can i ask to be refunded", "what are the conditions for a return", "am i
    # eligible": what makes any item returnable, asked in general (Bitext's check_refund_policy)
    "eligible": (r"\bin (which|what) (cases?|situations?|circumstances)\b|\b(am i|is it|are (items|goods|products)) "
                 r"eligible\b|\bwhat (are|r) (the|your) (conditions|rules|requirements|criteria)\b|\b(conditions|rules|"
                 r"requirements|criteria) (for|of|to get) (a )?(return|refund)",
                 r"\beligible\b|\blasts? \d+ days\b|without (giving )?(any )?reason|proof of purchase"),
    # "i opened it", "the seal is broken": what an opened item gets back
    "opened": (r"\b(opened|unsealed|unwrapped|(seal|wrapping|shrink ?wrap)\w* (is |was |are )?(broken|off|removed)|"
               r"out of (the|its) (box|packaging|wrapper))\b", r"\b(un)?opened\b|\bseal(ed)?\b|\bunused\b"),
    # "what if its been written in", "i highlighted a few pages": goods marked by the buyer
    "marked": (r"\b(written (in|on)|wrote (in|on)|highlight\w*|scribbl\w*|(drawn|drew) on|marked (it|in|on|up))\b",
               r"\bwritten (in|on)\b|\bhighlight\w*|\bscribbl\w*|\bmarked\b"),
    # "havent downloaded it yet", "already listened to them": a download's rule is whether it was played
    "downloaded": (r"\b(download\w*|stream\w*|listened|watched|played)\b",
                   r"\b(downloaded|streamed|played)\b"),  # goods in that state, not "won't download"
    # "it's missing a screw", "incomplete": an item not whole (not a missing refund)
    "missing_parts": (r"\bmissing\b(?! (refunds?|money|payments?|packages?|parcels?|orders?)\b)|\bincomplete\b|"
                      r"\blost (a|the|some|one|its) (parts?|pieces?|screws?|bits?)\b",
                      r"\bmissing (parts|pieces|components|accessories)\b|\bincomplete\b|\ball (its |the )?"
                      r"(parts|pieces|components|accessories)\b"),
    # "that was like 5 weeks ago, can i still return it": the time limit is the condition
    # ... told as the time it has been ("its been like 5 weeks", "had it for five weeks")
    "window": (rf"\b{_SPAN} (ago|later|back)\b|\b(last|past) (week|month)\b|\btoo late\b|"
               rf"\b(it'?s|it has|it is|its been|been) (been )?(like |about |around |almost |nearly |over |more than "
               rf"|just over |already )?{_SPAN}\b|\b(had|have had|owned|got) (it|them|this|that|the \w+|\w+) for "
               rf"(like |about |around |almost |over )?{_SPAN}\b",
               # "within 30 days of receipt", "policy lasts 30 days", "if 30 days have passed since",
               # "the withdrawal period will expire after 14 days from the day ..." (not "refunded
               # within 10 days": that is how long a refund takes)
               # ... or "bring it back within 90 days", "they come back within 30 days,"
               r"\b\d+ days (of|from|after|since|have passed)\b|\b(lasts?|period|window)\b.{0,30}\b\d+ days\b"
               r"|\bback within \d+ days\b|\breturn\w*\b[^.]{0,60}\bwithin \d+ days\b"),
}
# "what if its broken, can i get a new one": a replacement asked in other words; an EU shop's
# right of withdrawal is its returns policy
_RETURN = re.compile(r"\b(return\w*|withdraw\w*|(send|bring|take|mail|post) (\w+ ){0,3}back|(go|goes|come|be sent|be taken) back|refund\w*|"
                     r"exchang\w*|swap\w*|money back|"
                     r"cash back|replac\w*|(get|send|have) (me )?(a )?(new|another) one)\b", re.I)
# The goods a return question names: the object of "return", "send back", "a refund on" ("can
# i return a downloaded software licence", "send back lighter fluid"), up to the next clause
_GOODS_RETURNED = re.compile(r"\b(?:can|could|may|to|i|we|you|u|just|still|also|and|or)\s+"
                             r"(?:return|send (?:back|in)|exchange|get (?:a )?(?:full )?refund (?:on|for))\s+"
                             r"(?:(?:a|an|the|my|some|this|these|those|any|your)\s+)?"
                             r"(?P<goods>(?:(?!(?:i|it|them|if|that|which|who|because|after|before|for|to|from|"
                             r"back|in|at|on|with|without|of|by|as|than|and|or|but|when|since|please)\b)[a-z'-]+\s*){1,4})", re.I)
# Words for any goods at all ("my order", "this item"): they name nothing in particular.
_ANY_GOODS = re.compile(r"\b(?:orders?|purchases?|items?|products?|stuff|things?|goods|something|everything|"
                        r"anything|packages?|parcels?|ones?)\b", re.I)
_MISSING_OTHER = re.compile(r"\b(?:refunds?|money|payments?|orders?|packages?|parcels?|deliver\w*|shipments?)\s+"
                            r"(?:\w+\s+){0,2}missing\b", re.I)
# ... or the policy asked for by name ("i need to check ur return policy, bought it 2 months ago")
_QUESTION = re.compile(r"\?|\b(can|could|do|does|will|would|if|how|is|are|polic(y|ies))\b|\bam (i|we)\b", re.I)


def asked(text: str) -> list[str]:
    """The conditions a return question names (empty: not a conditional return question)."""
    if not (_RETURN.search(text) and _QUESTION.search(text)):
        return []
    found = [concept for concept, (said, _) in _CONCEPTS.items() if re.search(said, text, re.I)]
    if _MISSING_OTHER.search(text):  # "my refund is missing": no part of an item
        found = [c for c in found if c != "missing_parts"]
    if "processing" in found or "missing_refund" in found:
        # "sent it back 2 weeks ago, how long does the refund take / still no refund": not the
        # deadline, nor parts missing
        found = [c for c in found if c not in ("window", "missing_parts")]
    return found


def named(text: str, passages: Sequence[Fact], categories: Sequence[str] = ()) -> list[str]:
    """The words naming the goods a return question is about ("can i return a magazine", "is
    underwear returnable") that one or two sentences of the store's return pages name too
    (`RARE`): "magazine" meets "Perishable goods such as food, flowers, newspapers or magazines
    cannot be returned."; a word more sentences hold (item, purchase) singles nothing out. The
    goods a story of one's purchase names ("i bought the tent ...") count as well, and so do the
    ``categories`` of the catalog's goods of that kind ("Power Tools/Drills" for a drill: "Power
    tools are the exception")."""
    # the object of "return", or the subject of "returnable" ("is underwear returnable?")
    goods = " ".join([m.group("goods") for m in _GOODS_RETURNED.finditer(text)]
                     + [m.group(1) for m in focus.ELIGIBLE.finditer(text)]
                     # a story's goods only where it asks of a return ("got any tees" asks none)
                     + (purchase_stories.goods(text) + [c.replace("/", " ") for c in categories]
                        if _RETURN.search(text) else []))
    if not goods.strip():
        return []
    said = [relevance.sentence_words(s) for p in return_pages(passages) for s in split_sentences(p.text)]
    return sorted(w for w in relevance.question_words(_ANY_GOODS.sub(" ", goods)) if 1 <= sum(w in s for s in said) <= RARE)


def sentences(passages: Sequence[Fact], concepts: Sequence[str], limit: int = 3,
              headings: Mapping[str, str] | None = None, words: Sequence[str] = ()) -> list[Fact]:
    """The passages' sentences that state one of the concepts or hold one of the question's
    rare `words` (`named`), as facts under their passage id (in the passages' order, then
    reading order), each concept's and word's first sentence before any second one: "i just
    dont like it, can i swap it" gets the rule on exchanges as well as the window. A passage
    whose section heading (`headings`, by passage id) states a concept states it in each of its
    sentences: under "Exchanges", "We only replace items if they are defective or damaged." is
    the store's rule on exchanges."""
    rows = [(passage.id, place, sentence, relevance.sentence_words(sentence), (headings or {}).get(passage.id, ""))
            for passage in return_pages(passages)  # only return pages state them
            for place, sentence in enumerate(split_sentences(passage.text))]
    matches = []
    for concept in concepts:
        found = _stating(rows, concept)
        if not found and concept in _ELSE:  # "i washed it" where no page speaks of washing: the used rule
            found = _stating(rows, _ELSE[concept])
        matches.append(found)
    matches += [[row for row in rows if word in row[3]] for word in words]
    chosen: list[tuple] = []
    for rank in range(limit):  # round by round: each concept's first sentence, then its second
        for found in matches:
            row = next((r for r in found[rank:] if r not in chosen), None) if rank < len(found) else None
            if row is not None and len(chosen) < limit:
                chosen.append(row)
    by_id: dict[str, list[tuple[int, str]]] = {}
    for passage in passages:  # the passages' order, then reading order
        for fact_id, place, sentence, _, heading in sorted(chosen, key=lambda r: r[1]):
            sentence = _under_heading(sentence, heading)
            if fact_id == passage.id and (place, sentence) not in by_id.get(fact_id, []):
                by_id.setdefault(fact_id, []).append((place, sentence))
    return [Fact(fact_id, " ".join(s for _, s in parts)) for fact_id, parts in by_id.items()]


# A line of a list ("- Paint we tinted for you ..."): its heading says what the list is.
_LIST_ITEM = re.compile(r"^\s*[-*•]\s+")


def _under_heading(sentence: str, heading: str) -> str:
    """A list's line with its section's heading before it ("What we can't take back: Paint we
    tinted for you ..."): alone, the line says nothing of whether the goods come back."""
    if not heading or not _LIST_ITEM.match(sentence):
        return sentence
    return f"{heading.rstrip(':')}: {_LIST_ITEM.sub('', sentence)}"


def return_pages(passages: Sequence[Fact]) -> list[Fact]:
    """The passages that speak of returns: each that holds a return word, and each section of a
    page that opens on returns (a returns page's "What we can't take back" list, "Paint we tinted
    for you ...", names no return itself; a privacy page that mentions refunds once is no returns page)."""
    pages = {p.id.split("#")[0] for p in passages if p.id.endswith("#1") and _RETURN.search(p.text)}
    return [p for p in passages if _RETURN.search(p.text) or p.id.split("#")[0] in pages]


# A concept whose own rule no sentence states, and the broader one that rules it: a washed item is
# a used one ("i washed the scrubs once, can they still go back" / "must be unused")
_ELSE = {"washed": "worn"}


def _stating(rows: Sequence[tuple], concept: str) -> list[tuple]:
    """The rows whose sentence or section heading states the concept, those whose own sentence
    states it first: under "Returns and exchanges", "Exchanges are free once per order" is the
    rule on exchanges before the window the section opens with."""
    rule = re.compile(_CONCEPTS[concept][1], re.I)
    own = [row for row in rows if rule.search(row[2])]
    return own + [row for row in rows if row not in own and rule.search(row[4])]


def reply_text(facts: Sequence[Fact]) -> str:
    """The reply: the store's sentences on the conditions, as they are written."""
    return "Our return policy says: " + " ".join(f.text for f in facts)
