"""``OrderBackend`` over Magento 2 / Adobe Commerce's REST API.

Docs (https://developer.adobe.com/commerce/webapi/rest/): "Search using REST endpoints"
(``searchCriteria[filterGroups][0][filters][0][field]``, ``currentPage``/``pageSize``,
``total_count``), ``GET /V1/orders``, ``POST /V1/orders/{id}/cancel`` (answers true/false),
``PUT /V1/orders/{parent_id}`` (salesOrderAddressRepositoryV1: save an order address),
``POST /V1/returns`` and ``GET /V1/returns`` (rmaRmaRepositoryV1, Adobe Commerce only);
authentication with an integration's access token as a Bearer token.

Status mapping: ``pending``/``pending_payment``/``holded`` -> pending, ``processing`` ->
processing, ``complete`` and ``closed`` -> delivered (Magento records shipment, not delivery;
``updated_at`` stands for the delivery day), ``canceled`` -> canceled.

Returns: created as RMAs on Adobe Commerce. Magento Open Source has no RMA API (the
endpoint answers 404); then ``create_return`` refuses with ``ReturnNotAllowed`` saying so and
``returns_of`` is empty.
"""

from __future__ import annotations

from datetime import date

from kb.errors import OrderNotCancellable, OrderNotChangeable, OrderNotFound, ReturnNotAllowed
from kb.order_numbering import MAGENTO
from kb.orders import OrderBackend, check_not_shipped, check_return, same_email
from kb.platforms.common import money, order_number, parse_day, platform_error
from kb.platforms.http import HttpOptions, PlatformHttp
from kb.returns import ReturnPolicy
from kb.types import Order, OrderItem, ReturnRequest

_STATUS = {"pending": "pending", "pending_payment": "pending", "holded": "pending",
           "processing": "processing", "complete": "delivered", "closed": "delivered",
           "canceled": "canceled"}


class MagentoOrderBackend(OrderBackend):
    """Orders of a Magento 2 / Adobe Commerce store, found by increment id and verified by
    the order's customer email."""

    order_number_digits = MAGENTO.digits
    order_number_example = "000000123"  # increment ids: nine digits

    def __init__(self, base_url: str, access_token: str, return_policy: ReturnPolicy | None, *,
                 store_code: str = "default", options: HttpOptions = HttpOptions(),
                 page_size: int = 50, sleep=None) -> None:
        """
        Args:
            base_url: the store's address, e.g. "https://shop.example.com".
            access_token: an integration's access token (Bearer).
            return_policy: the store's window, checked before an RMA is requested; None
                refuses returns.
            store_code: the store view in the API path (/rest/<code>/V1).
            options: timeouts and retries.
            page_size: results per page of a search.
            sleep: waits between retries; default ``time.sleep``.
        """
        if not access_token:
            raise ValueError("Magento needs an integration access token")
        if page_size < 1:
            raise ValueError(f"page_size must be >= 1, got {page_size}")
        self._page_size = page_size
        extra = {"sleep": sleep} if sleep else {}
        self._http = PlatformHttp("Magento", f"{base_url.rstrip('/')}/rest/{store_code}/V1",
                                  headers={"Authorization": f"Bearer {access_token}"},
                                  options=options, **extra)
        self._policy = return_policy

    def find(self, order_id: str, email: str) -> Order | None:
        data = self._raw(order_id)
        if data is None or not same_email(data.get("customer_email", ""), email):
            return None
        return _order(data)

    def cancel(self, order_id: str, email: str) -> Order:
        data = self._verified(order_id, email)
        check_not_shipped(_order(data), "cancel")
        response = self._http.request("POST", f"/orders/{data['entity_id']}/cancel")
        if response.status_code != 200:
            raise platform_error("Magento", response)
        if response.json() is not True:
            raise OrderNotCancellable(f"Magento refused to cancel order {data['increment_id']}")
        return self.find(order_id, email) or _order(data)

    def change_address(self, order_id: str, email: str, address: str) -> Order:
        """The new address replaces the street lines of the order's shipping address; name,
        city, region, postcode and country are kept."""
        address = " ".join((address or "").split())
        if not address:
            raise ValueError("the new shipping address is empty")
        data = self._verified(order_id, email)
        check_not_shipped(_order(data), "change_address")
        current = _shipping_address(data)
        if not current:
            raise OrderNotChangeable(f"order {data['increment_id']} has no shipping address")
        entity = {**current, "street": [address], "address_type": "shipping",
                  "parent_id": data["entity_id"]}
        response = self._http.request("PUT", f"/orders/{data['entity_id']}",
                                      json={"entity": entity})
        if response.status_code == 400:
            raise OrderNotChangeable(f"Magento refused the address: "
                                     f"{response.json().get('message', '')}")
        if response.status_code != 200:
            raise platform_error("Magento", response)
        return self.find(order_id, email) or _order(data)

    def create_return(self, order_id: str, email: str, item_sku: str, reason: str,
                      today: date) -> ReturnRequest:
        """An RMA for one item (Adobe Commerce); refused on Magento Open Source."""
        data = self._verified(order_id, email)
        order = _order(data)
        item = check_return(order, self.returns_of(order_id, email), self._policy, item_sku,
                            today)
        line = next(i for i in data["items"] if i["sku"] == item.sku)
        body = {"rmaDataObject": {
            "order_id": data["entity_id"], "order_increment_id": data["increment_id"],
            "store_id": data.get("store_id", 1), "customer_id": data.get("customer_id"),
            "status": "pending", "items": [{
                "order_item_id": line["item_id"], "qty_requested": item.qty,
                "reason": " ".join(reason.split()) or "other", "condition": "unopened",
                "resolution": "refund", "status": "pending"}]}}
        response = self._http.request("POST", "/returns", json=body)
        if response.status_code == 404:
            raise ReturnNotAllowed("returns can't be opened here: this store's Magento has no "
                                   "returns (RMA) API; a person at the store can open one")
        if response.status_code == 400:
            raise ReturnNotAllowed(f"Magento refused the return: "
                                   f"{response.json().get('message', '')}")
        if response.status_code != 200:
            raise platform_error("Magento", response)
        return _return(response.json(), order.id, item.sku)

    def returns_of(self, order_id: str, email: str) -> list[ReturnRequest]:
        """The order's RMAs, every page; empty where the store has no RMA API."""
        data = self._verified(order_id, email)
        skus = {i["item_id"]: i["sku"] for i in data.get("items", ())}
        out, page = [], 1
        while True:
            response = self._http.request("GET", "/returns", params={
                **_filter("order_id", data["entity_id"]),
                "searchCriteria[currentPage]": page, "searchCriteria[pageSize]": self._page_size})
            if response.status_code == 404:
                return []
            if response.status_code != 200:
                raise platform_error("Magento", response)
            body = response.json()
            for rma in body.get("items", ()):
                item = (rma.get("items") or [{}])[0]
                out.append(_return(rma, data["increment_id"],
                                   skus.get(item.get("order_item_id"), "")))
            if page * self._page_size >= int(body.get("total_count", 0)):
                return out
            page += 1

    def close(self) -> None:
        self._http.close()

    def _raw(self, order_id: str) -> dict | None:
        number = order_number(order_id)
        if not number:
            return None
        response = self._http.request("GET", "/orders", params=_filter("increment_id", number))
        if response.status_code != 200:
            raise platform_error("Magento", response)
        items = response.json().get("items") or []
        return items[0] if items else None

    def _verified(self, order_id: str, email: str) -> dict:
        data = self._raw(order_id)
        if data is None or not same_email(data.get("customer_email", ""), email):
            raise OrderNotFound()
        return data


