"""Orders and returns to and from JSON, for the demo backend's Redis copy.

The shapes are ours (dates as ISO strings), not any platform's; connectors parse platform
payloads in their own modules.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date

from kb.types import Order, OrderItem, ReturnRequest

_DATES = ("created", "updated", "shipped", "delivered")


def order_to_json(order: Order) -> str:
    data = asdict(order)
    for key in _DATES:
        data[key] = data[key].isoformat() if data[key] else None
    data["items"] = [dict(item, options=dict(item["options"])) for item in data["items"]]
    return json.dumps(data, sort_keys=True)


def order_from_json(text: str | bytes) -> Order:
    """Raises ValueError (or KeyError/TypeError) on text that ``order_to_json`` did not write."""
    data = json.loads(text)
    for key in _DATES:
        data[key] = date.fromisoformat(data[key]) if data[key] else None
    data["items"] = tuple(OrderItem(**item) for item in data["items"])
    return Order(**data)


def returns_to_json(returns: list[ReturnRequest]) -> str:
    return json.dumps([dict(asdict(r), created=r.created.isoformat()) for r in returns])


def returns_from_json(text: str | bytes | None) -> list[ReturnRequest]:
    if not text:
        return []
    return [ReturnRequest(**dict(r, created=date.fromisoformat(r["created"])))
            for r in json.loads(text)]
