"""How shoppers reach a person at the store: channels and opening hours (from ``store.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

#: Kinds of contact channel a store may list.
CHANNEL_KINDS = ("email", "phone", "chat", "whatsapp", "form", "address", "social")


@dataclass(frozen=True, slots=True)
class ContactChannel:
    """One way to reach the store: ``kind`` is email, phone, chat, whatsapp, form, address or
    social; ``value`` the address, number or URL; ``label`` what to call it."""

    kind: str
    value: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class OpeningHours:
    """``opens``-``closes`` (store time zone) on ``days`` (0 = Monday)."""

    days: tuple[int, ...]
    opens: time
    closes: time


@dataclass(frozen=True, slots=True)
class ContactInfo:
    """How and when shoppers reach a person; ``passage_id`` is the passage to cite."""

    channels: tuple[ContactChannel, ...]
    hours: tuple[OpeningHours, ...] = ()
    timezone: str | None = None
    passage_id: str = ""

    def channel(self, kind: str) -> ContactChannel | None:
        """The first channel of that kind ("email", "phone"...), or None."""
        return next((c for c in self.channels if c.kind == kind), None)

    def is_open(self, moment: datetime) -> bool:
        """Whether a person answers at ``moment`` (a naive moment is taken as store time).

        Raises:
            ValueError: the store states no opening hours.
        """
        if not self.hours:
            raise ValueError("the store states no opening hours")
        if moment.tzinfo is not None and self.timezone:
            moment = moment.astimezone(ZoneInfo(self.timezone))
        now = moment.time().replace(tzinfo=None)
        return any(moment.weekday() in h.days and h.opens <= now < h.closes for h in self.hours)
