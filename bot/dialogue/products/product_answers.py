"""Product answers written from the whole product record: yes/no questions about a size, a
colour or a feature, what it is made of, how big it is; which of the products in view a message
points at ("the cheaper one", "both") is `bot.dialogue.products.references`, the promotions a
sale question may mean `bot.dialogue.products.product_promotions`; the sizes and colours a product comes in are
`bot.dialogue.products.product_variants`, side-by-side comparisons `bot.dialogue.products.product_compare`, what
goes with a product `bot.dialogue.products.accessories`.

What the record does not say (how a garment fits, say) is admitted, with a person offered:
never guessed, never answered with the price instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kb import KnowledgeBase, Product
from kb.errors import UnknownProduct

from bot.dialogue.grounding import guard
from bot.dialogue.language.letters import fold
from bot.dialogue.products import product_prices, product_promotions, product_specs, product_thresholds, restock
from bot.dialogue.products.catalog_terms import CatalogTerms, stem
from bot.dialogue.products.description_lists import labelled_lists
from bot.dialogue.products.product_variants import asked_options, colour_options, options_said
from bot.dialogue.written_replies import price_text as _price
from bot.types import Citation, format_money

_STOP = frozenset("a an the is it its it's this that does do did can could have has with of for to in on "
                  "and or be are was what which how much many any some my me i you your there come comes "
                  "one ones tell about more please also still they them those these both get made need "
                  "other first second third last cheaper cheapest whats what's will would when long "
                  "work works should who whos who's".split())
# ... and which size to get, asked outright or by the shopper's height and weight ("im 5'10
# 180lbs, size?"): advice a catalog record does not give either
_FIT = re.compile(r"\b(true to size|runs? (small|large|big|short|long)|size (up|down)|fit(s)? "
                  r"(well|small|large|big|true)|how (does|do) (it|they|this) fit|sizing"
                  r"|(which|what) size (should|would|do|will|shall)|size (should|would|do) (i|he|she|we|they))\b", re.I)
_BODY = re.compile(r"(?=.*\bsize\b).*\b(\d+ ?(lbs?|pounds|kg|kilos)|\d'\s?\d{1,2})\b", re.I)
# How a garment is cut, which a record may state ("Relaxed fit."), unlike how it runs for size.
_CUT = re.compile(r"\b(loose|tight|fitted|baggy|snug|slim|relaxed|oversized?|roomy|boxy)\b", re.I)
_FIT_LINE = re.compile(r"\b(fit|fits|fitted)\b", re.I)
_SIZE_ASK = re.compile(r"\b(how big|how tall|how wide|how long is|how large|how high|dimensions?|"
                       r"measure\w*|height|width|length)\b", re.I)
_MATERIAL_ASK = re.compile(r"\b(made of|made from|material|fabric)\b", re.I)
# A fibre or material share: "65% polyester", "100% cotton fabric".
_COMPOSITION = re.compile(r"\b\d{1,3}\s?%\s?[a-z]{3,}", re.I)
# A measurement: "20" x 12"", "W 40"", or a length with its unit ("5m (metres)", "69cm", "2 to 3 foot",
# "30-inch").
_DIMENSIONS = re.compile(r'\d+(\.\d+)?"\s*x|\bdimensions?\b|\b[WHLD] \d+(\.\d+)?"'
                         r"|\d(?:[.,]\d+)?[\s-]?(?:mm|cm|m|metres?|meters?|inch(?:es)?|ft|foot|feet)\b", re.I)
ADMIT_HUMAN = ("Talk to a human",)


@dataclass(frozen=True, slots=True)
class ProductAnswer:
    """What the record says to a question; ``admits`` when it cannot answer it."""

    text: str
    admits: bool = False


def products_of(kb: KnowledgeBase, skus: Sequence[str]) -> list[Product]:
    """The store's products for skus; a link may name a variant ("24-WG083-blue") of one."""
    found = []
    for sku in skus:
        for candidate in (sku, sku.rsplit("-", 1)[0]):
            try:
                product = kb.product(candidate)
            except UnknownProduct:
                continue
            if product not in found:
                found.append(product)
            break
    return found


def stop_word(word: str) -> bool:
    """True for a word that says how a question asks, not what about ("does", "the", "first")."""
    return word in _STOP


