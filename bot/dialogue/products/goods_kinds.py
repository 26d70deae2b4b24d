"""The kind of goods a shop question names, in the catalog's own category words.

A page may scope a rule to a kind of goods ("Power tools are the exception: they come back within
30 days", "Furniture: tell us within 14 days"), while a shopper names one product of that kind
("can i bring back an angle grinder"). The question alone is closer to the page's general rule;
read with the kind the catalog files that product under ("Power Tools"), it meets the kind's rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from kb import Product

from bot.dialogue.products.catalog_terms import name_heads, stem

_WORD = re.compile(r"[a-z]+")
#: A word that many products hold ("tools", "set") names no one kind.
_MAX_SHARE = 0.2
#: Product-name words that are also everyday words of a shop question, never a kind of goods.
_QUESTION_WORDS = frozenset(
    "back return returns order orders ship shipping delivery free time days week weeks month year "
    "years life warranty guarantee covered cover open opened used new with from that this have "
    "what when where which will your store shop price cost money card gift pack".split())


class GoodsKinds:
    """Product-name words -> the category paths of the products that hold them.

    Args:
        products: The store's products.
    """

    def __init__(self, products: Sequence[Product]) -> None:
        paths: dict[str, set[str]] = {}
        held: dict[str, int] = {}
        for product in products:
            for word in _kind_words(product):
                paths.setdefault(word, set()).update(product.categories)
                held[word] = held.get(word, 0) + 1
        limit = max(3, _MAX_SHARE * len(products))
        self._paths = {w: p for w, p in paths.items() if p and held[w] <= limit}
        #: the words the catalog files goods under ("hammer" of "Hand Tools/Hammers")
        self._filed = frozenset(w for p in products for path in p.categories for w in _category_words(path))

    def named(self, text: str) -> list[str]:
        """The category names ("Power Tools", "Angle Grinders") of the goods the text names by a
        word of their names, broadest first; empty when it names none or kinds of two top
        categories (then no one kind's rule is meant). Where words disagree ("hammer handle"),
        the words the catalog files goods under ("Hammers") decide."""
        words = [w for w in map(stem, _WORD.findall(text.lower())) if w in self._paths]
        named = [self._paths[w] for w in words]
        filed = [self._paths[w] for w in words if w in self._filed]
        for chosen in (named, filed):
            found = set().union(*chosen) if chosen else set()
            if len({path.split("/")[0] for path in found}) == 1:
                return category_parts(sorted(found))
        return []

    def read_with_kind(self, question: str) -> str:
        """The question with the kind of goods it names after it, or as it is."""
        kinds = self.named(question)
        return f"{question} ({', '.join(kinds[:3])})" if kinds else question


def category_parts(paths: Iterable[str]) -> list[str]:
    """The names along category paths, each once, in order ("Power Tools/Drills" -> "Power Tools",
    "Drills")."""
    return list(dict.fromkeys(part.strip() for path in paths for part in path.split("/") if part.strip()))


def _kind_words(product: Product) -> set[str]:
    """The words that call a product by its kind: its name's head nouns ("Angle Grinder 4-1/2
    in" is a grinder) and its categories' words ("Mascara"), stemmed; not "long" of a
    "Long-Sleeve Logo Jersey", which a question says of time."""
    words = {stem(w) for w in name_heads(product)}
    words |= {w for path in product.categories for w in _category_words(path)}
    return {w for w in words if len(w) > 2 and w not in _QUESTION_WORDS}


def _category_words(path: str) -> set[str]:
    return {stem(w) for w in _WORD.findall(path.lower())}
