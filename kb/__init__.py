"""The store's knowledge: typed products, articles (policies, FAQs, pages, promotions), reviews,
and the business data code computes with: shipping rates, promotions, the return window, orders.

Public face: ``KnowledgeBase``, the plain data types it holds, and the order backend.
"""

from kb.errors import (ImportProblem, KbError, OrderActionRefused, OrderNotCancellable,
                       OrderNotChangeable, OrderNotFound, OrderSystemUnavailable,
                       ReturnNotAllowed, StoreDataError, UnknownProduct)
from kb.contact import ContactChannel, ContactInfo, OpeningHours
from kb.knowledge_base import KnowledgeBase, demo_data_dir
from kb.orders import DemoOrderBackend, OrderBackend
from kb.promotions import Promotion, Promotions
from kb.returns import ReturnPolicy
from kb.shipping import (ShippingMethod, ShippingQuote, ShippingRate, ShippingSurcharge,
                         ShippingTable)
from kb.store_settings import SETTINGS_FILE, SettingsLoad, StoreSettings, load_store_settings
from kb.types import (ARTICLE_TYPES, AUDIENCES, DOCUMENT_TYPES, ORDER_STATUSES, RETURN_STATUSES,
                      Article, BundleItem, Document, Measurement, Order, OrderItem, Passage,
                      PriceTier, Product, ReturnRequest, Review, Variant)

__all__ = [
    "ARTICLE_TYPES", "AUDIENCES", "DOCUMENT_TYPES", "ORDER_STATUSES", "RETURN_STATUSES",
    "SETTINGS_FILE", "Article", "BundleItem", "ContactChannel", "ContactInfo",
    "DemoOrderBackend", "Document", "ImportProblem", "KbError", "KnowledgeBase", "Measurement",
    "OpeningHours", "Order", "OrderActionRefused", "OrderBackend", "OrderItem",
    "OrderNotCancellable", "OrderNotChangeable", "OrderNotFound", "OrderSystemUnavailable",
    "Passage", "PriceTier", "Product", "Promotion", "Promotions", "ReturnNotAllowed",
    "ReturnPolicy", "ReturnRequest", "Review", "SettingsLoad", "ShippingMethod",
    "ShippingQuote", "ShippingRate", "ShippingSurcharge", "ShippingTable", "StoreDataError",
    "StoreSettings", "UnknownProduct", "Variant", "demo_data_dir", "load_store_settings",
]
