"""The store's knowledge: typed products, articles (policies, FAQs, pages, promotions), reviews,
and the business data code computes with: shipping rates, promotions, the return window, orders.

Public face: ``KnowledgeBase``, the plain data types it holds, and the order backend.
"""

from kb.errors import (ImportProblem, KbError, OrderActionRefused, OrderNotCancellable,
                       OrderNotChangeable, OrderNotFound, ReturnNotAllowed, StoreDataError,
                       UnknownProduct)
from kb.knowledge_base import KnowledgeBase, demo_data_dir
from kb.orders import DemoOrderBackend, OrderBackend
from kb.promotions import Promotion, Promotions
from kb.returns import ReturnPolicy
from kb.shipping import ShippingQuote, ShippingRate, ShippingSurcharge, ShippingTable
from kb.types import (ARTICLE_TYPES, AUDIENCES, DOCUMENT_TYPES, ORDER_STATUSES, RETURN_STATUSES,
                      Article, Document, Order, OrderItem, Passage, Product, ReturnRequest, Review,
                      Variant)

__all__ = [
    "ARTICLE_TYPES", "AUDIENCES", "DOCUMENT_TYPES", "ORDER_STATUSES", "RETURN_STATUSES", "Article",
    "DemoOrderBackend", "Document", "ImportProblem", "KbError", "KnowledgeBase",
    "OrderActionRefused", "Order", "OrderBackend", "OrderItem", "OrderNotCancellable",
    "OrderNotChangeable", "OrderNotFound", "Passage", "Product", "Promotion", "Promotions",
    "ReturnNotAllowed", "ReturnPolicy", "ReturnRequest", "Review", "ShippingQuote",
    "ShippingRate", "ShippingSurcharge", "ShippingTable", "StoreDataError", "UnknownProduct",
    "Variant", "demo_data_dir",
]
