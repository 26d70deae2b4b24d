"""Orders behind a small backend interface, and a deterministic demo backend.

``OrderBackend`` is what the bot talks to. Every method takes the order number AND the email
on the order: that pair is the shopper's verification, and no method looks an order up by its
number alone. A real store implements the interface over its own order system.

``DemoOrderBackend.seeded(kb, today)`` holds DEMO orders, not real customer data (see
``kb.demo_orders``). Given a Redis client, it keeps every change a shopper makes (cancel,
address, returns) in Redis, so nothing is lost on restart and every process sees the same
orders; without one, changes live in memory. Real order systems: ``kb.platforms``.
"""

from __future__ import annotations

import logging
import threading
from abc import ABC, abstractmethod
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Callable, Iterable

import redis

from kb.demo_orders import demo_orders
from kb.errors import (OrderNotCancellable, OrderNotChangeable, OrderNotFound,
                       OrderSystemUnavailable, ReturnNotAllowed)
from kb.order_codec import order_from_json, order_to_json, returns_from_json, returns_to_json
from kb.order_numbering import numbering_for
from kb.returns import ReturnPolicy
from kb.types import Order, OrderItem, ReturnRequest

if TYPE_CHECKING:
    from kb.knowledge_base import KnowledgeBase

log = logging.getLogger(__name__)

#: Statuses in which the order has not left the warehouse.
_NOT_SHIPPED = ("pending", "processing")