def colour_only_picks(product: Product, question: str) -> bool:
    """True when the question's colours only say which product is meant ("how many lines can
    the blue pricing labeler print"): they stand before its name, and the record answers
    something else the question asks."""
    return _colour_picks_it(product, question) and any(
        not guard.COLOR.search(line) for line in feature_lines(product, question))


def _colour_picks_it(product: Product, question: str) -> bool:
    """True when the question's colours stand before the product's name ("the red pricing
    labeler")."""
    name = {stem(w) for w in re.findall(r"[a-z]+", product.name.lower())}
    colours = list(guard.COLOR.finditer(question))
    return bool(colours) and all(
        (after := re.match(r"\s+(\w+)", question[m.end():])) and stem(after.group(1).lower()) in name
        for m in colours)


def _sizing(question: str) -> bool:
    return bool(_FIT.search(question) or _BODY.match(question))


def asks_fit(question: str) -> bool:
    """True when a question asks how a product fits ("does it fit true to size?"); "how many
    people fit in the tent" asks its capacity, which the product's facts answer."""
    return bool(_sizing(question) or re.search(r"\bfits?\b", question, re.I)) \
        and not re.search(r"\bhow many\b", question, re.I)


def mentions(product: Product, question: str) -> bool:
    """True when a line of the product's record holds a content word of the question."""
    words = {w for w in re.findall(r"[a-z]{4,}", question.lower())
             if w not in _STOP and w not in ("made", "material", "fabric")}
    words = _not_named(words, product)
    stems = {w.rstrip("s")[:6] for w in words}
    return bool(stems) and any(stem in line.lower() for line in record_lines(product) for stem in stems)


def _not_named(words: set[str], product: Product) -> set[str]:
    """The words that are not the product's name, in any number: "the nursing shoes" names
    the Nursing Shoe, so "shoes" asks nothing of it."""
    name = {stem(w) for w in re.findall(r"[a-z]+", product.name.lower())}
    return {w for w in words if stem(w) not in name}


def answer(product: Product, question: str, currency: str | None = "USD",
           terms: CatalogTerms | None = None) -> ProductAnswer:
    """A product question answered from its record: a size, colour or feature asked about
    (yes or no), the lines of the record that mention what is asked, else its price and stock."""
    found = _answer(product, question, currency, terms)
    if re.match(r"the\s", product.name, re.I):  # "The C Programming Language": no "The The ..."
        found = ProductAnswer(re.sub(rf"\b[Tt]he (?={re.escape(product.name)})", "", found.text), found.admits)
    return found


