"""A product's sizes and colours: which ones it comes in, which of them a question names, and
which of those are sold out ("Yes, the Rival Shoe comes in 44 (sizes 40, 42, 44). Size 44 is out
of stock right now.")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kb import Product

from bot.dialogue.grounding import guard
from bot.dialogue.products import product_specs
from bot.dialogue.products.catalog_terms import CatalogTerms


def options_said(product: Product, question: str) -> str:
    """The sizes and colours a question names the word of, as "sizes S, M; colours A, B"."""
    extra = []
    if product.sizes and re.search(r"\bsizes?\b", question, re.I):
        extra.append("sizes " + ", ".join(product.sizes))
    # colours of its variants, or of a colour attribute ("color: blue, pink")
    colours = colour_options(product)
    if colours and re.search(r"\bcolou?rs?\b", question, re.I):
        extra.append("colours " + ", ".join(colours))
    return "; ".join(extra)


def asked_options(product: Product, question: str, terms: CatalogTerms | None) -> list[str]:
    """Yes/no for the sizes and colours a question names."""
    out = []
    sizes = terms.sizes_in(question) if terms else ()
    have_sizes: list[str] = []
    if sizes and product.sizes:
        have = have_sizes = [s for s in sizes if s.lower() in {x.lower() for x in product.sizes}]
        listed = ", ".join(product.sizes)
        out.append(f"Yes, the {product.name} comes in {', '.join(have)} (sizes {listed})." if have else
                   f"No, the {product.name} comes in sizes {listed}, not {', '.join(sizes)}.")
        out += sold_out(product, "size", have)
    # "the green beige sofa" names the sofa, it asks no colour
    colors = {c.lower() for c in guard.COLOR.findall(product_specs.without_name(question, product))}
    if colors and (options := colour_options(product)):
        have = [c for c in options if c.lower() in colors]
        listed = ", ".join(options)
        out.append(f"Yes, the {product.name} comes in {', '.join(have)} (colours {listed})." if have else
                   f"No, the {product.name} comes in {listed}.")
        out += sold_out(product, "colour", have) + combined(product, have_sizes, have)
    return out


def combined(product: Product, sizes: Sequence[str], colours: Sequence[str]) -> list[str]:
    """Whether the one size and one colour asked together can be had: the variant of both, not
    each alone ("do you have the hoodie in red xl" where red comes in XL no more)."""
    if len(sizes) != 1 or len(colours) != 1 or not all(v.size and v.color for v in product.variants or [None]):
        return []  # a colour of the product's own, variants by size only: no variant of both
    size = next((s for s in product.sizes if s.lower() == sizes[0].lower()), sizes[0])
    both = [v for v in product.variants if (v.size or "").lower() == size.lower()
            and (v.color or "").lower() == colours[0].lower()]
    if not both:
        return [f"It doesn't come in {colours[0]} in size {size}."]
    return [f"In {colours[0]}, size {size} is {'in stock' if any(v.in_stock for v in both) else 'out of stock right now'}."]


def variant_answer(product: Product, sizes: Sequence[str], colors: Sequence[str]) -> str:
    """Whether a product comes in the asked sizes and colours (as the NLU read them: "what about
    in xl"), with the ones it has."""
    parts = []
    offered: dict[str, list[str]] = {"size": [], "colour": []}
    for asked, have, kind in ((sizes, product.sizes, "size"), (colors, colour_options(product), "colour")):
        if not asked:
            continue
        owned = {v.lower() for v in have}
        yes = offered[kind] = [a for a in asked if a.lower() in owned]
        listed = ", ".join(have) if have else "none listed"
        parts.append(f"{'Yes' if yes else 'No'}, the {product.name} "
                     f"{'comes' if yes else 'does not come'} in {kind} {', '.join(yes or asked)} "
                     f"({kind}s: {listed}).")
        parts += sold_out(product, kind, yes)
    return " ".join(parts + combined(product, offered["size"], offered["colour"]))


def colour_options(product: Product) -> tuple[str, ...]:
    """The colours a product comes in: its variants', else a colour attribute's, else its
    description's colour lines ("Color Options: White, Black, Grey", "Color: Black, Blue")."""
    if product.colors:
        return product.colors
    found = [v for code, values in product.attributes.items() if "colo" in code.lower() for v in values]
    for spec in product_specs.specs(product):
        if re.fullmatch(r"colou?rs?(?: options?)?", spec.label.strip(), re.I):
            found += [v.strip() for v in spec.value.split(",") if v.strip()]
    return tuple(dict.fromkeys(found))


def sold_out(product: Product, kind: str, values: Sequence[str]) -> list[str]:
    """"Size 42 is out of stock right now." for the values it comes in but has none left of."""
    if not product.variants:  # options listed in the record, with no stock of their own
        return []
    if not any((v.size if kind == "size" else v.color) for v in product.variants):
        # variants by size only, a colour of the product's own ("color: black"): the colour
        # is every variant's, not one sold out
        return []
    gone = [a for a in values if not any(
        v.in_stock and ((v.size if kind == "size" else v.color) or "").lower() == a.lower()
        for v in product.variants)]
    return [f"{kind.capitalize()} {', '.join(gone)} is out of stock right now."] if gone else []
