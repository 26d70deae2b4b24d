"""Redis memory per 10k conversations, measured on a private redis-server.

Run: .venv/bin/python bench/session_memory.py [--conversations 2000] [--turns 6]

One real conversation is played through the dialogue service (real NLU, retrieval, facts; the
generator points at a closed port, so generated turns take the extractive fallback, which stores
facts and replies of the same shape), then stored under N session ids with the service's own
`RedisSessionStore`. Prints Redis `used_memory` per conversation and per 10k, the session JSON
size, and the turns' shapes. Needs /usr/bin/redis-server.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import redis  # noqa: E402

from bench.generation import CONVERSATION  # noqa: E402
from bot.service import build_dialogue_service  # noqa: E402
from bot.sessions.base import session_to_json  # noqa: E402
from bot.sessions.redis_store import RedisSessionStore  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.types import ChannelMessage  # noqa: E402


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=2000)
    parser.add_argument("--turns", type=int, default=6)
    args = parser.parse_args()
    settings = replace(Settings.from_env(), redis_url="", rate_limit_per_minute=0,
                       generator_url=f"http://127.0.0.1:{free_port()}/v1", generator_retries=0)
    service = build_dialogue_service(settings)
    for question, _ in CONVERSATION[:args.turns]:
        service.reply(ChannelMessage("memory-bench", question))
    session = service.session("memory-bench")
    service.close()
    raw = session_to_json(session)
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        proc = subprocess.Popen(["/usr/bin/redis-server", "--port", str(port), "--save", "",
                                 "--appendonly", "no", "--dir", folder],
                                stdout=subprocess.DEVNULL)
        try:
            client = redis.Redis(port=port)
            while True:
                try:
                    client.ping()
                    break
                except redis.ConnectionError:
                    time.sleep(0.05)
            before = client.info("memory")["used_memory"]
            store = RedisSessionStore(f"redis://127.0.0.1:{port}/0")
            for i in range(args.conversations):
                with store.transaction(f"bench-{i}") as copy:
                    copy.transcript, copy.slots = session.transcript, session.slots
            after = client.info("memory")["used_memory"]
            store.close()
        finally:
            proc.kill()
            proc.wait()
    per = (after - before) / args.conversations
    print(f"conversation: {args.turns} shopper turns, {len(session.transcript)} entries, "
          f"session JSON {len(raw):,} bytes")
    print(f"redis used_memory: {per:,.0f} bytes per conversation, "
          f"{per * 10_000 / 2**20:,.1f} MiB per 10k conversations")


if __name__ == "__main__":
    main()
