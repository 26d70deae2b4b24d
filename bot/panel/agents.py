"""The store's human agents: who may log into the agent panel, with scrypt-hashed passwords.

Accounts live in a JSON file (``SHOPDESK_AGENTS_FILE``) that ``shopdesk agents add NAME``
writes::

    [{"username": "alice", "password_hash": "scrypt$16384$8$1$<salt>$<hash>"}]

The hash names its own cost parameters, so they can be raised later without breaking the
accounts already written; salt and hash are base64.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
from collections.abc import Mapping
from pathlib import Path

log = logging.getLogger(__name__)

#: scrypt cost: n=2**14, r=8 takes 16 MiB and ~50 ms per check, which makes guessing slow.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
_SALT_BYTES, _HASH_BYTES = 16, 32
_USERNAME = re.compile(r"[A-Za-z0-9_.@-]{1,64}")
#: Names with a meaning of their own in `Session.handoff_owner`.
RESERVED_NAMES = frozenset({"queue"})
DEMO_USERNAME = DEMO_PASSWORD = "demo"


class AgentAccountError(ValueError):
    """An unusable agent name or password, or an accounts file that cannot be read."""


def hash_password(password: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    """A salted scrypt hash, as "scrypt$n$r$p$salt$hash".

    Raises:
        AgentAccountError: an empty password.
    """
    if not password:
        raise AgentAccountError("the password is empty")
    salt = secrets.token_bytes(_SALT_BYTES)
    digest = _scrypt(password, salt, n, r, p)
    return "$".join(("scrypt", str(n), str(r), str(p), _b64(salt), _b64(digest)))


def verify_password(password: str, stored: str) -> bool:
    """True when `password` matches a hash made by `hash_password`; False for any other hash."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest, validate=True)
        actual = _scrypt(password, base64.b64decode(salt, validate=True), int(n), int(r), int(p))
    except (ValueError, TypeError):  # malformed stored hash: no password matches it
        return False
    return hmac.compare_digest(actual, expected)


def check_username(username: str) -> str:
    """The name unchanged when usable as an agent name (it is shown to shoppers).

    Raises:
        AgentAccountError: not 1..64 of ``[A-Za-z0-9_.@-]``, or a reserved name.
    """
    if not isinstance(username, str) or not _USERNAME.fullmatch(username):
        raise AgentAccountError(f"invalid agent name {str(username)[:40]!r}: use 1 to 64 "
                                "letters, digits, '_', '.', '@' or '-'")
    if username.lower() in RESERVED_NAMES:
        raise AgentAccountError(f"{username!r} is reserved; choose another name")
    return username


class AgentAccounts:
    """Agent names and password hashes; `verify` checks a login.

    Args:
        hashes: username -> "scrypt$..." hash.
    """

    def __init__(self, hashes: Mapping[str, str]) -> None:
        self._hashes = dict(hashes)
        # Checked for unknown names so that a wrong name costs as long as a wrong password.
        self._decoy = hash_password(secrets.token_hex(8))

    @classmethod
    def load(cls, path: Path) -> "AgentAccounts":
        """Read an accounts file.

        Raises:
            AgentAccountError: the file is missing, not JSON, or not a list of
                {"username", "password_hash"}.
        """
        return cls(_read(path))

    @classmethod
    def demo(cls) -> "AgentAccounts":
        """The one demo account (demo / demo): for trying the demo store, never for real use."""
        return cls({DEMO_USERNAME: hash_password(DEMO_PASSWORD)})

    def __len__(self) -> int:
        return len(self._hashes)

    def __contains__(self, username: object) -> bool:
        return username in self._hashes

    def verify(self, username: str, password: str) -> bool:
        """True when the account exists and the password is its own."""
        stored = self._hashes.get(username)
        ok = verify_password(password, stored or self._decoy)
        return ok and stored is not None


def add_account(path: Path, username: str, password: str) -> bool:
    """Add an agent to the accounts file (created if missing), or set a new password.

    The file is replaced atomically and readable by its owner only.

    Returns:
        True when the agent is new, False when its password was replaced.

    Raises:
        AgentAccountError: a bad name, an empty password, or an unreadable existing file.
    """
    check_username(username)
    hashes = _read(path) if path.exists() else {}
    new = username not in hashes
    hashes[username] = hash_password(password)
    rows = [{"username": name, "password_hash": value} for name, value in sorted(hashes.items())]
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(rows, out, indent=2)
        out.write("\n")
    os.replace(temporary, path)
    return new


def _read(path: Path) -> dict[str, str]:
    try:
        rows = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AgentAccountError(f"agents file {path} does not exist; create it with "
                                "`shopdesk agents add NAME`") from None
    except (OSError, ValueError) as exc:
        raise AgentAccountError(f"agents file {path} cannot be read: {exc}") from None
    if not isinstance(rows, list) or not all(
            isinstance(row, dict) and isinstance(row.get("username"), str)
            and isinstance(row.get("password_hash"), str) for row in rows):
        raise AgentAccountError(f"agents file {path}: expected a JSON list of "
                                '{"username": ..., "password_hash": ...}')
    return {row["username"]: row["password_hash"] for row in rows}


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=_HASH_BYTES,
                          maxmem=256 * r * (n + p + 2))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
