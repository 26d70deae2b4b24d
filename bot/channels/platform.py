"""What every messaging app does the same way: the `Platform` contract, product cards as text,
and reading the JSON of a webhook defensively."""

from __future__ import annotations

import logging
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from typing import Any

from bot.types import ProductCard, Reply

from bot.channels.splitting import split_text
from bot.channels.types import Inbound, Outgoing

#: What a shopper who sent a sticker, a photo, a voice note... reads back.
UNSUPPORTED_TEXT = ("I can only read text messages for now. Could you type your question? "
                    "I can help with orders, shipping, returns and our products.")

_USER_ID = re.compile(r"-?[A-Za-z0-9_.]{1,100}")

log = logging.getLogger(__name__)


class Unreadable(ValueError):
    """A webhook body that is not what the platform documents (logged, then acknowledged)."""


class Platform(ABC):
    """One messaging app: reads its webhook bodies and writes its send-API requests.

    Subclasses set ``name``, ``text_limit`` and ``settings_names`` (the ``Settings`` fields it
    needs, in the order a person sets them up).

    Args:
        store_url: The storefront's public address, for product links ("" for none).
    """

    name: str = ""
    text_limit: int = 4096
    settings_names: tuple[str, ...] = ()

    def __init__(self, *, store_url: str = "") -> None:
        self.store_url = store_url.rstrip("/")

    @property
    @abstractmethod
    def missing(self) -> list[str]:
        """The settings still empty; the channel is on when there are none."""

    @abstractmethod
    def parse(self, body: Any) -> list[Inbound]:
        """The shopper messages in one webhook body; status callbacks and echoes are skipped.

        Raises:
            Unreadable: the body does not have the documented shape.
        """

    def read_each(self, items: Iterable[tuple[Any, str]],
                  read: Callable[[Any, str], Inbound | None]) -> list[Inbound]:
        """`read` each (item, where) of a batched notification; an unreadable item is logged
        and skipped, so that the others of the batch are still answered."""
        found = []
        for item, where in items:
            try:
                inbound = read(item, where)
            except Unreadable as error:
                log.warning("%s: %s skipped: %s", self.name, where, error)
                continue
            if inbound is not None:
                found.append(inbound)
        return found

    @abstractmethod
    def render(self, user_id: str, reply: Reply) -> list[Outgoing]:
        """The send-API requests that show ``reply`` to ``user_id``, in order."""

    def render_text(self, user_id: str, text: str) -> list[Outgoing]:
        """Requests that send plain text (an agent's message, an apology)."""
        return self.render(user_id, Reply(text))

    # --- helpers for subclasses -----------------------------------------------------------------

    def pieces(self, reply: Reply, *, cards_as_text: bool = True) -> list[str]:
        """The reply's text (with product cards as text lines) cut at ``text_limit``."""
        text = reply.text
        if cards_as_text and reply.products:
            text = "\n\n".join([text, *self.card_lines(reply.products)])
        return split_text(text, self.text_limit)

    def card_lines(self, cards: tuple[ProductCard, ...]) -> list[str]:
        """One text block per card: name, price (and the old price on sale), stock, link."""
        lines = []
        for card in cards:
            link = self.link(card)
            lines.append(f"\u2022 {card.name}: {price_text(card)}" + (f"\n{link}" if link else ""))
        return lines

    def link(self, card: ProductCard) -> str:
        """The product page's public URL ("" without ``store_url`` or a url key)."""
        return f"{self.store_url}/{card.url_key}.html" if self.store_url and card.url_key else ""

    def image(self, card: ProductCard) -> str:
        """The product image's public URL ("" when unknown)."""
        if not card.image or card.image.startswith(("http://", "https://")):
            return card.image
        # Magento (the demo store's format) serves catalog images under this path
        return f"{self.store_url}/media/catalog/product{card.image}" if self.store_url else ""


def price_text(card: ProductCard) -> str:
    """"$36.00", "€29.00 (was €45.00)" in the store's currency, with ", out of stock" when it is."""
    return card.price_text() + ("" if card.in_stock else ", out of stock")


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, ending in an ellipsis when cut."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "\u2026"


# --- reading webhook JSON ------------------------------------------------------------------------


def field(obj: Any, key: str, kind: type | tuple[type, ...], where: str) -> Any:
    """``obj[key]`` when it is of ``kind``.

    Raises:
        Unreadable: ``obj`` is not an object, or the field is missing or of another kind.
    """
    if not isinstance(obj, dict):
        raise Unreadable(f"{where} is not an object")
    value = obj.get(key)
    if not isinstance(value, kind) or isinstance(value, bool):  # JSON true is no number here
        raise Unreadable(f"{where}.{key} is missing or not {_kind_name(kind)}")
    return value


def sent_time(value: Any, per_second: int = 1) -> float:
    """A platform's send time (seconds, or ``per_second`` units of a second; a number or
    digits) as Unix seconds; 0.0 when absent or unreadable."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return 0.0
    try:
        return max(float(value) / per_second, 0.0)
    except ValueError:
        return 0.0


def user_id(value: Any, where: str) -> str:
    """A platform user id usable in a session id ("whatsapp:<id>").

    Raises:
        Unreadable: not 1-100 letters, digits, '_' or '.', optionally after a '-'.
    """
    text = str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    if not _USER_ID.fullmatch(text):
        raise Unreadable(f"{where} is not a usable user id")
    return text


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {dict: "an object", list: "a list", str: "a string", int: "a number"}
    return " or ".join(names.get(k, k.__name__) for k in kinds)
