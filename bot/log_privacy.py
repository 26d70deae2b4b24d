"""What the service's logs may not hold: tokens, email addresses, order numbers, query strings.

`PrivacyFilter` sits on every log handler (`install`): it rewrites each record before it is
written, masking emails (``r***@example.com``), order numbers (``******101``) and credentials in
URLs and headers (the Telegram bot token in ``/bot<token>/``, ``access_token=``, ``Bearer``), and
it drops the query string from access-log lines, so that no search or handshake parameter is
kept. The HTTP client's own request log (httpx2/httpx at INFO: one line per send-API URL) is
turned down to warnings.
"""

from __future__ import annotations

import logging
import re

_EMAIL = re.compile(r"\b([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
# A run of 6+ digits on its own (an order number in any store's format): its last 3 stay.
_ORDER = re.compile(r"(?<![\w.-])\d{3,}(\d{3})(?![\w-]|\.\d)")
_SECRETS = (
    (re.compile(r"/bot[^/\s]+/"), "/bot***/"),  # Telegram's API path carries the bot token
    (re.compile(r"((?:access_token|token|hub\.verify_token|secret)=)[^&\s\"']+", re.I), r"\1***"),
    (re.compile(r"(Bearer\s+)[^\s\"',]+", re.I), r"\1***"),
)
#: Loggers that log every request URL at INFO.
CHATTY_CLIENTS = ("httpx2", "httpx", "httpcore", "hpack")


def mask(text: str) -> str:
    """``text`` with emails, order numbers and credentials masked."""
    text = _EMAIL.sub(r"\1***@\2", text)
    text = _ORDER.sub(lambda m: "*" * (len(m.group(0)) - 3) + m.group(1), text)
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


class PrivacyFilter(logging.Filter):
    """Masks every record it sees (never drops one)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == "uvicorn.access" and isinstance(record.args, tuple) \
                and len(record.args) == 5:
            # (client, method, path with query, http version, status): the formatter needs the
            # tuple, so the path is cleaned in place
            client, method, path, version, status = record.args
            record.args = (client, method, mask(str(path).split("?", 1)[0]), version, status)
            return True
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a bad format string: leave it to the formatter
            return True
        record.msg, record.args = mask(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = mask(logging.Formatter().formatException(record.exc_info))
        return True


def install(handlers: list[logging.Handler] | None = None) -> None:
    """Put a `PrivacyFilter` on ``handlers`` (default: the root logger's) and turn the HTTP
    clients' request logs down to warnings."""
    for handler in logging.getLogger().handlers if handlers is None else handlers:
        if not any(isinstance(f, PrivacyFilter) for f in handler.filters):
            handler.addFilter(PrivacyFilter())
    for name in CHATTY_CLIENTS:
        logging.getLogger(name).setLevel(logging.WARNING)