class OrderBackend(ABC):
    """The order system as the bot sees it: verified look-ups and a few actions.

    Every method takes ``order_id`` and ``email``; the order must match both (email ignoring
    case and surrounding spaces). Mutators raise ``OrderNotFound`` when it does not, with a
    message that does not say which of the two was wrong. Any method of a backend that talks
    to another system may raise ``OrderSystemUnavailable`` when that system cannot answer.
    """

    #: The fewest digits an order number of this system has, so that a shopper's "#1001" or
    #: "order 57" is read as an order number where the platform numbers orders that way.
    #: Five keeps shorter numbers (quantities, sizes) from being taken for orders.
    order_number_digits: int = 5
    #: How an order number of this system looks, for "You'll find it in your confirmation
    #: email (for example ...)"; empty: no example is given.
    order_number_example: str = ""

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
    """Demo orders, with shoppers' changes in memory or in Redis; safe to share between threads.

    With a Redis client, each changed order and each order's returns are one JSON value under
    ``<namespace>:order:<id>`` / ``<namespace>:returns:<id>``, written in a WATCH/MULTI
    transaction so two processes cannot both cancel the same order. The seeded orders are
    rebuilt at every start; a stored change replaces its seeded order as it was when changed.

    Example:
        >>> backend = DemoOrderBackend.seeded(KnowledgeBase.demo(), date(2025, 6, 1))
        >>> backend.find("000000101", "Roni_Cost@example.com ").status
        'delivered'
    """

    def __init__(self, orders: Iterable[Order], return_policy: ReturnPolicy | None, *,
                 returns: Iterable[ReturnRequest] = (),
                 clock: Callable[[], date] = date.today,
                 redis_client: "redis.Redis | None" = None,
                 namespace: str = "shopdesk:demo-orders") -> None:
        """
        Args:
            orders: the orders to serve; ids must be unique.
            return_policy: the window ``create_return`` enforces; None when the store has
                none, and then no return can be opened.
            returns: returns that already exist.
            clock: today's date, for the ``updated`` date of cancels and address changes.
            redis_client: where shoppers' changes are kept across restarts and processes;
                None keeps them in this process only.
            namespace: the key prefix in Redis; give each store its own.
        """
        orders = list(orders)
        # Keyed as shoppers' numbers are looked up ("#101" finds "000000101").
        self._orders = {_order_key(o.id): o for o in orders}
        # The demo's own numbering (Luma's "000000101"), so its example is a number it issues.
        self.order_number_example = min((o.id for o in orders), default="")
        self._returns: dict[str, list[ReturnRequest]] = {}
        for request in returns:
            self._returns.setdefault(_order_key(request.order_id), []).append(request)
        self._policy = return_policy
        self._clock = clock
        self._lock = threading.Lock()
        self._redis = redis_client
        self._namespace = namespace

    @classmethod
    def seeded(cls, kb: "KnowledgeBase", today: date, *,
               redis_client: "redis.Redis | None" = None,
               namespace: str = "shopdesk:demo-orders") -> "DemoOrderBackend":
        """The store's demo orders (``kb.demo_orders``), dated relative to ``today``.

        Works for any store: without a shipping table the orders have no shipping fee,
        without a return policy no return can be opened, without products there are none.
        """
        orders, returns = demo_orders(kb, today)
        backend = cls(orders, kb.return_policy, returns=returns, clock=lambda: today,
                      redis_client=redis_client, namespace=namespace)
        # Shoppers' numbers are read by the store's platform's rule, as its connector would.
        numbering = numbering_for(kb.platform)
        backend.order_number_digits = numbering.digits
        backend.order_number_example = numbering.example(backend.order_number_example)
        return backend

    def find(self, order_id: str, email: str) -> Order | None:
        key = _order_key(order_id)
        if key not in self._orders:
            return None
        order, _ = self._read(key)
        if _email_key(order.email) != _email_key(email):
            return None
        return order

    def cancel(self, order_id: str, email: str) -> Order:
        def change(order: Order, returns: list[ReturnRequest]):
            if order.status not in _NOT_SHIPPED:
                raise OrderNotCancellable(
                    f"order {order.id} is {order.status}; only pending or processing orders "
                    "can be canceled")
            done = replace(order, status="canceled", updated=self._clock())
            return done, None, done

        return self._change(order_id, email, change)

    def change_address(self, order_id: str, email: str, address: str) -> Order:
        address = " ".join((address or "").split())
        if not address:
            raise ValueError("the new shipping address is empty")

        def change(order: Order, returns: list[ReturnRequest]):
            if order.status not in _NOT_SHIPPED:
                raise OrderNotChangeable(
                    f"order {order.id} is {order.status}; the address can only be changed "
                    "before the order ships")
            done = replace(order, shipping_address=address, updated=self._clock())
            return done, None, done

        return self._change(order_id, email, change)

    def create_return(self, order_id: str, email: str, item_sku: str, reason: str,
                      today: date) -> ReturnRequest:
        def change(order: Order, returns: list[ReturnRequest]):
            request = _new_return(order, returns, self._policy, item_sku, reason, today)
            return None, returns + [request], request

        return self._change(order_id, email, change)

    def returns_of(self, order_id: str, email: str) -> list[ReturnRequest]:
        order = self._verified(order_id, email)
        return list(self._read(_order_key(order.id))[1])

    def all_orders(self) -> tuple[Order, ...]:
        """Every order by id, unverified: for docs, tests and demos, never for the bot."""
        return tuple(self._read(k)[0] for k in sorted(self._orders))

    def table(self) -> list[tuple[str, str, str]]:
        """(id, email, status) of every order: the demo's cheat sheet for docs and tests."""
        return [(o.id, o.email, o.status) for o in self.all_orders()]

    def _verified(self, order_id: str, email: str) -> Order:
        order = self.find(order_id, email)
        if order is None:
            raise OrderNotFound()
        return order

    def _read(self, key: str) -> tuple[Order, list[ReturnRequest]]:
        """The order and its returns as changed so far (seeded values when never changed)."""
        if self._redis is None:
            with self._lock:
                return self._orders[key], list(self._returns.get(key, ()))
        try:
            stored, returns = self._redis.mget(self._keys(key))
        except redis.RedisError as exc:
            raise _unavailable(exc) from exc
        return self._decode(key, stored, returns)

    def _decode(self, key: str, stored, returns) -> tuple[Order, list[ReturnRequest]]:
        order = order_from_json(stored) if stored else self._orders[key]
        return order, (returns_from_json(returns) if returns is not None
                       else list(self._returns.get(key, ())))

    def _change(self, order_id: str, email: str, change):
        """Run ``change(order, returns) -> (order or None, returns or None, result)`` on a
        verified order atomically, and keep what it changed."""
        key = _order_key(order_id)
        if self._redis is None:
            with self._lock:
                order = self._orders.get(key)
                if order is None or _email_key(order.email) != _email_key(email):
                    raise OrderNotFound()
                new_order, new_returns, result = change(order, list(self._returns.get(key, ())))
                if new_order is not None:
                    self._orders[key] = new_order
                if new_returns is not None:
                    self._returns[key] = new_returns
                return result
        try:
            return self._change_in_redis(key, email, change)
        except redis.RedisError as exc:
            raise _unavailable(exc) from exc

    def _change_in_redis(self, key: str, email: str, change):
        if key not in self._orders:
            raise OrderNotFound()
        order_key, returns_key = self._keys(key)
        with self._redis.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(order_key, returns_key)
                    order, returns = self._decode(key, pipe.get(order_key), pipe.get(returns_key))
                    if _email_key(order.email) != _email_key(email):
                        raise OrderNotFound()
                    new_order, new_returns, result = change(order, returns)
                    pipe.multi()
                    if new_order is not None:
                        pipe.set(order_key, order_to_json(new_order))
                    if new_returns is not None:
                        pipe.set(returns_key, returns_to_json(new_returns))
                    pipe.execute()
                    return result
                except redis.WatchError:
                    continue  # another process changed this order first: decide again
                finally:
                    pipe.reset()

    def _keys(self, key: str) -> tuple[str, str]:
        return f"{self._namespace}:order:{key}", f"{self._namespace}:returns:{key}"


