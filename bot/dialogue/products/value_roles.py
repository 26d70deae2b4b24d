"""What a record's named value stands for, and comparisons of two amounts (issue #15).

A product record names its values ("details: brand: ACME; color: gray", "material: powder-coated
steel"). A generated reply may state a value only as the kind its field gives it: "made of ACME"
calls a brand a material. A claim is refused only when the facts hold the value under fields of
other kinds alone; a value no field names ("the frame is made of solid wood" in a description)
is left to the guard's other checks. Likewise "X is cheaper than Y" is refused when both sides
resolve to amounts of the facts (a price, an MSRP, a written amount) and those say otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.dialogue.products.number_roles import NUMBER_TEXT, normal
from models import Fact

# The kind of a field label or of a reply's claim; the first pattern that matches names it.
_KINDS = (("material", re.compile(r"material|fabric|made (?:of|from|out of)|composition", re.I)),
          ("brand", re.compile(r"brand|manufacturer|maker|made by|manufactured by", re.I)),
          ("colour", re.compile(r"colou?r", re.I)))
# A reply's claim of a kind and the value it states ("is made of ACME", "its material is nylon").
_CLAIMS = (("material", re.compile(r"\bmade (?:of|from|out of)\s+([^.;,\[\n]+)|\bmaterial is\s+([^.;,\[\n]+)|"
                                   r"([^.;,\[\n]+?)\s+is (?:its|the) material\b", re.I)),
           ("brand", re.compile(r"\b(?:made|manufactured) by\s+([^.;,\[\n]+)|\bbrand is\s+([^.;,\[\n]+)", re.I)),
           ("colour", re.compile(r"\bcolou?r is\s+([^.;,\[\n]+)|([^.;,\[\n]+?)\s+is (?:its|the) colou?r\b", re.I)))
_FIELD = re.compile(r"([^:;]{1,60}):\s*([^:;]+?)\s*(?=;|\.?$)")
_WORD = re.compile(r"[a-z0-9]+")
_SMALL = frozenset("a an the and or of with its it is in".split())


def _kind(label: str) -> str:
    return next((kind for kind, pattern in _KINDS if pattern.search(label)), label.strip().lower())


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower().replace("’", "'")) if w not in _SMALL)


def fields(facts: Sequence[Fact]) -> list[tuple[str, frozenset[str]]]:
    """Each named value of the facts as (kind of its field, its words): "brand: ACME" is
    ("brand", {"acme"}); a list value ("mesh back, moulded foam seat") gives one per item."""
    found = []
    for fact in facts:
        for segment in fact.text.split(";"):
            m = _FIELD.search(segment.strip())
            if not m:
                continue
            kind = _kind(" ".join(m.group(1).split()[-3:]))  # "... Office Chair material"
            found += [(kind, _words(item)) for item in m.group(2).split(",") if _words(item)]
    return found


def misnamed_value(body: str, facts: Sequence[Fact]) -> str:
    """The first value a reply states as one kind ("made of ACME") that the facts name only
    under fields of other kinds ("brand: ACME"), with the kind it was given; empty if none."""
    named = fields(facts)
    prose = " ".join(f.text for f in facts)
    for kind, pattern in _CLAIMS:
        for m in pattern.finditer(body):
            words = _words(next(g for g in m.groups() if g))
            holders = {k for k, value in named if words and (words <= value or value <= words)}
            if holders and kind not in holders and not _said_in_prose(kind, words, prose):
                return f"{' '.join(sorted(words))} as {kind} (the facts' {', '.join(sorted(holders))})"
    return ""


def _said_in_prose(kind: str, words: frozenset[str], prose: str) -> bool:
    """A fact sentence that itself states the value as the kind ("is made of solid wood")."""
    pattern = dict(_CLAIMS)[kind]
    return any(words <= _words(next(g for g in m.groups() if g)) for m in pattern.finditer(prose))


# "X is cheaper than Y", "costs more than Y": the side that is lower, as the pattern reads it.
_COMPARISON = re.compile(r"([^.;\n\[]+?)\s+(?:is|are|costs?|comes? in)\s+(cheaper|less expensive|lower|less|"
                         r"more expensive|dearer|pricier|more|higher)\s+(?:priced\s+)?than\s+([^.;\n\[]+)", re.I)
_LOWER = frozenset({"cheaper", "less expensive", "lower", "less"})
_LIST_PRICE = re.compile(r"\b(?:msrp|rrp|list price|regular price|retail price|recommended (?:retail )?price)\b", re.I)
_PRICED = re.compile(r"(.+?)(?:'s|’s)?\s+(?:costs?|is priced at|price is|(?:msrp|rrp|list price|regular price|"
                     r"retail price|recommended (?:retail )?price) is)\s+(?:only\s+)?(" + NUMBER_TEXT.pattern + ")", re.I)


def contradicted_comparison(body: str, facts: Sequence[Fact]) -> str:
    """The first comparison of two amounts ("cheaper than its MSRP", "cheaper than $92.00")
    whose sides both resolve to the facts' amounts and which those amounts contradict."""
    priced = [(_words(m.group(1)), bool(_LIST_PRICE.search(m.group())), normal(m.group(2)))
              for f in facts for s in re.split(r"(?<=[.!?])\s+", f.text) for m in [_PRICED.match(s)] if m]
    for m in _COMPARISON.finditer(body):
        left, right = _amount(m.group(1), priced), _amount(m.group(3), priced)
        if left is None or right is None:
            continue
        lower = m.group(2).lower() in _LOWER
        if (float(left) >= float(right)) if lower else (float(left) <= float(right)):
            return m.group().strip()
    return ""


def _amount(side: str, priced: list[tuple[frozenset[str], bool, str]]) -> str | None:
    """A side's amount: one it writes ("$92.00"), else the one fact amount of its kind (price
    or list price) whose thing the side names; None when not exactly one."""
    written = NUMBER_TEXT.findall(side)
    if written:
        return normal(written[0]) if len(written) == 1 else None
    words, listed = _words(side), bool(_LIST_PRICE.search(side))
    found = {amount for name, is_list, amount in priced if is_list == listed and name and name <= words}
    return found.pop() if len(found) == 1 else None
