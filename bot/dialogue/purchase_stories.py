"""A shopper's story of their own purchase, told to ask whether the store's rules still allow
something: "i bought the cordless drill 5 weeks ago, never opened it, can i still return it?",
"got the album as a gift last month, would i get a refund", "ordered the wrong size, is it too
late to send it back".

Such a message names the shopper's own goods, so it reads like a wish to return them; but it asks
whether they may, which the store's returns page answers with its condition (the window, the
goods' condition, gifts, downloads, who pays). Only a request to act ("i want to return it",
"start a return", "please refund order 1234") starts the return flow. The goods the story names
("the cordless drill", "my tent") point the answer at the page's rule for that kind of goods,
which a catalog category may name in the page's own words ("Power Tools": "Power tools are the
exception: they come back within 30 days").

English patterns only: other languages reach them through `bot.dialogue.language` readings. None
names a store's goods; those come from the store's catalog.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from kb import Product

from bot.dialogue.products.catalog_terms import stem

# Words of sending goods back or getting the money back (the subject the permission is asked of).
_RETURN_TOPIC = re.compile(r"\b(?:return\w*|refund\w*|reimburs\w*|money back|exchang\w*|swap\w*|"
                           r"(?:send|sent|bring|take|mail|post|ship)\s+(?:\w+\s+){0,3}back)\b", re.I)
# Asking whether one may, not asking the assistant to act: "is it too late to", "am i still able
# to", "can i still", "would i get", "could he send it back", "is it possible to", "am i eligible".
_MAY = re.compile(
    r"\b(?:is|it'?s|its)\s+(?:it\s+|this\s+|that\s+)?(?:too\s+late|still\s+(?:possible|ok(?:ay)?|allowed)|possible|"
    r"allowed)\b"
    r"|\b(?:am|are|is)\s+(?:i|we|he|she|they|it)\s+(?:still\s+)?(?:able|allowed|eligible|entitled|within)\b"
    r"|\b(?:would|could|might)\s+(?:i|we|he|she|they)\s+(?:still\s+)?(?:get|be\s+able|qualify|be\s+eligible|"
    r"be\s+allowed|have|return|send|exchange|swap|bring)\b"
    r"|\b(?:can|do|will)\s+(?:i|we|he|she|they)\s+still\s+(?:get|return|send|exchange|swap|bring|have|qualify)\b"
    r"|\b(?:can|could|may)\s+(?:he|she|they|my\s+\w+)\s+(?:still\s+)?(?:return|send|exchange|swap|bring|get)\b"
    r"|\b(?:can|may)\s+(?:i|we)\s+(?:still\s+|even\s+)?(?:return|send|exchange|swap|bring|get)\b[^?.!]*\?",
    re.I)
# The shopper's own purchase told in the past: "i bought", "ordered", "got ... from you", "we received".
# ("opened the box" names the packaging, not the goods)
_PURCHASE = r"(?:bought|ordered|purchased|got|received|picked\s+up|had|pitched|wore|downloaded|streamed)"
# The goods a story names: the object of its verb ("bought the cordless drill 5 weeks ago" ->
# "cordless drill"), up to a word that ends the noun phrase.
_STORY_GOODS = re.compile(
    rf"\b{_PURCHASE}\s+(?:(?:a|an|the|my|our|some|this|these|those|two|three|\d+)\s+)?(?:(?:new|wrong|same|other|whole)\s+)?"
    r"(?P<goods>(?:(?!(?:i|it|them|from|ago|at|in|on|for|to|as|with|and|but|last|yesterday|today|this|a|an|the|"
    r"\d+|few|couple|weeks?|months?|days?|back|by|of|about|off|out|up|never|not|only|once|twice|so|because|which|"
    r"that|u|you|your|ur|online|here|there|already)\b)[a-z'-]+\s*){1,3})", re.I)


_NAME_WORD = re.compile(r"[a-z]+")


def asks_if_allowed(text: str) -> bool:
    """Whether a message asks if the store's rules let the shopper send goods back or get their
    money back ("is it too late to return it", "can i still get a refund", "would he get his money
    back"), rather than asking the assistant to start a return."""
    return bool(_MAY.search(text) and _RETURN_TOPIC.search(text))


def goods(text: str) -> list[str]:
    """The goods a story of one's purchase names ("i bought the cordless drill 5 weeks ago" ->
    ["cordless drill"]; "pitched my tent in the backyard" -> ["tent"]); empty when none."""
    return [m.group("goods").strip() for m in _STORY_GOODS.finditer(text)]


def categories(named: Iterable[str], products: Sequence[Product]) -> list[str]:
    """The catalog categories of the products whose name holds the kind a story names, its last
    word ("cordless drill" -> "Cordless Drill 18V Li-Ion" -> "Power Tools/Drills"): a page's rule
    may name the goods by their category ("Power tools are the exception"), not by the word the
    shopper used."""
    kinds = {stem(phrase.split()[-1]) for phrase in named if phrase.split()}
    if not kinds:
        return []
    found: dict[str, None] = {}
    for product in products:
        if kinds & {stem(w) for w in _NAME_WORD.findall(product.name.lower())}:
            found.update(dict.fromkeys(product.categories))
    return list(found)
