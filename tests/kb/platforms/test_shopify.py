"""Shopify connector against a recorded fake of the Admin GraphQL API.

The fake answers the documented shapes of https://shopify.dev/docs/api/admin-graphql :
``orders(query: "name:#...")`` nodes, the ``lineItems`` connection paged with
``pageInfo { hasNextPage endCursor }``, ``orderCancel`` (``orderCancelUserErrors``),
``orderUpdate`` and ``returnRequest`` (``userErrors``), and rate limiting as documented in
https://shopify.dev/docs/api/usage/rate-limits : a 200 with ``errors[].extensions.code ==
"THROTTLED"`` and ``extensions.cost.throttleStatus``, or HTTP 429 with ``Retry-After``.
"""

import copy
from datetime import date

import pytest

from kb import (OrderNotCancellable, OrderNotFound, OrderSystemUnavailable, ReturnNotAllowed)
from kb.platforms import HttpOptions, ShopifyOrderBackend
from kb.returns import ReturnPolicy

EMAIL = "kim@example.com"
TODAY = date(2025, 6, 1)
PATH = "/admin/api/2025-07/graphql.json"


def money(amount):
    return {"shopMoney": {"amount": str(amount), "currencyCode": "CAD"}}


def line(sku, n):
    return {"sku": sku, "name": f"Lamp {n}", "quantity": 1, "originalUnitPriceSet": money(20)}


def shopify_order(number, *, fulfilled=None, cancelled=False, paid=True):
    gid = f"gid://shopify/Order/{number}"
    fulfillments = []
    if fulfilled:
        fulfillments = [{"createdAt": "2025-05-22T10:00:00Z", "displayStatus": fulfilled,
                         "deliveredAt": "2025-05-25T15:00:00Z" if fulfilled == "DELIVERED" else None,
                         "trackingInfo": [{"number": "1Z999"}],
                         "fulfillmentLineItems": {"nodes": [
                             {"id": f"gid://shopify/FulfillmentLineItem/{number}1", "quantity": 1,
                              "lineItem": {"sku": "LMP-1"}}]}}]
    return {
        "id": gid, "name": f"#{number}", "email": EMAIL, "createdAt": "2025-05-20T09:00:00Z",
        "updatedAt": "2025-05-25T15:00:00Z", "cancelledAt": "2025-05-21T00:00:00Z" if cancelled
        else None, "displayFinancialStatus": "PAID" if paid else "PENDING",
        "currencyCode": "CAD", "subtotalPriceSet": money(60), "totalShippingPriceSet": money(9),
        "totalPriceSet": money(69), "shippingLine": {"title": "Canada Post"},
        "shippingAddress": {"name": "Kim Lee", "address1": "5 King St", "address2": None,
                            "city": "Toronto", "provinceCode": "ON", "zip": "M5H",
                            "countryCodeV2": "CA"},
        # the first page of a three-line order: the connector must fetch the second
        "lineItems": {"nodes": [line("LMP-1", 1), line("LMP-2", 2)],
                      "pageInfo": {"hasNextPage": True, "endCursor": "c2"}},
        "fulfillments": fulfillments, "returns": {"nodes": []},
    }


class FakeShopify:
    """#1001 paid and unfulfilled, #1002 delivered, #1003 shipped, #1004 awaiting payment."""

    def __init__(self):
        self.orders = {"1001": shopify_order(1001), "1002": shopify_order(1002, fulfilled="DELIVERED"),
                       "1003": shopify_order(1003, fulfilled="IN_TRANSIT"),
                       "1004": shopify_order(1004, paid=False)}
        self.throttle = 0
        self.mutations = []

    def __call__(self, request):
        if request.headers.get("x-shopify-access-token") != "shpat_test":
            return 401, {}, {"errors": "[API] Invalid API key or access token"}
        if request.path != PATH:
            return 404, {}, {"errors": "Not Found"}
        if self.throttle:
            self.throttle -= 1
            return 200, {}, {"errors": [{"message": "Throttled",
                                         "extensions": {"code": "THROTTLED"}}],
                             "extensions": {"cost": {"requestedQueryCost": 502,
                                                     "throttleStatus": {
                                                         "maximumAvailable": 2000,
                                                         "currentlyAvailable": 2,
                                                         "restoreRate": 100}}}}
        query, variables = request.body["query"], request.body["variables"]
        if query.startswith("query Order("):
            number = variables["query"].removeprefix("name:#")
            found = [self.orders[number]] if number in self.orders else []
            return 200, {}, {"data": {"orders": {"nodes": copy.deepcopy(found)}}}
        if query.startswith("query Lines("):
            assert variables["after"] == "c2"
            return 200, {}, {"data": {"order": {"lineItems": {
                "nodes": [line("LMP-3", 3)], "pageInfo": {"hasNextPage": False, "endCursor": "c3"}}}}}
        self.mutations.append((query.split("(")[0], variables))
        if query.startswith("mutation Cancel("):
            number = variables["id"].rsplit("/", 1)[1]
            if number == "1004":
                return 200, {}, {"data": {"orderCancel": {"job": None, "orderCancelUserErrors": [
                    {"field": ["orderId"], "message": "Order has pending payment"}]}}}
            self.orders[number]["cancelledAt"] = "2025-06-01T00:00:00Z"
            return 200, {}, {"data": {"orderCancel": {"job": {"id": "gid://shopify/Job/1"},
                                                      "orderCancelUserErrors": []}}}
        if query.startswith("mutation Update("):
            number = variables["input"]["id"].rsplit("/", 1)[1]
            self.orders[number]["shippingAddress"].update(variables["input"]["shippingAddress"])
            return 200, {}, {"data": {"orderUpdate": {"order": {"id": variables["input"]["id"]},
                                                      "userErrors": []}}}
        if query.startswith("mutation Return("):
            number = variables["input"]["orderId"].rsplit("/", 1)[1]
            made = {"id": "gid://shopify/Return/7", "name": f"#{number}-R1", "status": "REQUESTED"}
            self.orders[number]["returns"]["nodes"].append({**made, "returnLineItems": {"nodes": [
                {"returnReason": "OTHER", "customerNote": variables["input"]["returnLineItems"][0][
                    "customerNote"], "fulfillmentLineItem": {"lineItem": {"sku": "LMP-1"}}}]}})
            return 200, {}, {"data": {"returnRequest": {"return": made, "userErrors": []}}}
        return 200, {}, {"errors": [{"message": "Field 'x' doesn't exist"}]}


