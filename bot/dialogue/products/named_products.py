"""Which of the store's products a message names, in the order written.

The entity extractor finds most names; this reads the catalog's names as whole words too (a
plural allowed, apostrophes typed either way), the short names shoppers say for a catalog's
long ones, a second product named by its number alone, and every product of a name said with
"both". The shopper's own thing ("my chain") comes last: it is not the goods asked about.
"""

from __future__ import annotations

import re

from kb import KnowledgeBase

from bot.dialogue.products import product_answers, product_compare
from bot.dialogue.store_pages import shipping_names
from bot.dialogue.understanding import Understanding

#: Words that say a name stands for more than one product ("both pricing labelers").
_TWO = re.compile(r"\b(both|two|2|all)\b", re.I)
#: A mention's lead-in that makes it the shopper's own thing ("my chain"), not the goods asked about.
_POSSESSED = re.compile(r"\b(?:my|our|mine)\s+(?:own\s+|old\s+|current\s+)?$")
_NAME_TAIL = re.compile(r",|\s+with\s+", re.I)


class NamedProducts:
    """The names of one store's products, ready to be found in messages.

    Args:
        kb: The store.
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        # Product names by length, longest first, for names the entity extractor misses.
        self._names = sorted([(p.name.lower(), p.sku) for p in kb.products] + _short_names(kb.products),
                             key=lambda n: -len(n[0]))
        # each said as whole words (a plural allowed): a book titled "C" is not named by the
        # "c" of "much", nor "Love" by "lovely"; an apostrophe as typed or left out ("womens"
        # and "women's" name the "Women’s Fashion Scrub Set")
        self._name_patterns = {name: re.compile(rf"(?<!\w){_name_pattern(name)}(?:e?s)?(?!\w)")
                               for name, _ in self._names}
        # the parts of a name between apostrophes, each of which a message naming it holds as
        # written: most names are passed over by a substring test, not a pattern (~200 a turn)
        self._name_parts = {name: [part for part in re.split("['’]", name) if part]
                            for name, _ in self._names}

    def named(self, text: str, nlu: Understanding) -> list[str]:
        """Skus of the products a message names, in the order written."""
        lowered, found = text.lower(), {}
        # the entity extractor's longer mentions of other products: "hackers and painters"
        # (for "Hackers & painters") holds the name "Hackers" but names that book alone
        held = [(at, at + len(m.text), m.sku) for m in nlu.entities.products
                if (at := lowered.find(m.text.lower())) >= 0]
        for name, sku in self._names:  # longest first
            if not all(part in lowered for part in self._name_parts[name]):
                continue
            # a name inside a longer one found ("handheld flashlight" in "industrial handheld
            # flashlight") names nothing there, but may stand alone elsewhere in the message
            at = next((m.start() for m in self._name_patterns[name].finditer(lowered) if not any(
                start <= m.start() and m.end() <= start + len(other) for (start, _), other in found.items())
                and not any(s <= m.start() and m.end() <= e and e - s > m.end() - m.start() and other != sku
                            for s, e, other in held)), -1)
            if at >= 0:
                found[(at, sku)] = name
        skus = [sku for (_, sku) in sorted(found)]
        table = self.kb.shipping
        # "overnight" alone names the shipping method, not the Overnight Duffle
        mentions = [m for m in nlu.entities.products if not (
            table is not None and len(m.text.split()) == 1 and shipping_names.method_named(table, m.text))]
        # in the order written: "does the thermaprint come with paper rolls" asks about the first
        mentions.sort(key=lambda m: (lowered.find(m.text.lower()) % (len(lowered) + 1), -m.score))
        skus = list(dict.fromkeys(skus + [m.sku for m in mentions]))
        if len(skus) == 1 and (first := product_answers.products_of(self.kb, skus)):
            # "which is brighter, the halo 30w or the 50w": the second named by its number alone
            skus += [p.sku for p in product_compare.short_second(self.kb.products, first[0], text)]
        if _TWO.search(text):
            # "the two handheld laser barcode scanners": every product of the very name said
            skus += [sku for name, sku in self._names if sku not in skus
                     and any(name == n for n, s in self._names if s in skus[:1])]
        # "get grease off my chain": the shopper's own thing is not the product asked about
        own = {sku for (at, sku) in found if _POSSESSED.search(lowered[:at])} | {
            m.sku for m in mentions if _POSSESSED.search(lowered[:max(0, lowered.find(m.text.lower()))])}
        return sorted(skus, key=lambda sku: sku in own and len(own) < len(skus))


def _short_names(products) -> list[tuple[str, str]]:
    """Names as shoppers say them when a catalog writes measures after a comma or what comes
    with it after "with": "round meeting table" of "Round Meeting Table, 30 in. x 30in.",
    "storage combination" of "Storage Combination with Doors", when no other product's name
    starts so."""
    heads = [(_NAME_TAIL.split(p.name, 1)[0].strip().lower(), p.sku) for p in products if _NAME_TAIL.search(p.name)]
    starts = [_NAME_TAIL.split(p.name, 1)[0].strip().lower() for p in products]
    return [(head, sku) for head, sku in heads if len(head.split()) >= 2 and starts.count(head) == 1]


def _name_pattern(name: str) -> str:
    """A product name as a pattern whose apostrophes may be typed either way or left out."""
    return "".join("['’]?" if ch in "'’" else re.escape(ch) for ch in name)
