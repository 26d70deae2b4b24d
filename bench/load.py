"""Load check: simulated shoppers against the real service on a real Redis, on loopback.

    .venv/bin/python bench/load.py --serve --shoppers 50 --duration 60
    .venv/bin/python bench/load.py --url http://127.0.0.1:8000 --shoppers 200 --duration 120

With ``--serve`` it starts a private redis-server (append-only file, fsync every second) and
`shopdesk serve` on free loopback ports and stops both at the end; otherwise it drives the
service at ``--url`` (loopback only). Each shopper is an asyncio task with its own session: it
sends a message, waits for the whole answer (or a refusal), thinks ``--think`` seconds, and
goes on until ``--duration`` is over (``--max-turns`` bounds the total). A share of the turns
(``--generated``) are policy questions the generator answers; the rest are answered by code
(greetings, order status, shipping quotes, product search). Half are streamed (SSE), half
plain POST (``--streamed``). A prober in a process of its own asks /healthz and /readyz
every 0.2 s meanwhile.

It prints throughput, latency p50/p95/p99 by kind and mode, the 429/503/409 refusals, errors and
client timeouts, health latencies, and then checks every session's transcript against what the
shopper was told: an acknowledged turn (a 200 with its reply) missing from the transcript is
**lost**; a stored message the shopper was refused, or a full reply stored for a request the
shopper gave up on (not marked cut), is a **ghost**. Last, the bar: code-answered p95 <= 200 ms
with 0 timeouts, every generated turn answered or told to retry within 10 s, 0 server errors,
0 lost, 0 ghosts, health p99 <= 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx2

ROOT = Path(__file__).resolve().parents[1]
if str(Path(__file__).resolve().parent) in sys.path:  # never shadow packages with bench/ files
    sys.path.remove(str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

from bench.process_cpu import children, cpu_seconds, own_cpu_seconds, turn_cpu  # noqa: E402
CODE = ["hi", "thanks!", "where is my order 000000111?", "how much is shipping to Canada?",
        "show me yoga pants under $50", "do you have any promotions?", "hello there"]
GENERATED = ["How many days do I have to return an item?", "Can I exchange a product for another size?",
             "How long does delivery take?", "Do you ship internationally?",
             "What payment methods do you accept?", "How do I track my package?"]
#: Actions of the generated path ("unavailable": the model did not answer in time or is down).
GENERATED_ACTIONS = {"answer", "extractive", "dont_know", "cancelled", "unavailable"}


@dataclass
class Sent:
    """One message a shopper sent and what it was told."""

    text: str
    kind: str  # "code" | "generated"
    mode: str  # "post" | "sse"
    status: int = 0  # HTTP-like: 200, 409, 429, 503, 500; 0 = client timeout / connection error
    seconds: float = 0.0
    reply: str = ""
    action: str = ""


@dataclass
class Shopper:
    """One simulated shopper; the service issues the conversation (id and owner token) on the
    first answered turn."""

    session_id: str = ""
    token: str = ""
    sent: list[Sent] = field(default_factory=list)

    def request(self, text: str) -> tuple[dict, dict]:
        body = {"message": text} | ({"session_id": self.session_id} if self.session_id else {})
        return body, ({"authorization": f"Bearer {self.token}"} if self.token else {})

    def started(self, data: dict) -> None:
        if not self.session_id and data.get("session_token"):
            self.session_id, self.token = data["session_id"], data["session_token"]


async def _post(client: httpx2.AsyncClient, me: Shopper, text: str, sent: Sent) -> None:
    body, headers = me.request(text)
    response = await client.post("/v1/chat", json=body, headers=headers)
    sent.status = response.status_code
    if response.status_code == 200:
        data = response.json()
        me.started(data)
        sent.reply, sent.action = data["reply"]["text"], data["reply"].get("action", "")
    else:
        sent.reply = response.text[:200]  # why it was refused


async def _sse(client: httpx2.AsyncClient, me: Shopper, text: str, sent: Sent) -> None:
    kind = ""
    body, headers = me.request(text)
    async with client.stream("POST", "/v1/chat/stream", json=body,
                             headers=headers) as response:
        if response.status_code != 200:
            sent.status = response.status_code
            return
        async for line in response.aiter_lines():
            if line.startswith("event: "):
                kind = line[7:]
            elif line.startswith("data: ") and kind in ("reply", "error"):
                data = json.loads(line[6:])
                if kind == "reply":
                    me.started(data)
                    sent.status, sent.reply = 200, data["reply"]["text"]
                    sent.action = data["reply"].get("action", "")
                else:
                    sent.status, sent.reply = data["status"], str(data.get("error", ""))[:200]
                return


async def shopper(client: httpx2.AsyncClient, me: Shopper, args, stop_at: float,
                  budget: list[int], rng: random.Random) -> None:
    await asyncio.sleep(rng.uniform(0, args.think[1]))  # arrivals spread out
    while time.monotonic() < stop_at and budget[0] > 0:
        budget[0] -= 1
        kind = "generated" if rng.random() < args.generated else "code"
        text = rng.choice(GENERATED if kind == "generated" else CODE)
        sent = Sent(text, kind, "sse" if rng.random() < args.streamed else "post")
        me.sent.append(sent)
        started = time.monotonic()
        try:
            call = _sse if sent.mode == "sse" else _post
            await asyncio.wait_for(call(client, me, text, sent), args.timeout)
        except (asyncio.TimeoutError, httpx2.TransportError):
            sent.status = 0  # the shopper gave up (or the connection failed)
        sent.seconds = time.monotonic() - started
        await asyncio.sleep(rng.uniform(*args.think))


def probe(url: str, seconds: float, out) -> None:
    """Ask /healthz and /readyz every 0.2 s for ``seconds``; send {path: [(s, status)]} to
    ``out``. It runs in a process of its own: in the shoppers' event loop the client's own lag
    (200 streams to parse) would be counted as the service's."""
    seen: dict[str, list] = {"/healthz": [], "/readyz": []}
    stop_at = time.monotonic() + seconds
    with httpx2.Client(base_url=url, timeout=10) as client:
        while time.monotonic() < stop_at:
            for path in seen:
                started = time.monotonic()
                try:
                    status = client.get(path).status_code
                    seen[path].append((time.monotonic() - started, status))
                except httpx2.TransportError:
                    seen[path].append((10.0, 0))
            time.sleep(0.2)
    out.send(seen)
    out.close()


