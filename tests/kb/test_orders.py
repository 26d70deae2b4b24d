"""The demo order backend: verification by number and email, cancels, address changes, returns."""

import re
import threading
from dataclasses import replace
from datetime import date, timedelta

import pytest

from kb import (ORDER_STATUSES, DemoOrderBackend, Order, OrderBackend, OrderNotCancellable,
                OrderNotChangeable, OrderNotFound, ReturnNotAllowed)

TODAY = date(2025, 6, 1)
RONI = "roni_cost@example.com"


@pytest.fixture
def backend(demo_kb) -> DemoOrderBackend:
    """A fresh backend per test: mutations must not leak between tests."""
    return DemoOrderBackend.seeded(demo_kb, TODAY)


def order_where(backend, status, days_ago=None) -> Order:
    """The first order in ``status``, delivered (or shipped/placed) ``days_ago`` days ago."""
    for order in backend.all_orders():
        when = order.delivered or order.shipped or order.created
        if order.status == status and (days_ago is None or when == TODAY - timedelta(days_ago)):
            return order
    raise LookupError(f"no {status} order from {days_ago} days ago")


def test_the_demo_orders_cover_every_status_with_magento_ids(backend):
    table = backend.table()
    assert len(table) == 22
    assert {status for _, _, status in table} == set(ORDER_STATUSES)
    assert [order_id for order_id, _, _ in table] == [f"{n:09d}" for n in range(101, 123)]
    assert all(email.endswith("@example.com") for _, email, _ in table)


def test_the_luma_sample_orders_come_first(backend):
    first, second = (backend.find(order_id, RONI) for order_id in ("000000101", "000000102"))
    assert [(i.sku, i.qty, i.price, dict(i.options)) for i in first.items] == [
        ("WS03-XS-Red", 1, 29.0, {"size": "XS", "color": "Red"})]
    assert first.delivered == TODAY - timedelta(days=5)
    assert second.items[0].sku == "WS08-XS-Blue"
    [refund] = backend.returns_of("000000102", RONI)
    assert (refund.item_sku, refund.status) == ("WS08-XS-Blue", "refunded")


def test_items_are_real_catalog_variants_and_totals_follow_the_rate_table(backend, demo_kb):
    for order in backend.all_orders():
        for item in order.items:
            product = demo_kb.product(item.sku)
            assert item.name == product.name
            assert item.sku == product.sku or item.sku in {v.sku for v in product.variants}
        assert order.subtotal == round(sum(i.price * i.qty for i in order.items), 2)
        region = re.search(r"\b([A-Z]{2}) \d{5}$", order.shipping_address).group(1)
        [quote] = demo_kb.shipping.quote(order.subtotal, order.shipping_method, region)
        assert order.shipping == quote.total
        assert order.total == round(order.subtotal + order.shipping, 2)
        assert bool(order.tracking) == (order.shipped is not None)
        assert order.created <= order.updated <= TODAY


def test_seeding_is_deterministic_and_relative_to_today(demo_kb):
    one, two = DemoOrderBackend.seeded(demo_kb, TODAY), DemoOrderBackend.seeded(demo_kb, TODAY)
    assert one.all_orders() == two.all_orders()
    later = DemoOrderBackend.seeded(demo_kb, TODAY + timedelta(days=100))
    shifted = [replace(o, created=o.created - timedelta(100), updated=o.updated - timedelta(100),
                       shipped=o.shipped and o.shipped - timedelta(100),
                       delivered=o.delivered and o.delivered - timedelta(100))
               for o in later.all_orders()]
    assert shifted == list(one.all_orders())


@pytest.mark.parametrize("order_id, email", [
    ("000000101", RONI), ("#000000101", RONI), ("101", RONI),
    (" 000000101 ", " Roni_Cost@Example.COM "),
])
def test_find_accepts_the_number_and_email_as_a_shopper_types_them(backend, order_id, email):
    assert backend.find(order_id, email).id == "000000101"


def test_find_needs_both_the_number_and_the_email(backend):
    other = next(o for o in backend.all_orders() if o.email != RONI)
    assert backend.find("000000101", other.email) is None
    assert backend.find(other.id, RONI) is None
    assert backend.find("000000999", RONI) is None
    assert backend.find("000000101", "") is None
    with pytest.raises(OrderNotFound, match="order number and email") as err:
        backend.cancel(other.id, RONI)
    assert other.id not in str(err.value)


