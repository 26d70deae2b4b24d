"""A second store (bench/data/stores/brightline) served by a real `shopdesk serve` process on a
real redis-server: it starts, quotes shipping from its settings, says plainly that it runs no
promotions, and a shopper's cancellation of a demo order survives a restart.

Every turn here is written by code (quotes, flows), so the generator loads but never runs.
"""

from __future__ import annotations

from datetime import date
from typing import Iterator

import pytest

from bot.settings import Settings
from kb.orders import DemoOrderBackend

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def store_data_dir(tmp_path_factory):
    """A data folder of its own (the store's index is built there) sharing the models."""
    folder = tmp_path_factory.mktemp("store-data")
    (folder / "models").symlink_to(Settings.from_env().models_dir.resolve())
    return folder


@pytest.fixture(scope="module")
def service(second_store, store_data_dir, redis_server, tmp_path_factory,
            service_process) -> Iterator:
    env = {"SHOPDESK_STORE": str(second_store), "SHOPDESK_DATA_DIR": str(store_data_dir),
           "SHOPDESK_REDIS_URL": redis_server, "SHOPDESK_ORDERS": "demo",
           "SHOPDESK_RATE_LIMIT_PER_MINUTE": "0", "SHOPDESK_GENERATOR_THREADS": "1",
           "SHOPDESK_AGENTS_FILE": ""}
    process = service_process("brightline", env, tmp_path_factory.mktemp("serve-store"))
    try:
        process.start()
        process.wait_ready()
        yield process
    finally:
        process.stop()


def test_the_second_store_starts_and_quotes_shipping_from_its_settings(service):
    reply = service.open("How much is shipping to Great Britain?")["reply"]
    assert reply["action"] == "shipping_quote"
    assert "€19.00" in reply["text"] and "$" not in reply["text"]


def test_it_says_plainly_what_it_cannot_do(service):
    reply = service.open("Is SAVE10 a valid promo code?")["reply"]
    assert reply["action"] == "promotions"
    assert "don't know of any promotions" in reply["text"]
    assert "can't check the code SAVE10" in reply["text"]


def test_a_cancellation_survives_a_restart_on_redis(service, second_kb):
    order = next(o for o in DemoOrderBackend.seeded(second_kb, date.today()).all_orders()
                 if o.status == "processing")
    first = service.open(f"Please cancel order {order.id}")
    session = first["session_id"]
    assert "email" in first["reply"]["text"]
    assert "Shall I cancel it?" in service.chat(session, order.email)["reply"]["text"]
    done = service.chat(session, "yes")["reply"]
    assert f"order #{order.id} is canceled" in done["text"]

    service.stop()
    service.start()  # a fresh process: the seeded orders are rebuilt, the change comes from Redis
    service.wait_ready()
    later = service.open(f"where is my order {order.id}?")["session_id"]
    status = service.chat(later, order.email)["reply"]
    assert status["action"] == "order_status" and "canceled" in status["text"]
