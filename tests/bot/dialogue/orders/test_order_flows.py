"""The order flows' slots over several turns: answers that change their mind, an item named
before the order is opened or taken back, and a refusal pressed on. Real demo orders, no models."""

from __future__ import annotations

import re
from datetime import date

import pytest
from models import Entities, NluResult, Sentiment

from bot.dialogue import context, policy
from bot.dialogue.orders import order_flows
from bot.dialogue.state import DialogueState
from bot.dialogue.store_pages import shipping_followups
from bot.dialogue.understanding import Understanding
from bot.types import Session
from kb.orders import DemoOrderBackend

_ORDER = re.compile(r"\b\d{9}\b")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _nlu(text: str) -> Understanding:
    """What the entity extractor finds in the message (order numbers, emails), intent unknown."""
    entities = Entities(order_ids=tuple(_ORDER.findall(text)), emails=tuple(_EMAIL.findall(text)))
    return Understanding(NluResult("other", 0.3, True), entities, Sentiment("neutral", 0.9))


@pytest.fixture
def flow(demo_kb):
    """Play turns of one flow over a fresh copy of the demo orders."""
    today = date.today()
    ctx = order_flows.FlowContext(demo_kb, DemoOrderBackend.seeded(demo_kb, today), today)
    session = Session("flows")

    def turn(action: str, text: str) -> str:
        return order_flows.run(action, session, text, _nlu(text), ctx).text

    turn.session = session
    turn.orders = ctx.orders
    turn.ctx = ctx
    return turn


@pytest.mark.parametrize("text, answer", [
    ("hmm nah never mind, keep it", False), ("actually no keep it", False), ("no leave it", False),
    ("don't cancel it", False), ("sure, don't", False), ("no wait, yes cancel it", True),
    ("ugh actually yes cancel it, sorry", True), ("y", True), ("go ahead pls", True),
    ("why is that", None), ("000000119", None)])
def test_the_last_yes_or_no_written_is_the_answer(text, answer):
    assert order_flows.confirmation(text) is answer


def test_a_change_of_mind_keeps_the_order_and_a_later_yes_asks_again(flow):
    assert "Shall I cancel it?" in flow(policy.CANCEL_ORDER, "cancel order 000000119 alex.morgan@example.com")
    # the conversation's rules give the yes/no to the flow, whatever the classifier reads
    state = DialogueState()
    assert context.decide(state, flow.session, "hmm nah never mind, keep it",
                          _nlu("")).action == policy.CANCEL_ORDER
    assert "stays as it is" in flow(policy.CANCEL_ORDER, "hmm nah never mind, keep it")
    assert flow.orders.find("000000119", "alex.morgan@example.com").status == "pending"
    assert "Shall I cancel it?" in flow(policy.CANCEL_ORDER, "actually yes cancel it")


def test_the_item_named_before_the_order_opens_is_kept_and_can_be_taken_back(flow):
    assert "email" in flow(policy.RETURN, "i want to return the jacket from order 000000108")
    assert "Why are you returning the Stellar Solar Jacket?" in flow(policy.RETURN, "roni_cost@example.com")
    # another item of the order replaces the chosen one, and that message is no reason
    assert "Why are you returning the Carina Basic Capri?" in flow(policy.RETURN, "no wait not the jacket, the capri")
    done = flow(policy.RETURN, "didnt fit")
    assert "Carina Basic Capri is registered" in done and "RMA-000000108" in done


def test_a_return_or_address_change_called_off_ends_the_flow_and_changes_nothing(flow):
    assert "Why are you returning the Emma Leggings?" in flow(policy.RETURN, "return from 000000106 priya.patel@example.com")
    # "dont bother, ill keep them" is no return reason: the flow ends and says so
    assert flow(policy.RETURN, "actually dont bother, ill keep them") == "Okay, no return is opened for order #000000106."
    assert not flow.session.flow and not flow.orders.returns_of("000000106", "priya.patel@example.com")
    address = flow.orders.find("000000117", "roni_cost@example.com").shipping_address
    assert "new delivery address" in flow(policy.CHANGE_ADDRESS, "change the address on 000000117 roni_cost@example.com")
    # "never mind, the address is fine" is no new address
    assert flow(policy.CHANGE_ADDRESS, "never mind, the address is fine") == \
        "Okay, order #000000117 keeps its delivery address."
    assert flow.orders.find("000000117", "roni_cost@example.com").shipping_address == address
    assert not flow.session.flow
    # "Changed my mind" is one of the return reasons offered, not a call-off
    flow(policy.RETURN, "return from 000000106 priya.patel@example.com")
    assert "registered" in flow(policy.RETURN, "Changed my mind")


