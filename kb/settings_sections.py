"""Parsers of the sections of ``store.yaml``: shipping, returns, promotions, contact.

Each takes a ``Node`` and the store's passages (which ``source:`` keys must name) and returns
the typed section, or raises ``SettingsError`` naming the key path of the first mistake.
"""

from __future__ import annotations

from kb.contact import CHANNEL_KINDS, ContactChannel, ContactInfo, OpeningHours
from kb.passages import slugify
from kb.promotions import KINDS, Promotion
from kb.returns import ReturnPolicy
from kb.settings_reader import Node, SettingsError
from kb.shipping import (US_REGIONS, ShippingMethod, ShippingRate, ShippingSurcharge,
                         ShippingTable)
from kb.types import Passage

_METHOD_KEYS = ("code", "label", "delivery_days", "cutoff", "free_over", "free_regions", "rates")
_RATE_KEYS = ("min_subtotal", "max_subtotal", "regions", "min_weight", "max_weight", "price",
              "label")
_SURCHARGE_KEYS = ("regions", "methods", "amount", "source")
_CHANNEL_KEYS = ("kind", "value", "label")
_HOURS_KEYS = ("days", "opens", "closes")
#: Who pays to send a return back.
RETURN_SHIPPING = ("customer", "store")


def parse_shipping(node: Node, passages: dict[str, Passage], currency: str) -> ShippingTable:
    """``shipping:`` -> a ``ShippingTable`` (``table_passage_id`` "" when no ``source``).

    Raises:
        SettingsError: no methods, a method without rates, a bad number, a min above its max,
            an unknown region or method, or a ``source`` that is not a passage of the store.
    """
    regions = _regions(node)
    methods, rates = [], []
    for method_node in node.nodes("methods", _METHOD_KEYS):
        method = _method(method_node, regions)
        if any(m.code == method.code for m in methods):
            raise SettingsError(method_node.at("code"), f"method {method.code!r} is listed twice")
        methods.append(method)
        rate_nodes = method_node.nodes("rates", _RATE_KEYS)
        if not rate_nodes:
            raise SettingsError(method_node.at("rates"), "a method needs at least one rate")
        rates += [_rate(r, method, regions) for r in rate_nodes]
    if not methods:
        raise SettingsError(node.at("methods"), "shipping needs at least one method")
    codes = tuple(m.code for m in methods)
    surcharges = []
    for s in node.nodes("surcharges", _SURCHARGE_KEYS):
        named = tuple(m.casefold() for m in s.texts("methods")) or codes
        unknown = [m for m in named if m not in codes]
        if unknown:
            raise SettingsError(s.at("methods"), f"unknown method {unknown[0]!r}; the methods are "
                                                 f"{', '.join(codes)}")
        where = _region_codes(s, "regions", regions, required=True)
        amount = s.number("amount", required=True)
        source = _source(s, passages)
        surcharges += [ShippingSurcharge(where, amount, m, source) for m in named]
    unit = node.text("weight_unit")
    if unit is None and any(r.by_weight for r in rates):
        raise SettingsError(node.at("weight_unit"), "rates by weight need a weight_unit (kg, lb)")
    return ShippingTable(tuple(rates), tuple(surcharges), _source(node, passages) or "",
                         tuple(methods), currency, regions, unit)


def parse_returns(node: Node, passages: dict[str, Passage]) -> ReturnPolicy:
    """``returns:`` -> a ``ReturnPolicy``; its ``conditions_text`` is the cited passage's text,
    else the conditions as sentences.

    Raises:
        SettingsError: no ``window_days``, an unknown ``return_shipping``, a bad ``source``.
    """
    days = node.whole("window_days", required=True, minimum=0)
    conditions = node.texts("conditions")
    refunds = node.texts("refund_methods")
    paid_by = node.text("return_shipping", choices=RETURN_SHIPPING)
    source = _source(node, passages)
    if source:
        text = passages[source].text
    else:
        text = " ".join([f"Items can be returned within {days} days of delivery."]
                        + [c.rstrip(".") + "." for c in conditions]
                        + ([f"Refunds: {', '.join(refunds)}."] if refunds else [])
                        + ([f"Return shipping is paid by the {paid_by}."] if paid_by else []))
    return ReturnPolicy(days, source or "", text, conditions, refunds, paid_by)


