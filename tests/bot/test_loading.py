"""The order system chosen by the settings (bot.loading.order_backend), on real Redis."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bot.errors import http_status
from bot.loading import order_backend, store_key
from bot.settings import Settings, SettingsError
from kb.errors import OrderSystemUnavailable
from kb.platforms import MagentoOrderBackend, ShopifyOrderBackend, WooCommerceOrderBackend

TODAY = date(2025, 6, 1)


def _settings(store, **env) -> Settings:
    return replace(Settings.from_env({f"SHOPDESK_{k.upper()}": v for k, v in env.items()}),
                   store=str(store))


def test_demo_orders_keep_changes_in_redis_across_a_restart(second_store, second_kb, redis_url):
    settings = _settings(second_store, redis_url=redis_url)
    backend = order_backend(settings, second_kb, TODAY)
    pending = next(o for o in backend.all_orders() if o.status == "pending")
    backend.cancel(pending.id, pending.email)

    again = order_backend(settings, second_kb, TODAY)  # what a restarted service builds
    assert again.find(pending.id, pending.email).status == "canceled"
    in_memory = order_backend(replace(settings, redis_url=""), second_kb, TODAY)
    assert in_memory.find(pending.id, pending.email).status == "pending"


def test_each_store_has_its_own_orders_namespace(second_store, tmp_path):
    assert store_key(_settings("demo")) == "demo"
    key = store_key(_settings(second_store))
    assert key.startswith("brightline-") and key == store_key(_settings(second_store))
    assert key != store_key(_settings(tmp_path / "brightline"))


@pytest.mark.parametrize("env,cls", [
    ({"orders": "shopify", "orders_url": "https://shop.example", "orders_token": "t"},
     ShopifyOrderBackend),
    ({"orders": "woocommerce", "orders_url": "https://shop.example", "orders_key": "k",
      "orders_secret": "s"}, WooCommerceOrderBackend),
    ({"orders": "Magento", "orders_url": "https://shop.example", "orders_token": "t"},
     MagentoOrderBackend),
])
def test_platform_connectors_are_built_from_the_settings(second_store, second_kb, env, cls):
    assert isinstance(order_backend(_settings(second_store, **env), second_kb, TODAY), cls)


@pytest.mark.parametrize("env,message", [
    ({"orders": "sap"}, "SHOPDESK_ORDERS='sap': expected one of demo, shopify"),
    ({"orders": "shopify", "orders_token": "t"}, "needs SHOPDESK_ORDERS_URL"),
    ({"orders": "woocommerce", "orders_url": "https://x", "orders_key": "k"},
     "needs SHOPDESK_ORDERS_SECRET"),
    ({"orders": "magento", "orders_url": "https://x"}, "needs SHOPDESK_ORDERS_TOKEN"),
])
def test_a_missing_or_unknown_order_setting_is_named(second_store, second_kb, env, message):
    with pytest.raises(SettingsError, match=message):
        order_backend(_settings(second_store, **env), second_kb, TODAY)


def test_an_unavailable_order_system_is_a_503():
    assert http_status(OrderSystemUnavailable("Shopify answered HTTP 502")) == 503
