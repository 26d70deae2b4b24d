"""The conversation summary agents see: built from the stored transcript and NLU."""

from __future__ import annotations

from bot.panel.summary import summarize
from bot.types import Session, TranscriptEntry


def _user(text: str, intent: str, sentiment: str, *, action: str = "answer", reason: str = "",
          order_ids=(), products=(), out_of_scope: bool = False) -> TranscriptEntry:
    entities = {}
    if order_ids:
        entities["order_ids"] = list(order_ids)
    if products:
        entities["products"] = [{"sku": sku, "text": sku, "score": 1.0} for sku in products]
    return TranscriptEntry("user", text, nlu={
        "intent": intent, "confidence": 0.9, "out_of_scope": out_of_scope, "entities": entities,
        "sentiment": {"label": sentiment, "score": 0.9}, "action": action, "reason": reason})


def _bot(text: str, *, handoff: bool = False, action: str = "answer") -> TranscriptEntry:
    return TranscriptEntry("assistant", text, reply={"text": text, "handoff": handoff,
                                                     "action": action})


def test_a_summary_names_what_was_asked_orders_products_handoff_and_tone(demo_kb):
    session = Session("s1", transcript=[
        _user("hi", "greeting", "neutral", action="greeting"), _bot("Hi!"),
        _user("where is order 000000101?", "track_order", "neutral", action="order_status",
              order_ids=["000000101"]), _bot("What is the email on the order?"),
        _user("is the Didi Sport Watch waterproof?", "product_question", "neutral",
              products=["24-WG02"]), _bot("It is water resistant."),
        _user("where is my order??", "track_order", "negative", action="order_status"),
        _bot("Please give me the email."),
        _user("I want a human now", "contact_human_agent", "negative", action="handoff",
              reason="shopper asked for a human"),
        _bot("Connecting you.", handoff=True, action="handoff"),
    ], slots={"order_id": "000000101"}, handoff_owner="queue")
    summary = summarize(session, _product_names(demo_kb))
    assert summary.asked == ("track order ×2", "product question", "contact human agent")
    assert summary.orders == ("000000101",)
    assert summary.products == ("Didi Sport Watch",)
    assert summary.handoff == "shopper asked for a human"
    assert summary.sentiment == "neutral → negative"
    assert summary.owner == "queue" and summary.last_message == "I want a human now"
    assert summary.lines()[0] == "Asked about: track order ×2, product question, contact human agent"
    assert summary.to_dict()["lines"] == summary.lines()


def test_a_handoff_after_failed_answers_says_the_bot_could_not_help(demo_kb):
    session = Session("s2", transcript=[
        _user("blorp", "oos", "neutral", action="out_of_scope", out_of_scope=True),
        _bot("Sorry, I can't help with that. Let me get a member of our team.", handoff=True,
             action="out_of_scope"),
    ], handoff_owner="queue")
    summary = summarize(session, _product_names(demo_kb))
    assert summary.asked == ("other",)
    assert summary.handoff.startswith("the bot could not help")


def test_an_empty_conversation_summarizes_to_almost_nothing(demo_kb):
    summary = summarize(Session("s3"), _product_names(demo_kb))
    assert summary.lines() == ["With: bot"]


def _product_names(kb):
    """A sku's name in the store, None when it has no such product (as the service answers)."""
    names = {p.sku: p.name for p in kb.products}
    return names.get
