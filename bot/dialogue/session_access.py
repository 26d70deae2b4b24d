"""Who may reach a session, and what of a message's metadata a session keeps.

Every turn passes here before it touches a session: the message's channel must match the
session's namespace (`bot.types.reachable_from`), and a web session must be the secret's
(`bot.sessions.ownership`). A refusal reads the same whether the session exists or not, so
an id tells nobody whether it was ever used.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from bot.sessions.errors import InvalidSessionId, UnknownSession
from bot.sessions.ownership import digest, proves
from bot.types import WEB_NAMESPACE, ChannelMessage, Session, namespace_of, reachable_from

#: What a session keeps of the metadata edges pass along (page URL, locale...): at most this
#: many keys (later new keys are dropped; known keys are updated), keys of at most
#: `_KEY_CHARS` characters, and only scalar values, strings cut to `_VALUE_CHARS`.
MAX_METADATA_KEYS = 16
_KEY_CHARS = 64
_VALUE_CHARS = 256


def check_reach(message: ChannelMessage) -> bool:
    """Check that the message's channel may reach its session; True for a web session.

    Raises:
        InvalidSessionId: the id is in another channel's namespace (a web client naming
            ``whatsapp:<number>``, a webhook naming a web session...).
    """
    if not reachable_from(message.session_id, message.channel):
        raise InvalidSessionId(f"a {message.channel} message cannot reach a session named "
                               f"{namespace_of(message.session_id) or 'like that'}:...; "
                               "session ids are issued by the service")
    return namespace_of(message.session_id) == WEB_NAMESPACE


def claim(session: Session, message: ChannelMessage) -> None:
    """Prove the message's right to a web session; a new one becomes the secret's.

    Raises:
        UnknownSession: the session is not the secret's (or a "new" id is taken already).
    """
    if message.new and not session.transcript and not session.owner_digest and message.secret:
        session.owner_digest = digest(message.secret)
        return
    if message.new or not proves(session, message.secret):
        raise UnknownSession(message.session_id)


def owned(session: Session | None, session_id: str, secret: str) -> Session:
    """The session when it exists and ``secret`` owns it.

    Raises:
        UnknownSession: no such session, or not the secret's (one answer for both).
    """
    if session is None or not proves(session, secret):
        raise UnknownSession(session_id)
    return session


def merge_metadata(kept: dict[str, Any], incoming: Mapping[str, Any]) -> None:
    """Fold a message's metadata into the session's, within the bounds above."""
    for key, value in incoming.items():
        key = str(key)[:_KEY_CHARS]
        if key not in kept and len(kept) >= MAX_METADATA_KEYS:
            continue
        if isinstance(value, str):
            kept[key] = value[:_VALUE_CHARS]
        elif value is None or isinstance(value, (bool, int, float)):
            kept[key] = value if len(json.dumps(value)) <= _VALUE_CHARS else None
        # objects and lists are dropped: nothing in the service reads them
