"""The words of one store's catalog: the kinds of product it sells, its sizes, materials and
the attribute values that answer yes/no questions ("is it lockable?").

Built once per store from its product records, never from a list of one store's wording, so a
search can honour "in XL", "cotton" or "size 32" and say plainly when the store has nothing of
the kind asked for ("do you sell sunglasses?").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kb import Product
from models.nlu.entity_patterns import find_sizes

from bot.dialogue.language.spelling import CatalogSpelling
from bot.dialogue.products import described_kinds

_WORD = re.compile(r"[a-z][a-z'-]*")
_MATERIAL_LINE = re.compile(r"^\s*(?:materials?|fabrics?)\s*:\s*(.+)$", re.I | re.M)
# Words that say how a shopper asks, not what for ("show me some ...", "do you guys sell ...").
_CHATTER = frozenset("""
a an the any some few all do does did you u ya guys have has got sell sells carry stock show me
looking look find need want wanna buy get i im i'm we us our your is are there can could would
please pls plz hi hello hey something anything stuff thing things item items products product
options ideas recommend recommendations suggestions good nice cheap cheapest best great new
what which whats what's one ones kind kinds type types sort
mens men's men womens women's women ladies girls boys guy guys him her his for my
mom dad mum son daughter wife husband friend kid kids brother sister actually nvm ok okay also
how much many
""".split())
# A subject after a kind starts a clause about it ("shorts i could swim in", "bags you sell");
# "it"/"they" before any kind point at goods already in view, and their verb phrase ("do they
# come in", "have it in gray") names no kind.
_SUBJECTS = frozenset("i we you u he she it they".split())
_THINGS = frozenset("it they them".split())
# A kind of product is named before these ("shorts for men", "tees in XL under 30").
_BOUNDARY = frozenset("""
for under over in with between below above less more than size sizes that to from this at around
about nothing no not only max maximum up within like and or but
""".split())
# An amount after a price word, with the word that says its money ("under 20 bucks", "below 30
# quid", "max 50 euros"), whatever the currency's slang: no kind of goods.
_AMOUNT = re.compile(r"\b(under|over|below|above|than|between|around|about|max|maximum|within|and|to|for)\s+"
                     r"[$€£]?\d[\d.,]*(?:\s*(?:[$€£]|[a-z]+\b))?", re.I)
_VERBS = frozenset("is are was were has have does do can could will would".split())
# "something for ...", "what do you have for ...": what follows is a use or a place, not a kind.
_PURPOSE = re.compile(r"^\W*(?:(?:do you|have you|got) (?:have |got |sell |carry )?)?(?:any|some)?\s*"
                      r"(?:thing|things|something|anything|stuff|ideas?|options?|products?|items?|gear)\s+"
                      # "anything under 100 euros for lighting a yard": a price cap before the use
                      r"(?:(?:under|below|less than|up to|no more than|within)\s+[€$£]?\d[\d.,]*\s*"
                      r"(?:[a-z€$£]+\s+)?)?"
                      r"(?:good |suitable |nice |useful |that works? )?(?:for|to)\b|"
                      r"\bwhat (?:do you have|have you got|would you recommend|do you recommend) (?:for|to)\b",
                      re.I)
# Heads that name no kind of product ("a gift for my dad", "do i get one free"); "gift cards" still names one.
_GENERIC = frozenset("gift gifts present presents free".split())
# "a yoga strap, which lengths do u have": the options asked of a kind, not a kind of goods
_OPTION_WORDS = frozenset("lengths sizes colours colors styles materials flavours flavors variants".split())
#: An asked kind this close (cosine, MiniLM) to one of the store's kinds is one the store sells
#: ("trousers" ~ "pants" 0.86, "sweater" ~ "sweatshirt" 0.72); unsold kinds measured below 0.65
#: ("shoes" ~ "foot" 0.64, "swimsuits" 0.56, "tent" 0.53, "sunglasses" 0.49).
KIND_SIMILARITY = 0.7
_COMMON_COLORS = frozenset("""
black white red blue green gray grey yellow pink orange purple brown silver beige navy
""".split())
# Shoppers a store may or may not sell for; named right before a kind ("kids clothes").
_AUDIENCE = re.compile(r"\b(kids?'?s?|child(?:ren)?'?s?|bab(?:y|ies)'?s?|toddlers?'?|infants?'?|"
                       r"youth|junior)\s+([a-z][a-z-]*)")
# Words of a material line that name a part or say something else ("aluminium arm, steel base",
# "rubberised ABS, survives 1.5 m drops"): not materials a search could keep.
_NOT_MATERIAL = frozenset("""
with and or the for arm arms base back seat legs leg frame top shell housing lens diffuser body
handle handles strap straps lining sole upper cover lid drops survives finish trim yes no
""".split())
# A size in words where it can only be a size ("size small", "got it in medium", "x-large?" alone):
# never a kind of goods ("we don't sell smalls"); `sizes_in` maps it to the catalog's own value.
_SPOKEN_SIZE = r"(?:extra[\s-]?small|extra[\s-]?large|x-?small|x-?large|xx-?large|small|medium|large)"
_SIZE_WORDS = re.compile(rf"\b(size|sz|in(?:\s+(?:a|an|size))?)\s+{_SPOKEN_SIZE}\b|"
                         rf"^\W*(?:(?:and|or|what about|how about|got|any|in)\s+)*{_SPOKEN_SIZE}s?\W*$", re.I)
# Spellings of one common garment word that an embedder reads apart from "tee".
_SPELLINGS = {"tshirt": "tee", "t-shirt": "tee", "tshirts": "tees", "t-shirts": "tees"}


def stem(word: str) -> str:
    """A crude plural-free form: "hoodies" -> "hoodie", "watches" -> "watch", "pants" -> "pant"."""
    word = word.lower().strip("'-")
    if word.endswith("elves") and len(word) > 5:  # "shelves", "bookshelves"
        return word[:-3] + "f"
    for suffix, keep in (("ies", "ie"), ("ches", "ch"), ("shes", "sh"), ("ses", "s"), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2 and not word.endswith("ss"):
            return word[: len(word) - len(suffix)] + keep
    return word


def name_heads(product: Product) -> list[str]:
    """The words a name ends its kind with: its last word, and the last before a comma or
    "with" ("Wooden Office Desk, 60 x 29 in." is a desk, "Chair With Headrest" a chair)."""
    parts = re.split(r",| with | for ", re.sub(r"\(.*?\)", "", product.name), flags=re.I)
    heads = [words[-1] for part in parts
             if (words := [w for w in _words(part) if len(w) > 2 and not any(c.isdigit() for c in w)])]
    return list(dict.fromkeys(heads[:1] + heads[-1:]))


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def without_spoken_sizes(text: str) -> str:
    """The text without the sizes it says in words ("size small?" -> "size ?")."""
    return _SIZE_WORDS.sub(lambda m: f"{m.group(1) or ''} ", text)


def _own_words(product: Product) -> frozenset[str]:
    """Every word of a product's name and categories, stemmed: what it can be called."""
    return frozenset(stem(w) for w in _words(" ".join((product.name, *product.categories))))


