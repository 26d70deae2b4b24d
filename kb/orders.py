"""Orders behind a small backend interface, and a deterministic demo backend.

``OrderBackend`` is what the bot talks to. Every method takes the order number AND the email
on the order: that pair is the shopper's verification, and no method looks an order up by its
number alone. A real store implements the interface over its own order system.

``DemoOrderBackend.seeded(kb, today)`` holds DEMO orders, not real customer data: the two
Magento Luma sample orders (``SalesSampleData/orders.csv``, both for roni_cost@example.com)
plus twenty orders generated from the demo catalog with a fixed-seed ``random.Random``, all
at example.com addresses. Dates are relative to ``today``, so "delivered 5 days ago" stays
returnable whatever the calendar says. Changes (cancel, address, returns) live in memory.
"""

from __future__ import annotations

import csv
import json
import random
import threading
from abc import ABC, abstractmethod
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Callable, Iterable

from kb.errors import (OrderNotCancellable, OrderNotChangeable, OrderNotFound, ReturnNotAllowed,
                       StoreDataError, UnknownProduct)
from kb.returns import ReturnPolicy
from kb.shipping import ShippingTable
from kb.types import Order, OrderItem, Product, ReturnRequest

if TYPE_CHECKING:
    from kb.knowledge_base import KnowledgeBase

#: Statuses in which the order has not left the warehouse.
_NOT_SHIPPED = ("pending", "processing")


class OrderBackend(ABC):
    """The order system as the bot sees it: verified look-ups and a few actions.

    Every method takes ``order_id`` and ``email``; the order must match both (email ignoring
    case and surrounding spaces). Mutators raise ``OrderNotFound`` when it does not, with a
    message that does not say which of the two was wrong.
    """

    @abstractmethod
    def find(self, order_id: str, email: str) -> Order | None:
        """The order when both its number and email match, else None."""

    @abstractmethod
    def cancel(self, order_id: str, email: str) -> Order:
        """Cancel an order that has not shipped yet.

        Raises:
            OrderNotFound: no order matches both number and email.
            OrderNotCancellable: the order is shipped, delivered or already canceled.
        """

    @abstractmethod
    def change_address(self, order_id: str, email: str, address: str) -> Order:
        """Change the shipping address of an order that has not shipped yet.

        Raises:
            ValueError: an empty address.
            OrderNotFound: no order matches both number and email.
            OrderNotChangeable: the order is shipped, delivered or canceled.
        """

    @abstractmethod
    def create_return(self, order_id: str, email: str, item_sku: str, reason: str,
                      today: date) -> ReturnRequest:
        """Open a return for one item of a delivered order within the return window.

        Raises:
            OrderNotFound: no order matches both number and email.
            ReturnNotAllowed: not delivered, outside the window, item not in the order, or a
                return already open for it.
        """

    @abstractmethod
    def returns_of(self, order_id: str, email: str) -> list[ReturnRequest]:
        """The order's returns, oldest first.

        Raises:
            OrderNotFound: no order matches both number and email.
        """


