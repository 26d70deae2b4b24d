"""CPU seconds of processes and of the service's turns, for bench/load.py.

CPU used, unlike latency, barely moves when other processes share the cores: it is the number
to compare between runs on a busy machine.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

_TICK = os.sysconf("SC_CLK_TCK")
_SAMPLE = re.compile(r'^(shopdesk_turns_total|shopdesk_turn_cpu_seconds_total)\{([^}]*)\} (\S+)$')


def cpu_seconds(pid: int) -> float:
    """utime + stime of a live process, plus those of its children that it waited for.

    Returns:
        The seconds, or 0.0 when the process is gone.
    """
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # after "pid (comm)": state is fields[0]; utime, stime, cutime, cstime are fields 11-14
    return sum(int(v) for v in fields[11:15]) / _TICK


def children(pid: int) -> list[int]:
    """Live processes whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def own_cpu_seconds() -> float:
    """This process's CPU, plus that of its children it waited for (the health prober)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def turn_cpu(metrics_text: str, generated_actions: set[str]) -> dict[str, tuple[int, float]]:
    """{"code" | "generated": (turns, CPU seconds of their threads)} from the service's
    /metrics (``shopdesk_turns_total`` and ``shopdesk_turn_cpu_seconds_total`` by action)."""
    turns: dict[str, float] = {}
    cpu: dict[str, float] = {}
    for line in metrics_text.splitlines():
        match = _SAMPLE.match(line)
        if not match:
            continue
        labels = dict(re.findall(r'(\w+)="([^"]*)"', match[2]))
        target = turns if match[1] == "shopdesk_turns_total" else cpu
        action = labels.get("action", "")
        target[action] = target.get(action, 0.0) + float(match[3])
    out: dict[str, tuple[int, float]] = {}
    for action, n in turns.items():
        kind = "generated" if action in generated_actions else "code"
        count, seconds = out.get(kind, (0, 0.0))
        out[kind] = (count + int(n), seconds + cpu.get(action, 0.0))
    return out
