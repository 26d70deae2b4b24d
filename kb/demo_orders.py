"""The demo orders: made-up orders over the store's own catalog, for order-status, cancel,
address-change and return demos. Not real customer data.

For the Luma demo they are the two Magento Luma sample orders (``SalesSampleData/orders.csv``,
both for roni_cost@example.com) plus twenty orders generated from the catalog with a
fixed-seed ``random.Random``, all at example.com addresses. Any other store gets twenty-two
generated orders over its catalog (none when it sells nothing). Dates are relative to
``today``, so "delivered 5 days ago" stays returnable whatever the calendar says. Orders are
numbered as the store's platform numbers them (``kb.order_numbering``: "000000101" for the
demo and any store that names no platform, "1001" on Shopify, "101" on WooCommerce). Shipping is
priced from the store's shipping table; a store without one (or whose table cannot price the
order, e.g. by weight) gets demo orders with no shipping fee.
"""

from __future__ import annotations

import csv
import json
import random
from datetime import date, timedelta
from typing import TYPE_CHECKING

from kb.errors import UnknownProduct
from kb.order_numbering import numbering_for
from kb.shipping import ShippingTable
from kb.types import Order, OrderItem, Product, ReturnRequest

if TYPE_CHECKING:
    from kb.knowledge_base import KnowledgeBase

_SEED = 20240306  # the Luma sample data commit date: any fixed number keeps the orders stable
#: Demo customers: the Luma sample customer (her Magento sample address) and five made-up ones.
_CUSTOMERS = (
    ("roni_cost@example.com", "Veronica Costello, 6146 Honey Bluff Parkway, Calder, MI 49628",
     "MI"),
    ("jane.doe@example.com", "Jane Doe, 12 Spruce Lane, Juneau, AK 99801", "AK"),
    ("sam.lee@example.com", "Sam Lee, 88 Palm Court, Honolulu, HI 96814", "HI"),
    ("priya.patel@example.com", "Priya Patel, 2750 Harbor Way, Portland, OR 97201", "OR"),
    ("carlos.diaz@example.com", "Carlos Diaz, 410 Calle Luna, San Juan, PR 00901", "PR"),
    ("alex.morgan@example.com", "Alex Morgan, 55 Elm Street, Austin, TX 78701", "TX"),
)
#: The schedule's method slots, mapped onto the store's own methods in table order.
_SLOTS = ("standard", "priority", "overnight")
#: Days from shipping to delivery per method slot.
_TRANSIT = {"standard": 6, "priority": 3, "overnight": 1}
_HANDLING = 2
#: The generated orders' fates: (status, days ago, method slot). "Days ago" is when it was
#: delivered, shipped, or placed, depending on the status. Every status appears, with the return
#: window's edges (30 and 31 days) and a 45-day-old delivery.
_SCHEDULE = (
    ("delivered", 45, "standard"), ("delivered", 31, "standard"), ("delivered", 30, "priority"),
    ("delivered", 2, "overnight"), ("delivered", 12, "standard"), ("delivered", 20, "priority"),
    ("delivered", 60, "standard"), ("delivered", 8, "standard"), ("shipped", 2, "standard"),
    ("shipped", 1, "priority"), ("shipped", 3, "standard"), ("shipped", 0, "overnight"),
    ("processing", 1, "standard"), ("processing", 0, "priority"), ("processing", 1, "standard"),
    ("processing", 0, "standard"), ("pending", 0, "standard"), ("pending", 0, "overnight"),
    ("canceled", 8, "standard"), ("canceled", 3, "priority"),
)
#: The two Luma sample orders: delivered 5 days ago (returnable), and delivered 33 days ago
#: with its refund done (the sample's refund flag), as a refunded return.
_SAMPLE_FATES = (("delivered", 5, "standard"), ("delivered", 33, "standard"))


