"""Rasa custom actions over ShopDesk, and the rasa-sdk action server `shopdesk actions` runs.

An existing Rasa assistant lists these in its domain and points ``endpoints.yml`` at the server
(``action_endpoint: url: http://localhost:5055/webhook``). Each action reads slots and the latest
user message from the Rasa tracker, sends messages through the dispatcher and returns ``SlotSet``
events:

- ``action_shopdesk_search_knowledge``: the latest message -> ``shopdesk_citations``.
- ``action_shopdesk_product_search``: ``product_query``, ``min_price``, ``max_price`` (else the
  latest message) -> ``shopdesk_products``.
- ``action_shopdesk_order_status``: ``order_id``, ``email`` -> ``order_status`` or
  ``shopdesk_order_error``; nothing about an order is said unless both match it, and after three
  wrong pairs from one sender it stops looking (``too_many_attempts``, ``shopdesk_handoff``).
- ``action_shopdesk_grounded_reply``: the latest message -> ``shopdesk_citations``,
  ``shopdesk_handoff`` (ShopDesk's own reply, in the session ``rasa:<sender_id>``).

Domain errors (an empty message, a bad price slot, a sender id that cannot be a session id)
reject the action, which rasa-sdk answers with a 400 so that Rasa predicts another action.
ShopDesk's components load once per process (`ShopDeskComponents`), and the work of an action
runs in a thread so the server keeps answering while a reply is generated.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import logging
import threading
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.endpoint import create_app
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import ActionExecutor, CollectingDispatcher
from rasa_sdk.interfaces import ActionExecutionRejection
from sanic import Sanic
from sanic.response import json as sanic_json

from bot.dialogue import DialogueService, ProductQuery
from bot.errors import http_status
from bot.rasa.channel import rest_messages
from bot.settings import SettingsError
from bot.types import ChannelMessage, ProductCard

log = logging.getLogger(__name__)

#: Rasa's default action server port.
DEFAULT_PORT = 5055
SESSION_PREFIX = "rasa:"
CHANNEL = "rasa"
_PRODUCTS_SHOWN = 4


class ShopDeskComponents:
    """ShopDesk's loaded parts, built once per process on first use (thread-safe).

    Args:
        build: Returns the dialogue service; its store, retriever and orders serve the actions.
    """

    def __init__(self, build: Callable[[], DialogueService]) -> None:
        self._build = build
        self._service: DialogueService | None = None
        self._owned = True
        self._lock = threading.Lock()

    @classmethod
    def of(cls, service: DialogueService) -> "ShopDeskComponents":
        """Components over an already loaded service (left open by `close`)."""
        components = cls(lambda: service)
        components._owned = False
        return components

    @property
    def service(self) -> DialogueService:
        """The dialogue service, loaded by the first caller."""
        with self._lock:
            if self._service is None:
                self._service = self._build()
            return self._service

    def warm_up(self) -> "ShopDeskComponents":
        """Load now instead of on the first action."""
        self.service  # noqa: B018 - loads
        return self

    def close(self) -> None:
        with self._lock:
            if self._service is not None and self._owned:
                self._service.close()
            self._service = None


class ShopDeskAction(Action):
    """An action over ShopDesk: `act` runs in a thread; domain errors reject the action."""

    action_name = ""

    def __init__(self, components: ShopDeskComponents) -> None:
        self.components = components

    def name(self) -> str:
        return self.action_name

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        try:
            return await asyncio.to_thread(self.act, dispatcher, tracker)
        except ActionExecutionRejection:
            raise
        except Exception as error:  # the edge: a 4xx-kind domain error becomes a rejection
            status = http_status(error)
            if status is None or status >= 500:
                raise
            raise ActionExecutionRejection(self.name(), str(error)) from error

    def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        """Do the work; returns the events for Rasa."""
        raise NotImplementedError

    def reject(self, message: str) -> ActionExecutionRejection:
        return ActionExecutionRejection(self.name(), message)

    def latest_text(self, tracker: Tracker) -> str:
        text = (tracker.latest_message or {}).get("text")
        if not isinstance(text, str) or not text.strip():
            raise self.reject("the latest user message has no text")
        return text.strip()


class SearchKnowledge(ShopDeskAction):
    """The store's policy and FAQ sentences that answer the latest message, with their ids."""

    action_name = "action_shopdesk_search_knowledge"

    def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        facts, citations = self.components.service.search_knowledge(self.latest_text(tracker))
        if not facts:
            dispatcher.utter_message(text="I couldn't find that in the store's policies or FAQ.")
            return [SlotSet("shopdesk_citations", [])]
        dispatcher.utter_message(text=" ".join(f"{f.text} [{f.id}]" for f in facts),
                                 json_message={"citations": [asdict(c) for c in citations]})
        return [SlotSet("shopdesk_citations", [c.id for c in citations])]


class ProductSearch(ShopDeskAction):
    """Products matching `product_query` (else the latest message) within the price slots."""

    action_name = "action_shopdesk_product_search"

    def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        query = ProductQuery(_text_slot(tracker, "product_query") or self.latest_text(tracker),
                             min_price=self._price(tracker, "min_price"),
                             max_price=self._price(tracker, "max_price"), limit=_PRODUCTS_SHOWN)
        products = self.components.service.search_products(query)
        if not products:
            dispatcher.utter_message(text="I couldn't find products matching that.")
            return [SlotSet("shopdesk_products", [])]
        currency = self.components.service.currency()
        cards = [ProductCard.of(p, currency) for p in products]
        names = "; ".join(f"{c.name} ({c.price_text()})" for c in cards)
        cards = [asdict(c) for c in cards]
        dispatcher.utter_message(text=f"Here is what I found: {names}.",
                                 json_message={"products": cards})
        return [SlotSet("shopdesk_products", [p.sku for p in products])]

    def _price(self, tracker: Tracker, slot: str) -> float | None:
        value = tracker.get_slot(slot)
        if value is None or value == "":
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value.strip().lstrip("$€£").replace(",", ""))
            except ValueError:
                pass
        raise self.reject(f"slot {slot} is not a price: {str(value)[:40]!r}")


