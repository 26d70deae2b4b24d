"""Parsing the catalog fields that plain price/qty rows cannot hold: quantity price tiers,
named price lists, kit/bundle contents and attribute values with units.

Each parser takes the raw cell (CSV text) or value (JSONL) and returns typed data, or raises
``RowError`` naming the field, so the importer can skip that row and report it.
"""

from __future__ import annotations

import math
import re

from kb.types import BundleItem, Measurement, PriceTier

_LIST_SEP = "|"
#: ``attr:wattage[W]``: an attribute column whose values are numbers in that unit.
_UNIT_COLUMN = re.compile(r"^attr:(?P<code>[^\[\]]+)\[(?P<unit>[^\[\]]+)\]$")


class RowError(ValueError):
    """One field of one row is unusable."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name


def tier_prices(value: object, name: str = "tier_prices") -> tuple[PriceTier, ...]:
    """``"10:18.50|50:16"`` or ``[{"min_qty": 10, "price": 18.5}, ...]`` -> tiers by min_qty.

    Raises:
        RowError: a tier that is not "qty:price", a quantity below 2, a negative price, or
            the same quantity twice.
    """
    if value is None or value == "" or value == []:
        return ()
    pairs: list[tuple[object, object]] = []
    if isinstance(value, str):
        for part in filter(None, (p.strip() for p in value.split(_LIST_SEP))):
            qty, sep, price = part.partition(":")
            if not sep:
                raise RowError(name, f"expected 'min_qty:price' tiers like '10:18.50', got {part!r}")
            pairs.append((qty.strip(), price.strip()))
    elif isinstance(value, list) and all(isinstance(t, dict) for t in value):
        pairs = [(t.get("min_qty"), t.get("price")) for t in value]
    else:
        raise RowError(name, "expected 'min_qty:price|...' or a list of {min_qty, price}")
    tiers = []
    for qty, price in pairs:
        count = _whole(qty, name)
        if count < 2:
            raise RowError(name, f"a tier starts at 2 units or more, got {qty!r}")
        tiers.append(PriceTier(count, _money(price, name)))
    tiers.sort(key=lambda t: t.min_qty)
    if len({t.min_qty for t in tiers}) != len(tiers):
        raise RowError(name, "two tiers start at the same quantity")
    return tuple(tiers)


def price_lists(value: object, name: str = "price_lists") -> dict[str, float]:
    """``{"wholesale": 15}`` -> named prices (JSONL); CSV rows use ``price:<list>`` columns.

    Raises:
        RowError: not an object of list name -> non-negative number.
    """
    if value is None or value == {}:
        return {}
    if not isinstance(value, dict):
        raise RowError(name, "expected an object of price list name -> price")
    return {str(k).strip(): _money(v, f"{name}.{k}") for k, v in value.items()
            if str(k).strip() and v not in (None, "")}


def price_list_columns(row: dict) -> dict[str, float]:
    """The ``price:<list>`` cells of a CSV row that hold a price."""
    return {key[6:].strip(): _money(value, key) for key, value in row.items()
            if key.startswith("price:") and key[6:].strip() and (value or "").strip()}


def components(value: object, name: str = "components") -> tuple[BundleItem, ...]:
    """``"LAMP-1:2|BULB"`` or ``[{"sku": "LAMP-1", "qty": 2}, ...]`` -> kit contents.

    Raises:
        RowError: an empty sku or a quantity that is not a whole number of at least 1.
    """
    if value is None or value == "" or value == []:
        return ()
    items: list[tuple[object, object]] = []
    if isinstance(value, str):
        for part in filter(None, (p.strip() for p in value.split(_LIST_SEP))):
            sku, sep, qty = part.partition(":")
            items.append((sku.strip(), qty.strip() if sep else 1))
    elif isinstance(value, list) and all(isinstance(c, dict) for c in value):
        items = [(c.get("sku"), c.get("qty", 1)) for c in value]
    else:
        raise RowError(name, "expected 'sku:qty|...' or a list of {sku, qty}")
    out = []
    for sku, qty in items:
        if not isinstance(sku, str) or not sku.strip():
            raise RowError(name, "every component needs a sku")
        count = _whole(qty, name)
        if count < 1:
            raise RowError(name, f"component quantity must be at least 1, got {qty!r}")
        out.append(BundleItem(sku.strip(), count))
    return tuple(out)


def unit_columns(row: dict) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[Measurement, ...]]]:
    """``attr:<code>[<unit>]`` cells: numbers in that unit, as text values and measurements.

    Raises:
        RowError: a value in such a column is not a number.
    """
    texts, measures = {}, {}
    for key, cell in row.items():
        match = _UNIT_COLUMN.match(key or "")
        if match is None or not (cell or "").strip():
            continue
        code, unit = match.group("code").strip(), match.group("unit").strip()
        values = tuple(Measurement(_number(v, key), unit)
                       for v in cell.split(_LIST_SEP) if v.strip())
        measures[code] = values
        texts[code] = tuple(str(m) for m in values)
    return texts, measures


def attribute_value(value: object, name: str) -> tuple[tuple[str, ...], tuple[Measurement, ...]]:
    """A JSONL attribute: text, a list of text, ``{"value", "unit"}`` or a list of those.

    Returns:
        The values as text, and the measurements among them (empty for plain text).

    Raises:
        RowError: a measurement without a numeric value or a unit, or a value of another shape.
    """
    items = value if isinstance(value, list) else [value]
    texts: list[str] = []
    measures: list[Measurement] = []
    for item in items:
        if isinstance(item, dict):
            unit = item.get("unit")
            if not isinstance(unit, str) or not unit.strip():
                raise RowError(name, "a measurement needs a unit, e.g. {\"value\": 60, \"unit\": \"W\"}")
            measure = Measurement(_number(item.get("value"), name), unit.strip())
            measures.append(measure)
            texts.append(str(measure))
        elif isinstance(item, (str, int, float)) and not isinstance(item, bool):
            if str(item).strip():
                texts.append(str(item).strip())
        else:
            raise RowError(name, "expected text, a list of text or {value, unit}")
    return tuple(texts), tuple(measures)


def _number(value: object, name: str) -> float:
    try:
        number = float(str(value).strip().replace(",", "."))
    except (TypeError, ValueError):
        raise RowError(name, f"expected a number, got {value!r}") from None
    if not math.isfinite(number):
        raise RowError(name, f"expected a number, got {value!r}")
    return number


def _money(value: object, name: str) -> float:
    try:
        number = float(str(value).replace("$", "").replace(",", "").strip())
    except (TypeError, ValueError):
        raise RowError(name, f"expected a price, got {value!r}") from None
    if not math.isfinite(number) or number < 0:
        raise RowError(name, f"expected a non-negative price, got {value!r}")
    return number


def _whole(value: object, name: str) -> int:
    try:
        number = float(str(value).strip())
    except (TypeError, ValueError):
        raise RowError(name, f"expected a whole number, got {value!r}") from None
    if not number.is_integer():
        raise RowError(name, f"expected a whole number, got {value!r}")
    return int(number)