@pytest.mark.parametrize("status", ["pending", "processing"])
def test_orders_that_have_not_shipped_can_be_canceled(backend, status):
    order = order_where(backend, status)
    canceled = backend.cancel(order.id, order.email)
    assert (canceled.status, canceled.updated) == ("canceled", TODAY)
    assert backend.find(order.id, order.email) == canceled


@pytest.mark.parametrize("status", ["shipped", "delivered", "canceled"])
def test_shipped_delivered_or_canceled_orders_cannot_be_canceled(backend, status):
    order = order_where(backend, status)
    with pytest.raises(OrderNotCancellable, match=f"is {status}"):
        backend.cancel(order.id, order.email)
    assert backend.find(order.id, order.email) == order


def test_the_address_changes_only_before_shipping(backend):
    order = order_where(backend, "processing")
    changed = backend.change_address(order.id, order.email, "  1 New Street,\n Calder, MI 49628 ")
    assert changed.shipping_address == "1 New Street, Calder, MI 49628"
    shipped = order_where(backend, "shipped")
    with pytest.raises(OrderNotChangeable, match="is shipped"):
        backend.change_address(shipped.id, shipped.email, "1 New Street")
    with pytest.raises(ValueError, match="empty"):
        backend.change_address(order.id, order.email, "   ")


def test_a_return_5_days_after_delivery_is_opened(backend):
    request = backend.create_return("000000101", RONI, "WS03-XS-Red", "too small", TODAY)
    assert (request.reference, request.order_id, request.item_sku, request.reason,
            request.created, request.status) == (
        "RMA-000000101-01", "000000101", "WS03-XS-Red", "too small", TODAY, "requested")
    assert backend.returns_of("000000101", RONI) == [request]
    with pytest.raises(ReturnNotAllowed, match="already has a return"):
        backend.create_return("000000101", RONI, "WS03-XS-Red", "again", TODAY)


def test_a_return_45_days_after_delivery_is_refused(backend):
    order = order_where(backend, "delivered", days_ago=45)
    with pytest.raises(ReturnNotAllowed, match=r"45 days ago\); returns are accepted within 30"):
        backend.create_return(order.id, order.email, order.items[0].sku, "changed mind", TODAY)


def test_the_window_edge_is_30_days(backend):
    last_day = order_where(backend, "delivered", days_ago=30)
    backend.create_return(last_day.id, last_day.email, last_day.items[0].sku, "", TODAY)
    too_late = order_where(backend, "delivered", days_ago=31)
    with pytest.raises(ReturnNotAllowed, match="31 days ago"):
        backend.create_return(too_late.id, too_late.email, too_late.items[0].sku, "", TODAY)


@pytest.mark.parametrize("status", ["pending", "processing", "shipped", "canceled"])
def test_orders_not_delivered_cannot_be_returned(backend, status):
    order = order_where(backend, status)
    with pytest.raises(ReturnNotAllowed, match=f"is {status}, not delivered"):
        backend.create_return(order.id, order.email, order.items[0].sku, "", TODAY)


def test_the_item_must_be_in_the_order_and_a_parent_sku_finds_its_variant(backend):
    with pytest.raises(ReturnNotAllowed, match="'MH01' is not in order 000000101"):
        backend.create_return("000000101", RONI, "MH01", "", TODAY)
    request = backend.create_return("000000101", RONI, "ws03", "", TODAY)
    assert request.item_sku == "WS03-XS-Red"


def test_returns_need_verification_too(backend):
    with pytest.raises(OrderNotFound):
        backend.returns_of("000000102", "someone@example.com")
    with pytest.raises(OrderNotFound):
        backend.create_return("000000101", "someone@example.com", "WS03-XS-Red", "", TODAY)


def test_backends_do_not_share_state(demo_kb, backend):
    order = order_where(backend, "pending")
    backend.cancel(order.id, order.email)
    assert DemoOrderBackend.seeded(demo_kb, TODAY).find(order.id, order.email).status == "pending"


def test_concurrent_cancels_succeed_once(backend):
    order = order_where(backend, "processing")
    barrier = threading.Barrier(8)
    outcomes = []

    def cancel():
        barrier.wait()
        try:
            backend.cancel(order.id, order.email)
            outcomes.append("canceled")
        except OrderNotCancellable:
            outcomes.append("refused")

    threads = [threading.Thread(target=cancel) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["canceled"] + ["refused"] * 7


def test_the_interface_is_abstract():
    with pytest.raises(TypeError):
        OrderBackend()


def test_orders_reject_unknown_statuses(backend):
    with pytest.raises(ValueError, match="unknown order status 'lost'"):
        replace(backend.all_orders()[0], status="lost")
