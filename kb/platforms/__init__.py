"""Connectors from ``OrderBackend`` to real order systems: Shopify (Admin GraphQL API),
WooCommerce (REST API v3) and Magento 2 / Adobe Commerce (REST API).

Each is configured by explicit constructor arguments (base URL, credentials, ``HttpOptions``);
none reads the environment. An outage, a rate limit past the retries or refused credentials
raise ``kb.OrderSystemUnavailable``.
"""

from kb.platforms.http import HttpOptions
from kb.platforms.magento import MagentoOrderBackend
from kb.platforms.shopify import ShopifyOrderBackend
from kb.platforms.woocommerce import WooCommerceOrderBackend

__all__ = ["HttpOptions", "MagentoOrderBackend", "ShopifyOrderBackend",
           "WooCommerceOrderBackend"]