def audit(me: Shopper, transcript: list[dict]) -> tuple[int, int]:
    """(lost, ghosts) of one session: its transcript against what the shopper was told.

    Texts repeat within a session, so this counts per text: acknowledged turns not stored are
    lost; stored messages beyond those acknowledged or given up on are ghosts, and so are full
    (not cut) replies stored beyond those acknowledged.
    """
    acked, gave_up = Counter(), Counter()
    for sent in me.sent:
        if sent.status == 200:
            acked[sent.text] += 1
        elif sent.status == 0:
            gave_up[sent.text] += 1
    stored, full = Counter(), Counter()
    for i, entry in enumerate(transcript):
        if entry["role"] != "user":
            continue
        stored[entry["text"]] += 1
        after = transcript[i + 1] if i + 1 < len(transcript) else None
        if after and after["role"] == "assistant" and (
                (after.get("reply") or {}).get("action") != "cancelled"):
            full[entry["text"]] += 1
    lost = sum(max(0, acked[t] - stored[t]) for t in acked)
    ghosts = sum(max(stored[t] - acked[t] - gave_up[t], full[t] - acked[t], 0) for t in stored)
    return lost, ghosts


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def report(shoppers: list[Shopper], health: dict, audits: list[tuple[int, int]], wall: float,
           args) -> bool:
    turns = [s for me in shoppers for s in me.sent]
    answered = [t for t in turns if t.status == 200]
    print(f"\n{len(shoppers)} shoppers, {wall:.0f} s: {len(turns)} turns sent, "
          f"{len(answered)} answered ({len(answered) / wall:.1f}/s)")
    statuses = Counter(t.status for t in turns)
    print("outcomes:", ", ".join(f"{k or 'timeout'}: {v}" for k, v in sorted(statuses.items())))
    print(f"{'kind':10} {'mode':5} {'n':>5} {'ok':>5} {'p50 s':>7} {'p95 s':>7} {'p99 s':>7} "
          f"{'max s':>7}  refusals")
    misread = sum(1 for t in answered if (t.action in GENERATED_ACTIONS) != (t.kind == "generated"))
    for t in answered:  # the kind is the path the service took (only generation is refused)
        t.kind = "generated" if t.action in GENERATED_ACTIONS else "code"
    groups: dict[tuple[str, str], list[Sent]] = defaultdict(list)
    for t in turns:
        groups[(t.kind, t.mode)].append(t)
        groups[(t.kind, "all")].append(t)
    for (kind, mode), items in sorted(groups.items()):
        ok = [t.seconds for t in items if t.status == 200]
        refused = Counter(t.status for t in items if t.status not in (200,))
        print(f"{kind:10} {mode:5} {len(items):5} {len(ok):5} {pct(ok, .5):7.3f} "
              f"{pct(ok, .95):7.3f} {pct(ok, .99):7.3f} {max(ok, default=float('nan')):7.3f}  "
              f"{dict(refused) or '-'}")
    actions = Counter(t.action for t in answered if t.kind == "generated")
    print("generated answers by action (answer/dont_know: the model's; extractive, unavailable: "
          "mostly the facts' without it):", dict(actions.most_common()))
    reasons = Counter(f"{t.status}: {t.reply}" for t in turns if t.status in (409,) or
                      (t.status >= 500 and t.status != 503))
    for reason, n in reasons.most_common(5):
        print(f"  {n} x {reason}")
    for path, seen in health.items():
        times = [s for s, _ in seen]
        bad = sum(1 for _, code in seen if code not in (200,))
        print(f"{path:9} n={len(times)} p50 {pct(times, .5) * 1000:.1f} ms  p95 "
              f"{pct(times, .95) * 1000:.1f} ms  p99 {pct(times, .99) * 1000:.1f} ms  "
              f"max {max(times, default=0) * 1000:.1f} ms  non-200: {bad}")
    lost = sum(a[0] for a in audits)
    ghosts = sum(a[1] for a in audits)
    print(f"transcripts: {lost} acknowledged turns lost, {ghosts} ghosts "
          f"({misread} answered turns took the other path than the bench guessed; counted as "
          "the service's)")
    code = groups.get(("code", "all"), [])
    generated = groups.get(("generated", "all"), [])
    code_ok = [t.seconds for t in code if t.status == 200]
    health_times = [s for seen in health.values() for s, _ in seen]
    checks = {
        "code-answered p95 <= 200 ms": pct(code_ok, .95) <= 0.2,
        "code-answered: 0 timeouts": not any(t.status == 0 for t in code),
        "generated: answered or told to retry within 10 s": all(
            t.status in (200, 429, 503) and t.seconds <= 10 for t in generated),
        "0 server errors": not any(t.status >= 500 and t.status != 503 for t in turns),
        "0 acknowledged turns lost": lost == 0,
        "0 ghosts": ghosts == 0,
        "health p99 <= 50 ms": pct(health_times, .99) <= 0.05,
    }
    for name, ok in checks.items():
        print(f"  [{'PASS' if ok else 'FAIL'}] {name}")
    return all(checks.values())


