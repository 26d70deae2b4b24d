"""The store's knowledge: typed products, articles (policies, FAQs, pages, promotions), reviews.

Public face: ``KnowledgeBase`` and the plain data types it holds.
"""

from kb.errors import ImportProblem, KbError, StoreDataError, UnknownProduct
from kb.knowledge_base import KnowledgeBase, demo_data_dir
from kb.types import (ARTICLE_TYPES, AUDIENCES, DOCUMENT_TYPES, Article, Document, Order, OrderItem, Passage,
                      Product, Review, Variant)

__all__ = [
    "ARTICLE_TYPES", "AUDIENCES", "DOCUMENT_TYPES", "Article", "Document", "ImportProblem", "KbError",
    "KnowledgeBase", "Order", "OrderItem", "Passage", "Product", "Review", "StoreDataError",
    "UnknownProduct", "Variant", "demo_data_dir",
]
