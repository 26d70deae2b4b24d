"""Magento 2 / Adobe Commerce connector against a recorded fake of its REST API.

The fake follows https://developer.adobe.com/commerce/webapi/rest/ : search results
``{"items", "search_criteria", "total_count"}`` filtered by ``searchCriteria[filterGroups]``
and paged by ``currentPage``/``pageSize``; ``POST /V1/orders/{id}/cancel`` answering ``true``
or ``false``; ``PUT /V1/orders/{parent_id}`` saving an address; ``/V1/returns`` (RMA, Adobe
Commerce) and its 404 on Magento Open Source; errors as ``{"message": ...}``.
"""

from datetime import date

import pytest

from kb import OrderNotCancellable, OrderNotFound, OrderSystemUnavailable, ReturnNotAllowed
from kb.platforms import HttpOptions, MagentoOrderBackend
from kb.returns import ReturnPolicy

EMAIL = "roni_cost@example.com"
TODAY = date(2025, 6, 1)
PREFIX = "searchCriteria[filterGroups][0][filters][0]"


def magento_order(entity_id, increment_id, status, updated="2025-05-28 10:00:00"):
    return {
        "entity_id": entity_id, "increment_id": increment_id, "status": status,
        "state": status, "customer_email": EMAIL, "customer_id": 1, "store_id": 1,
        "created_at": "2025-05-20 09:00:00", "updated_at": updated, "subtotal": 58,
        "shipping_amount": 16, "grand_total": 74, "order_currency_code": "USD",
        "shipping_description": "Flat Rate - Fixed",
        "items": [
            {"item_id": 1, "sku": "WS03-XS-Red", "name": "Iris Workout Top", "qty_ordered": 2,
             "price": 29, "product_type": "configurable"},
            {"item_id": 2, "sku": "WS03-XS-Red", "name": "Iris Workout Top", "qty_ordered": 2,
             "price": 0, "parent_item_id": 1, "product_type": "simple"}],
        "extension_attributes": {"shipping_assignments": [{"shipping": {"address": {
            "entity_id": 70 + entity_id, "firstname": "Veronica", "lastname": "Costello",
            "street": ["6146 Honey Bluff Parkway"], "city": "Calder", "region_code": "MI",
            "postcode": "49628", "country_id": "US"}}}]},
    }


class FakeMagento:
    """Orders 000000201 processing, 202 complete (delivered), 203 invoiced (cancel refused)."""

    def __init__(self, rma: bool = True):
        self.orders = [magento_order(1, "000000201", "processing"),
                       magento_order(2, "000000202", "complete"),
                       magento_order(3, "000000203", "processing")]
        self.rma = rma
        self.returns = [{"entity_id": 500 + n, "increment_id": f"R{n}", "order_id": 2,
                         "status": "closed", "date_requested": "2025-05-29 08:00:00",
                         "items": [{"order_item_id": 1}]} for n in range(3)]

    def __call__(self, request):
        if request.headers.get("authorization") != "Bearer tok":
            return 401, {}, {"message": "The consumer isn't authorized to access %resources."}
        path = request.path.removeprefix("/rest/default/V1")
        by_entity = {o["entity_id"]: o for o in self.orders}
        if path == "/orders" and request.method == "GET":
            found = [o for o in self.orders if o["increment_id"] == request.query[PREFIX + "[value]"]]
            return 200, {}, {"items": found, "total_count": len(found)}
        if path.endswith("/cancel"):
            order = by_entity[int(path.split("/")[2])]
            if order["entity_id"] == 3:
                return 200, {}, False
            order["status"] = order["state"] = "canceled"
            return 200, {}, True
        if path.startswith("/orders/") and request.method == "PUT":
            order = by_entity[int(path.split("/")[2])]
            shipping = order["extension_attributes"]["shipping_assignments"][0]["shipping"]
            shipping["address"].update(request.body["entity"])
            return 200, {}, request.body["entity"]
        if path == "/returns":
            if not self.rma:
                return 404, {}, {"message": "Request does not match any route."}
            if request.method == "POST":
                data = request.body["rmaDataObject"]
                rma = {"entity_id": 600, "increment_id": "R9", "order_id": data["order_id"],
                       "status": "pending", "date_requested": "2025-06-01 12:00:00",
                       "items": data["items"]}
                self.returns.append(rma)
                return 200, {}, rma
            wanted = int(request.query[PREFIX + "[value]"])
            mine = [r for r in self.returns if r["order_id"] == wanted]
            page = int(request.query["searchCriteria[currentPage]"])
            size = int(request.query["searchCriteria[pageSize]"])
            return 200, {}, {"items": mine[(page - 1) * size:page * size],
                             "total_count": len(mine)}
        return 404, {}, {"message": "Request does not match any route."}