class OrderStatus(ShopDeskAction):
    """An order's status, only when both `order_id` and `email` match the same order.

    Wrong pairs are counted in the sender's ShopDesk session (``rasa:<sender_id>``), not in a
    Rasa slot the conversation could reset: after `order_verification.MAX_VERIFY_ATTEMPTS` of them the
    action stops looking orders up for that sender and offers a human, as the widget's flow does.
    """

    action_name = "action_shopdesk_order_status"

    def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        order_id, email = _text_slot(tracker, "order_id"), _text_slot(tracker, "email")
        if not order_id or not email:
            wanted = (("order number", order_id), ("email address on the order", email))
            missing = " and ".join(name for name, value in wanted if not value)
            dispatcher.utter_message(text=f"To check an order I need its {missing}.")
            return _order_slots(None, "missing_details")
        service = self.components.service
        check = service.verify_order(SESSION_PREFIX + str(tracker.sender_id), order_id, email,
                                     channel=CHANNEL)
        if check.locked:
            log.info("order status for sender %s: refused after too many wrong pairs",
                     tracker.sender_id)
            dispatcher.utter_message(text="I can't look up orders in this conversation any "
                                          "more. A member of our team can help you.")
            return [*_order_slots(None, "too_many_attempts"), SlotSet("shopdesk_handoff", True)]
        order = check.order
        if order is None:
            # The same answer whichever of the two was wrong: nothing about the order leaks.
            log.info("order status for sender %s: no order matches", tracker.sender_id)
            dispatcher.utter_message(text="I couldn't find an order with that order number and "
                                          "email address. Please check both.")
            return _order_slots(None, "not_found")
        reply = service.order_status(order)
        dispatcher.utter_message(text=reply.text,
                                 buttons=[{"title": q, "payload": q} for q in reply.quick_replies])
        return _order_slots(order.status, None)


class GroundedReply(ShopDeskAction):
    """ShopDesk's own reply to the latest message (session ``rasa:<sender_id>``), with sources."""

    action_name = "action_shopdesk_grounded_reply"

    def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        service = self.components.service
        result = service.reply(ChannelMessage(SESSION_PREFIX + str(tracker.sender_id),
                                              self.latest_text(tracker), CHANNEL))
        reply = result.reply
        for message in rest_messages(str(tracker.sender_id), reply):  # none while a human owns it
            dispatcher.utter_message(text=message["text"], buttons=message.get("buttons"),
                                     json_message=message.get("custom"))
        return [SlotSet("shopdesk_citations", [c.id for c in reply.citations]),
                SlotSet("shopdesk_handoff", reply.handoff)]


ACTIONS: tuple[type[ShopDeskAction], ...] = (SearchKnowledge, ProductSearch, OrderStatus,
                                              GroundedReply)


def action_executor(components: ShopDeskComponents) -> ActionExecutor:
    """A rasa-sdk executor with ShopDesk's actions registered."""
    executor = ActionExecutor()
    for action in ACTIONS:
        executor.register_action(action(components))
    return executor


def create_action_server(components: ShopDeskComponents, *, token: str = "") -> Sanic:
    """rasa-sdk's action server app (``/webhook``, ``/actions``, ``/health``) with our actions.

    rasa-sdk itself checks no caller. With a ``token``, every request but ``/health`` must carry
    it as ``?token=`` (what Rasa sends for ``action_endpoint: token:`` in endpoints.yml) or
    ``Authorization: Bearer``; others get 401/403. The app is a Sanic app named "rasa_sdk";
    Sanic allows one app of a name per process.
    """
    app = create_app(action_executor(components), cors_origins=None)
    if token:
        @app.on_request
        async def check_token(request):
            if request.path == "/health":
                return None
            scheme, _, bearer = request.headers.get("authorization", "").partition(" ")
            given = request.args.get("token") or (bearer if scheme.lower() == "bearer" else "")
            if not given:
                return sanic_json({"error": "send the action server's token"}, status=401)
            if not hmac.compare_digest(given.encode(), token.encode()):
                return sanic_json({"error": "wrong token"}, status=403)
            return None
    return app


def run_action_server(components: ShopDeskComponents, *, host: str,
                      port: int = DEFAULT_PORT, token: str = "") -> None:
    """Serve the action server in this process until interrupted.

    One process rather than rasa-sdk's spawned worker: the components are loaded here once,
    and a worker would load its own copy of the models.

    Raises:
        SettingsError: it would listen beyond loopback without a token (anyone reaching it
            could look orders up in any ``rasa:<sender>`` conversation).
    """
    if not token and not _loopback(host):
        raise SettingsError(f"the action server would listen on {host} without a token: set "
                            "SHOPDESK_RASA_ACTIONS_TOKEN (and action_endpoint.token in Rasa's "
                            "endpoints.yml), or listen on 127.0.0.1")
    app = create_action_server(components, token=token)
    app.run(host=host, port=port, single_process=True, motd=False, access_log=False)


def _loopback(host: str) -> bool:
    try:
        return host == "localhost" or ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _text_slot(tracker: Tracker, name: str) -> str:
    """A slot as stripped text ("" when unset); a whole number slot reads without ".0"."""
    value = tracker.get_slot(name)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _order_slots(status: str | None, error: str | None) -> list[dict[str, Any]]:
    return [SlotSet("order_status", status), SlotSet("shopdesk_order_error", error)]