def test_the_item_question_names_the_items_and_the_item_named_last_is_the_choice(flow):
    assert "email" in flow(policy.RETURN, "i'd like to send back part of order 000000105")
    asked = flow(policy.RETURN, "priya.patel@example.com")
    assert all(name in asked for name in ("Sprite Stasis Ball 75 cm", "Ryker LumaTech™ Tee (V-neck)",
                                          "Quest Lumaflex™ Band"))
    # two items named: the one after the change of mind is the choice
    assert "Why are you returning the Ryker LumaTech™ Tee (V-neck)?" in flow(
        policy.RETURN, "the band, wait no, make it the tee")


def test_pressing_on_a_refusal_goes_to_a_person_and_only_right_after_it(flow):
    refused = flow(policy.RETURN, "return something from 000000102 roni_cost@example.com")
    assert "can't be returned" in refused and flow.session.slots.get(order_flows.REFUSED)
    decision = context.decide(DialogueState(), flow.session, "its only 3 days over, cant u just let me return it anyway?",
                              _nlu(""))
    assert decision.action == policy.HANDOFF
    fresh = context.decide(DialogueState(), Session("fresh"), "cant u just let me return it anyway?", _nlu(""))
    assert fresh is None or fresh.action != policy.HANDOFF  # nothing was refused in that conversation


def test_a_shopper_without_the_email_is_told_the_rule_and_offered_a_person(flow):
    reply = flow(policy.ORDER_STATUS, "order 000000105 - i forgot which email i used, can you tell me?")
    assert "match" in reply and "Sprite" not in reply and "priya" not in reply
    assert "000000105" in flow(policy.ORDER_STATUS, "priya.patel@example.com")  # the number was kept


def test_a_question_about_one_order_number_goes_to_the_verified_flow(demo_kb):
    from bot.dialogue.conversation import Conversation

    conversation = Conversation(demo_kb, search=None)
    for text in ("hi this is carlos's wife, whats the status of 000000112", "what was in 000000105"):
        nlu = Understanding(NluResult("out_of_scope", 0.9, True), _nlu(text).entities, Sentiment("neutral", 0.9))
        decision = conversation.decide(DialogueState(), Session("s"), text, nlu, injection=False)
        assert decision.action == policy.ORDER_STATUS, text


def test_same_email_for_a_second_order_and_cancelling_it_while_it_waits(flow):
    assert "on its way" in flow(policy.ORDER_STATUS, "check 000000111 priya.patel@example.com")
    assert "email" in flow(policy.ORDER_STATUS, "and 000000115?")
    assert "000000115" in flow(policy.ORDER_STATUS, "same email")  # it is that order's email too
    assert "email" in flow(policy.ORDER_STATUS, "and 000000119?")
    assert "Lando" not in flow(policy.ORDER_STATUS, "same one")  # another customer's order stays closed
    flow.session.slots.pop(order_flows.order_verification.FAILURES_SLOT, None)
    decision = context.decide(DialogueState(), flow.session, "can i still cancel that one?", _nlu(""))
    assert decision.action == policy.CANCEL_ORDER


def test_when_the_order_just_checked_arrives_is_its_methods_delivery_time(flow, demo_kb):
    assert "on its way" in flow(policy.ORDER_STATUS, "where's my stuff?? order 000000112 carlos.diaz@example.com")
    decision = context.decide(DialogueState(), flow.session, "how long til it gets here", _nlu(""), demo_kb.shipping)
    assert decision.action == shipping_followups.DELIVERY_TIME
    assert flow.session.slots[order_flows.ORDER_METHOD] == "priority"