def backend_for(server, waits, **kwargs):
    return MagentoOrderBackend(server.url, "tok", ReturnPolicy(30, "policy:returns#1", ""),
                               options=HttpOptions(retries=2, backoff_s=0.1), page_size=2,
                               sleep=waits.append, **kwargs)


@pytest.fixture
def magento(serve, waits):
    fake = FakeMagento()
    server = serve(fake)
    backend = backend_for(server, waits)
    yield backend, fake, server
    backend.close()


def test_find_searches_by_increment_id_and_verifies_the_email(magento):
    backend, _, server = magento
    order = backend.find("#000000201", "Roni_Cost@example.com")
    assert (order.id, order.status, order.total, order.currency) == (
        "000000201", "processing", 74.0, "USD")
    assert [(i.sku, i.qty, i.price) for i in order.items] == [("WS03-XS-Red", 2, 29.0)]
    assert order.shipping_address == ("Veronica Costello, 6146 Honey Bluff Parkway, Calder, "
                                      "MI 49628, US")
    assert server.requests[0].query[PREFIX + "[field]"] == "increment_id"
    assert backend.find("000000201", "eve@example.com") is None
    assert backend.find("000000999", EMAIL) is None


def test_cancel_where_the_status_and_magento_allow(magento):
    backend, _, _ = magento
    assert backend.cancel("000000201", EMAIL).status == "canceled"
    with pytest.raises(OrderNotCancellable, match="Magento refused"):
        backend.cancel("000000203", EMAIL)
    with pytest.raises(OrderNotCancellable, match="is delivered"):
        backend.cancel("000000202", EMAIL)
    with pytest.raises(OrderNotFound):
        backend.cancel("000000203", "eve@example.com")


def test_address_change_saves_the_street_and_keeps_the_rest(magento):
    backend, _, server = magento
    changed = backend.change_address("000000201", EMAIL, "1 New Street")
    sent = [r for r in server.requests if r.method == "PUT"][0].body["entity"]
    assert (sent["street"], sent["city"], sent["entity_id"], sent["address_type"]) == (
        ["1 New Street"], "Calder", 71, "shipping")
    assert changed.shipping_address.startswith("Veronica Costello, 1 New Street, Calder")


def test_returns_are_rmas_listed_across_pages_and_created_inside_the_window(magento):
    backend, _, server = magento
    listed = backend.returns_of("000000202", EMAIL)
    assert [(r.reference, r.item_sku, r.status) for r in listed] == [
        ("RMA-R0", "WS03-XS-Red", "refunded"), ("RMA-R1", "WS03-XS-Red", "refunded"),
        ("RMA-R2", "WS03-XS-Red", "refunded")]
    pages = [r.query["searchCriteria[currentPage]"] for r in server.requests
             if r.path.endswith("/returns")]
    assert pages == ["1", "2"]
    with pytest.raises(ReturnNotAllowed, match="already has a return"):
        backend.create_return("000000202", EMAIL, "WS03-XS-Red", "too small", TODAY)


def test_a_new_rma_is_requested_for_the_order_line(serve, waits):
    fake = FakeMagento()
    fake.returns = []
    backend = backend_for(serve(fake), waits)
    request = backend.create_return("000000202", EMAIL, "ws03", "too small", TODAY)
    assert (request.reference, request.item_sku, request.status) == (
        "RMA-R9", "WS03-XS-Red", "requested")
    sent = fake.returns[0]["items"][0]
    assert (sent["order_item_id"], sent["qty_requested"], sent["reason"]) == (1, 2, "too small")
    with pytest.raises(ReturnNotAllowed, match="not delivered"):
        backend.create_return("000000201", EMAIL, "WS03-XS-Red", "", TODAY)
    fake.returns.clear()
    with pytest.raises(ReturnNotAllowed, match="days ago"):
        backend.create_return("000000202", EMAIL, "WS03-XS-Red", "", date(2025, 8, 1))


def test_open_source_magento_has_no_rma_api(serve, waits):
    backend = backend_for(serve(FakeMagento(rma=False)), waits)
    assert backend.returns_of("000000202", EMAIL) == []
    with pytest.raises(ReturnNotAllowed, match="no returns \\(RMA\\) API"):
        backend.create_return("000000202", EMAIL, "WS03-XS-Red", "", TODAY)


def test_rate_limits_are_retried_and_an_outage_is_unavailable(magento, waits):
    backend, _, server = magento
    server.failures += [(429, {"Retry-After": "1"})]
    assert backend.find("000000201", EMAIL).id == "000000201"
    assert waits == [1.0]
    server.failures += [(502, {})] * 3
    with pytest.raises(OrderSystemUnavailable, match="Magento is unavailable: HTTP 502"):
        backend.find("000000201", EMAIL)
    server.failures += [(429, {"Retry-After": "3600"})]
    with pytest.raises(OrderSystemUnavailable, match="HTTP 429 after 1 attempt"):
        backend.find("000000201", EMAIL)
