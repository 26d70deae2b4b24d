"""Wrong order/email pairs counted across conversations: a guesser who opens a new conversation
(or verifies an order of their own) between guesses is stopped per order number and per email,
whether the order exists or not, while an order a conversation has open stays open. Real demo
orders, a memory session store, no models."""

from __future__ import annotations

import re
from datetime import date

import pytest
from models import Entities, NluResult, Sentiment

from bot.dialogue import policy
from bot.dialogue.orders import order_flows, order_verification
from bot.dialogue.orders.verification_attempts import VerificationAttempts
from bot.dialogue.understanding import Understanding
from bot.sessions.memory_store import MemorySessionStore
from bot.types import Session
from kb.orders import DemoOrderBackend

_ORDER = re.compile(r"\b\d{9}\b")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
CARLOS, ORDER = "carlos.diaz@example.com", "000000112"


def _nlu(text: str) -> Understanding:
    entities = Entities(order_ids=tuple(_ORDER.findall(text)), emails=tuple(_EMAIL.findall(text)))
    return Understanding(NluResult("other", 0.3, True), entities, Sentiment("neutral", 0.9))


@pytest.fixture
def attempts():
    return VerificationAttempts(MemorySessionStore(), per_hour=5)


@pytest.fixture
def orders(demo_kb):
    return DemoOrderBackend.seeded(demo_kb, date.today())


def _ask(attempts, orders, demo_kb, session: Session, text: str) -> str:
    ctx = order_flows.FlowContext(demo_kb, orders, date.today(), attempts=attempts)
    return order_flows.run(policy.ORDER_STATUS, session, text, _nlu(text), ctx).text


def test_guesses_at_one_order_in_new_conversations_stop_even_the_right_pair(attempts, orders,
                                                                         demo_kb):
    for i in range(5):  # five conversations, one wrong email each
        reply = _ask(attempts, orders, demo_kb, Session(f"guess-{i}"), f"{ORDER} guess{i}@example.com")
        assert "couldn't find" in reply
    session = Session("owner-or-guesser")
    refused = _ask(attempts, orders, demo_kb, session, f"{ORDER} {CARLOS}")
    assert "Supernova" not in refused and "human agent" in refused
    assert session.handoff_owner == "queue"
    # another order of another customer is not touched
    assert "000000101" in _ask(attempts, orders, demo_kb, Session("roni"),
                               "000000101 roni_cost@example.com")


def test_a_match_in_between_keeps_the_count_of_guesses_at_the_other_order(attempts, orders,
                                                                          demo_kb):
    session = Session("guesser")
    for i in range(5):
        _ask(attempts, orders, demo_kb, session, f"000000119 try{i}@example.com")
        if i % 2:  # the guesser's own order clears the conversation's count
            assert "000000101" in _ask(attempts, orders, demo_kb, session,
                                       "000000101 roni_cost@example.com")
    assert "Lando" not in _ask(attempts, orders, demo_kb, Session("next"),
                               "000000119 alex.morgan@example.com")


def test_guesses_at_one_email_stop_its_real_order_and_numbers_never_placed_count_the_same(
        attempts, orders, demo_kb):
    for number in ("000000190", "000000191", "000000192", "000000193", "000000101"):
        assert "couldn't find" in _ask(attempts, orders, demo_kb, Session(f"s{number}"),
                                       f"{number} jane.doe@example.com")
    assert "Zoltan" not in _ask(attempts, orders, demo_kb, Session("jane"),
                                "000000107 jane.doe@example.com")


def test_a_number_and_an_email_count_however_they_are_written(attempts):
    for order_id, email in (("#000000177", "X@Example.com"), (" 177", " x@example.com "),
                            ("000000177", "x@EXAMPLE.com"), ("177", "x@example.com"),
                            ("#177", "x@example.com")):
        assert not attempts.refused(order_id, email)
        attempts.wrong(order_id, email)
    assert attempts.refused("000000177", "someone@example.com")
    assert attempts.refused("000000178", "X@example.COM")
    assert not attempts.refused("000000178", "someone@example.com")