@dataclass(frozen=True, slots=True)
class AskedKind:
    """The kind of product a search names: its head noun and the words before it."""

    head: str
    phrase: str


#: "the large", "ok then the small, how much": a letter size said as a word standing alone
#: (not "the large backpack": a word after it, other than "one", names something else)
THE_SIZE = re.compile(r"\bthe\s+(extra[\s-]small|extra[\s-]large|x-small|x-large|small|medium|large)\b"
                      r"(?!\s+(?!one\b|ones\b|size\b|please\b|pls\b|then\b|instead\b|too\b)[a-z])", re.I)
_SIZE_LETTERS = {"extra small": "XS", "x small": "XS", "small": "S", "medium": "M", "large": "L",
                 "extra large": "XL", "x large": "XL"}


class CatalogTerms:
    """What a store's catalog calls things.

    Args:
        products: The store's products.
    """

    def __init__(self, products: Sequence[Product]) -> None:
        kinds: set[str] = set()
        words: set[str] = set()
        values: dict[str, str] = {}
        sizes: set[str] = set()
        materials: dict[str, set[str]] = {}
        for product in products:
            words.update(name_heads(product))  # a name ends with its kind: "Joust Duffle Bag"
            for path in product.categories:
                words.update(_words(path))
            for code, vals in product.attributes.items():
                for value in vals:
                    kinds.update(stem(w) for w in _words(value))
                    values.setdefault(value.lower(), code)
            for value in material_values(product):
                for word in _words(value):
                    if word not in _NOT_MATERIAL:
                        materials.setdefault(word, set()).add(value)
            sizes.update(v.size for v in product.variants if v.size)
        #: the words naming the kinds (name endings, categories), as written: for similarity
        self.kind_words = tuple(sorted(w for w in words if len(w) > 2))
        self.kinds = frozenset(k for k in kinds | {stem(w) for w in words} if len(k) > 2)
        self._heads = frozenset(stem(w) for p in products for w in name_heads(p))
        # kinds named only in descriptions ("Dairy Products: Cheeses.", "... office workstation")
        self._by_category = described_kinds.category_kinds(products, stem)
        self._described = {p.sku: frozenset(described_kinds.kind_forms(head, stem))
                           for p in products if (head := described_kinds.description_head(p))}
        self._described_words = frozenset().union(*self._by_category.values(), *self._described.values())
        self._name_words = frozenset(w for p in products for w in _words(" ".join((p.name, *p.categories))))
        self._product_names = tuple(dict.fromkeys(p.name for p in products if p.name))
        self._name_stems = frozenset(stem(w) for p in products for w in _words(p.name) if len(w) > 2)
        self._names_stems = tuple(frozenset(stem(w) for w in _words(p.name)) for p in products)
        # (modifier, head) pairs of kinds named by two words that some product holds both of
        # ("tank" and "top" for a tank filed under Tops): "tank tops" asks for those, not every top
        self._pairs = frozenset((m, h) for p in products for own in (_own_words(p),)
                                for m in own & self._heads for h in own if h != m)
        #: attribute value (lower case) -> its attribute code, across the catalog
        self.values = values
        self.sizes = frozenset(sizes)
        self._measured = measured_sizes(self.sizes)
        #: a material word ("cotton") -> the catalog's values holding it ("Organic Cotton", ...)
        self.materials = {w: frozenset(v) for w, v in materials.items() if len(w) > 2}
        # Words that filter a search and never name a kind ("any in black?", "anything cotton").
        self._filters = (frozenset(c.lower() for p in products for c in p.colors) | _COMMON_COLORS
                         | frozenset(self.materials))

    def spelling(self) -> CatalogSpelling:
        """The kinds of the store's goods and the words of its names, for the speller."""
        options = {w for text in (*self.sizes, *self.values) for w in _words(text)}
        return CatalogSpelling(frozenset(self.kind_words), self._name_words, frozenset(options) | self._name_words,
                               self._product_names)

    def named_so(self, kind: AskedKind) -> bool:
        """True when one product's name holds every word of the asked kind: "ipods" in a store
        selling an "iPod Touch", though no name ends with it; not "dog jackets" where names hold
        "jacket" but none "dog" (whether jackets answer it is `sells`' measure)."""
        if stem(kind.head) not in self._name_stems:
            return False
        asked = {stem(w) for w in _words(kind.phrase)}
        return any(asked <= held for held in self._names_stems)

    def asked_kind(self, text: str) -> AskedKind | None:
        """The kind of product a search message names ("any bikes for sale?" -> "bikes"), or
        None when it names none ("show me something for yoga")."""
        if _PURPOSE.search(text):
            return None  # "anything for lighting a warehouse": a use, not a kind of goods
        collected: list[str] = []
        last: list[str] = []  # the run before trailing chatter: "cheapest running shoe you have"
        text = _AMOUNT.sub(r"\1 ", text)  # "under 20 bucks": the word after an amount is its money
        text = without_spoken_sizes(text)
        # "which headlamp is the brightest": the kind is asked before the verb, not after it
        asked_of = bool(re.match(r"\W*(?:which|what)\b", text, re.I))
        pointing = False
        for word in _words(text):
            word = _SPELLINGS.get(word, word)
            if word in _SUBJECTS and collected:
                break
            if word in _THINGS or pointing:
                pointing = word in _THINGS or word not in _BOUNDARY
                continue
            if asked_of and collected and word in _VERBS and stem(collected[-1]) in self._heads:
                break  # a kind of the catalog's names, asked about ("what colors does ..." asks none)
            if word in _BOUNDARY or word in self.sizes or word.upper() in self.sizes:
                if collected:
                    break
                continue
            if word in self._filters:
                continue  # "black running shorts": the kind is "running shorts"
            if word in _CHATTER or word in _OPTION_WORDS or len(word) < 3:
                last = collected or last
                collected = []  # the kind is the last run of words: "actually nvm, do you have bags"
                continue
            collected.append(word)
        if not collected or collected[-1] in _GENERIC:
            collected = last  # "4 tees, do i get one free": the kind named before
        if not collected or collected[-1] in _GENERIC:
            return None
        return AskedKind(collected[-1], " ".join(collected))

    def unserved_audience(self, text: str) -> AskedKind | None:
        """Goods for an audience the catalog has no word for ("kids clothes", "baby shoes" in a
        store whose names and categories never say kids or baby), as the kind asked for; None
        otherwise. Only the word before a kind counts: "a backpack for my kid" asks for a backpack."""
        for match in _AUDIENCE.finditer(text.lower()):
            audience, following = match.group(1), match.group(2)
            if following in _BOUNDARY or following in _CHATTER:
                continue
            if not {stem(audience.rstrip("'s")), stem(audience)} & self.kinds:
                return AskedKind(following, f"{audience} {following}")
        return None

    def sold_kind(self, text: str) -> str | None:
        """The kind of goods of the store's catalog a message names ("watch"), or None."""
        asked = self.asked_kind(text)
        return stem(asked.head) if asked and self.sells(asked) else None

    def sells(self, kind: AskedKind, similarity=None) -> bool:
        """True when the catalog has products of that kind: its head noun is one of the store's
        kinds, or (given ``similarity(word, kinds) -> best cosine``) close to one."""
        if stem(kind.head) in self.kinds or stem(kind.head) in self._described_words:
            return True
        return similarity is not None and similarity(kind.head, list(self.kind_words)) >= KIND_SIMILARITY

    def is_kind(self, product: Product, kind: AskedKind) -> bool:
        """True when the product is of that kind: its name ends so, or a category says so."""
        own = {stem(w) for w in name_heads(product)} | {stem(w) for path in product.categories for w in _words(path)}
        # the one garment word in any spelling: a "T-Shirt" is a tee, as "t-shirts" is asked as "tees"
        own |= {stem(_SPELLINGS[w]) for w in own if w in _SPELLINGS}
        own |= self._described_of(product)
        if stem(kind.head) not in own:
            return False
        words = kind.phrase.split()
        modifier = stem(words[-2]) if len(words) > 1 else ""
        # "tank tops": a kind named by two words keeps both, where the catalog has such goods
        return (modifier, stem(kind.head)) not in self._pairs or modifier in _own_words(product)

    def _described_of(self, product: Product) -> frozenset[str]:
        """The kinds the product's description and its categories' descriptions name it by."""
        return self._described.get(product.sku, frozenset()).union(
            *(self._by_category.get(path, ()) for path in product.categories))

    def prefer(self, products: Sequence[Product], text: str) -> list[Product]:
        """The products reordered (stably) so that those of the asked kind ("hoodies": its name
        ends so, or a category says so) and with the asked features ("waterproof") come first;
        the search's order stands otherwise (it weighs the other words)."""
        kind = self.asked_kind(text)
        features = {value for _, value in self.features_in(text)}
        if not kind and not features:
            return list(products)

        def score(product: Product) -> int:
            record = " ".join([product.name, product.description, *product.categories] +
                              [v for vals in product.attributes.values() for v in vals]).lower()
            return bool(kind and self.is_kind(product, kind)) + sum(value in record for value in features)

        return sorted(products, key=score, reverse=True)

    def sizes_in(self, text: str) -> tuple[str, ...]:
        """The catalog's sizes a message names: "in XL", "size 32" (a bare number is a price)."""
        found = [s for s in self.sizes if not s.isdigit() and
                 re.search(rf"(?<![\w$])(?<!\d[.,]){re.escape(s)}(?![\w$])", text, re.I if _any_case(s) else 0)]
        # as shoppers type them ("come in xl", "size m"), read by the NLU's one size rule
        typed = {s.upper() for s in find_sizes(text, self.sizes)}
        found += [s for s in self.sizes if not s.isdigit() and s.upper() in typed and s not in found]
        found += [s for s in self.sizes if s.isdigit() and
                  re.search(rf"\b(size|sz|waist|in)\s*{s}\b(?!\s*(?:[a-z%€$£]|\.\d))|"
                            rf"\b{s}\s*(waist|inch waist)\b", text, re.I)]
        # a measured size in other words: "2 litres" / "2 litros" for 2l, "45cm" for "45cm x 45cm"
        found += [s for s, spoken in self._measured.items() if s not in found and spoken.search(text)]
        # "the large", "ok then the small, how much": a letter size said as a word, as a noun
        letters = {_SIZE_LETTERS[" ".join(m.group(1).lower().replace("-", " ").split())] for m in THE_SIZE.finditer(text)}
        found += [s for s in self.sizes if s.upper() in letters and s not in found]
        return tuple(sorted(found))

    def materials_in(self, text: str) -> tuple[str, ...]:
        """The material words of the catalog a message names ("cotton", "wool")."""
        words = set(_words(text))
        return tuple(sorted(w for w in self.materials if w in words))

    def features_in(self, text: str) -> list[tuple[str, str]]:
        """(attribute code, value) pairs of the catalog a question names ("lockable",
        "laptop sleeve", "waterproof"), longest value first."""
        lowered = " ".join(_words(text))
        found = [(code, value) for value, code in self.values.items()
                 if len(value) > 3 and value not in ("yes", "no") and
                 re.search(rf"\b{re.escape(value)}\b", lowered)]
        return sorted(found, key=lambda pair: -len(pair[1]))


