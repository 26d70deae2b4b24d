"""bot/dialogue/products/search.py: a product whose whole name a search says comes first (`named_first`),
and a later "it" is about that product, not the first of the others the search found."""

from __future__ import annotations

import shutil
from datetime import date
import uuid
from pathlib import Path

import pytest

from bot.dialogue.products.search import named_first, says_name
from bot.types import ChannelMessage
from kb import Product

_STORE = Path(__file__).resolve().parents[4] / "bench" / "data" / "stores" / "odoo_office"


def _product(sku: str, name: str) -> Product:
    return Product(sku=sku, name=name, description="", price=10.0, special_price=None, categories=(),
                   attributes={}, qty=1, in_stock=True, url_key=sku.lower(), image="")


def test_the_product_named_whole_comes_first_longest_name_first():
    custom, large, desk = _product("A", "Customizable Desk"), _product("B", "Large Desk"), _product("C", "Desk")
    assert [p.sku for p in named_first([custom, large, desk], "do you have the large desk?")] == ["B", "C", "A"]
    assert [p.sku for p in named_first([custom, large], "show me ur desks")] == ["A", "B"]  # no name said: as found
    assert says_name(_product("D", "Three-Seat Sofa"), "whats the price of the three seat sofa")
    assert not says_name(large, "a largely empty desk")


@pytest.fixture(scope="module")
def office_service(tmp_path_factory, embedder, dialogue_service):
    from bot.dialogue import DialogueService
    from bot.dialogue.understanding import Understander
    from bot.nlu.training_data import catalog_items
    from bot.sessions.memory_store import MemorySessionStore
    from kb import KnowledgeBase
    from kb.orders import DemoOrderBackend
    from models import EntityExtractor
    from retrieval import Retriever

    folder = tmp_path_factory.mktemp("stores") / "odoo_office"
    shutil.copytree(_STORE, folder)
    kb = KnowledgeBase.from_folder(folder)
    retriever = Retriever.build_or_load(tmp_path_factory.mktemp("index"), kb.documents(), embedder=embedder)
    orders = DemoOrderBackend.seeded(kb, date(2025, 6, 1))
    understander = Understander(dialogue_service.understander.intents,
                                EntityExtractor(catalog_items(kb), order_number_digits=orders.order_number_digits),
                                dialogue_service.understander.sentiment)
    return DialogueService(kb, retriever, understander, dialogue_service.generator, MemorySessionStore(),
                           orders, rate_limit_per_minute=0)


def test_it_after_do_you_have_a_named_product_is_that_product(office_service):
    session = f"named-{uuid.uuid4().hex[:8]}"
    found = office_service.reply(ChannelMessage(session, "do you have the large cabinet")).reply
    assert [p.name for p in found.products][:1] == ["Large Cabinet"]
    weight = office_service.reply(ChannelMessage(session, "how much does it weigh")).reply
    assert "0.33 kg" in weight.text and "product:E-COM07" in [c.id for c in weight.citations]
