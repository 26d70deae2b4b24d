"""WooCommerce connector against a recorded fake of the REST API v3.

The fake answers with the documented payload shapes of
https://woocommerce.github.io/woocommerce-rest-api-docs/#retrieve-an-order,
#update-an-order, #list-all-refunds and #pagination (X-WP-TotalPages), and the documented
error body ``{"code", "message", "data": {"status"}}``.
"""

import base64
from datetime import date

import pytest

from kb import (OrderNotCancellable, OrderNotFound, OrderSystemUnavailable, ReturnNotAllowed)
from kb.platforms import HttpOptions, WooCommerceOrderBackend

EMAIL = "ada@example.com"


def woo_order(order_id, status, **extra):
    return {
        "id": order_id, "number": str(order_id), "status": status, "currency": "EUR",
        "date_created": "2025-05-20T09:12:00", "date_modified": "2025-05-21T10:00:00",
        "date_completed": "2025-05-25T16:00:00" if status == "completed" else None,
        "total": "70.90", "shipping_total": "6.90", "total_tax": "0.00",
        "billing": {"email": EMAIL, "first_name": "Ada"},
        "shipping": {"first_name": "Ada", "last_name": "Byrne", "address_1": "1 Dock Road",
                     "address_2": "", "city": "Dublin", "state": "", "postcode": "D01",
                     "country": "IE"},
        "line_items": [{"id": 11, "name": "Task Desk Lamp", "product_id": 5, "sku": "LMP-DSK",
                        "quantity": 1, "subtotal": "64.00", "price": 64}],
        "shipping_lines": [{"method_id": "flat_rate", "method_title": "Courier"}],
        **extra,
    }


class FakeWooCommerce:
    """Orders 501 (processing), 502 (completed, with 3 refunds over 2 pages), 503 (cancelled)."""

    def __init__(self):
        self.orders = {501: woo_order(501, "processing"), 502: woo_order(502, "completed"),
                       503: woo_order(503, "cancelled")}
        self.refunds = {502: [{"id": 900 + n, "date_created": f"2025-05-2{6 + n}T08:00:00",
                               "reason": f"refund {n}", "line_items": [{"sku": "LMP-DSK"}]}
                              for n in range(3)]}

    def __call__(self, request):
        auth = request.headers.get("authorization", "")
        if auth != "Basic " + base64.b64encode(b"ck_test:cs_test").decode():
            return 401, {}, {"code": "woocommerce_rest_cannot_view", "message": "no",
                             "data": {"status": 401}}
        parts = request.path.removeprefix("/wp-json/wc/v3/").split("/")
        order = self.orders.get(int(parts[1])) if parts[0] == "orders" else None
        if order is None:
            return 404, {}, {"code": "woocommerce_rest_shop_order_invalid_id",
                             "message": "Invalid ID.", "data": {"status": 404}}
        if len(parts) == 3 and parts[2] == "refunds":
            page, size = int(request.query["page"]), int(request.query["per_page"])
            size = min(size, 2)  # this fake's page size: forces a second page
            refunds = self.refunds.get(order["id"], [])
            pages = max(1, -(-len(refunds) // size))
            return 200, {"X-WP-TotalPages": str(pages)}, refunds[(page - 1) * size:page * size]
        if request.method == "PUT":
            if request.body.get("status") == "cancelled" and order["status"] == "cancelled":
                return 400, {}, {"code": "woocommerce_rest_invalid", "message": "Already.",
                                 "data": {"status": 400}}
            order.update({k: v for k, v in request.body.items() if k != "shipping"})
            order["shipping"].update(request.body.get("shipping", {}))
        return 200, {}, order


@pytest.fixture
def woo(serve, waits):
    fake = FakeWooCommerce()
    server = serve(fake)
    backend = WooCommerceOrderBackend(server.url, "ck_test", "cs_test",
                                      options=HttpOptions(retries=2, backoff_s=0.25),
                                      sleep=waits.append)
    yield backend, fake, server
    backend.close()


def test_find_verifies_number_and_billing_email(woo):
    backend, _, _ = woo
    order = backend.find("#501", " ADA@example.com ")
    assert (order.id, order.status, order.currency, order.subtotal, order.shipping,
            order.total) == ("501", "processing", "EUR", 64.0, 6.9, 70.9)
    assert order.items[0].sku == "LMP-DSK"
    assert order.shipping_address == "Ada Byrne, 1 Dock Road, Dublin, D01, IE"
    assert backend.find("501", "eve@example.com") is None
    assert backend.find("999", EMAIL) is None
    assert backend.find("abc", EMAIL) is None
    delivered = backend.find("502", EMAIL)
    assert (delivered.status, delivered.delivered) == ("delivered", date(2025, 5, 25))


def test_cancel_only_before_shipping_and_on_the_platform(woo):
    backend, fake, server = woo
    assert backend.cancel("501", EMAIL).status == "canceled"
    assert fake.orders[501]["status"] == "cancelled"
    assert server.requests[-1].method == "PUT"
    with pytest.raises(OrderNotCancellable, match="is canceled"):
        backend.cancel("501", EMAIL)
    with pytest.raises(OrderNotCancellable, match="is delivered"):
        backend.cancel("502", EMAIL)
    with pytest.raises(OrderNotFound):
        backend.cancel("501", "eve@example.com")


def test_address_change_goes_to_the_platform(woo):
    backend, fake, _ = woo
    changed = backend.change_address("501", EMAIL, " 9 Quay St,\n Galway ")
    assert fake.orders[501]["shipping"]["address_1"] == "9 Quay St, Galway"
    assert "9 Quay St, Galway" in changed.shipping_address


def test_returns_are_refunds_across_pages_and_new_ones_are_refused(woo):
    backend, _, server = woo
    refunds = backend.returns_of("502", EMAIL)
    assert [r.reference for r in refunds] == ["refund-900", "refund-901", "refund-902"]
    assert {r.status for r in refunds} == {"refunded"}
    assert [r.query["page"] for r in server.requests if r.path.endswith("refunds")] == ["1", "2"]
    with pytest.raises(ReturnNotAllowed, match="no returns API"):
        backend.create_return("502", EMAIL, "LMP-DSK", "broken", date(2025, 5, 30))


def test_429_is_retried_after_the_wait_the_platform_asks(woo, waits):
    backend, _, server = woo
    server.failures += [(429, {"Retry-After": "2"}), (503, {})]
    assert backend.find("501", EMAIL).id == "501"
    assert waits == [2.0, 0.5]  # Retry-After, then backoff 0.25 * 2 ** 1


def test_an_outage_is_one_clear_error(woo, waits):
    backend, _, server = woo
    server.failures += [(503, {})] * 3
    with pytest.raises(OrderSystemUnavailable, match="WooCommerce is unavailable: HTTP 503 "
                                                     "after 3 attempt"):
        backend.find("501", EMAIL)
    assert waits == [0.25, 0.5]


def test_bad_credentials_and_a_dead_server_are_unavailable(serve, waits):
    server = serve(FakeWooCommerce())
    wrong = WooCommerceOrderBackend(server.url, "ck_test", "wrong", sleep=waits.append)
    with pytest.raises(OrderSystemUnavailable, match="refused our credentials"):
        wrong.find("501", EMAIL)
    dead = WooCommerceOrderBackend("http://127.0.0.1:1", "ck", "cs",
                                   options=HttpOptions(retries=1, backoff_s=0),
                                   sleep=waits.append)
    with pytest.raises(OrderSystemUnavailable, match="ConnectError"):
        dead.find("501", EMAIL)
