"""A kit's contents said by name: products.csv names a kit's components by sku ("DEMO-12|
DEMO-7-40X60CM"), which no shopper reads, so an imported kit's record gets a "Contents:" line
naming each component as the catalog does ("1 x Mug The adventure begins, 1 x Today is a good
day Framed poster (40x60cm)"), the line that answers "what's in the pack" like any box list."""

from __future__ import annotations

from dataclasses import replace

from kb.types import Product


def named_contents(products: list[Product]) -> list[Product]:
    """The products, each kit with its contents' line added to its description (its own
    description first); a kit whose record already has a "Contents:" line is left as it is."""
    names = {p.sku: p.name for p in products}
    for product in products:
        for variant in product.variants:
            option = ", ".join(o for o in (variant.size, variant.color) if o)
            names[variant.sku] = f"{product.name} ({option})" if option else product.name
    named = []
    for product in products:
        if product.components and "contents:" not in product.description.lower():
            line = "Contents: " + ", ".join(f"{c.qty} x {names.get(c.sku, c.sku)}"
                                            for c in product.components)
            product = replace(product, description="\n".join(
                part for part in (product.description, line) if part))
        named.append(product)
    return named
