"""Shopping words misspelt ("pakage", "ordr", "retrun", "shiping") read as meant, and texting
shorthand ("ppl", "w/o", "dims") read as the words it stands for.

A word is corrected only when no dictionary knows it (the intent encoder's own vocabulary: a
real word such as "older" or "shopping" is never changed) and it is close to one of the few
words a shop's requests turn on. Store words (products, regions) are left to the entity
extractor's fuzzy matching.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

#: The words a shopper's request turns on; a misspelling of one of these changes the request.
SHOP_WORDS = tuple(sorted(set(
    "order orders package packages parcel shipping shipped ship delivery deliver delivered arrive arrived "
    "return returns returned refund refunds cancel canceled cancelled track tracking address email "
    "exchange discount discounts coupon coupons promo status receipt received warranty waterproof "
    "shipment purchase payment invoice available stock price prices overnight priority standard "
    "backpack backpacks jacket jackets hoodie hoodies leggings shorts pants watch watches bottle "
    "human person agent someone manager complaint exception".split())))
#: Below this similarity a word is left as written.
CUTOFF = 0.8
#: ... and below this one when corrected to a kind of the store's goods: a catalog has hundreds
#: of kind words, so a misspelling must be closer ("wheelchars" 0.9 to "wheelchair", "lipstik"
#: 0.93 to "lipstick"; "boats" is 0.8 to "boots", and left alone).
KIND_CUTOFF = 0.85
#: Texting shorthand no store writes, and the word the rules and the record say instead ("how many
#: ppl does it seat" asks what "Seats 10 to 12" answers). Shorthand the rules already read ("u",
#: "pls", "hrs") is left as written.
SHORTHAND = {"ppl": "people", "hw": "how", "abt": "about", "thru": "through", "dims": "dimensions", "qty": "quantity",
             "ea": "each", "w/o": "without", "w/": "with ", "b/c": "because"}
_SHORTHAND = re.compile(r"(?<![\w/])(?:w/o|b/c|w/(?=\s*\w))|\b(?:ppl|hw|abt|thru|dims|qty|ea)\b", re.I)
_WORD = re.compile(r"(?<![\w@.+-])[A-Za-z]{4,}(?![\w@])")


@dataclass(frozen=True, slots=True)
class CatalogSpelling:
    """A store's words for the speller: the kinds of its goods, which a misspelt word is read as
    ("do you sell wheelchars"), every word of its names and categories, never changed, and the
    words it spells one of two ways ("aluminium", `regional_spelling`)."""

    kinds: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    #: the words of its names, categories, sizes and attribute values: the spellings it uses
    options: frozenset[str] = frozenset()
    #: its product names, read as written in any language (`languages.to_english`)
    products: tuple[str, ...] = ()


def expand_shorthand(text: str) -> str:
    """The text with each texting shorthand of `SHORTHAND` written out."""
    return re.sub(r" {2,}", " ", _SHORTHAND.sub(lambda m: SHORTHAND[m.group(0).lower()], text))


class Speller:
    """Corrects misspelt shopping words.

    Args:
        dictionary: Correctly spelt words (lower-case); words in it are never changed.
        words: The words misspellings are corrected to.
        cutoff: The least similarity (difflib's ratio) a word needs to be corrected.
    """

    def __init__(self, dictionary: Iterable[str], words: Iterable[str] = SHOP_WORDS,
                 cutoff: float = CUTOFF) -> None:
        self.words = tuple(words)
        self.dictionary = frozenset(dictionary) | frozenset(self.words)
        self.cutoff = cutoff

    def correct(self, text: str) -> str:
        """The text with each unknown word close to a shopping word replaced by it."""
        return _WORD.sub(self._word, text)

    def _word(self, match: re.Match) -> str:
        word = match.group(0)
        lowered = word.lower()
        if lowered in self.dictionary:
            return word
        close = difflib.get_close_matches(lowered, self.words, n=1, cutoff=self.cutoff)
        return close[0] if close else word


#: A word this close to one of a name's (difflib's ratio) is that word misspelt: "kangaroo" 0.88
#: to the catalog's "kangeroo", "jaket" 0.91 to "jacket"; "waterproof" is 0.67 to "water".
NAME_WORD_CUTOFF = 0.8


def spells_a_name_word(word: str, name_words: Iterable[str]) -> bool:
    """True when ``word`` is one of a product name's words spelt another way: a letter off
    ("kangaroo" for "Kangeroo", "lightwieght") or two of its words run together ("bodywash" for
    "Body Wash"). Words of four letters or fewer are never read so (one letter is a fifth of them).

    Args:
        word: A word of the shopper's message (lower case).
        name_words: The name's words (lower case).
    """
    if len(word) < 5:
        return False
    words = [w for w in name_words if len(w) >= 3]
    if any(a + b == word for a, b in zip(words, words[1:])):
        return True
    return bool(difflib.get_close_matches(word, [w for w in words if len(w) >= 4], n=1, cutoff=NAME_WORD_CUTOFF))
