"""Products side by side: two or three named products compared from their records (the
price, stock, and the attributes and spec lines that tell them apart), and the products a
message names by spelling out every word of their names."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from kb import Product

from bot.dialogue.products import product_specs, spec_ranking
from bot.dialogue.products.product_answers import feature_lines, product_citation
from bot.dialogue.written_replies import SPEC_LINE, price_text as _price
from bot.types import ProductCard, Reply


def compare(products: Sequence[Product], currency: str | None = "USD", question: str = "") -> Reply:
    """Two or three products side by side, from their records; a "which is cheaper" names the
    cheaper one first."""
    chosen = list(products[:3])
    rows = []
    lead = ""
    if re.search(r"\b(cheaper|cheapest|less expensive|lower price)\b", question, re.I):
        best = min(chosen, key=lambda p: p.final_price)
        lead = f"The {best.name} is the cheaper one at {_price(best, currency)}. "
    elif re.search(r"\b(pricier|more expensive|priciest|most expensive)\b", question, re.I):
        best = max(chosen, key=lambda p: p.final_price)
        lead = f"The {best.name} is the more expensive one at {_price(best, currency)}. "
    specs_lead = spec_ranking.compare_lead(chosen, question)
    if not specs_lead and product_specs.asked_measures(question):
        # a measure no spec line states ("the same material?"): the record lines that say it
        said = [(p, feature_lines(p, question)[:1]) for p in chosen]
        if all(lines for _, lines in said):
            specs_lead = " ".join(f"The {p.name}: {lines[0].rstrip('.')}." for p, lines in said)
    lead = " ".join(part for part in (lead.strip(), specs_lead) if part)
    lead += " " if lead else ""
    codes, specs = _differences(chosen)
    for p in chosen:
        parts = [f"{_price(p, currency)}", "in stock" if p.available else "out of stock"]
        parts += [f"{code.replace('_', ' ')} {', '.join(p.attributes[code][:4])}" for code in codes]
        parts += [f"{label.lower()} {_spec_lines(p)[label]}" for label in specs]
        if p.sizes:
            parts.append("sizes " + ", ".join(p.sizes))
        twin = sum(o.name == p.name for o in chosen) > 1  # two "Pricing Labeler"s: told apart by sku
        rows.append(f"{p.name}{f' ({p.sku})' if twin else ''}: " + "; ".join(parts) + ".")
    return Reply(lead + " ".join(rows), citations=tuple(product_citation(p) for p in chosen),
                 products=tuple(ProductCard.of(p, currency) for p in chosen), action="compare_products")


def _spec_lines(product: Product) -> dict[str, str]:
    """"Weight: 1.1 kg" lines of a description, by label."""
    return {label: value.strip().rstrip(".") for label, value in SPEC_LINE.findall(product.description or "")}


def _differences(products: Sequence[Product], most: int = 3) -> tuple[list[str], list[str]]:
    """The attribute codes and spec-line labels every product has and that tell them apart
    (material first), so a comparison shows what differs, for any store's attributes."""
    codes = [c for c in products[0].attributes
             if all(p.attributes.get(c) for p in products)
             and not set(products[0].attributes[c]) <= {"Yes", "No"}
             and len({tuple(p.attributes[c]) for p in products}) > 1]
    codes.sort(key=lambda c: "material" not in c)
    specs = [label for label in _spec_lines(products[0])
             if all(label in _spec_lines(p) for p in products)
             and len({_spec_lines(p)[label] for p in products}) > 1]
    return codes[:most], specs[:max(0, most - len(codes[:most]))]


def spelled_out(products: Sequence[Product], text: str) -> list[Product]:
    """The products whose every name word the text holds, in the text's order: "compare the
    sprite yoga strap 6 foot, 8 foot and 10 foot" names three, though the entities see two."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    said = Counter(words)
    names = {p.sku: set(re.findall(r"[a-z0-9]+", p.name.lower())) for p in products}
    hits = [p for p in products if len(names[p.sku]) >= 2 and names[p.sku] <= set(words)]
    # a name inside another one found ("500-watt Work Light" in "500 watt portable work light")
    # is named only when its words are said again
    found = [(max(words.index(w) for w in names[p.sku]), p) for p in hits
             if not any(names[p.sku] < names[o.sku] for o in hits) or all(said[w] > 1 for w in names[p.sku])]
    return [p for _, p in sorted(found, key=lambda pair: pair[0])]


#: "or the 50w", "vs the 16gb", "and the wireless one": a second product named by the word that
#: tells it from the first (a word with a number, or any word before "one").
_SHORT_SECOND = re.compile(r"\b(?:or|vs\.?|versus)\s+(?:the\s+|a\s+)?([a-z0-9.-]*\d[a-z0-9.-]*)\b|"
                           r"\b(?:or|vs\.?|versus|and)\s+the\s+([a-z0-9.-]{2,})\s+one\b", re.I)


def short_second(products: Sequence[Product], first: Product, text: str) -> list[Product]:
    """The products a message names after a first one by a word with a number alone ("the halo
    30w or the 50w" names the Halo 50W) or a word and "one" ("the scanpro 2d and the wireless
    one"): the one other product whose name holds that word and most of the first one's other
    name words; none when two share it alike."""
    own = set(re.findall(r"[a-z0-9]+", first.name.lower()))
    found = []
    for match in _SHORT_SECOND.finditer(text.lower()):
        word = (match.group(1) or match.group(2)).strip(".-")
        if word in own:
            continue
        scored = [(len(own & set(re.findall(r"[a-z0-9]+", p.name.lower()))), p) for p in products
                  if p.sku != first.sku and word in re.findall(r"[a-z0-9]+", p.name.lower())]
        scored = sorted(((s, p) for s, p in scored if s > 0), key=lambda pair: -pair[0])
        if scored and (len(scored) == 1 or scored[0][0] > scored[1][0]) and scored[0][1] not in found:
            found.append(scored[0][1])
    return found
