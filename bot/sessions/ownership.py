"""Who owns a web session: the service issues its id with a random secret, and keeps only a hash.

A web conversation's id (``web:<24 random characters>``) names it; the secret proves it is
yours. The shopper's browser keeps the secret in an HttpOnly cookie, an API client as a bearer
token. The session stores SHA-256 of the secret (`Session.owner_digest`), so neither a copy of
Redis nor a log line that shows an id gives anyone a conversation.

    key = new_web_key()
    session.owner_digest = digest(key.secret)
    proves(session, key.secret)   # True; any other secret, or none: False
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field

from bot.types import WEB_NAMESPACE, Session

_ID_BYTES = 18  # 24 URL-safe characters: the web id grammar
_SECRET_BYTES = 32


@dataclass(frozen=True, slots=True)
class SessionKey:
    """A new web session's id and its owner secret (hand the secret to the shopper only)."""

    session_id: str
    secret: str = field(repr=False)


def new_web_key() -> SessionKey:
    """A fresh, unguessable web session id with its secret."""
    return SessionKey(f"{WEB_NAMESPACE}:{secrets.token_urlsafe(_ID_BYTES)}",
                      secrets.token_urlsafe(_SECRET_BYTES))


def digest(secret: str) -> str:
    """What a session keeps of its owner secret."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def proves(session: Session, secret: str) -> bool:
    """True when ``secret`` is the session's owner secret (compared in constant time)."""
    if not session.owner_digest or not secret:
        return False
    return hmac.compare_digest(session.owner_digest, digest(secret))