def _answer(product: Product, question: str, currency: str | None,
            terms: CatalogTerms | None) -> ProductAnswer:
    name = product.name
    lines = [line for line in record_lines(product) if _FIT_LINE.search(line)][:1]
    sizes = f"It comes in sizes {', '.join(product.sizes)}." if product.sizes else ""
    # the words of the product's name ask no cut: "how much is the Livingston All-Purpose Tight"
    own = set(re.findall(r"[a-z]+", name.lower()))
    cut = next((m for m in _CUT.finditer(question) if m.group(0).lower() not in own), None)
    if lines and cut and not _sizing(question):
        return ProductAnswer(f"The {name}'s details say: {lines[0].rstrip('.')}. {sizes}".strip())
    if _sizing(question) or cut:
        # Sizing advice is not in a catalog record: say what the record says about the fit, if
        # anything, and admit the rest.
        said = (f"I'm not sure how the {name} runs for size; its details only say: {lines[0].rstrip('.')}."
                if lines else f"I'm not sure how the {name} runs for size: its details don't say.")
        return ProductAnswer(f"{said} {sizes} A person from our team can help with sizing.".replace("  ", " "),
                             admits=True)
    if (said := _sale_or_restock(product, question, currency)) is not None:
        return said
    if (said := product_prices.price_terms(product, question, currency)) is not None:
        return ProductAnswer(said)
    if (said := product_thresholds.answer(product, question)) is not None:
        return ProductAnswer(said)  # "is it over 6 percent": the record's value, yes or no
    features = _asked_features(product, question, terms)
    options = asked_options(product, question, terms)
    if options and colour_only_picks(product, question):
        options = []  # "how many characters on the red pricing labeler": the colour says which one
    sized = product_prices.option_prices(product, question, terms.sizes_in(question) if terms else (), currency)
    parts = options + sized + [text for text, _ in features]
    if not parts and _OPTIONS_ASK.search(question) and (listed := options_said(product, question)):
        # "what colours does it come in": its colours, not a record line that says "color"
        return ProductAnswer(f"The {name} {product_prices.costs(product, currency)} and is "
                             f"{'in stock' if product.available else 'out of stock'} ({listed}).")
    if features and all(admits for _, admits in features) and not parts[:-len(features)]:
        return ProductAnswer(f"{' '.join(parts)} A person from our team can check.", admits=True)
    included, missing = product_specs.included_lines(product, question, record_lines(product))
    if not parts and included:
        # "does it come with batteries": a feature line says ("includes 2 AAA batteries")
        said = "; ".join(line.rstrip(".") for line in included)
        return ProductAnswer(f"{'The' if missing else 'Yes, the'} {name}'s details say: {said}.")
    if not parts and (found := product_specs.item_lines(product, question, record_lines(product))):
        # what it comes with named in the record but not as a box list: what the record says
        return ProductAnswer(f"The {name}'s details say: " + " ".join(line.rstrip(".") + "." for line in found))
    if not parts and (found := product_specs.part_lines(product, question, record_lines(product))):
        # the measure of a part it names ("how long is the power cord"), not of the whole
        return ProductAnswer(f"The {name}: " + "; ".join(line.rstrip(".") for line in found) + ".")
    if not parts and (found := product_specs.asked_specs(product, question)):
        # a measure asked ("how heavy", "lumens", "come with"): the specs that state it
        return ProductAnswer(product_specs.spec_text(product, found, question))
    features = feature_lines(product, question)
    if parts or features:
        text = " ".join(parts)
        extra = [f for f in features if not any(f.lower() in p.lower() for p in parts)]
        if extra and not parts:
            text = f"The {name}: " + "; ".join(e.rstrip(".") for e in extra) + "."
        # a size priced apart has said its own price: the product's would contradict it
        costs = "" if sized else f" It {product_prices.costs(product, currency)}."
        return ProductAnswer(f"{text}{costs}".strip())
    base = f"The {name} {product_prices.costs(product, currency)} and is " + \
        ("in stock" if product.available else "out of stock")
    if lines := product_specs.measure_lines(product, question):
        # no spec line, but a sentence of the record speaks of it ("the low weight you'll need")
        return ProductAnswer(f"The {name}'s details say: " + " ".join(lines))
    if measures := product_specs.asked_measures(question, product):
        # "how long will it last": a measure the record does not state, admitted
        spoken = _SPOKEN.get(measures[0].name, measures[0].name)
        return ProductAnswer(f"I can't find the {spoken} of the {name} in its details, so I "
                             f"can't say. {base}. A person from our team can check.", admits=True)
    unknown = _unanswered_words(product, question)
    if unknown:
        # "does it have wheels?": the record is silent; say so rather than answer the price
        return ProductAnswer(f"I can't find anything about {' or '.join(unknown[:2])} in the {name}'s "
                             f"details, so I can't say. {base}. A person from our team can check.",
                             admits=True)
    if re.search(r"\b(tell me (more|about)|more about|describe|details)\b", question, re.I) and product.description:
        first = re.split(r"(?<=[.!?])\s+", product.description.split("\n")[0])[0]
        return ProductAnswer(f"{base}. {first}")
    if not colour_options(product) and _COLOUR_ASK.search(question):
        # "what colour is it" of a record with no colours: the lines naming one, else admitted
        if said := [line for line in record_lines(product) if guard.COLOR.search(line)][:2]:
            return ProductAnswer(f"The {name}'s details say: " + " ".join(line.rstrip(".") + "." for line in said))
        return ProductAnswer(f"I can't find the colour of the {name} in its details, so I can't say. "
                             f"{base}. A person from our team can check.", admits=True)
    listed = options_said(product, question)
    return ProductAnswer(base + (f" ({listed})" if listed else "") + ".")


#: A question for a product's colour (not one naming a colour: that is `product_variants.asked_options`).
_COLOUR_ASK = re.compile(r"\b(?:what|which|wat|any other|other|more)\s+colou?rs?\b|\bcolou?rs?\s+(?:is|are|does|do|"
                         r"options?|choices?|available)\b|\bcome in (?:any |other |different )?colou?rs?\b", re.I)


#: How a measure is said in a reply where its name alone reads oddly.
_SPOKEN = {"use": "water or weather rating", "duration": "running time", "contents": "box contents",
           "seating": "seating capacity", "origin": "country of origin", "connection": "connections",
           "compatibility": "compatibility"}
