"""Amounts of money as shoppers write them: "$40", "25$", "40 bucks", "40.00 usd", "forty
dollars", "$1,200", "45,50" (a decimal comma), or a bare "my cart is 62"; never the number of
"2 day shipping", "the lower 48", "3 items" or "size 10".

An amount written with a currency mark wins over a bare number in the same message: in "2 day
shipping for $30" the order total is $30.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.nlu.amounts import NUMBER, parse_amount

# Any notation models.nlu.amounts reads: "$1,200", "1.200" (thousands), "45,50" (a decimal comma)
_AMOUNT = re.compile(rf"(?<![\w.,])([$€£]\s?)?({NUMBER})\s?([$€£]|dollars?|bucks|usd|euros?|eur|pounds?|gbp)?"
                     r"(?![\w]|[.,]\d)", re.I)
_TOTAL_DIGITS = 7  # more digits is an order number ("000000103"), not an order total
# A bare number that counts something else: days ("5-7 business days"), items, sizes; or "the
# lower 48" (states).
_UNIT_AFTER = re.compile(r"(?:(?:\s?[-–—]\s?|\s+to\s+)\d+)?\s?-?\s?(business\s+)?(days?|hours?|hrs?|weeks?|items?|pieces?|pcs|units?|"
                         r"pairs?|x|%|percent|cm|mm|kg|lbs?|oz)\b|\s?%", re.I)
# "2 questions", "3 shirts", "2 pares": a single digit before a plural noun counts it; "60 plus
# tax", "40 pls", "62 thanks" and "45 bucks" are still money
_PLURAL_AFTER = re.compile(r"\s?(?!(?:dollars|d[oó]lares|dollari|bucks|euros|pounds|cents|pesos|reais|plus|pls|plz|"
                           r"thanks|thx|tks|please|yes|its|is|was|has|this|us|as|ups|fedex|usps)\b)[^\W\d_]{2,}s\b", re.I)
# Texting shorthand: the "4" of "shipping 4 a 210 order" is "for", the "2" of "send it 2 my
# sister" is "to": a bare 2 or 4 before an article or a pronoun is a word, not an amount.
_TEXTED_WORD = re.compile(r"\s+(a|an|the|my|me|u|you|ur|your|this|that|these|those|her|him|us)\b", re.I)
_COUNT_BEFORE = re.compile(r"\b(lower|size|sizes|qty|quantity|top|number|no\.?|#)\s*$", re.I)
# "the $5 extra" is the surcharge, not the order total.
_EXTRA_AFTER = re.compile(r"\s*(extra|surcharge|more)\b", re.I)
# "what if i add a $20 item", "plus 20 bucks", "another $15": added to the total quoted before.
_ADDED_BEFORE = re.compile(r"\b(add(s|ed|ing)?|another|plus)\b[^\d$]{0,15}$|\+\s*$", re.I)

_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
         "fifteen sixteen seventeen eighteen nineteen").split()
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
         if w != "_"}
_WORD = "|".join(_ONES + list(_TENS) + ["hundred", "thousand", "a"])
# "forty dollars", "twenty-five bucks", "a hundred and twenty dollars": only before a currency word
_SPELLED = re.compile(rf"\b((?:(?:{_WORD})\b(?:[\s-]+(?:and[\s-]+)?)?)+?)\s*(?=\b(dollars?|bucks|usd|euros?)\b)",
                      re.I)

# "a grand", "2 grand", "one and a half grand": thousands of dollars in slang, only where what
# follows is not a noun it describes ("a grand piano", "grand total")
_GRAND = re.compile(r"\b(a|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}(?:\.\d+)?)\s+grand\b"
                    r"(?=\s*(?:$|[,.!?;)]|worth|of|or|in|on|for|budget|ish|range|max|tops|spent)\b|\s*[,.!?;)]|\s*$)",
                    re.I)


@dataclass(frozen=True, slots=True)
class Amount:
    """An amount a message names: its value, whether a currency mark says it is money, and
    whether the message adds it to a total said before ("add a $20 item")."""

    value: float
    marked: bool
    added: bool


def read(text: str) -> list[Amount]:
    """The amounts of money a message names, those written with a currency mark first, each
    group in the order written; counts of days, items or sizes and "$5 extra" are left out."""
    text = _digits(text)
    found = []
    for match in _AMOUNT.finditer(text):
        marked = bool(match.group(1) or match.group(3))
        before, after = text[:match.start()], text[match.end():]
        if _EXTRA_AFTER.match(after) and not _ADDED_BEFORE.search(before):
            continue
        counted = len(match.group(2)) == 1 and _PLURAL_AFTER.match(after)
        texted = match.group(2) in ("2", "4") and _TEXTED_WORD.match(after)
        if not marked and (_UNIT_AFTER.match(after) or counted or texted or _COUNT_BEFORE.search(before)):
            continue
        if sum(c.isdigit() for c in match.group(2)) > _TOTAL_DIGITS:
            continue
        value = parse_amount(match.group(2))
        if value > 0:
            found.append(Amount(value, marked, bool(_ADDED_BEFORE.search(before))))
    return sorted(found, key=lambda a: not a.marked)  # stable: written order within each group


def _digits(text: str) -> str:
    """Spelled-out amounts before a currency word written in digits ("forty dollars" -> "40 dollars")."""
    def number(match: re.Match) -> str:
        words = [w for w in re.split(r"[\s-]+", match.group(1).lower()) if w and w != "and"]
        if not words or words == ["a"]:
            return match.group(0)
        total = current = 0
        for word, following in zip(words, words[1:] + [""]):
            if word == "a":  # "a hundred"; the "a" of "a forty dollar cart" counts nothing
                current = max(current, 1) if following in ("hundred", "thousand") else current
            elif word == "hundred":
                current = max(current, 1) * 100
            elif word == "thousand":
                total, current = total + max(current, 1) * 1000, 0
            else:
                current += _TENS.get(word, _ONES.index(word) if word in _ONES else 0)
        return f"{total + current} "
    return _SPELLED.sub(number, _GRAND.sub(_thousands, text))


def _thousands(match: re.Match) -> str:
    """"a grand" -> "1000 dollars", "2 grand" -> "2000 dollars"."""
    count = match.group(1).lower()
    value = 1.0 if count in ("a", "one") else (
        float(_ONES.index(count)) if count in _ONES else float(count))
    return f"{value * 1000:g} dollars"
