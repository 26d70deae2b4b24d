"""Goods that failed after a stretch of use ("the kettle stopped working after 4 months", "my
drill died after 14 months", "the zipper broke after a season of hiking"): a warranty or
consumer-guarantee question, answered from the pages' warranty sentence, not the procedure for
goods harmed on arrival ("arrived broken", "dead on arrival", "stopped working the day it came"
stay `order_trouble.HARMED`).

A page's procedure for a fault has a window ("contact us within 30 days of delivery"); once the
use told is longer than it, the warranty sentence answers instead. Nothing here names one
store's words: these are how anyone tells a fault after use and how stores word a warranty.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from models import Fact

from bot.dialogue.grounding.facts import FactSelector, split_sentences

_COUNT = (r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+couple(?:\s+of)?|"
          r"couple(?:\s+of)?|a\s+few|few|several)")
_SPAN = r"(?:days?|weeks?|wks?|months?|mths?|years?|yrs?|seasons?|summers?|winters?|uses?|rides?|washes?|trips?)"
# "after 4 months", "after about a year", "8 months of riding", "2 years in", "since last summer",
# "in the first week", "had it for 3 years", "after a couple years of normal use"
_AFTER_USE = re.compile(
    rf"\bafter\s+(?:(?:about|around|like|only|just|almost|nearly|over|roughly|maybe|barely)\s+)?(?:{_COUNT}\s+)?"
    rf"(?:\w+\s+)?{_SPAN}\b"
    rf"|\b{_COUNT}\s+(?:\w+\s+)?{_SPAN}\s+(?:in|later|of\s+(?:\w+\s+)?(?:use|using|wear|riding|hiking|camping))\b"
    r"|\b(?:since|from)\s+last\s+(?:summer|winter|spring|autumn|fall|year|month|season|christmas)\b"
    r"|\bin\s+(?:the\s+)?first\s+(?:few\s+)?(?:days?|weeks?|months?|year|season|use)\b"
    rf"|\b(?:had|owned|used|worn|ridden)\s+(?:it|them|this|that|the\s+\w+|my\s+\w+)?\s*(?:for\s+)?"
    rf"(?:about\s+|over\s+|around\s+)?{_COUNT}\s+{_SPAN}\b"
    r"|\b(?:normal|regular|everyday|light)\s+use\b", re.I)
# ... unless the harm was there when the goods came
_ON_ARRIVAL = re.compile(
    r"\b(?:doa|d\.o\.a|dead\s+on\s+arrival|on\s+arrival|out\s+of\s+the\s+box|straight\s+out\s+of|"
    r"(?:the\s+)?(?:day|moment|minute)\s+(?:it|they)\s+(?:came|arrived|got\s+here|turned\s+up|showed\s+up)|"
    r"when\s+(?:it|they)\s+(?:came|arrived|got\s+here|turned\s+up|showed\s+up)|"
    r"arriv\w*\s+(?:\w+\s+)?(?:broken|damaged|cracked|smashed|dead|faulty|bent))\b", re.I)
# A fault, as shoppers tell one
_FAULT = re.compile(
    r"\b(?:(?:stopped|stops|quit|quits)\s+(?:working|shifting|charging|heating|holding)|died|dead|broke|broken|"
    r"snapped|cracked|split|ripped|tore|torn|(?:coming|came|fell|falling)\s+apart|fail\w*(?!\s+to\b)|"
    r"delaminat\w*|peel\w*|leak\w*|(?:won'?t|wont|doesn'?t|doesnt|does\s+not|will\s+not|no\s+longer)\s+(?:work|turn\s+on|switch\s+on|"
    r"charge|start|heat|hold|zip|close)|faulty|defective|flicker\w*|rust\w*)\b", re.I)

# A page's sentence granting cover ("covered for one year", "guaranteed for life", "Faulty goods are
# always covered under the Consumer Guarantees Act", "comes with its manufacturer's warranty")
_GRANTS = re.compile(r"\b(?:warrant\w*|guarantee\w*|covered|cover)\b", re.I)
# ... where "covered" alone must speak of goods' faults ("All our websites are covered by this
# privacy policy" covers no fault)
_WARRANTY = re.compile(r"\b(?:warrant\w*|guarantee\w*)\b", re.I)
_FAULTISH = re.compile(r"\b(?:defect\w*|fault\w*|manufactur\w*|workmanship|materials?|wear|broken|break\w*|"
                       r"repair\w*|replac\w*|lifetime|life)\b"
                       r"|\bfor\s+(?:\w+\s+){0,2}(?:years?|months?)\b", re.I)
# ... or taking it away ("The warranty does not cover crashes", "Wear parts ... are not covered"):
# said after the cover it limits, never alone; nor is a guarantee denied ("We don't guarantee
# delivery times") a cover of goods
_EXCLUDES = re.compile(r"(?:\bnot|n['’]t|\bnever)\s+(?:be\s+)?(?:cover\w*|guarantee\w*)\b|\bexclud\w*", re.I)
# A page's procedure for a fault ("If something arrives damaged or stops working, contact us
# within 30 days ... we will repair or replace it")
_FAULT_PAGE = re.compile(r"\b(?:faulty|defect\w*|stops?\s+working|stopped\s+working|develops?\s+a\s+fault)\b", re.I)
# ... not another rule's exception for faulty goods ("the freight comes off your refund unless the
# piece is faulty", "cannot be returned unless they are faulty")
_UNLESS_FAULTY = re.compile(r"\bunless\b[^.;]*\b(?:faulty|defect\w*)", re.I)
_REMEDY = re.compile(r"\b(?:repair\w*|replac\w*|refund\w*|contact|e-?mail|photo|claim)\b", re.I)
# "within 30 days of delivery", "within 14 days": a window, in days
_WINDOW = re.compile(r"\bwithin\s+(\d+)\s+(day|week|month|year)s?\b", re.I)
_TOLD_SPAN = re.compile(rf"\b({_COUNT})\s+(?:\w+\s+)?(day|week|wk|month|mth|year|yr|season|summer|winter)s?\b", re.I)
_DAYS = {"day": 1, "week": 7, "wk": 7, "month": 30, "mth": 30, "year": 365, "yr": 365, "season": 90, "summer": 90,
         "winter": 90}
_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "few": 3, "several": 3}


def told(text: str) -> bool:
    """Whether a message tells goods that failed after a stretch of use (not on arrival)."""
    return bool(_FAULT.search(text) and _AFTER_USE.search(text) and not _ON_ARRIVAL.search(text))


def states(sentence: str) -> bool:
    """Whether a page's sentence answers such a fault: a cover granted, or a fault's procedure."""
    if _EXCLUDES.search(sentence) or _UNLESS_FAULTY.search(sentence):
        return False
    grants = _WARRANTY.search(sentence) or _GRANTS.search(sentence) and _FAULTISH.search(sentence)
    return bool(grants or _FAULT_PAGE.search(sentence) and _REMEDY.search(sentence))


def _days(amount: str, unit: str) -> int:
    count = amount.lower().split()[-1]
    number = int(count) if count.isdigit() else _WORDS.get(count, 2)
    return number * _DAYS[unit.lower()]


def _window_passed(text: str, sentence: str) -> bool:
    """Whether the use told is longer than the window a procedure gives ("after 8 months" and
    "within 30 days of delivery")."""
    window, span = _WINDOW.search(sentence), _TOLD_SPAN.search(text)
    return bool(window and span and _days(*span.groups()) > _days(*window.groups()))


def sentences(text: str, passages: Sequence[Fact], selector: FactSelector) -> list[Fact]:
    """The pages' sentence for a fault after use closest to the message, as one fact (empty when
    the pages hold none): a procedure whose window the use outlasted gives way to the best
    cover sentence; the sentence right after it goes with it when it speaks of the same cover
    ("Warranties cover manufacturing defects ...", "The warranty does not cover crashes")."""
    split = {p.id: split_sentences(p.text) for p in passages}
    candidates = [Fact(pid, s) for pid, said in split.items() for s in said if states(s)]
    ranked = selector.rank(text, candidates)
    if not ranked:
        return []
    best = ranked[0]
    if _window_passed(text, best[3]):
        best = next((row for row in ranked if _GRANTS.search(row[3]) and not _WINDOW.search(row[3])), best)
    _, passage_id, _, chosen = best
    said = split[passage_id]
    where = next((i for i, s in enumerate(said) if chosen.strip() in s or s.strip() in chosen), None)
    parts = [chosen]
    if where is not None and where + 1 < len(said) and _GRANTS.search(said[where + 1]):
        parts.append(said[where + 1])
    return [Fact(passage_id, " ".join(s.strip() for s in parts))]
