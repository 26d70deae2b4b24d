"""Typed reads from a parsed YAML mapping, each failure naming the key path it came from.

``store.yaml`` is written by hand, so every error must say where: ``shipping.methods[1].
rates[0].price: expected a non-negative number, got 'free'``. ``Node`` wraps one mapping with
its path; its getters return typed values or raise ``SettingsError``.
"""

from __future__ import annotations

import math
from datetime import date, time

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class SettingsError(ValueError):
    """One value of the settings file is unusable; ``path`` names it."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.detail = message


class Node:
    """A mapping read from the settings file, at ``path`` ("shipping.methods[0]")."""

    def __init__(self, value: object, path: str, allowed: tuple[str, ...]) -> None:
        """
        Args:
            value: the parsed YAML value, which must be a mapping.
            path: where it is in the file, for messages.
            allowed: the keys it may have; any other key is an error (a typo is not ignored).

        Raises:
            SettingsError: not a mapping, or an unknown key.
        """
        if not isinstance(value, dict):
            raise SettingsError(path, f"expected a mapping, got {_shown(value)}")
        unknown = [str(k) for k in value if k not in allowed]
        if unknown:
            raise SettingsError(path, f"unknown key {unknown[0]!r}; expected one of "
                                      f"{', '.join(allowed)}")
        self.value = value
        self.path = path

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def has(self, key: str) -> bool:
        return self.value.get(key) is not None

    def node(self, key: str, allowed: tuple[str, ...]) -> "Node":
        return Node(self.value.get(key), self.at(key), allowed)

    def nodes(self, key: str, allowed: tuple[str, ...]) -> list["Node"]:
        """A list of mappings (absent: empty)."""
        return [Node(item, f"{self.at(key)}[{i}]", allowed)
                for i, item in enumerate(self.list(key))]

    def list(self, key: str) -> list:
        value = self.value.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise SettingsError(self.at(key), f"expected a list, got {_shown(value)}")
        return value

    def text(self, key: str, *, required: bool = False, choices: tuple[str, ...] = ()) -> str | None:
        value = self.value.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise SettingsError(self.at(key), "is required")
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise SettingsError(self.at(key), f"expected text, got {_shown(value)}")
        text = str(value).strip()
        if choices and text not in choices:
            raise SettingsError(self.at(key), f"expected one of {', '.join(choices)}, "
                                              f"got {text!r}")
        return text

    def texts(self, key: str) -> tuple[str, ...]:
        """A list of text (or one text) -> tuple of non-empty strings."""
        value = self.value.get(key)
        items = value if isinstance(value, list) else ([] if value is None else [value])
        out = []
        for i, item in enumerate(items):
            if isinstance(item, bool) or not isinstance(item, (str, int, float)):
                raise SettingsError(f"{self.at(key)}[{i}]", f"expected text, got {_shown(item)}")
            if str(item).strip():
                out.append(str(item).strip())
        return tuple(out)

    def number(self, key: str, *, required: bool = False) -> float | None:
        """A non-negative finite number."""
        value = self.value.get(key)
        if value is None:
            if required:
                raise SettingsError(self.at(key), "is required")
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) \
                or not math.isfinite(value) or value < 0:
            raise SettingsError(self.at(key), f"expected a non-negative number, got {_shown(value)}")
        return float(value)

    def whole(self, key: str, *, required: bool = False, minimum: int = 0) -> int | None:
        number = self.number(key, required=required)
        if number is None:
            return None
        if not number.is_integer() or number < minimum:
            raise SettingsError(self.at(key), f"expected a whole number of at least {minimum}, "
                                              f"got {_shown(self.value.get(key))}")
        return int(number)

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.value.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise SettingsError(self.at(key), f"expected true or false, got {_shown(value)}")
        return value

    def day(self, key: str) -> date | None:
        """An ISO date (YAML reads ``2025-06-01`` as a date already)."""
        value = self.value.get(key)
        if value is None:
            return None
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            raise SettingsError(self.at(key), f"expected a date like 2025-06-01, "
                                              f"got {_shown(value)}") from None

    def clock(self, key: str) -> time | None:
        """A time of day "HH:MM" (quote it: YAML reads an unquoted 14:00 as a number)."""
        value = self.value.get(key)
        if value is None:
            return None
        try:
            return time.fromisoformat(str(value).strip())
        except ValueError:
            raise SettingsError(self.at(key), f"expected a time like \"14:00\", "
                                              f"got {_shown(value)}") from None

    def weekdays(self, key: str) -> tuple[int, ...]:
        """Day names ("mon".."sun", or "mon-fri" ranges) -> weekday numbers, Monday 0."""
        out: list[int] = []
        for i, item in enumerate(self.texts(key)):
            first, _, last = item.lower().partition("-")
            if first[:3] not in _DAYS or (last and last[:3] not in _DAYS):
                raise SettingsError(f"{self.at(key)}[{i}]", f"expected a day like mon or a range "
                                                            f"like mon-fri, got {item!r}")
            start, end = _DAYS.index(first[:3]), _DAYS.index((last or first)[:3])
            out += range(start, end + 1) if start <= end else [*range(start, 7), *range(end + 1)]
        if not out:
            raise SettingsError(self.at(key), "is required")
        return tuple(dict.fromkeys(out))


def _shown(value: object) -> str:
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return repr(value)
