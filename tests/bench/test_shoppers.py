"""bench/shoppers.py's bookkeeping: each conversation meets the demo orders as seeded, so a
cancel in one conversation (or suite) never changes what another is told."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace

import pytest

from bot.types import Reply
from kb.demo_orders import demo_orders
from kb.orders import DemoOrderBackend


@pytest.fixture(scope="module")
def shoppers(bench_script):
    return bench_script("shoppers.py")


@dataclass
class _OrderDesk:
    """Stands in for the dialogue service: "cancel" cancels the order, anything else reads
    its status; no models needed to test the runner's state."""

    kb: object
    orders: DemoOrderBackend
    order_id: str
    email: str

    def today(self) -> date:
        return date.today()

    def reply(self, message):
        if message.text == "cancel":
            self.orders.cancel(self.order_id, self.email)
        status = self.orders.find(self.order_id, self.email).status
        return SimpleNamespace(reply=Reply(f"Your order is {status}."), guard="")

    def session(self, session_id):
        return SimpleNamespace(state={})


def test_a_cancel_in_one_conversation_is_not_seen_by_the_next(shoppers, demo_kb):
    orders = DemoOrderBackend.seeded(demo_kb, date.today())
    order = next(o for o in demo_orders(demo_kb, date.today())[0] if o.status == "processing")
    desk = _OrderDesk(demo_kb, orders, order.id, order.email)
    cancels = {"name": "cancels", "skills": ["correction"],
               "turns": [{"user": "cancel", "expect": {"text_any": ["canceled"]}}]}
    asks = {"name": "asks", "skills": ["facts"],
            "turns": [{"user": "status?", "expect": {"text_any": ["processing"]}}]}
    rows = shoppers.play(desk, [cancels, asks]) + shoppers.play(desk, [asks])
    assert [row["passed"] for row in rows] == [True, True, True]
    assert desk.orders is orders  # the service gets its own backend back, never changed
    assert orders.find(order.id, order.email).status == "processing"
