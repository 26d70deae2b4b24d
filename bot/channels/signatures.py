"""Checking that a webhook call comes from the platform: Meta's signatures and handshake,
Telegram's secret token. Every comparison takes constant time (`hmac.compare_digest`)."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

from bot.channels.errors import BadHandshake, HandshakeRefused, SignatureInvalid, SignatureMissing

#: The header Meta (WhatsApp, Messenger) signs each notification's raw body in.
META_SIGNATURE_HEADER = "X-Hub-Signature-256"
#: The header Telegram repeats the webhook's secret_token in.
TELEGRAM_SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def sign(body: bytes, app_secret: str) -> str:
    """The X-Hub-Signature-256 value Meta sends with ``body``: ``sha256=<hex HMAC-SHA256>``."""
    return "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()


def check_meta_signature(body: bytes, header: str | None, app_secret: str) -> None:
    """Accept ``body`` only if ``header`` is its HMAC-SHA256 under ``app_secret``.

    Args:
        body: The request body exactly as received (before any JSON parsing).
        header: The X-Hub-Signature-256 header, or None when absent.
        app_secret: The Meta app's secret.

    Raises:
        SignatureMissing: no header.
        SignatureInvalid: a header that is not ``sha256=<hex>`` of this body under this secret.
    """
    if not header:
        raise SignatureMissing(f"missing {META_SIGNATURE_HEADER} header")
    if not hmac.compare_digest(header.strip().encode(), sign(body, app_secret).encode()):
        raise SignatureInvalid(f"{META_SIGNATURE_HEADER} does not match the body")


def check_secret_token(header: str | None, secret: str) -> None:
    """Accept a Telegram call only if it repeats the webhook's secret token.

    Raises:
        SignatureMissing: no header.
        SignatureInvalid: the wrong token.
    """
    if not header:
        raise SignatureMissing(f"missing {TELEGRAM_SECRET_HEADER} header")
    if not hmac.compare_digest(header.encode(), secret.encode()):
        raise SignatureInvalid(f"{TELEGRAM_SECRET_HEADER} does not match")


def answer_handshake(params: Mapping[str, str], verify_token: str) -> str:
    """The challenge to echo for Meta's webhook verification (GET with hub.* parameters).

    Args:
        params: The query parameters.
        verify_token: The token configured in the Meta app's webhook settings.

    Returns:
        ``hub.challenge``, to return as text/plain.

    Raises:
        BadHandshake: hub.mode, hub.verify_token or hub.challenge is missing.
        HandshakeRefused: the mode is not "subscribe" or the token is wrong.
    """
    missing = [name for name in ("hub.mode", "hub.verify_token", "hub.challenge")
               if not params.get(name)]
    if missing:
        raise BadHandshake(f"webhook verification needs {', '.join(missing)}")
    if params["hub.mode"] != "subscribe":
        raise HandshakeRefused(f"hub.mode must be 'subscribe', got {params['hub.mode'][:40]!r}")
    if not hmac.compare_digest(params["hub.verify_token"].encode(), verify_token.encode()):
        raise HandshakeRefused("hub.verify_token does not match")
    return params["hub.challenge"]