_RESTOCK = re.compile(r"\b(back in stock|restock\w*|in stock again|available again|get (?:more|it) in|"
                      r"when (?:will|do|does|can) .{0,30}(?:available|in stock|back))\b", re.I)


def asks_sale_or_restock(question: str) -> bool:
    """True when a question asks whether a product is on sale or when it comes back."""
    return bool(product_promotions.SALE_ASK.search(question) or _RESTOCK.search(question))


def _sale_or_restock(product: Product, question: str, currency: str | None) -> ProductAnswer | None:
    """A sale asked of a product: its sale price against the regular one, or none listed; a
    restock asked: in stock now, or no date known (a person can check)."""
    if product_promotions.SALE_ASK.search(question) and not _SIZE_ASK.search(question):
        if product.special_price is not None and 0 < product.special_price < product.price:
            return ProductAnswer(f"Yes, the {product.name} is on sale at {_price(product, currency)} "
                                 f"(regular price {format_money(product.price, currency)}).")
        return ProductAnswer(f"The {product.name} has no sale price of its own: it costs "
                             f"{_price(product, currency)}.")
    if _RESTOCK.search(question):
        if product.available:
            return ProductAnswer(f"The {product.name} is in stock now, at {_price(product, currency)}.")
        text, admits = restock.out_of_stock_reply(product.name, record_lines(product))
        return ProductAnswer(text, admits=admits)
    return None


_ASKED_ANYWAY = frozenset("price prices cost costs stock available availability size sizes colour colours "
                          "color colors much have does come still sell left".split())
# The words a correction or a change of mind opens with ("sorry i meant the sae one", "actually
# the cat food"): how the shopper turns, not what is asked of the product
_TURN_WORDS = frozenset("sorry meant mean actually oops wait mind instead rather okay thanks".split())


def _unanswered_words(product: Product, question: str) -> list[str]:
    """The content words of a question that are neither the product's name nor what every
    answer gives (price, stock, sizes, colours): what the shopper asks about."""
    # "mens" says "Men’s", "knackebrod" "Knäckebröd": the name's words with and without apostrophes and marks
    said = f"{product.name.lower()} {fold(product.name.lower())}"
    name = set(re.findall(r"[a-z]+", re.sub(r"['’]", "", said) + " " + said))
    stems = {stem(w) for w in name}  # "laptops" names the Laptop
    # "is the book love in stock": the kind of goods it is filed under names it, asks nothing
    stems |= {stem(w) for w in re.findall(r"[a-z]{4,}", " ".join(product.categories).lower())}
    words = [w for w in re.findall(r"[a-z]{4,}", question.lower())
             if w not in _STOP and w not in _ASKED_ANYWAY and w not in _TURN_WORDS and w not in name and stem(w) not in stems]
    return list(dict.fromkeys(words))


def describe(product: Product, question: str, currency: str | None = "USD",
             terms: CatalogTerms | None = None) -> str:
    """The text of `answer`."""
    return answer(product, question, currency, terms).text


# "what colours does it come in", "which colors are available": the list of colours is asked
_OPTIONS_ASK = re.compile(r"\b(?:what|which|wat|any other|other)\b(?:\W+\w+){0,2}?\W+colou?rs?\b|"
                          r"\bcolou?rs?\b(?:\W+\w+){0,3}?\W+(?:available|come in|comes in|options|to choose)\b",
                          re.I)


def _asked_features(product: Product, question: str,
                    terms: CatalogTerms | None) -> list[tuple[str, bool]]:
    """Yes/no for the catalog's attribute values a question names ("is it lockable?"), each
    with whether it admits that the record does not say."""
    if terms is None:
        return []
    name = product.name.lower()
    asked = [(code, value) for code, value in terms.features_in(question) if value not in name]
    asked = [(c, v) for c, v in asked if not any(v != other and v in other for _, other in asked)]
    out = []
    for code, value in asked[:2]:
        mine = product.attributes.get(code, ())
        label = code.replace("_", " ")
        lines = [line for line in record_lines(product) if value in line.lower()]
        if any(v.lower() == value for v in mine) or lines:
            shown = lines[0] if lines else f"{label}: {', '.join(mine)}"
            out.append((f"Yes, the {product.name} is listed with {value}: {shown}.", False))
        elif near := [line for line in record_lines(product) if value[:5] in line.lower()][:1]:
            # "waterproof" asked, "Water resistant (100 meters)" written: say what it says
            out.append((f"The {product.name}'s details don't list {value}, but say: {near[0].rstrip('.')}.",
                        False))
        elif mine:
            out.append((f"No, the {product.name} does not list {value}; its {label}: {', '.join(mine)}.",
                        False))
        else:
            # silent on it (a watch with no "water resistant" line): admitted, never a "no"
            out.append((f"I can't find anything about {value} in the {product.name}'s details, so I "
                        "can't say.", True))
    return out


