"""``OrderBackend`` over a Shopify store's Admin GraphQL API.

Docs (https://shopify.dev/docs/api/admin-graphql): the ``orders`` query with a search
``query`` ("name:#1001"), the ``Order`` object (``lineItems`` connection paged by
``pageInfo { hasNextPage endCursor }``, ``fulfillments``, ``returns``), the mutations
``orderCancel``, ``orderUpdate`` (``shippingAddress``) and ``returnRequest``, and "Shopify API
rate limits" (a throttled query answers 200 with an error of code ``THROTTLED`` and the
bucket's ``throttleStatus`` in ``extensions.cost``; the HTTP layer may also answer 429 with
``Retry-After``). Authentication: an Admin API access token in ``X-Shopify-Access-Token``.

Status mapping: ``cancelledAt`` set -> canceled; a fulfillment whose ``displayStatus`` is
DELIVERED -> delivered (on ``deliveredAt``); any other fulfillment -> shipped; unfulfilled
and ``displayFinancialStatus`` PENDING/AUTHORIZED -> pending; otherwise -> processing.

Returns are requested with ``returnRequest`` (the merchant approves them in Shopify); the
``Return`` fields read here carry no creation date, so a listed return is dated by the
backend's clock.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Callable

from kb.errors import (OrderNotCancellable, OrderNotChangeable, OrderNotFound,
                       OrderSystemUnavailable, ReturnNotAllowed)
from kb.order_numbering import SHOPIFY
from kb.orders import OrderBackend, check_not_shipped, check_return, same_email
from kb.platforms.common import money, order_number, parse_day
from kb.platforms.http import HttpOptions, PlatformHttp
from kb.returns import ReturnPolicy
from kb.types import Order, OrderItem, ReturnRequest

_LINES = ("nodes { sku name quantity originalUnitPriceSet { shopMoney { amount } } } "
          "pageInfo { hasNextPage endCursor }")
ORDER_QUERY = """query Order($query: String!) { orders(first: 1, query: $query) { nodes {
  id name email createdAt updatedAt cancelledAt displayFinancialStatus currencyCode
  subtotalPriceSet { shopMoney { amount } } totalShippingPriceSet { shopMoney { amount } }
  totalPriceSet { shopMoney { amount } } shippingLine { title }
  shippingAddress { name address1 address2 city provinceCode zip countryCodeV2 }
  lineItems(first: 50) { %s }
  fulfillments(first: 10) { createdAt deliveredAt displayStatus trackingInfo(first: 1) { number }
    fulfillmentLineItems(first: 50) { nodes { id quantity lineItem { sku } } } }
  returns(first: 20) { nodes { id name status returnLineItems(first: 10) { nodes {
    ... on ReturnLineItem { returnReason customerNote fulfillmentLineItem { lineItem { sku } } }
  } } } } } } }""" % _LINES
LINES_QUERY = """query Lines($id: ID!, $after: String) { order(id: $id) {
  lineItems(first: 50, after: $after) { %s } } }""" % _LINES
CANCEL = """mutation Cancel($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, refund: true,
  restock: true, notifyCustomer: true) { job { id } orderCancelUserErrors { field message } } }"""
UPDATE = """mutation Update($input: OrderInput!) { orderUpdate(input: $input) {
  order { id } userErrors { field message } } }"""
RETURN = """mutation Return($input: ReturnRequestInput!) { returnRequest(input: $input) {
  return { id name status } userErrors { field message } } }"""
_PENDING = ("PENDING", "AUTHORIZED", "EXPIRED")


class ShopifyOrderBackend(OrderBackend):
    """Orders of a Shopify store, found by order name ("#1001") and verified by its email."""

    order_number_digits = SHOPIFY.digits  # names from #1001 (a prefix or suffix aside)
    order_number_example = "#1001"

    def __init__(self, shop_url: str, access_token: str, return_policy: ReturnPolicy | None, *,
                 api_version: str = "2025-07", options: HttpOptions = HttpOptions(),
                 clock: Callable[[], date] = date.today, sleep=None) -> None:
        """
        Args:
            shop_url: "https://<shop>.myshopify.com".
            access_token: an Admin API access token with read/write orders and returns.
            return_policy: the store's window, checked before a return is requested; None
                refuses returns.
            api_version: the Admin API version in the endpoint path.
            options: timeouts and retries (also used for THROTTLED answers).
            clock: today's date, for the ``updated`` day of changes and listed returns.
            sleep: waits between retries; default ``time.sleep``.
        """
        if not access_token:
            raise ValueError("Shopify needs an Admin API access token")
        extra = {"sleep": sleep} if sleep else {}
        self._http = PlatformHttp("Shopify", shop_url.rstrip("/"),
                                  headers={"X-Shopify-Access-Token": access_token},
                                  options=options, **extra)
        self._path = f"/admin/api/{api_version}/graphql.json"
        self._policy = return_policy
        self._clock = clock

    def find(self, order_id: str, email: str) -> Order | None:
        node = self._node(order_id)
        if node is None or not same_email(node.get("email") or "", email):
            return None
        return _order(node)

    def cancel(self, order_id: str, email: str) -> Order:
        """Asks Shopify to cancel (refund and restock); Shopify finishes it in a job, so the
        order returned is the verified one marked canceled."""
        node, order = self._verified(order_id, email)
        check_not_shipped(order, "cancel")
        result = self._graphql(CANCEL, {"id": node["id"]})["orderCancel"]
        if result["orderCancelUserErrors"]:
            raise OrderNotCancellable(_user_errors("cancel", order, result["orderCancelUserErrors"]))
        return replace(order, status="canceled", updated=self._clock())

    def change_address(self, order_id: str, email: str, address: str) -> Order:
        """The new address replaces ``address1`` (one line) and clears ``address2``."""
        address = " ".join((address or "").split())
        if not address:
            raise ValueError("the new shipping address is empty")
        node, order = self._verified(order_id, email)
        check_not_shipped(order, "change_address")
        result = self._graphql(UPDATE, {"input": {"id": node["id"], "shippingAddress": {
            "address1": address, "address2": ""}}})["orderUpdate"]
        if result["userErrors"]:
            raise OrderNotChangeable(_user_errors("change the address of", order,
                                                  result["userErrors"]))
        return self.find(order_id, email) or order

    def create_return(self, order_id: str, email: str, item_sku: str, reason: str,
                      today: date) -> ReturnRequest:
        node, order = self._verified(order_id, email)
        item = check_return(order, _returns(node, order.id, self._clock()), self._policy,
                            item_sku, today)
        line = next((li for f in node.get("fulfillments") or ()
                     for li in f["fulfillmentLineItems"]["nodes"]
                     if (li["lineItem"].get("sku") or "") == item.sku), None)
        if line is None:
            raise ReturnNotAllowed(f"{item.sku} of order {order.id} was not fulfilled")
        result = self._graphql(RETURN, {"input": {"orderId": node["id"], "returnLineItems": [{
            "fulfillmentLineItemId": line["id"], "quantity": line["quantity"],
            "returnReason": "OTHER", "customerNote": " ".join(reason.split())}]}})["returnRequest"]
        if result["userErrors"]:
            raise ReturnNotAllowed(_user_errors("open a return for", order, result["userErrors"]))
        made = result["return"]
        return ReturnRequest(made["name"], order.id, item.sku, " ".join(reason.split()), today)

    def returns_of(self, order_id: str, email: str) -> list[ReturnRequest]:
        node, order = self._verified(order_id, email)
        return _returns(node, order.id, self._clock())

    def close(self) -> None:
        self._http.close()

    def _node(self, order_id: str) -> dict | None:
        number = order_number(order_id)
        if not number or '"' in number:
            return None
        nodes = self._graphql(ORDER_QUERY, {"query": f"name:#{number}"})["orders"]["nodes"]
        if not nodes:
            return None
        node = nodes[0]
        page = node["lineItems"]
        while page["pageInfo"]["hasNextPage"]:
            page = self._graphql(LINES_QUERY, {"id": node["id"], "after": page["pageInfo"][
                "endCursor"]})["order"]["lineItems"]
            node["lineItems"]["nodes"] += page["nodes"]
        return node

    def _verified(self, order_id: str, email: str) -> tuple[dict, Order]:
        node = self._node(order_id)
        if node is None or not same_email(node.get("email") or "", email):
            raise OrderNotFound()
        return node, _order(node)

    def _graphql(self, query: str, variables: dict) -> dict:
        """POST a query; THROTTLED answers wait for the bucket to refill and try again."""
        attempt = 0
        while True:
            response = self._http.request("POST", self._path,
                                          json={"query": query, "variables": variables})
            if response.status_code != 200:
                raise OrderSystemUnavailable(f"Shopify answered HTTP {response.status_code}")
            body = response.json()
            errors = body.get("errors") or []
            if not errors:
                return body["data"]
            if any((e.get("extensions") or {}).get("code") == "THROTTLED" for e in errors):
                if self._http.throttled(attempt, _refill_seconds(body)):
                    attempt += 1
                    continue
                raise OrderSystemUnavailable("Shopify is throttling us past our retries")
            raise OrderSystemUnavailable(f"Shopify refused the query: {errors[0].get('message')}")


def _refill_seconds(body: dict) -> float | None:
    cost = (body.get("extensions") or {}).get("cost") or {}
    status = cost.get("throttleStatus") or {}
    try:
        missing = cost["requestedQueryCost"] - status["currentlyAvailable"]
        return max(0.0, missing / status["restoreRate"])
    except (KeyError, TypeError, ZeroDivisionError):
        return None


def _order(node: dict) -> Order:
    fulfillments = node.get("fulfillments") or []
    delivered = next((f for f in fulfillments if f.get("displayStatus") == "DELIVERED"), None)
    if node.get("cancelledAt"):
        status = "canceled"
    elif delivered:
        status = "delivered"
    elif fulfillments:
        status = "shipped"
    else:
        status = "pending" if node.get("displayFinancialStatus") in _PENDING else "processing"
    address = node.get("shippingAddress") or {}
    place = " ".join(p for p in (address.get("provinceCode"), address.get("zip")) if p)
    text = ", ".join(p for p in (address.get("name"), address.get("address1"),
                                 address.get("address2"), address.get("city"), place,
                                 address.get("countryCodeV2")) if p)
    items = tuple(OrderItem(li.get("sku") or "", li["name"], int(li["quantity"]),
                            money(li["originalUnitPriceSet"]["shopMoney"]["amount"]))
                  for li in node["lineItems"]["nodes"])
    tracking = next((t["number"] for f in fulfillments for t in f.get("trackingInfo") or ()
                     if t.get("number")), "")
    return Order(
        order_number(node["name"]), node.get("email") or "", status, items,
        parse_day(node["createdAt"]), parse_day(node["updatedAt"]),
        money(node["subtotalPriceSet"]["shopMoney"]["amount"]),
        money(node["totalShippingPriceSet"]["shopMoney"]["amount"]),
        money(node["totalPriceSet"]["shopMoney"]["amount"]),
        shipped=parse_day(fulfillments[0]["createdAt"]) if fulfillments else None,
        delivered=parse_day(delivered["deliveredAt"]) if delivered and delivered.get(
            "deliveredAt") else None,
        shipping_method=(node.get("shippingLine") or {}).get("title") or "",
        shipping_address=text, tracking=tracking, currency=node.get("currencyCode"))


def _returns(node: dict, order_id: str, today: date) -> list[ReturnRequest]:
    out = []
    for made in (node.get("returns") or {}).get("nodes", ()):
        if made["status"] in ("DECLINED", "CANCELED"):
            continue
        lines = made["returnLineItems"]["nodes"] or [{}]
        first = lines[0]
        sku = ((first.get("fulfillmentLineItem") or {}).get("lineItem") or {}).get("sku") or ""
        out.append(ReturnRequest(made["name"], order_id, sku, first.get("customerNote") or "",
                                 today, "refunded" if made["status"] == "CLOSED" else "requested"))
    return out


def _user_errors(action: str, order: Order, errors: list[dict]) -> str:
    return f"Shopify would not {action} order {order.id}: " + "; ".join(
        e.get("message", "") for e in errors)
