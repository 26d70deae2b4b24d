"""The words of product names: folding, stems, head nouns and the kinds of goods a catalog sells.

Shared by the entity extractor's product matching; plain functions over strings, no catalog state.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from models.nlu.types import CatalogItem

WORD_TOKEN = re.compile(r"[a-z0-9]+")
# Function words never identify a product ("set of", "for life").
STOP_WORDS = frozenset("a an and the of for with to in on my your me i is it do does you have this that "
                       "set all".split())
# Words a name ends with that mark a model, not the kind of goods: "Water Filter Pro" is a filter.
MODEL_MARKS = frozenset("pro lite plus max mini ultra premium deluxe series edition system".split())

# Words that name a pack or a unit, not a kind of goods ("Paper Rolls (box of 20)").
_NOT_KINDS = STOP_WORDS | frozenset("pack box item items product products piece pieces pair new "
                                    "edition version model style size".split())


def kind_vocabulary(items: Sequence[CatalogItem]) -> dict[str, str]:
    """stem -> kind word: each name's head noun (its last word outside brackets, not a number)
    and each category name's last word when a product name of that category repeats it
    ("Office Furniture/Desks" with a "Sit-Stand Desk"; not "Sale" or "Collections")."""
    kinds: dict[str, str] = {}
    for item in items:
        words = name_words(item.name)
        name_stems = {st for w in words for st in stems(w)}
        # the last word, and the last before a comma or "with": "Wooden Office Desk, 60 x 29
        # in.", "Executive Chair With Headrest" are desks and chairs
        heads = list(dict.fromkeys(ws[-1] for part in re.split(r",| with | for ", item.name, flags=re.I)
                                   if (ws := name_words(part))))
        heads = heads[:1] + heads[-1:] if heads else []
        heads += [segment[-1] for path in item.categories for part in path.split("/")
                  if (segment := WORD_TOKEN.findall(fold(part)))
                  and stems(segment[-1]) & name_stems]
        for head in heads:
            if len(head) >= 3 and head not in _NOT_KINDS:
                head_stems = stems(head)
                # "desks" (a category) is the kind "desk" (a name) already known
                kind = next((kinds[st] for st in head_stems if st in kinds), head)
                for stem in head_stems:
                    kinds.setdefault(stem, kind)
    return kinds


# Two model numbers or sizes sharing one noun: "the 15 inch and 17 inch pos monitors", "50w or 100w floodlight".
_SHARED_NOUN = re.compile(r"\b(\d[\w.-]*(?:\s?(?:inch(?:es)?|in|cm|mm|ft|foot|feet|watts?|volts?|w|v|gb|tb|oz|lbs?|kg|"
                          r"lumens?|lm)\b)?)\s+(?:and|or|vs\.?|versus|&)\s+(?:the\s+|a\s+)?"
                          r"(\d[\w.-]*(?:\s?(?:inch(?:es)?|in|cm|mm|ft|foot|feet|watts?|volts?|w|v|gb|tb|oz|lbs?|kg|"
                          r"lumens?|lm)\b)?)\s+((?:[a-z][\w'-]*\s*){1,4})", re.I)


def distributed(text: str) -> list[tuple[str, str]]:
    """Each of two modifiers with the noun they share: "15 inch and 17 inch pos monitors" ->
    ("15 inch", "15 inch pos monitors"), ("17 inch", "17 inch pos monitors")."""
    return [(m.group(i), f"{m.group(i)} {m.group(3).strip()}") for m in _SHARED_NOUN.finditer(text) for i in (1, 2)]


def head_noun(name: str) -> str:
    """The kind a name ends with once its model marks are dropped: numbers, capitals ("LED",
    "GPS") and words such as "Pro": "Lantern LED 600" is a lantern, "Water Filter Pro" a filter."""
    words = re.findall(r"[A-Za-z0-9]+", re.sub(r"\([^)]*\)", " ", re.split(r",| - ", name)[0]))
    while words and (any(c.isdigit() for c in words[-1]) or words[-1].isupper() and len(words) > 1
                     or words[-1].lower() in MODEL_MARKS | STOP_WORDS):
        words.pop()
    return fold(words[-1]) if words else ""


def name_words(name: str) -> list[str]:
    """A name's words, without brackets and without the ones with digits ("60", "47in")."""
    return [t for t in WORD_TOKEN.findall(fold(re.sub(r"\([^)]*\)", " ", name)))
            if not any(c.isdigit() for c in t)]


def stems(word: str) -> set[str]:
    """The word and its likely singulars ("lights" -> light, "benches" -> bench, "hoodies" ->
    hoodie), so plurals in a question meet singulars in names either way round."""
    found = {word}
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        found.add(word[:-1])
        if word.endswith("es"):
            found.add(word[:-2])
        if word.endswith("ies"):
            found.add(word[:-3] + "y")
        if word.endswith("elves"):  # "shelves", "bookshelves"
            found.add(word[:-3] + "f")
    return found


def fold(text: str) -> str:
    """Lower-case, trademark signs blanked ("LumaTech™"); same length, so offsets still hold."""
    folded = (c.lower() if len(c.lower()) == 1 else c for c in text)
    return "".join(" " if c in "™®" else c for c in folded)


def alternation(words: Sequence[str]) -> re.Pattern[str] | None:
    """One pattern for any of ``words`` standing whole (not inside a longer or hyphenated word); None for none."""
    if not words:
        return None
    body = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)