def record_lines(product: Product) -> list[str]:
    """The record as lines: each attribute, the description's feature lines and sentences."""
    lines = [f"{code.replace('_', ' ')}: {', '.join(values)}" for code, values in product.attributes.items()]
    # Feature lines: one per line, or between bullets or " | " as some exports write them.
    lines += [line.strip(" •-\u2022").rstrip(".") for line in re.split(r"[\n•]| \| ", product.description)]
    lines += [s.strip() for s in re.split(r"(?<=[.!?])\s+", product.description.split("\n")[0])]
    # a bare label ("Included Sizes:") says nothing: its list comes with it, after the record's
    # own lines, so a line found by its words is still the item itself
    listed = labelled_lists(product.description)
    lines = [line for line in lines if line not in listed] + list(listed.values())
    return [line for line in dict.fromkeys(lines) if line]


_SPELLINGS = {"gray": "grey", "grey": "gray"}


def asked_variants(product: Product, entities, question: str = "") -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The sizes and colours a question asks of a product, leaving out the ones its name says
    and numbers written with a unit: "the halo 30w" asks no size 30, "the grey sofa" no colour."""
    name = re.findall(r"[a-z0-9]+", product.name.lower())
    sizes = tuple(s for s in entities.sizes
                  if not any(w == s.lower() or (w.startswith(s.lower()) and w[len(s):].isalpha())
                             for w in name)
                  and f" {s.lower()} " not in f" {' '.join(name)} "  # "the 65 cm one" of a "Ball 65 cm"
                  and not re.search(rf"\b{re.escape(s.lower())}[a-z]", question.lower()))
    colors = tuple(c for c in entities.colors
                   if c.lower() not in name and _SPELLINGS.get(c.lower()) not in name)
    said = {w.lower() for w in guard.COLOR.findall(question)}
    if said and said <= set(name):  # "the navy one" of the Space Dust Navy Paint names it, asks no colour
        colors = ()
    if colors and colour_only_picks(product, question):
        colors = ()
    return sizes, colors


def feature_lines(product: Product, question: str) -> list[str]:
    """The lines of the record that mention what the question asks (words of 4+ letters, or
    their stems), from the attributes and the description's feature lines."""
    words = {w for w in re.findall(r"[a-z]{4,}", question.lower()) if w not in _STOP}
    sized = bool(_SIZE_ASK.search(question))
    composition = []
    if _MATERIAL_ASK.search(question):
        # "Made with EVA foam": a feature line may say it with no label; "77% Polyester" neither
        composition = [line for line in record_lines(product) if _COMPOSITION.search(line)]
        words |= {"material", "construction", "made with", "made from", "made of"} | {
            w for v in product.attributes.get("material", ()) for w in re.findall(r"[a-z]{4,}", v.lower())}
    words = _not_named(words, product)
    acronyms = product_specs.acronyms(question, product)
    if not words and not sized and not acronyms:
        return []
    stems = {w.rstrip("s")[:6] for w in words}
    hits = [line for line in record_lines(product) if line in composition
            or any(stem in line.lower() for stem in stems) or (sized and _DIMENSIONS.search(line))
            or any(a.search(line) for a in acronyms)]
    hits = [h for h in hits if not product_specs.off_measure(h, question, product)]
    # a sentence that holds a feature line already found says it again
    # (a line and the same sentence with its full stop are one: the first is kept)
    hits = list({h.rstrip("."): h for h in reversed(hits)}.values())[::-1]
    hits = [h for h in hits if not any(other.rstrip(".") != h.rstrip(".") and other.rstrip(".") in h
                                       for other in hits)]
    return hits[:3]


def product_citation(product: Product) -> Citation:
    return Citation(f"product:{product.sku}", product.name, f"/{product.url_key}.html")