#: A measure's unit as shoppers write it, in English and the languages the assistant reads
#: ("2 litres", "2 litros", "500 mL"), by the unit a catalog writes in its sizes.
_UNIT_WORDS = {
    "l": r"l|lt|ltr|litres?|liters?|litros?|litri|litre",
    "ml": r"ml|millilitres?|milliliters?|mililitros?|millilitri",
    "cl": r"cl|centilitres?|centiliters?",
    "cm": r"cm|centimetres?|centimeters?|centímetros?|centimetri",
    "mm": r"mm|millimetres?|millimeters?",
    "m": r"m|metres?|meters?|metros?",
    "kg": r"kg|kgs|kilos?|kilograms?|kilogrammes?",
    "g": r"g|grams?|grammes?|gramos?",
    "oz": r"oz|ounces?",
    "in": r"in|inch|inches|\"",
}
#: "2l", "2.5 l", "45cm x 45cm": a number with a unit, and the same again after "x"
_MEASURED = re.compile(r"(?P<n>\d+(?:[.,]\d+)?)\s*(?P<u>[a-z]+|\")(?:\s*x\s*(?P=n)\s*(?P=u))?", re.I)
#: "40x60cm", "50 x 70 cm": two sides with one unit after them (a poster's, a rug's format)
_SIDES = re.compile(r"(?P<a>\d+(?:[.,]\d+)?)\s*[x×]\s*(?P<b>\d+(?:[.,]\d+)?)\s*(?P<u>[a-z]+|\")", re.I)


