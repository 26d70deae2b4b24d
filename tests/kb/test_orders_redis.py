"""The demo backend keeps shoppers' changes in a real Redis, and works for any store."""

import threading
from datetime import date

import pytest
import redis

from kb import (DemoOrderBackend, KnowledgeBase, OrderNotCancellable, OrderNotFound,
                OrderSystemUnavailable, ReturnNotAllowed)
from kb.platforms import MagentoOrderBackend, ShopifyOrderBackend, WooCommerceOrderBackend

TODAY = date(2025, 6, 1)
RONI = "roni_cost@example.com"


def first(backend, status):
    return next(o for o in backend.all_orders() if o.status == status)


def test_a_cancellation_survives_building_a_new_backend(demo_kb, redis_client):
    backend = DemoOrderBackend.seeded(demo_kb, TODAY, redis_client=redis_client)
    order = first(backend, "processing")
    backend.cancel(order.id, order.email)
    backend.change_address(first(backend, "pending").id, first(backend, "pending").email,
                           "9 Quay Street, Galway")
    request = backend.create_return("000000101", RONI, "WS03-XS-Red", "too small", TODAY)

    restarted = DemoOrderBackend.seeded(demo_kb, TODAY, redis_client=redis_client)
    assert restarted.find(order.id, order.email).status == "canceled"
    assert restarted.returns_of("000000101", RONI) == [request]
    assert any(o.shipping_address == "9 Quay Street, Galway" for o in restarted.all_orders())
    with pytest.raises(OrderNotCancellable, match="is canceled"):
        restarted.cancel(order.id, order.email)
    # the refunded sample return is still there beside any new one
    assert [r.status for r in restarted.returns_of("000000102", RONI)] == ["refunded"]


def test_namespaces_keep_stores_apart_and_memory_backends_forget(demo_kb, redis_client):
    one = DemoOrderBackend.seeded(demo_kb, TODAY, redis_client=redis_client, namespace="a")
    order = first(one, "pending")
    one.cancel(order.id, order.email)
    other = DemoOrderBackend.seeded(demo_kb, TODAY, redis_client=redis_client, namespace="b")
    assert other.find(order.id, order.email).status == "pending"
    assert DemoOrderBackend.seeded(demo_kb, TODAY).find(order.id, order.email).status == "pending"


def test_two_processes_worth_of_backends_cancel_an_order_once(demo_kb, redis_server):
    clients = [redis.Redis.from_url(redis_server) for _ in range(6)]
    clients[0].flushall()
    backends = [DemoOrderBackend.seeded(demo_kb, TODAY, redis_client=c) for c in clients]
    order = first(backends[0], "processing")
    barrier = threading.Barrier(len(backends))
    outcomes = []

    def cancel(backend):
        barrier.wait()
        try:
            backend.cancel(order.id, order.email)
            outcomes.append("canceled")
        except OrderNotCancellable:
            outcomes.append("refused")

    threads = [threading.Thread(target=cancel, args=(b,)) for b in backends]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["canceled"] + ["refused"] * 5
    for client in clients:
        client.close()


def test_verification_still_holds_with_redis(demo_kb, redis_client):
    backend = DemoOrderBackend.seeded(demo_kb, TODAY, redis_client=redis_client)
    with pytest.raises(OrderNotFound):
        backend.cancel("000000101", "someone@example.com")
    assert backend.find("000000999", RONI) is None


def test_an_unreachable_redis_is_one_clear_error(demo_kb, redis_server):
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    # Port 1 refuses at once; no client-side retries, so the test measures our mapping only.
    dead = redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2,
                       retry=Retry(NoBackoff(), 0))
    backend = DemoOrderBackend.seeded(demo_kb, TODAY, redis_client=dead)
    with pytest.raises(OrderSystemUnavailable, match="Redis"):
        backend.find("000000101", RONI)
    with pytest.raises(OrderSystemUnavailable):
        backend.cancel("000000101", RONI)


def test_any_store_gets_demo_orders_without_a_crash(lighting_store, tmp_path):
    kb = KnowledgeBase.from_folder(lighting_store)
    backend = DemoOrderBackend.seeded(kb, TODAY)
    orders = backend.all_orders()
    assert len(orders) == 22
    skus = {p.sku for p in kb.products}
    assert all(i.sku in skus for o in orders for i in o.items)
    assert {o.shipping_method for o in orders} <= set(kb.shipping.methods)
    assert all(o.currency == "EUR" for o in orders)
    delivered = next(o for o in orders if o.status == "delivered"
                     and (TODAY - o.delivered).days <= 14)
    assert backend.create_return(delivered.id, delivered.email, delivered.items[0].sku, "",
                                 TODAY).status == "requested"

    bare = tmp_path / "bare"
    (bare / "articles" / "faq").mkdir(parents=True)
    (bare / "articles" / "faq" / "hello.md").write_text("# Hello\nWe sell lamps.\n")
    (bare / "products.csv").write_text("sku,name,price,qty\nL1,Lamp,20,3\n")
    plain = KnowledgeBase.from_folder(bare)
    assert (plain.shipping, plain.return_policy) == (None, None)
    backend = DemoOrderBackend.seeded(plain, TODAY)
    assert all(o.shipping == 0.0 and o.total == o.subtotal for o in backend.all_orders())
    done = first(backend, "delivered")
    with pytest.raises(ReturnNotAllowed, match="states no return window"):
        backend.create_return(done.id, done.email, "L1", "", TODAY)


@pytest.mark.parametrize("platform, connector, first_id, example", [
    ("shopify", ShopifyOrderBackend, "1001", "#1001"),
    ("woocommerce", WooCommerceOrderBackend, "101", "#101"),
    ("magento", MagentoOrderBackend, "000000101", "000000101"),
])
def test_demo_orders_are_numbered_the_way_the_stores_platform_numbers_them(
        lighting_store, redis_client, platform, connector, first_id, example):
    settings = lighting_store / "store.yaml"
    settings.write_text(f"platform: {platform}\n" + settings.read_text())
    kb = KnowledgeBase.from_folder(lighting_store)
    assert kb.platform == platform and not kb.problems
    backend = DemoOrderBackend.seeded(kb, TODAY, redis_client=redis_client, namespace=platform)
    orders = backend.all_orders()
    assert orders[0].id == first_id and len({o.id for o in orders}) == len(orders) == 22
    # the bot reads shoppers' numbers by the same rule as the platform's connector would
    assert backend.order_number_digits == connector.order_number_digits
    assert all(len(o.id) >= backend.order_number_digits for o in orders)
    assert backend.order_number_example == example
    order = first(backend, "processing")
    assert backend.find(f"#{order.id}", f" {order.email.upper()}") == order
    backend.cancel(f"#{order.id}", order.email)
    restarted = DemoOrderBackend.seeded(kb, TODAY, redis_client=redis_client, namespace=platform)
    assert restarted.find(order.id, order.email).status == "canceled"


def test_a_store_that_names_no_platform_keeps_the_demos_numbering(demo_kb, lighting_store):
    assert demo_kb.platform is None
    demo = DemoOrderBackend.seeded(demo_kb, TODAY)
    assert (demo.order_number_digits, demo.order_number_example) == (5, "000000101")
    other = DemoOrderBackend.seeded(KnowledgeBase.from_folder(lighting_store), TODAY)
    assert other.all_orders()[0].id == "000000101" and other.order_number_digits == 5
