"""``OrderBackend`` over a WooCommerce store's REST API v3.

Docs: https://woocommerce.github.io/woocommerce-rest-api-docs/ ("Orders": retrieve, update;
"Order refunds": list; "Pagination": ``page``/``per_page`` and the ``X-WP-TotalPages`` header;
"Authentication": HTTP Basic with the consumer key and secret over HTTPS).

Status mapping (WooCommerce core has no "shipped" status): ``pending``/``on-hold`` ->
pending, ``processing`` -> processing, ``completed`` -> delivered (on ``date_completed``),
``refunded`` -> delivered, ``cancelled``/``failed`` -> canceled.

Returns: WooCommerce core has no returns (RMA) API, so ``create_return`` always refuses with
``ReturnNotAllowed`` saying so; ``returns_of`` lists the order's refunds as refunded returns.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from kb.errors import OrderNotCancellable, OrderNotChangeable, OrderNotFound, ReturnNotAllowed
from kb.order_numbering import WOOCOMMERCE
from kb.orders import OrderBackend, check_not_shipped, same_email
from kb.platforms.common import money, order_number, parse_day, platform_error
from kb.platforms.http import HttpOptions, PlatformHttp
from kb.types import Order, OrderItem, ReturnRequest

_STATUS = {"pending": "pending", "on-hold": "pending", "processing": "processing",
           "completed": "delivered", "refunded": "delivered", "cancelled": "canceled",
           "failed": "canceled"}
_PAGE_SIZE = 100


class WooCommerceOrderBackend(OrderBackend):
    """Orders of a WooCommerce store; verification is the order number plus billing email."""

    order_number_digits = WOOCOMMERCE.digits  # orders are numbered by post id, from 1
    order_number_example = "#1234"

    def __init__(self, base_url: str, consumer_key: str, consumer_secret: str, *,
                 options: HttpOptions = HttpOptions(), sleep=None) -> None:
        """
        Args:
            base_url: the store's address, e.g. "https://shop.example.com" (the API lives
                under /wp-json/wc/v3).
            consumer_key, consumer_secret: a REST API key with read/write access.
            options: timeouts and retries.
            sleep: waits between retries; default ``time.sleep``.
        """
        if not consumer_key or not consumer_secret:
            raise ValueError("WooCommerce needs a consumer key and secret")
        extra = {"sleep": sleep} if sleep else {}
        self._http = PlatformHttp("WooCommerce", base_url.rstrip("/") + "/wp-json/wc/v3",
                                  auth=(consumer_key, consumer_secret), options=options, **extra)

    def find(self, order_id: str, email: str) -> Order | None:
        data = self._raw(order_id)
        if data is None or not same_email(data.get("billing", {}).get("email", ""), email):
            return None
        return _order(data)

    def cancel(self, order_id: str, email: str) -> Order:
        order = self._verified(order_id, email)
        check_not_shipped(order, "cancel")
        return self._update(order, {"status": "cancelled"}, OrderNotCancellable)

    def change_address(self, order_id: str, email: str, address: str) -> Order:
        """The new address replaces ``shipping.address_1`` (one line) and clears ``address_2``;
        the name, city, postcode and country on the order are kept."""
        address = " ".join((address or "").split())
        if not address:
            raise ValueError("the new shipping address is empty")
        order = self._verified(order_id, email)
        check_not_shipped(order, "change_address")
        return self._update(order, {"shipping": {"address_1": address, "address_2": ""}},
                            OrderNotChangeable)

    def create_return(self, order_id: str, email: str, item_sku: str, reason: str,
                      today: date) -> ReturnRequest:
        """Always refused: WooCommerce core has no returns API (after verifying the order)."""
        self._verified(order_id, email)
        raise ReturnNotAllowed("returns can't be opened here: this store's WooCommerce has no "
                               "returns API; a person at the store can open one")

    def returns_of(self, order_id: str, email: str) -> list[ReturnRequest]:
        """The order's refunds (every page), as refunded returns, oldest first."""
        order = self._verified(order_id, email)
        out, page = [], 1
        while True:
            response = self._http.request("GET", f"/orders/{order.id}/refunds",
                                          params={"page": page, "per_page": _PAGE_SIZE})
            if response.status_code != 200:
                raise platform_error("WooCommerce", response)
            for refund in response.json():
                items = refund.get("line_items") or [{}]
                out.append(ReturnRequest(f"refund-{refund['id']}", order.id,
                                         items[0].get("sku") or "", refund.get("reason") or "",
                                         parse_day(refund["date_created"]), "refunded"))
            if page >= int(response.headers.get("X-WP-TotalPages", "1")):
                return sorted(out, key=lambda r: r.created)
            page += 1

    def close(self) -> None:
        self._http.close()

    def _raw(self, order_id: str) -> dict | None:
        number = order_number(order_id)
        if not number.isdigit():
            return None
        response = self._http.request("GET", f"/orders/{number}")
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise platform_error("WooCommerce", response)
        return response.json()

    def _verified(self, order_id: str, email: str) -> Order:
        order = self.find(order_id, email)
        if order is None:
            raise OrderNotFound()
        return order

    def _update(self, order: Order, body: dict, refused: type) -> Order:
        response = self._http.request("PUT", f"/orders/{order.id}", json=body)
        if response.status_code in (400, 409, 422):
            raise refused(f"WooCommerce refused the change to order {order.id}: "
                          f"{response.json().get('message', response.status_code)}")
        if response.status_code != 200:
            raise platform_error("WooCommerce", response)
        return _order(response.json())


def _order(data: dict) -> Order:
    status = _STATUS.get(data["status"], "pending")
    created = parse_day(data["date_created"])
    completed = parse_day(data["date_completed"]) if data.get("date_completed") else None
    ship = data.get("shipping") or {}
    name = " ".join(p for p in (ship.get("first_name"), ship.get("last_name")) if p)
    street = ", ".join(p for p in (ship.get("address_1"), ship.get("address_2")) if p)
    place = " ".join(p for p in (ship.get("state"), ship.get("postcode")) if p)
    address = ", ".join(p for p in (name, street, ship.get("city"), place, ship.get("country"))
                        if p)
    items = tuple(OrderItem(i.get("sku") or str(i.get("product_id", "")), i["name"],
                            int(i["quantity"]), money(i.get("price")))
                  for i in data.get("line_items", ()))
    lines = data.get("shipping_lines") or [{}]
    total, shipping = money(data.get("total")), money(data.get("shipping_total"))
    order = Order(str(data["id"]), data["billing"]["email"], status, items, created,
                  parse_day(data.get("date_modified") or data["date_created"]),
                  round(sum(money(i.get("subtotal")) for i in data.get("line_items", ())), 2),
                  shipping, total,
                  delivered=completed if status == "delivered" else None,
                  shipping_method=lines[0].get("method_id") or "", shipping_address=address,
                  currency=data.get("currency"))
    return replace(order, shipped=order.delivered)
