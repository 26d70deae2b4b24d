"""How each commerce platform numbers its orders, shared by its connector and the demo orders.

A store that names its platform in ``store.yaml`` (``platform: shopify``) gets demo orders
numbered as its real ones will be ("#1001", "#101"), and the bot reads shoppers' numbers with
the same rule (``OrderBackend.order_number_digits``) whichever backend serves them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class OrderNumbering:
    """One platform's order numbers.

    ``digits`` is the fewest digits a shopper's order number has on that platform (fewer
    reads as a quantity or a size); demo orders count up from ``first``, zero-padded to
    ``width`` digits, and are written with ``prefix`` when shown as an example.
    """

    digits: int
    first: int
    width: int = 0
    prefix: str = ""

    def number(self, n: int) -> str:
        """The n-th demo order's number (from 0), as the platform stores it."""
        return f"{self.first + n:0{self.width}d}"

    def example(self, number: str) -> str:
        """An order number as a shopper finds it in a confirmation email."""
        return f"{self.prefix}{number}"


#: Magento increment ids ("000000101"), also the numbering of a store that names no platform.
MAGENTO = OrderNumbering(digits=5, first=101, width=9)
#: Shopify names orders "#1001", "#1002", ...
SHOPIFY = OrderNumbering(digits=4, first=1001, prefix="#")
#: WooCommerce numbers orders by post id, small integers from 1.
WOOCOMMERCE = OrderNumbering(digits=1, first=101, prefix="#")
#: ``platform:`` values of store.yaml.
NUMBERINGS = {"magento": MAGENTO, "shopify": SHOPIFY, "woocommerce": WOOCOMMERCE}


def numbering_for(platform: str | None) -> OrderNumbering:
    """The platform's numbering; Magento's for a store that names none (the demo's)."""
    return NUMBERINGS.get(platform or "", MAGENTO)
