"""Fixtures of the retrieval tests: the real MiniLM embedder (loaded once) and a tiny store."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.types import Document
from retrieval import Retriever


def _product(sku, name, price, categories, in_stock, description):
    text = (f"{name}\nCategory: {'; '.join(categories)}\n{description}\nPrice: ${price:.2f}")
    metadata = {"sku": sku, "price": price, "in_stock": in_stock, "categories": list(categories)}
    return Document(f"product:{sku}", "product", name, text, metadata)


def _passage(doc_id, doc_type, title, text):
    return Document(doc_id, doc_type, title, text, {"article_id": doc_id.split("#")[0]})


PRODUCTS = [
    _product("MJ01", "Beaumont Summit Kit", 42.0, ["Men/Tops/Jackets"], True,
             "Light, breathable rain jacket with a zip hood for hikes in changing weather."),
    _product("WJ03", "Augusta Pullover Jacket", 57.0, ["Women/Tops/Jackets"], False,
             "Warm fleece pullover jacket with a half zip, made for cold morning runs."),
    _product("MP05", "Apollo Running Short", 32.5, ["Men/Bottoms/Shorts"], True,
             "Lightweight running shorts with a quick-dry liner and a key pocket."),
    _product("WB01", "Fusion Backpack", 59.0, ["Gear/Bags"], True,
             "Roomy backpack with a padded laptop sleeve and water bottle pockets."),
    _product("UG04", "Sprite Yoga Strap", 14.0, ["Gear/Fitness Equipment"], True,
             "Cotton yoga strap with a metal D-ring buckle to deepen stretches."),
    _product("WT09", "Breathe-Easy Tank", 34.0, ["Women/Tops/Tanks"], False,
             "Soft racerback tank top that wicks sweat during yoga and gym sessions."),
]

PASSAGES = [
    _passage("policy:returns#1", "policy", "Returns and Replacements > Return window",
             "You may return most new, unopened items within 30 days of delivery for a full "
             "refund. Items must be returned in their original packaging."),
    _passage("policy:returns#2", "policy", "Returns and Replacements > Refunds",
             "Refunds are issued to the original payment method within 5 business days after "
             "we receive and inspect your return."),
    _passage("policy:shipping#1", "policy", "Delivery > Shipping rates",
             "Standard shipping costs $5 per order and takes 3 to 5 business days. Orders over "
             "$100 ship free. Express delivery costs $15."),
    _passage("faq:orders#1", "faq", "Orders > Tracking",
             "Once your order ships we e-mail a tracking number. You can also see the status "
             "of your order under My Account > My Orders."),
    _passage("promotion:spring#1", "promotion", "Spring sale",
             "Use the code SPRING20 at checkout to get 20% off all yoga gear until April 30."),
    _passage("page:about#1", "page", "About us",
             "Luma is a sportswear store founded by athletes who love the outdoors."),
]

DOCS = PRODUCTS + PASSAGES


@pytest.fixture(scope="session")
def store_index(embedder, tmp_path_factory) -> Path:
    """The small store embedded once and saved; tests load private copies from it."""
    path = tmp_path_factory.mktemp("store") / "index"
    Retriever.from_documents(DOCS, embedder).save(path)
    return path


@pytest.fixture
def retriever(store_index, embedder) -> Retriever:
    """A fresh retriever over the small store, safe to mutate."""
    return Retriever.load(store_index, embedder)


@pytest.fixture(scope="session")
def store_docs() -> tuple[Document, ...]:
    """The small store: 6 products and 6 policy/FAQ/promotion/page passages."""
    return tuple(DOCS)