def _number(text: str) -> str:
    """A size's number as a pattern that reads it with a point or a comma ("2.5", "2,5")."""
    return re.escape(text.replace(",", ".")).replace(r"\.", "[.,]")


def measured_sizes(sizes: Iterable[str]) -> dict[str, re.Pattern]:
    """Each catalog size that is a measure ("2l", "45cm x 45cm") with the pattern of how a
    shopper may write it: its number with the unit in any spelling ("2 litres"), a square
    size by one side ("45cm"), a format by its two sides with or without the unit ("80x120" for
    "80x120cm"), when no other size of the catalog is written the same way."""
    spoken: dict[str, str] = {}
    for size in sizes:
        found = _MEASURED.fullmatch(size.strip())
        unit = _UNIT_WORDS.get(found.group("u").lower()) if found else None
        if unit:
            spoken[size] = rf"(?<![\w.,]){_number(found.group('n'))}\s*-?\s*(?:{unit})(?![\w])(?!\s*x\s*\d)"
        elif (sides := _SIDES.fullmatch(size.strip())) and (unit := _UNIT_WORDS.get(sides.group("u").lower())):
            # shoppers give both sides with or without the unit: "in 80x120", "80 by 120 cm"
            spoken[size] = (rf"(?<![\w.,]){_number(sides.group('a'))}\s*(?:x|×|by)\s*"
                            rf"{_number(sides.group('b'))}(?:\s*(?:{unit}))?(?![\w.,])")
    # two sizes written alike ("45cm" of "45cm x 45cm" and of "45cm x 60cm") name neither
    alike = [p for p in spoken.values()]
    return {s: re.compile(p, re.I) for s, p in spoken.items() if alike.count(p) == 1}


def _any_case(size: str) -> bool:
    """A size a shopper may type in any case: a long one, or letters with digits ("A3", "2T":
    no word is written so); one or two letters alone ("S", "M", "XL") only as written, where
    "m" or "l" would be any word's."""
    return len(size) > 2 or (any(c.isdigit() for c in size) and any(c.isalpha() for c in size))


def has_size(product: Product, sizes: Iterable[str]) -> bool:
    """True when one of the sizes is among the product's variants'."""
    wanted = {s.lower() for s in sizes}
    return bool(wanted & {s.lower() for s in product.sizes})


def material_values(product: Product) -> list[str]:
    """What a product is made of: its material attributes, or a description line such as
    "Material: die-cast aluminium" (stores whose import has no attributes write it there)."""
    values = [v for code, vals in product.attributes.items()
              if "material" in code or "fabric" in code for v in vals]
    return values + [m.group(1).strip() for m in _MATERIAL_LINE.finditer(product.description)]


def made_of(product: Product, materials: Iterable[str]) -> bool:
    """True when one of the material words is in what the product is made of."""
    values = [v.lower() for v in material_values(product)]
    return any(m in v for m in materials for v in values)