def test_an_order_a_conversation_has_open_stays_open_while_others_guess(attempts, orders,
                                                                       demo_kb):
    owner = Session("owner")
    assert "on its way" in _ask(attempts, orders, demo_kb, owner, f"{ORDER} {CARLOS}")
    for i in range(6):
        _ask(attempts, orders, demo_kb, Session(f"g{i}"), f"{ORDER} g{i}@example.com")
    assert "on its way" in _ask(attempts, orders, demo_kb, owner, "and where is it now?")
    assert attempts.refused(ORDER, CARLOS)  # a new conversation is refused for the hour


def test_without_a_limit_only_each_conversations_own_holds(orders, demo_kb):
    off = VerificationAttempts(MemorySessionStore(), per_hour=0)
    for i in range(8):
        _ask(off, orders, demo_kb, Session(f"g{i}"), f"{ORDER} g{i}@example.com")
    assert "on its way" in _ask(off, orders, demo_kb, Session("owner"), f"{ORDER} {CARLOS}")
    with pytest.raises(ValueError):
        VerificationAttempts(MemorySessionStore(), per_hour=-1)
    with pytest.raises(ValueError):
        order_verification.VerificationPolicy(wrong_pairs_per_hour=-1)


# --- whose guesses: the guesser's limits are not the owner's -------------------------------------

@pytest.fixture
def shared():
    """The counts a deployment keeps by default (5 per client and order, 20 per client, 50 per
    order over all clients), before any client is named."""
    return VerificationAttempts.of(MemorySessionStore(), order_verification.VerificationPolicy())


def test_a_guesser_who_spent_its_guesses_at_an_order_does_not_lock_its_owner_out(shared, orders,
                                                                                 demo_kb):
    guesser, owner = shared.for_client("198.51.100.7"), shared.for_client("203.0.113.20")
    for i in range(8):  # eight conversations, one wrong email each
        _ask(guesser, orders, demo_kb, Session(f"guess-{i}"), f"{ORDER} guess{i}@example.com")
    refused = _ask(guesser, orders, demo_kb, Session("guesser-again"), f"{ORDER} {CARLOS}")
    assert "Supernova" not in refused and "human agent" in refused  # enumeration still stops
    assert "on its way" in _ask(owner, orders, demo_kb, Session("owner"), f"{ORDER} {CARLOS}")
    # nor the email's owner, whose other orders the guesser named with it
    for number in ("000000190", "000000191", "000000192", "000000193", "000000194"):
        _ask(guesser, orders, demo_kb, Session(f"n{number}"), f"{number} jane.doe@example.com")
    assert guesser.refused("000000107", "jane.doe@example.com")
    assert not owner.refused("000000107", "jane.doe@example.com")


def test_one_client_scanning_many_orders_with_many_emails_stops(shared, orders, demo_kb):
    scanner = shared.for_client("198.51.100.8")
    for i in range(20):  # a new number and a new email each time: no per-order count is reached
        assert not scanner.refused(f"0000002{i:02d}", f"scan{i}@example.com")
        scanner.wrong(f"0000002{i:02d}", f"scan{i}@example.com")
    assert scanner.refused("000000101", "roni_cost@example.com")
    assert "000000101" in _ask(shared.for_client("203.0.113.21"), orders, demo_kb,
                               Session("roni"), "000000101 roni_cost@example.com")


def test_many_clients_at_one_order_slow_to_one_pair_each_and_the_owner_still_gets_in(shared,
                                                                                     orders,
                                                                                     demo_kb):
    for n in range(10):  # ten addresses, five wrong pairs each: the order's ceiling (50)
        bot = shared.for_client(f"198.51.100.{100 + n}")
        for i in range(5):
            bot.wrong(ORDER, f"bot{n}x{i}@example.com")
    one_more = shared.for_client("198.51.100.200")  # a fresh address: one pair, then none
    assert not one_more.refused(ORDER, "fresh@example.com")
    one_more.wrong(ORDER, "fresh@example.com")
    assert one_more.refused(ORDER, "again@example.com")
    assert "on its way" in _ask(shared.for_client("203.0.113.22"), orders, demo_kb,
                                Session("owner"), f"{ORDER} {CARLOS}")
    with pytest.raises(ValueError):
        order_verification.VerificationPolicy(order_wrong_pairs_per_hour=-1)