def _filter(field: str, value: object) -> dict[str, object]:
    prefix = "searchCriteria[filterGroups][0][filters][0]"
    return {f"{prefix}[field]": field, f"{prefix}[value]": value,
            f"{prefix}[conditionType]": "eq"}


def _shipping_address(data: dict) -> dict:
    assignments = (data.get("extension_attributes") or {}).get("shipping_assignments") or [{}]
    return ((assignments[0].get("shipping") or {}).get("address")) or {}


def _order(data: dict) -> Order:
    status = _STATUS.get(data.get("status") or data.get("state"), "pending")
    updated = parse_day(data.get("updated_at") or data["created_at"])
    address = _shipping_address(data)
    name = " ".join(p for p in (address.get("firstname"), address.get("lastname")) if p)
    place = " ".join(p for p in (address.get("region_code") or address.get("region"),
                                 address.get("postcode")) if p)
    text = ", ".join(p for p in (name, *address.get("street", ()), address.get("city"), place,
                                 address.get("country_id")) if p)
    # Configurable lines come twice (parent and its simple child): keep the lines with a price.
    items = tuple(OrderItem(i["sku"], i["name"], int(float(i["qty_ordered"])), money(i["price"]))
                  for i in data.get("items", ()) if not i.get("parent_item_id"))
    delivered = updated if status == "delivered" else None
    return Order(data["increment_id"], data["customer_email"], status, items,
                 parse_day(data["created_at"]), updated, money(data.get("subtotal")),
                 money(data.get("shipping_amount")), money(data.get("grand_total")),
                 shipped=delivered, delivered=delivered,
                 shipping_method=data.get("shipping_description") or "",
                 shipping_address=text, currency=data.get("order_currency_code"))


def _return(rma: dict, order_id: str, sku: str) -> ReturnRequest:
    status = "refunded" if rma.get("status") in ("closed", "processed_closed") else "requested"
    created = parse_day(rma["date_requested"]) if rma.get("date_requested") else date.today()
    return ReturnRequest(f"RMA-{rma.get('increment_id') or rma.get('entity_id')}", order_id,
                         sku, "", created, status)