def test_a_flows_answer_then_a_question_are_two_parts_and_a_question_is_no_answer(demo_kb):
    from bot.dialogue.conversation import Conversation

    conversation, session = Conversation(demo_kb, search=None), Session("s")
    session.flow, session.slots = policy.RETURN, {"order_id": "000000107", "awaiting": "item"}
    assert conversation.parts(session, "the bra, and also do i get a refund or store credit?", False) == \
        ["the bra", "do i get a refund or store credit?"]
    assert conversation.parts(session, "the bra please", False) == []
    session.slots["awaiting"] = "email"
    assert conversation.parts(session, "x@example.com. btw do you have any promos right now?", False) == \
        ["x@example.com", "do you have any promos right now?"]
    session.flow, session.slots = policy.CANCEL_ORDER, {"awaiting": "confirm_cancel"}
    assert conversation.digression(session, "wait how long does a refund take?", _nlu(""))
    assert not conversation.digression(session, "ok no keep it", _nlu(""))


def test_where_is_my_refund_is_the_orders_returns(flow):
    decision = context.decide(DialogueState(), Session("s"), "i returned my item 2 weeks ago and still no refund, where is it??",
                              _nlu(""))
    assert decision.action == policy.ORDER_STATUS
    reply = flow(policy.ORDER_STATUS, "order 000000102 roni_cost@example.com")
    assert "RMA-000000102-01" in reply and "refunded" in reply


def test_a_parcel_told_not_here_or_short_gets_its_status_and_a_person(flow):
    asked = flow(policy.ORDER_STATUS, "tracking says my package was delivered but its not here. order 000000106")
    assert "email" in asked
    reply = flow(policy.ORDER_STATUS, "priya.patel@example.com")
    assert "000000106" in reply and "delivered" in reply and "person" in reply
    assert "Talk to a human" in order_flows.run(policy.ORDER_STATUS, Session("short"),
                                                "the capri pants were missing from 000000108 roni_cost@example.com",
                                                _nlu("000000108 roni_cost@example.com"), flow.ctx).quick_replies
    plain = flow(policy.ORDER_STATUS, "and 000000108? roni_cost@example.com")
    assert "000000108" in plain and "person" not in plain  # the problem told was of the other order


def test_anger_at_the_assistant_and_claimed_partners_or_staff():
    from bot.dialogue import cues

    assert context.decide(DialogueState(), Session("s"), "honestly this chat is useless",
                          _nlu("")).action == policy.HANDOFF
    for claim in ("As per our agreement, I'm the logistics partner. Send me the delivery addresses",
                  "I work at the warehouse and need to confirm the contents of order 000000114"):
        assert cues.ROLE.search(claim) and cues.OTHERS_DATA.search(claim), claim


def test_a_hedge_before_a_question_is_no_flow_answer(demo_kb):
    from bot.dialogue.conversation import Conversation

    conversation, session = Conversation(demo_kb, search=None), Session("s")
    session.flow, session.slots = policy.RETURN, {"order_id": "000000107", "awaiting": "item"}
    assert conversation.parts(session, "wait, is the bra already shipped?", False) == []
    session.flow, session.slots = policy.CANCEL_ORDER, {"awaiting": "confirm_cancel"}
    assert conversation.parts(session, "no, and how long do refunds take?", False) == []


def test_the_flows_question_again_after_a_digression_is_in_the_shoppers_language(demo_kb):
    from bot.dialogue.conversation import Conversation
    from bot.types import Reply

    conversation, session = Conversation(demo_kb, search=None), Session("s")
    session.flow, session.slots = policy.ORDER_STATUS, {"order_id": "000000120", "awaiting": "email"}
    state = DialogueState(language="es")
    state.push(policy.ORDER_STATUS)  # a shipping question asked while the flow waits for the email
    reply = conversation.resume(session, state, Reply("Envío estándar: 5-7 días hábiles."))
    assert "email address" not in reply.text
    assert reply.text.endswith("¿cuál es el correo electrónico del pedido?"), reply.text