def _new_return(order: Order, existing: list[ReturnRequest], policy: ReturnPolicy | None,
                item_sku: str, reason: str, today: date) -> ReturnRequest:
    item = check_return(order, existing, policy, item_sku, today)
    return ReturnRequest(f"RMA-{order.id}-{len(existing) + 1:02d}", order.id, item.sku,
                         " ".join(reason.split()), today)


def check_return(order: Order, existing: list[ReturnRequest], policy: ReturnPolicy | None,
                 item_sku: str, today: date) -> OrderItem:
    """The order line a return may be opened for, by the store's rules.

    Shared by every backend, so a shopper gets the same answer whatever the order system.

    Args:
        order: the verified order.
        existing: its returns so far.
        policy: the store's return window; None refuses every return.
        item_sku: the item's sku, or its parent's when one line matches.
        today: the day the return is asked for.

    Raises:
        ReturnNotAllowed: not delivered, item not in the order (or ambiguous), a return
            already open for it, no window, or outside the window.
    """
    if order.status != "delivered" or order.delivered is None:
        raise ReturnNotAllowed(f"order {order.id} is {order.status}, not delivered; a "
                               "return can be opened once it has arrived")
    item = _item(order, item_sku)
    if any(r.item_sku == item.sku for r in existing):
        raise ReturnNotAllowed(f"{item.sku} of order {order.id} already has a return")
    if policy is None:
        raise ReturnNotAllowed("this store states no return window, so returns cannot be "
                               "opened here; a person at the store can help")
    if not policy.allows(order.delivered, today):
        days = (today - order.delivered).days
        raise ReturnNotAllowed(
            f"order {order.id} was delivered on {order.delivered.isoformat()} ({days} "
            f"days ago); returns are accepted within {policy.window_days} days "
            "of receipt")
    return item


def check_not_shipped(order: Order, action: str) -> None:
    """Refuse to cancel or re-address an order that has left the warehouse.

    Args:
        action: "cancel" or "change_address".

    Raises:
        OrderNotCancellable / OrderNotChangeable: the order is shipped, delivered or canceled.
    """
    if order.status in _NOT_SHIPPED:
        return
    if action == "cancel":
        raise OrderNotCancellable(f"order {order.id} is {order.status}; only pending or "
                                  "processing orders can be canceled")
    raise OrderNotChangeable(f"order {order.id} is {order.status}; the address can only be "
                             "changed before the order ships")


def same_email(a: str, b: str) -> bool:
    """Whether two emails are the same, ignoring case and surrounding spaces."""
    return bool(_email_key(a)) and _email_key(a) == _email_key(b)


def _unavailable(exc: Exception) -> OrderSystemUnavailable:
    log.warning("demo order store unreachable: %s", exc)
    return OrderSystemUnavailable(f"the order store (Redis) is unreachable: {exc}")


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