@pytest.fixture
def shopify(serve, waits):
    fake = FakeShopify()
    server = serve(fake)
    backend = ShopifyOrderBackend(server.url, "shpat_test", ReturnPolicy(30, "policy:r#1", ""),
                                  options=HttpOptions(retries=2, backoff_s=0.1),
                                  clock=lambda: TODAY, sleep=waits.append)
    yield backend, fake, server
    backend.close()


def test_find_reads_every_page_of_line_items_and_maps_the_status(shopify):
    backend, _, _ = shopify
    order = backend.find("#1001", "KIM@example.com ")
    assert (order.id, order.status, order.total, order.currency) == ("1001", "processing",
                                                                     69.0, "CAD")
    assert [i.sku for i in order.items] == ["LMP-1", "LMP-2", "LMP-3"]
    assert order.shipping_address == "Kim Lee, 5 King St, Toronto, ON M5H, CA"
    delivered = backend.find("1002", EMAIL)
    assert (delivered.status, delivered.delivered, delivered.tracking) == (
        "delivered", date(2025, 5, 25), "1Z999")
    assert backend.find("1003", EMAIL).status == "shipped"
    assert backend.find("1004", EMAIL).status == "pending"
    assert backend.find("1001", "eve@example.com") is None
    assert backend.find("9999", EMAIL) is None


def test_cancel_is_asked_of_shopify_only_when_the_status_allows(shopify):
    backend, fake, _ = shopify
    assert backend.cancel("1001", EMAIL).status == "canceled"
    assert fake.mutations[-1] == ("mutation Cancel", {"id": "gid://shopify/Order/1001"})
    assert backend.find("1001", EMAIL).status == "canceled"
    with pytest.raises(OrderNotCancellable, match="pending payment"):
        backend.cancel("1004", EMAIL)
    with pytest.raises(OrderNotCancellable, match="is shipped"):
        backend.cancel("1003", EMAIL)
    assert len(fake.mutations) == 2
    with pytest.raises(OrderNotFound):
        backend.cancel("1001", "eve@example.com")


def test_address_change_updates_the_shipping_address(shopify):
    backend, fake, _ = shopify
    changed = backend.change_address("1001", EMAIL, "77 Queen St W")
    assert changed.shipping_address.startswith("Kim Lee, 77 Queen St W, Toronto")
    assert fake.mutations[-1][1]["input"]["shippingAddress"] == {"address1": "77 Queen St W",
                                                                 "address2": ""}


def test_a_return_is_requested_for_the_fulfilled_line_and_then_listed(shopify):
    backend, fake, _ = shopify
    request = backend.create_return("1002", EMAIL, "LMP-1", " too bright ", TODAY)
    assert (request.reference, request.item_sku, request.reason) == ("#1002-R1", "LMP-1",
                                                                     "too bright")
    sent = fake.mutations[-1][1]["input"]["returnLineItems"][0]
    assert sent["fulfillmentLineItemId"] == "gid://shopify/FulfillmentLineItem/10021"
    assert [(r.reference, r.status) for r in backend.returns_of("1002", EMAIL)] == [
        ("#1002-R1", "requested")]
    with pytest.raises(ReturnNotAllowed, match="already has a return"):
        backend.create_return("1002", EMAIL, "LMP-1", "", TODAY)
    with pytest.raises(ReturnNotAllowed, match="not delivered"):
        backend.create_return("1003", EMAIL, "LMP-1", "", TODAY)


def test_throttled_queries_wait_for_the_bucket_then_succeed(shopify, waits):
    backend, fake, _ = shopify
    fake.throttle = 1
    assert backend.find("1001", EMAIL).id == "1001"
    assert waits == [5.0]  # (502 requested - 2 available) / 100 restored per second


def test_throttling_past_the_retries_and_outages_are_unavailable(shopify, waits):
    backend, fake, server = shopify
    fake.throttle = 10
    with pytest.raises(OrderSystemUnavailable, match="throttling"):
        backend.find("1001", EMAIL)
    fake.throttle = 0
    server.failures += [(429, {"Retry-After": "1.5"})]
    assert backend.find("1001", EMAIL).id == "1001"
    assert waits[-1] == 1.5
    server.failures += [(500, {})] * 3
    with pytest.raises(OrderSystemUnavailable, match="Shopify is unavailable: HTTP 500"):
        backend.find("1001", EMAIL)


def test_bad_token_is_unavailable(serve, waits):
    backend = ShopifyOrderBackend(serve(FakeShopify()).url, "wrong", None, sleep=waits.append)
    with pytest.raises(OrderSystemUnavailable, match="refused our credentials"):
        backend.find("1001", EMAIL)
