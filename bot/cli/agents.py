"""``shopdesk agents add NAME``: agent panel accounts in the file ``SHOPDESK_AGENTS_FILE`` names."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from bot.settings import Settings


def register_agent_commands(sub: argparse._SubParsersAction) -> None:
    """Add ``agents add`` to the ``shopdesk`` parser."""
    agents = sub.add_parser("agents", help="accounts of the agent panel (/panel)")
    agents_sub = agents.add_subparsers(dest="agents_command", required=True)
    cmd = agents_sub.add_parser("add", help="add an agent, or set a new password for one")
    cmd.add_argument("name", help="the agent's login name (shown to shoppers when they take over)")
    cmd.add_argument("--file", type=Path, help="accounts file (default: SHOPDESK_AGENTS_FILE)")
    cmd.add_argument("--password-stdin", action="store_true",
                     help="read the password from the first line of stdin instead of a prompt")
    cmd.set_defaults(func=_add)


def _add(args: argparse.Namespace, settings: Settings) -> int:
    from bot.panel.agents import add_account, check_username

    path = args.file or (Path(settings.agents_file).expanduser() if settings.agents_file else None)
    if path is None:
        print("shopdesk: set SHOPDESK_AGENTS_FILE (or pass --file) to say where accounts live",
              file=sys.stderr)
        return 2
    check_username(args.name)  # before asking for a password
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(f"password for {args.name}: ")
        if password != getpass.getpass("again: "):
            print("shopdesk: the passwords differ; nothing changed", file=sys.stderr)
            return 1
    new = add_account(path, args.name, password)
    print(f"{'added' if new else 'new password for'} {args.name} in {path}", file=sys.stderr)
    if not settings.agents_file or Path(settings.agents_file).expanduser() != path:
        print(f"the service reads it with SHOPDESK_AGENTS_FILE={path}", file=sys.stderr)
    return 0