def parse_promotion(node: Node, passages: dict[str, Passage]) -> Promotion:
    """One item of ``promotions:`` -> a ``Promotion`` (``passage_id`` "" when no ``source``).

    Raises:
        SettingsError: no name, an unknown kind or scope, a bad number or date, ``ends``
            before ``starts``, or a bad ``source``.
    """
    name = node.text("name", required=True)
    free_shipping = node.flag("free_shipping")
    kind = node.text("kind", choices=KINDS) or ("free_shipping" if free_shipping else None)
    if kind is None:
        raise SettingsError(node.at("kind"), f"is required; one of {', '.join(KINDS)}")
    starts, ends = node.day("starts"), node.day("ends")
    if starts and ends and ends < starts:
        raise SettingsError(node.at("ends"), f"{ends.isoformat()} is before starts "
                                             f"{starts.isoformat()}")
    return Promotion(
        id=slugify(node.text("id") or name), name=name,
        description=node.text("description") or "", coupon_code=node.text("code"), kind=kind,
        discount=node.number("discount") or 0.0, min_subtotal=node.number("min_subtotal"),
        passage_id=_source(node, passages) or "",
        free_shipping=free_shipping or kind == "free_shipping",
        step=node.whole("step") or 0, skus=node.texts("skus"),
        scope=node.text("scope", choices=("cart", "catalog")) or "cart", starts=starts, ends=ends)


def parse_contact(node: Node, passages: dict[str, Passage], timezone: str | None) -> ContactInfo:
    """``contact:`` -> ``ContactInfo`` (``passage_id`` "" when no ``source``).

    Raises:
        SettingsError: no channels, an unknown kind, hours that close before they open.
    """
    channels = tuple(ContactChannel(c.text("kind", required=True, choices=CHANNEL_KINDS),
                                    c.text("value", required=True), c.text("label") or "")
                     for c in node.nodes("channels", _CHANNEL_KEYS))
    if not channels:
        raise SettingsError(node.at("channels"), "contact needs at least one channel")
    hours = []
    for h in node.nodes("hours", _HOURS_KEYS):
        opens, closes = h.clock("opens"), h.clock("closes")
        if opens is None or closes is None:
            raise SettingsError(h.at("opens" if opens is None else "closes"), "is required")
        if closes <= opens:
            raise SettingsError(h.at("closes"), "closes before it opens")
        hours.append(OpeningHours(h.weekdays("days"), opens, closes))
    return ContactInfo(channels, tuple(hours), timezone, _source(node, passages) or "")


def _method(node: Node, regions: dict[str, str]) -> ShippingMethod:
    code = node.text("code", required=True).casefold()
    if not code.replace("_", "").replace("-", "").isalnum():
        raise SettingsError(node.at("code"), f"use letters, digits, - or _, got {code!r}")
    days = node.value.get("delivery_days")
    span = None
    if days is not None:
        items = days if isinstance(days, list) else [days]
        if not 1 <= len(items) <= 2 or not all(isinstance(d, int) and not isinstance(d, bool)
                                               and d >= 0 for d in items):
            raise SettingsError(node.at("delivery_days"), "expected a number of days or "
                                                          "[fewest, most]")
        span = (min(items), max(items))
    free_regions = _region_codes(node, "free_regions", regions)
    if free_regions and node.number("free_over") is None:
        raise SettingsError(node.at("free_regions"), "needs free_over: the regions where that rule holds")
    return ShippingMethod(code, node.text("label") or code.capitalize(), span,
                          node.clock("cutoff"), node.number("free_over"), free_regions)


def _rate(node: Node, method: ShippingMethod, regions: dict[str, str]) -> ShippingRate:
    low, high = node.number("min_subtotal") or 0.0, node.number("max_subtotal")
    if high is not None and high < low:
        raise SettingsError(node.at("max_subtotal"), f"{high:g} is below min_subtotal {low:g}")
    light, heavy = node.number("min_weight"), node.number("max_weight")
    if light is not None and heavy is not None and heavy < light:
        raise SettingsError(node.at("max_weight"), f"{heavy:g} is below min_weight {light:g}")
    return ShippingRate(low, high, method.code, node.text("label") or method.label,
                        node.number("price", required=True),
                        _region_codes(node, "regions", regions), light, heavy)


def _regions(node: Node) -> dict[str, str]:
    raw = node.value.get("regions")
    if raw is None:
        return US_REGIONS
    if not isinstance(raw, dict) or not raw:
        raise SettingsError(node.at("regions"), "expected a mapping of region code -> name")
    out = {}
    for code, name in raw.items():
        if not isinstance(code, str) or not code.strip() or not isinstance(name, str):
            raise SettingsError(node.at("regions"), f"expected code: name text, got {code!r}")
        out[code.strip().upper()] = name.strip()
    return out


def _region_codes(node: Node, key: str, regions: dict[str, str], *,
                  required: bool = False) -> tuple[str, ...]:
    codes = tuple(c.upper() for c in node.texts(key))
    if required and not codes:
        raise SettingsError(node.at(key), "is required")
    unknown = [c for c in codes if c not in regions]
    if unknown:
        hint = "a US state or territory code" if regions is US_REGIONS else \
            "a code listed under shipping.regions"
        raise SettingsError(node.at(key), f"unknown region {unknown[0]!r}; expected {hint}")
    return codes


def _source(node: Node, passages: dict[str, Passage]) -> str | None:
    source = node.text("source")
    if source is not None and source not in passages:
        raise SettingsError(node.at("source"), f"no passage {source!r} in this store; name one "
                                               "like policy:shipping#2")
    return source