class DemoOrderBackend(OrderBackend):
    """Orders held in memory; safe to share between threads.

    Example:
        >>> backend = DemoOrderBackend.seeded(KnowledgeBase.demo(), date(2025, 6, 1))
        >>> backend.find("000000101", "Roni_Cost@example.com ").status
        'delivered'
    """

    def __init__(self, orders: Iterable[Order], return_policy: ReturnPolicy, *,
                 returns: Iterable[ReturnRequest] = (),
                 clock: Callable[[], date] = date.today) -> None:
        """
        Args:
            orders: the orders to serve; ids must be unique.
            return_policy: the window ``create_return`` enforces.
            returns: returns that already exist.
            clock: today's date, for the ``updated`` date of cancels and address changes.
        """
        self._orders = {o.id: o for o in orders}
        self._returns: dict[str, list[ReturnRequest]] = {}
        for request in returns:
            self._returns.setdefault(request.order_id, []).append(request)
        self._policy = return_policy
        self._clock = clock
        self._lock = threading.Lock()

    @classmethod
    def seeded(cls, kb: "KnowledgeBase", today: date) -> "DemoOrderBackend":
        """The demo orders (see the module docstring), dated relative to ``today``.

        Raises:
            StoreDataError: the store has no shipping table or return policy, or a sample
                order names a product the catalog lacks.
        """
        if kb.shipping is None or kb.return_policy is None:
            raise StoreDataError("demo orders need the store's shipping table and return policy")
        orders, returns = _demo_orders(kb, kb.shipping, today)
        return cls(orders, kb.return_policy, returns=returns, clock=lambda: today)

    def find(self, order_id: str, email: str) -> Order | None:
        with self._lock:
            return self._match(order_id, email)

    def cancel(self, order_id: str, email: str) -> Order:
        with self._lock:
            order = self._verified(order_id, email)
            if order.status not in _NOT_SHIPPED:
                raise OrderNotCancellable(
                    f"order {order.id} is {order.status}; only pending or processing orders "
                    "can be canceled")
            return self._store(replace(order, status="canceled", updated=self._clock()))

    def change_address(self, order_id: str, email: str, address: str) -> Order:
        address = " ".join((address or "").split())
        if not address:
            raise ValueError("the new shipping address is empty")
        with self._lock:
            order = self._verified(order_id, email)
            if order.status not in _NOT_SHIPPED:
                raise OrderNotChangeable(
                    f"order {order.id} is {order.status}; the address can only be changed "
                    "before the order ships")
            return self._store(replace(order, shipping_address=address, updated=self._clock()))

    def create_return(self, order_id: str, email: str, item_sku: str, reason: str,
                      today: date) -> ReturnRequest:
        with self._lock:
            order = self._verified(order_id, email)
            if order.status != "delivered" or order.delivered is None:
                raise ReturnNotAllowed(f"order {order.id} is {order.status}, not delivered; a "
                                       "return can be opened once it has arrived")
            item = _item(order, item_sku)
            existing = self._returns.setdefault(order.id, [])
            if any(r.item_sku == item.sku for r in existing):
                raise ReturnNotAllowed(f"{item.sku} of order {order.id} already has a return")
            if not self._policy.allows(order.delivered, today):
                days = (today - order.delivered).days
                raise ReturnNotAllowed(
                    f"order {order.id} was delivered on {order.delivered.isoformat()} ({days} "
                    f"days ago); returns are accepted within {self._policy.window_days} days "
                    "of receipt")
            request = ReturnRequest(f"RMA-{order.id}-{len(existing) + 1:02d}", order.id,
                                    item.sku, " ".join(reason.split()), today)
            existing.append(request)
            return request

    def returns_of(self, order_id: str, email: str) -> list[ReturnRequest]:
        with self._lock:
            order = self._verified(order_id, email)
            return list(self._returns.get(order.id, ()))

    def all_orders(self) -> tuple[Order, ...]:
        """Every order by id, unverified: for docs, tests and demos, never for the bot."""
        with self._lock:
            return tuple(self._orders[k] for k in sorted(self._orders))

    def table(self) -> list[tuple[str, str, str]]:
        """(id, email, status) of every order: the demo's cheat sheet for docs and tests."""
        return [(o.id, o.email, o.status) for o in self.all_orders()]

    def _match(self, order_id: str, email: str) -> Order | None:
        order = self._orders.get(_order_key(order_id))
        if order is None or _email_key(order.email) != _email_key(email):
            return None
        return order

    def _verified(self, order_id: str, email: str) -> Order:
        order = self._match(order_id, email)
        if order is None:
            raise OrderNotFound()
        return order

    def _store(self, order: Order) -> Order:
        self._orders[order.id] = order
        return order


def _order_key(order_id: str) -> str:
    """"#101", " 000000101 " and "000000101" name the same Magento-style order."""
    text = str(order_id or "").strip().lstrip("#").strip()
    return text.zfill(9) if text.isdigit() else text


def _email_key(email: str) -> str:
    return str(email or "").strip().casefold()


