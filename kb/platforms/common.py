"""Small parsers shared by the order-system connectors."""

from __future__ import annotations

from datetime import date, datetime

import httpx2

from kb.errors import OrderSystemUnavailable


def order_number(text: str) -> str:
    """What a shopper types as an order number ("#1001 ", "1001") -> "1001"."""
    return str(text or "").strip().lstrip("#").strip()


def parse_day(text: str) -> date:
    """The date of an ISO timestamp ("2025-06-01T10:00:00Z", "2025-06-01 10:00:00")."""
    return datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace(" ", "T")).date()


def money(value: object) -> float:
    """A platform amount ("12.50", 12.5, None) -> 12.5 (None -> 0.0)."""
    return round(float(value), 2) if value not in (None, "") else 0.0


def platform_error(platform: str, response: httpx2.Response) -> OrderSystemUnavailable:
    """An answer the connector cannot use (5xx already retried, or an unexpected code)."""
    return OrderSystemUnavailable(f"{platform} answered HTTP {response.status_code} unexpectedly")