async def run(args) -> bool:
    rng = random.Random(args.seed)
    shoppers = [Shopper() for _ in range(args.shoppers)]
    limits = httpx2.Limits(max_connections=args.shoppers + 10,
                           max_keepalive_connections=args.shoppers + 10)
    budget = [args.max_turns]
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    prober = context.Process(target=probe, args=(args.url, args.duration, send), daemon=True)
    async with httpx2.AsyncClient(base_url=args.url, limits=limits, timeout=args.timeout) as client:
        cpu = CpuUse(args, await _metrics(client))
        prober.start()
        started = time.monotonic()
        stop_at = started + args.duration
        await asyncio.gather(*(shopper(client, me, args, stop_at, budget, rng) for me in shoppers))
        wall = time.monotonic() - started
        health = await asyncio.to_thread(receive.recv)
        prober.join()
        cpu.stop(await _metrics(client))
        await asyncio.sleep(args.settle)  # turns the shoppers gave up on finish and save
        audits = []
        for me in shoppers:
            if not me.sent or not me.session_id:
                continue
            try:
                response = await client.get(f"/v1/sessions/{me.session_id}", timeout=30,
                                            headers=me.request("")[1])
            except httpx2.TransportError as error:
                print(f"audit: the service did not answer ({error!r}); is it still up?")
                audits.append((sum(1 for s in me.sent if s.status == 200), 0))
                continue
            transcript = response.json()["transcript"] if response.status_code == 200 else []
            audits.append(audit(me, transcript))
        _print_errors(await _metrics(client))
    ok = report(shoppers, health, audits, wall, args)
    cpu.report(shoppers)
    return ok


async def _metrics(client: httpx2.AsyncClient) -> str:
    try:
        return (await client.get("/metrics", timeout=30)).text
    except httpx2.TransportError:
        return ""


def _print_errors(text: str) -> None:
    """The service's own count of failed requests by kind (what the 409s and 503s were)."""
    lines = [line for line in text.splitlines() if line.startswith("shopdesk_errors_total{")]
    print("service errors:", "; ".join(lines) or "none")