def _item(order: Order, sku: str) -> OrderItem:
    """The order line for a variant sku, or for a parent sku when one line matches it."""
    wanted = (sku or "").strip().casefold()
    exact = [i for i in order.items if i.sku.casefold() == wanted]
    by_parent = [i for i in order.items if i.sku.casefold().startswith(wanted + "-")]
    found = exact or by_parent
    if len(found) != 1:
        skus = ", ".join(i.sku for i in order.items)
        problem = "matches several items" if found else "is not in"
        raise ReturnNotAllowed(f"{sku!r} {problem} order {order.id} (items: {skus})")
    return found[0]


# ---- the demo orders ------------------------------------------------------------------------

_SEED = 20240306  # the Luma sample data commit date: any fixed number keeps the orders stable
_FIRST_ID = 101
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
#: Days from shipping to delivery per method, and from ordering to shipping.
_TRANSIT = {"standard": 6, "priority": 3, "overnight": 1}
_HANDLING = 2
#: The generated orders' fates: (status, days ago, method). "Days ago" is when it was
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


def _demo_orders(kb: "KnowledgeBase", shipping: ShippingTable,
                 today: date) -> tuple[list[Order], list[ReturnRequest]]:
    rng = random.Random(_SEED)
    orders, returns = [], []
    email, address, region = _CUSTOMERS[0]
    for n, (items, refunded) in enumerate(_sample_orders(kb)):
        order = _order(f"{_FIRST_ID + n:09d}", email, address, region, items,
                       _SAMPLE_FATES[n], shipping, today, rng)
        orders.append(order)
        if refunded:
            returns.append(ReturnRequest(f"RMA-{order.id}-01", order.id, items[0].sku,
                                         "Refunded (Luma sample order)",
                                         order.delivered + timedelta(days=4), "refunded"))
    catalog = sorted((p for p in kb.products if p.product_type in ("simple", "configurable")
                      and p.available), key=lambda p: p.sku)
    for fate in _SCHEDULE:
        email, address, region = rng.choice(_CUSTOMERS)
        items = [_random_item(rng, p) for p in rng.sample(catalog, rng.randint(1, 3))]
        orders.append(_order(f"{_FIRST_ID + len(orders):09d}", email, address, region,
                             tuple(items), fate, shipping, today, rng))
    return orders, returns


def _sample_orders(kb: "KnowledgeBase") -> list[tuple[tuple[OrderItem, ...], bool]]:
    """The Luma sample orders as (items, refunded)."""
    from kb.knowledge_base import demo_data_dir  # kb.knowledge_base imports nothing from here

    path = demo_data_dir() / "luma_store" / "SalesSampleData" / "orders.csv"
    out = []
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            spec = json.loads(row["product"])
            options = dict(spec.get("configurable_options") or {})
            try:
                product = kb.product(spec["sku"])
            except UnknownProduct as exc:
                raise StoreDataError(f"{path.name}: {exc}") from None
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


def _order(order_id: str, email: str, address: str, region: str, items: tuple[OrderItem, ...],
           fate: tuple[str, int, str], shipping: ShippingTable, today: date,
           rng: random.Random) -> Order:
    status, days_ago, method = fate
    delivered = shipped = None
    if status == "delivered":
        delivered = today - timedelta(days=days_ago)
        shipped = delivered - timedelta(days=_TRANSIT[method])
        created = shipped - timedelta(days=_HANDLING)
    elif status == "shipped":
        shipped = today - timedelta(days=days_ago)
        created = shipped - timedelta(days=_HANDLING)
    else:
        created = today - timedelta(days=days_ago)
    updated = delivered or shipped or (created + timedelta(days=1) if status == "canceled"
                                       else created)
    subtotal = round(sum(i.price * i.qty for i in items), 2)
    fee = shipping.quote(subtotal, method, region)[0].total
    tracking = f"LUMA{rng.randrange(10**11, 10**12)}" if shipped else ""
    return Order(order_id, email, status, items, created, updated, subtotal, fee,
                 round(subtotal + fee, 2), shipped=shipped, delivered=delivered,
                 shipping_method=method, shipping_address=address, tracking=tracking)