def demo_orders(kb: "KnowledgeBase", today: date) -> tuple[list[Order], list[ReturnRequest]]:
    """The store's demo orders and the returns they already have (see the module docstring)."""
    rng = random.Random(_SEED)
    numbering = numbering_for(kb.platform)
    orders, returns = [], []
    samples = _sample_orders(kb)
    email, address, region = _CUSTOMERS[0]
    for n, (items, refunded) in enumerate(samples):
        order = _order(kb, numbering.number(n), email, address, region, items,
                       _SAMPLE_FATES[n], today, rng)
        orders.append(order)
        if refunded:
            returns.append(ReturnRequest(f"RMA-{order.id}-01", order.id, items[0].sku,
                                         "Refunded (Luma sample order)",
                                         order.delivered + timedelta(days=4), "refunded"))
    catalog = sorted((p for p in kb.products if p.product_type in ("simple", "configurable")
                      and p.available), key=lambda p: p.sku)
    if not catalog:
        return orders, returns
    fates = _SCHEDULE if samples else _SAMPLE_FATES + _SCHEDULE
    for fate in fates:
        email, address, region = rng.choice(_CUSTOMERS)
        picked = rng.sample(catalog, min(len(catalog), rng.randint(1, 3)))
        items = tuple(_random_item(rng, p) for p in picked)
        orders.append(_order(kb, numbering.number(len(orders)), email, address, region,
                             items, fate, today, rng))
    return orders, returns


def _sample_orders(kb: "KnowledgeBase") -> list[tuple[tuple[OrderItem, ...], bool]]:
    """The Luma sample orders as (items, refunded); none unless the catalog sells them all."""
    from kb.knowledge_base import demo_data_dir  # kb.knowledge_base imports nothing from here

    path = demo_data_dir() / "luma_store" / "SalesSampleData" / "orders.csv"
    out = []
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            spec = json.loads(row["product"])
            options = dict(spec.get("configurable_options") or {})
            try:
                product = kb.product(spec["sku"])
            except UnknownProduct:
                return []  # another store: its demo orders are all generated
            variant = next((v for v in product.variants if v.size == options.get("size")
                            and v.color == options.get("color")), None)
            sku = variant.sku if variant else product.sku
            price = variant.price if variant else product.final_price
            out.append(((OrderItem(sku, product.name, int(spec.get("qty", 1)), price, options),),
                        row.get("refund", "").strip().lower() == "yes"))
    return out


def _random_item(rng: random.Random, product: Product) -> OrderItem:
    qty = rng.choice((1, 1, 1, 2))
    variants = [v for v in product.variants if v.in_stock]
    if not variants:
        return OrderItem(product.sku, product.name, qty, product.final_price)
    v = rng.choice(variants)
    options = {k: val for k, val in (("size", v.size), ("color", v.color)) if val}
    price = product.special_price if product.special_price is not None else v.price
    return OrderItem(v.sku, product.name, qty, price, options)


def _order(kb: "KnowledgeBase", order_id: str, email: str, address: str, region: str,
           items: tuple[OrderItem, ...], fate: tuple[str, int, str], today: date,
           rng: random.Random) -> Order:
    status, days_ago, slot = fate
    method = _method(kb.shipping, slot)
    delivered = shipped = None
    if status == "delivered":
        delivered = today - timedelta(days=days_ago)
        shipped = delivered - timedelta(days=_TRANSIT[slot])
        created = shipped - timedelta(days=_HANDLING)
    elif status == "shipped":
        shipped = today - timedelta(days=days_ago)
        created = shipped - timedelta(days=_HANDLING)
    else:
        created = today - timedelta(days=days_ago)
    updated = delivered or shipped or (created + timedelta(days=1) if status == "canceled"
                                       else created)
    subtotal = round(sum(i.price * i.qty for i in items), 2)
    fee = _fee(kb.shipping, subtotal, method, region)
    tracking = f"LUMA{rng.randrange(10**11, 10**12)}" if shipped else ""
    return Order(order_id, email, status, items, created, updated, subtotal, fee,
                 round(subtotal + fee, 2), shipped=shipped, delivered=delivered,
                 shipping_method=method, shipping_address=address, tracking=tracking,
                 currency=kb.currency)


def _method(table: ShippingTable | None, slot: str) -> str:
    if table is None or slot in table.methods:
        return slot
    return table.methods[_SLOTS.index(slot) % len(table.methods)]


def _fee(table: ShippingTable | None, subtotal: float, method: str, region: str) -> float:
    """The table's price for the order; 0.0 for a demo order the store's table cannot price
    (no table, a region outside it, rates by weight)."""
    if table is None:
        return 0.0
    known = region if region in table.regions else None
    try:
        return table.quote(subtotal, method, known)[0].total
    except ValueError:
        return 0.0