class CpuUse:
    """CPU seconds over the load of the service, its generator child, Redis and this client
    (``--serve`` only, their pids are known), and of the turns' threads by kind (/metrics)."""

    def __init__(self, args, metrics_text: str) -> None:
        self.pids = {"service": args.service_pid, "redis": args.redis_pid}
        generators = children(args.service_pid) if args.service_pid else []
        if generators:
            self.pids["generator child"] = generators[0]
        self.before = {name: cpu_seconds(pid) for name, pid in self.pids.items() if pid}
        self.before["load client"] = own_cpu_seconds()
        self.turns_before = turn_cpu(metrics_text, GENERATED_ACTIONS)
        self.spent: dict[str, float] = {}
        self.turns: dict[str, tuple[int, float]] = {}

    def stop(self, metrics_text: str) -> None:
        now = {name: cpu_seconds(pid) for name, pid in self.pids.items() if pid}
        now["load client"] = own_cpu_seconds()
        self.spent = {name: now[name] - self.before[name] for name in self.before}
        for kind, (n, seconds) in turn_cpu(metrics_text, GENERATED_ACTIONS).items():
            n0, s0 = self.turns_before.get(kind, (0, 0.0))
            self.turns[kind] = (n - n0, seconds - s0)

    def report(self, shoppers: list[Shopper]) -> None:
        turns = [s for me in shoppers for s in me.sent]
        served = sum(n for n, _ in self.turns.values()) or len(turns)
        generated = self.turns.get("generated", (0, 0.0))[0]
        print("CPU over the load (s; ms per turn the service finished):")
        for name, seconds in self.spent.items():
            per = (f"{seconds / generated * 1000:.1f} ms per generated turn"
                   if name == "generator child" and generated else
                   f"{seconds / max(1, served) * 1000:.1f} ms per turn")
            print(f"  {name:16} {seconds:8.1f} s  {per}")
        for kind, (n, seconds) in sorted(self.turns.items()):
            print(f"  {kind} turns' threads: {n} turns, {seconds / max(1, n) * 1000:.1f} ms per "
                  "turn (NLU, policy, retrieval, Redis, guard; not the event loop's HTTP/SSE)")


# --- a private Redis and service, with --serve ---------------------------------------------------

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(url: str, seconds: float, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"{proc.args[0]} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    sys.exit(f"{url} was not ready within {seconds:g} s")


def serve(args, workdir: Path) -> list[subprocess.Popen]:
    redis_port, port = _free_port(), _free_port()
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    redis_proc = subprocess.Popen(
        [binary, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
         "yes", "--appendfsync", "everysec", "--dir", str(workdir)],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    env = {**os.environ, "SHOPDESK_REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
           "SHOPDESK_HOST": "127.0.0.1", "SHOPDESK_PORT": str(port), "HF_HUB_OFFLINE": "1",
           "TRANSFORMERS_OFFLINE": "1", "SHOPDESK_RATE_LIMIT_PER_MINUTE": "0"}
    log = open(workdir / "serve.log", "wb")
    service = subprocess.Popen([str(ROOT / ".venv" / "bin" / "shopdesk"), "serve"], cwd=ROOT,
                               env=env, stdout=log, stderr=subprocess.STDOUT)
    args.url = f"http://127.0.0.1:{port}"
    args.service_pid, args.redis_pid = service.pid, redis_proc.pid
    print(f"serving on {args.url} (Redis on {redis_port}; log {workdir / 'serve.log'})")
    _wait(args.url + "/readyz", 300, service)
    return [service, redis_proc]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--serve", action="store_true", help="start redis-server + shopdesk serve")
    parser.add_argument("--shoppers", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--max-turns", type=int, default=20_000)
    parser.add_argument("--think", type=float, nargs=2, default=(2.0, 6.0),
                        help="seconds between a reply and the next message (min max)")
    parser.add_argument("--generated", type=float, default=0.3, help="share of generated turns")
    parser.add_argument("--streamed", type=float, default=0.5, help="share sent over SSE")
    parser.add_argument("--timeout", type=float, default=15.0, help="a shopper gives up after")
    parser.add_argument("--settle", type=float, default=5.0, help="wait before the audit")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    args.service_pid = args.redis_pid = 0  # known with --serve
    if urlsplit(args.url).hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("bench/load.py drives loopback services only")
    procs: list[subprocess.Popen] = []
    workdir = Path(tempfile.mkdtemp(prefix="shopdesk-load-"))  # kept when the run fails
    ok = False
    try:
        if args.serve:
            procs = serve(args, workdir)
        ok = asyncio.run(run(args))
    finally:
        for proc in procs:
            if proc.poll() is not None:
                print(f"{proc.args[0]} had exited with {proc.returncode}")
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        if ok:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"kept {workdir} (service log, Redis files)")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
