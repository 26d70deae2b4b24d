"""Entity extraction: order ids, emails, products, sizes, colours, price ranges, quantities.

Rules, not a model: each slot has a small pattern set that was measured on real utterances
(the Bitext order-id spans; see tests/models/nlu/test_entities.py and bench/nlu.py), and product
references are resolved against the store's catalog, fuzzily, with rare name words weighing
more than common ones ("Didi" identifies a watch; "watch" does not).

    extractor = EntityExtractor([CatalogItem("24-WG02", "Didi Sport Watch")])
    extractor.extract("is the didi sport watch water resistant?").products
    # (ProductMatch(sku='24-WG02', text='didi sport watch', score=1.0),)
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from collections.abc import Collection, Sequence
from functools import lru_cache

from models.nlu.entity_patterns import (find_emails, find_order_ids, find_price_range, find_quantities,
                                    find_sizes)
from models.nlu.name_words import (STOP_WORDS, WORD_TOKEN, alternation, distributed, fold, head_noun,
                                   kind_vocabulary, stems)
from models.nlu.types import CatalogItem, Entities, ProductMatch

#: A category word shared by this many products (or a tenth of the catalog, if more) is
#: the store's common word, which names no one product.
_SHARED_FILED = 5
#: Messages longer than this are cut before matching: slots live in the first lines.
MAX_CHARS = 2000
_COLOR_SYNONYMS = {"grey": "Gray", "navy": "Blue", "violet": "Purple", "beige": "Brown"}

class EntityExtractor:
    """Finds typed slots in a message, resolving product mentions against a catalog.

    Args:
        catalog: The store's products; their colours and sizes extend the known vocabularies.
        min_product_score: Product matches scoring below this are dropped.
        max_products: At most this many product matches are returned, best first.
        order_number_digits: The fewest digits the store's order system gives an order number
            (``kb.OrderBackend.order_number_digits``); shorter numbers are never order ids.
        dictionary: Ordinary words (lower-case; the intent encoder's vocabulary): a name's
            leading word that is none of them ("ErgoMesh", "ThermaPrint") names its product on
            its own; "comfy" never names the "Comfy Padded Chair" alone. Empty: no word does.

    Raises:
        ValueError: ``min_product_score`` is not in (0, 1], ``max_products`` <= 0 or
            ``order_number_digits`` < 1.
    """

    def __init__(self, catalog: Sequence[CatalogItem], min_product_score: float = 0.55,
                 max_products: int = 5, order_number_digits: int = 5,
                 dictionary: Collection[str] = frozenset()) -> None:
        if not 0.0 < min_product_score <= 1.0 or max_products <= 0 or order_number_digits < 1:
            raise ValueError("min_product_score must be in (0, 1], max_products > 0 and "
                             "order_number_digits >= 1")
        self.order_number_digits = order_number_digits
        self._dictionary = frozenset(dictionary)
        self.min_product_score = min_product_score
        self.max_products = max_products
        self._items = tuple(catalog)
        self._names = [tuple(t for t in WORD_TOKEN.findall(fold(i.name)) if t not in STOP_WORDS)
                       for i in self._items]
        # Pack sizes and dimensions ("80x80 (box of 20)", "60 x 29") are rarely said: they count a quarter.
        self._minor = [frozenset(t for t in WORD_TOKEN.findall(fold(i.name))
                                 if any(c.isdigit() for c in t) or len(t) == 1) |  # "60 x 29"
                       frozenset(t for part in re.findall(r"\(([^)]*)\)", i.name)
                                 for t in WORD_TOKEN.findall(fold(part)))
                       for i in self._items]
        df = Counter(t for tokens in self._names for t in set(tokens))
        n = max(1, len(self._items))
        self._weight = {t: math.log(1 + n / c) for t, c in df.items()}
        self._df = df
        # the words of categories that file many products ("Books/Fiction" in a bookshop): one
        # name holding "book" ("The Rspec Book") is not named by "the design patterns book"
        filed = Counter(st for i in self._items for st in {st for path in i.categories
                                                            for t in WORD_TOKEN.findall(fold(path)) for st in stems(t)})
        self._shared = frozenset(st for st, c in filed.items() if c >= max(_SHARED_FILED, n // 10))
        self._vocab_by_len: dict[int, list[str]] = {}
        for token in df:
            self._vocab_by_len.setdefault(len(token), []).append(token)
        self._skus = {i.sku.lower(): i.sku for i in self._items}
        self._by_sku = {i.sku: i for i in self._items}
        self._name_of = {i.sku: name for i, name in zip(self._items, self._names)}
        self._head_of = {name: head_noun(i.name) for i, name in zip(self._items, self._names)}
        # a name's leading word written in capitals ("GPS Navigator Pro", "NFC Credit Card
        # Reader"): an acronym, no ordinary word, though the dictionary may hold it
        self._capital_lead = {name: name[0] for i, name in zip(self._items, self._names)
                              if name and re.fullmatch(r"[A-Z]{3,}", (i.name.split() or [""])[0])}
        # a name's two words said as one: "searchlight" for the "Search light Set"
        self._joined = {a + b: (a, b) for name in self._names for a, b in zip(name, name[1:])
                        if a.isalpha() and b.isalpha() and a + b not in df}
        # name word -> the items whose names hold it: a message is scored against the names it
        # shares a word with, not the whole catalog (a name none of whose words is found never
        # scores; this was ~190 names per message on the demo, most of the NLU's CPU)
        self._holding: dict[str, list[int]] = {}
        for index, name in enumerate(self._names):
            for word in dict.fromkeys(name):
                self._holding.setdefault(word, []).append(index)
        self._sku_re = alternation([i.sku for i in self._items])
        # Common colours besides the catalog's, so that a search can say "none in pink".
        colors = {c for i in self._items for c in i.colors} | {"Black", "White", "Red", "Blue",
                                                                 "Green", "Gray", "Yellow", "Pink",
                                                                 "Orange", "Purple", "Brown", "Silver"}
        self._colors = {c.lower(): c for c in colors} | _COLOR_SYNONYMS
        self._color_re = alternation(sorted(self._colors, key=len, reverse=True))
        self._sizes = {s for i in self._items for s in i.sizes}
        self._fuzzy = lru_cache(maxsize=4096)(self._fuzzy_uncached)
        self._kinds = kind_vocabulary(self._items)

    def extract(self, text: str) -> Entities:
        """All slots found in ``text``.

        Args:
            text: The message; any string is accepted and long ones are cut at MAX_CHARS.

        Returns:
            The Entities (empty when nothing is found).

        Raises:
            TypeError: ``text`` is not a str.
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        text = text[:MAX_CHARS]
        emails = find_emails(text)
        without_emails = text
        for email in emails:
            without_emails = without_emails.replace(email, " ")
        products = self.find_products(without_emails)
        return Entities(
            order_ids=find_order_ids(without_emails, self.order_number_digits),
            emails=emails,
            products=products,
            sizes=find_sizes(without_emails, self._sizes),
            colors=self.find_colors(self._without_name_colours(without_emails, products)),
            price_range=find_price_range(without_emails),
            quantities=find_quantities(without_emails),
            kinds=self.find_kinds(without_emails),
        )

    def _without_name_colours(self, text: str, products: Sequence[ProductMatch]) -> str:
        """The text without the colour words that a product mention holds as words of the
        product's name and not as one of its colours: "the green beige sofa" asks no colour,
        "the hoodie - red" (a variant in red) still does."""
        for match in products:
            item = self._by_sku[match.sku]
            name = set(WORD_TOKEN.findall(fold(item.name)))
            own = {c.lower() for c in item.colors}
            if self._color_re is None or not name & set(self._colors):
                continue
            kept = self._color_re.sub(
                lambda c: " " if c.group(0).lower() in name and c.group(0).lower() not in own else c.group(0),
                match.text)
            text = text.replace(match.text, kept)
        return text

    def find_kinds(self, text: str) -> tuple[str, ...]:
        """Kinds of goods the catalog has that ``text`` names ("floodlights" -> "floodlight"):
        the head nouns of product names, and category names that product names repeat."""
        found = (self._kinds.get(stem) for token in WORD_TOKEN.findall(fold(text))
                 for stem in stems(token))
        return tuple(dict.fromkeys(k for k in found if k))

    def find_colors(self, text: str) -> tuple[str, ...]:
        """Catalog colours named in ``text`` (synonyms such as "grey" mapped), in order."""
        if self._color_re is None:
            return ()
        found = (self._colors[m.group(0).lower()] for m in self._color_re.finditer(text))
        return tuple(dict.fromkeys(found))

    def find_products(self, text: str) -> tuple[ProductMatch, ...]:
        """Catalog products that ``text`` mentions by sku or (fuzzy, partial) name, best first;
        "the 15 inch and 17 inch monitors" mentions a 15 inch monitor and a 17 inch one."""
        found = list(self._find_products(text))
        for modifier, phrase in distributed(text):
            # the product the modifier picks out: its mention holds the modifier ("15 inch")
            found += [m for m in self._find_products(phrase)
                      if m.text.lower().startswith(modifier.lower()) and m.sku not in {f.sku for f in found}][:1]
        return tuple(found[: self.max_products])

    def _find_products(self, text: str) -> tuple[ProductMatch, ...]:
        # sku -> (match, character span) so that nested mentions can be pruned.
        matches: dict[str, tuple[ProductMatch, tuple[int, int]]] = {}
        if self._sku_re is not None:
            for m in self._sku_re.finditer(text):
                sku = self._skus[m.group(0).lower()]
                matches[sku] = (ProductMatch(sku, m.group(0), 1.0), m.span())
        spans = [(m.group(0), m.start(), m.end()) for m in WORD_TOKEN.finditer(fold(text))]
        hits, where = self._token_hits([s[0] for s in spans])
        for index in sorted({i for word in hits for i in self._holding.get(word, ())}):
            item, name, minor = self._items[index], self._names[index], self._minor[index]
            if item.sku in matches:
                continue
            found = self._score_name(name, hits, minor, where)
            if found is None or found[0] < self.min_product_score:
                continue
            score, first, last = found
            span = (spans[first][1], spans[last][2])
            matches[item.sku] = (ProductMatch(item.sku, text[span[0]:span[1]], round(score, 4)), span)
        ranked = sorted(matches.values(), key=lambda pair: (-pair[0].score, -len(self._name_of[pair[0].sku]),
                                                            pair[0].sku))
        kept: list[tuple[ProductMatch, tuple[int, int]]] = []
        for match, span in ranked:
            # "analog watch" inside "luma analog watch": the longer, better mention wins; so does
            # a name holding this one's words in the same words ("500 watt portable work light"
            # is not also the "500-watt Work Light")
            if not any((k.score > match.score and ks[0] <= span[0] and span[1] <= ks[1]) or
                       (k.score >= match.score and self._within(match.sku, k.sku) and ks[0] < span[1] and span[0] < ks[1])
                       for k, ks in kept):
                kept.append((match, span))
        kept = self._tight_over_scattered(kept, spans)
        # "my chain" is the shopper's own thing: the product the message asks about is the other
        # ("will the bike wash get grease off my chain")
        kept.sort(key=lambda pair: bool(_POSSESSED.search(text[:pair[1][0]])))
        return tuple(match for match, _ in kept[: self.max_products])

    def _tight_over_scattered(self, kept: list, spans: list) -> list:
        """Of two mentions sharing a word, the one said word by word keeps it: "does the dark
        tee have short sleeves or long" names the Dark Tee, not also the Long Sleeve Tee spread
        over "tee ... sleeves ... long" between words of no name."""
        def gaps(match: ProductMatch, span: tuple[int, int]) -> int:
            words = {st for w in self._name_of[match.sku] for st in stems(w)}
            return sum(1 for token, start, end in spans if span[0] <= start and end <= span[1]
                       and not stems(token) & words)
        dropped = {id(a) for a, a_span in kept for b, b_span in kept if a is not b
                   and a_span[0] < b_span[1] and b_span[0] < a_span[1]
                   and gaps(a, a_span) > 0 and gaps(b, b_span) == 0}
        return [pair for pair in kept if id(pair[0]) not in dropped]

    def _own(self, word: str) -> bool:
        """True when one product's name alone holds the word and it is no word of the
        categories most products are filed under."""
        return self._df[word] == 1 and not stems(word) & self._shared

    def _within(self, sku: str, other: str) -> bool:
        """True when every word of one product's name is in another's longer name."""
        return set(self._name_of[sku]) < set(self._name_of[other])

    def _token_hits(self, tokens: list[str]) -> tuple[dict[str, tuple[float, int]], dict[str, list[int]]]:
        """Catalog name word -> (similarity, position) of its best occurrence in the text, and
        every position each word occurs at."""
        hits: dict[str, tuple[float, int]] = {}
        where: dict[str, list[int]] = {}
        for position, token in enumerate(tokens):
            if token in STOP_WORDS:
                continue
            split = self._joined.get(token, ())
            for word, similarity in self._fuzzy(token) + self._numbered(token) + tuple((w, 1.0) for w in split):
                if similarity > hits.get(word, (0.0, 0))[0]:
                    hits[word] = (similarity, position)
                where.setdefault(word, []).append(position)
        # two words written as the name's one: "hard hat" says "Hardhat", "book shelf" "Bookshelf"
        for position, (token, after) in enumerate(zip(tokens, tokens[1:])):
            joined = token + after
            if token not in STOP_WORDS and joined in self._df and hits.get(joined, (0.0, 0))[0] < 1.0:
                hits[joined] = (1.0, position)
                where.setdefault(joined, []).append(position)
        return hits, where

    def _numbered(self, token: str) -> tuple[tuple[str, float], ...]:
        """A bare number meets a name word that is that number with a unit: "the halo 50"
        names the "Halo 50W ..." (shoppers drop the unit of a model number)."""
        if not token.isdigit():
            return ()
        # lists both ([] when absent): a () default beside a list raised TypeError on "2 months"
        return tuple((w, 0.9) for w in self._vocab_by_len.get(len(token) + 1, []) +
                     self._vocab_by_len.get(len(token) + 2, [])
                     if w.startswith(token) and w[len(token):].isalpha())

    def _fuzzy_uncached(self, token: str) -> tuple[tuple[str, float], ...]:
        if token in self._df:
            return ((token, 1.0),)
        # the plural of a kind a name ends with says that name's word: "how much are the
        # stickers" names the "Circle Sticker" as "the sticker" does (no typo, a word of its own)
        kind = next((st for st in sorted(stems(token)) if st != token and st in self._df and st in self._kinds), None)
        if kind is not None:
            return ((kind, 1.0),)
        if len(token) < 4 or token.isdigit():
            return ()
        # Typos change a word's length by at most a couple of letters.
        pool = [w for n in range(len(token) - 2, len(token) + 3) for w in self._vocab_by_len.get(n, ())]
        close = difflib.get_close_matches(token, pool, n=2, cutoff=0.8)
        if token in self._dictionary:
            # a correctly spelt word holding a name word inside it is another word ("prices" is
            # no typo of "Rice", "scarfs" may be of "scarf"): a typo keeps the word's first letter
            # nor is it another real word of its length with one letter changed ("my place" names
            # no "Plate", "lamb" no "Lamp")
            close = [w for w in close if w[0] == token[0] and not (len(w) == len(token) and w in self._dictionary)]
        return tuple((w, difflib.SequenceMatcher(None, token, w).ratio()) for w in close)

    def _score_name(self, name: tuple[str, ...], hits: dict[str, tuple[float, int]],
                    minor: frozenset[str] = frozenset(),
                    where: dict[str, list[int]] | None = None) -> tuple[float, int, int] | None:
        """(score, first token, last token) of a product name against the text's hits."""
        matched = [(w, hits[w]) for w in name if w in hits]
        # A mention needs a word of this product alone, or its leading (brand-like) word:
        # "sport watch" is a category, "didi" or "kangaroo hoodie" point at one product.
        pointed = any(self._own(w) or (w == name[0] and self._df[w] <= 3) for w, _ in matched)
        # or every word of the name said, but its numbers and units: "the white bookshelf" for
        # "White Bookshelf, 35 x 77 in." though another name holds "bookshelf" too
        said = [w for w in name if w not in minor and len(w) > 2]
        pointed = pointed or (len(said) >= 2 and all(w in hits and hits[w][0] == 1.0 for w in said)) \
            or self._kind_pair(name, matched)
        if not pointed and len(matched) < 3:
            return None
        # a word said twice ("the halo 30w or the halo 50w") counts where it is nearest the
        # word that is this product's alone
        where = where or {}
        anchors = {p for w, (_, pos) in matched for p in where.get(w, [pos])}
        placed = [[(w, (sim, min(where.get(w, [pos]), key=lambda p: abs(p - anchor))))
                   for w, (sim, pos) in matched] for anchor in sorted(anchors)]
        matched = min(placed, key=lambda m: max(p for _, (_, p) in m) - min(p for _, (_, p) in m))
        positions = sorted(pos for _, (_, pos) in matched)
        # Matched words must sit together, not scattered across a long message.
        if positions[-1] - positions[0] > len(name) + 1:
            return None
        weight = {w: self._weight[w] * (0.25 if w in minor else 1.0) for w in name}
        total = sum(weight.values())
        score = sum(weight[w] * sim for w, (sim, _) in matched) / total
        if not pointed and not self._identifies(name, matched, positions):
            return None  # common words only: they must sit together and fit no other name
        if score < self.min_product_score and self._identifies(name, matched, positions):
            score = self.min_product_score  # named loosely, but no other product fits
        return score, positions[0], positions[-1]

    def _kind_pair(self, name: tuple[str, ...], matched: list) -> bool:
        """True when the kind the name ends with is said with one other word of the name just
        before it, and no other name holds both: "the industrial headlamp" for the "Industrial
        310 Lumen LED Headlamp", "the rechargable headlamp" for the "220 Lumen Rechargeable
        Headlamp", though other names hold each word apart."""
        at = dict(matched)
        head = self._head_of.get(name)
        if head not in at or at[head][0] < 1.0:
            return False
        before = [w for w, (_, pos) in matched if pos == at[head][1] - 1 and w != head and w.isalpha()]
        return any(sum(1 for other in self._names if {w, head} <= set(other)) == 1 for w in before)

    def _identifies(self, name: tuple[str, ...], matched: list, positions: list[int]) -> bool:
        """True when the matched words name this product and no other, said the way shoppers
        shorten a name: two or more words side by side, one of them this product's alone ("the
        filing cabinet", "the halo 50"), or its own leading word of 5+ letters that is no
        ordinary word ("the ergomesh")."""
        words = {w for w, _ in matched}
        own = [w for w in words if self._own(w)]
        # three words side by side may name one product with no word of its own:
        # "the 13 inch 8gb laptop" for "Laptop (13 inch, 8GB)"
        if (not own and not self._kind_pair(name, matched) and len(words) < 3) or \
                positions[-1] - positions[0] > len(words):
            return False
        if len(words) >= 2:
            return sum(1 for other in self._names if words <= set(other)) == 1
        word, (similarity, _) = matched[0]
        if similarity < 1.0 or not word.isalpha():
            return False  # written as the name writes it: "promo" is not a misspelt "Proteus"
        # the kind the name ends with, when one product alone is of it: "the sofa" for the
        # "Green Beige Sofa", "the wheelchair" for the "Foldable Wheelchair"
        head = [w for w in name if w.isalpha() and len(w) > 2][-1:]
        if word in (*head, self._head_of.get(name)) and len(word) >= 4 and self._own(word):
            return True
        if word == self._capital_lead.get(name) and self._own(word):
            return True  # "the gps" for the "GPS Navigator Pro"
        return word == name[0] and len(word) >= 5 and bool(self._dictionary) and word not in self._dictionary


#: A mention's lead-in that makes it the shopper's own ("my", "our") rather than the goods asked about.
_POSSESSED = re.compile(r"\b(?:my|our|mine)\s+(?:own\s+|old\s+|current\s+)?$", re.I)
