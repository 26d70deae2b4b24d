"""A session's first turn right after load, with the rules' prefix kept at load and without it.

    .venv/bin/python bench/rules_prefix.py [--threads 1] [--repeat 2]

`Engine.keep_rules_prefix` runs the system turn once at load and keeps its cache as the donor
every first turn borrows. Here both ways run in one process, alternating per question: every
cache dropped, then the prefix kept again (or not), then one first turn; CPU time of this
process (all threads) to the first token, and the prompt tokens run. The first token must be
the same both ways.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(Path(__file__).resolve().parent) in sys.path:  # never shadow packages with bench/ files
    sys.path.remove(str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

#: First questions with the one fact each would be shown (the demo store's words, shortened).
QUESTIONS = (("Do you deliver on weekends?", "Deliveries occur only on weekdays."),
             ("can i return a sale item?", "Sale items can be returned within 30 days of delivery."),
             ("do you ship to canada", "We ship to the United States and Canada."))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads (default 1)")
    parser.add_argument("--repeat", type=int, default=2, help="rounds over the questions")
    args = parser.parse_args(argv)
    import torch

    torch.set_num_threads(args.threads)
    from bot.service import generator_path
    from bot.settings import Settings
    from models import ChatMessage, Fact, Generator

    generator = Generator(generator_path(Settings.from_env())).load()
    engine = generator._engine  # the bench drops and refills the pool between runs
    runs: dict[str, list] = {"kept": [], "none": []}
    for round_ in range(args.repeat):
        for index, (question, fact) in enumerate(QUESTIONS):
            order = ("kept", "none") if (round_ + index) % 2 == 0 else ("none", "kept")
            for mode in order:
                engine.pool.clear()
                if mode == "kept":
                    engine.keep_rules_prefix()
                started = time.process_time()
                result = generator.generate(f"{mode}-{round_}-{index}", [ChatMessage("user", question)],
                                            [Fact(f"fact:{index}", fact)], max_new_tokens=1)
                runs[mode].append((time.process_time() - started, result.timings, result.token_ids))
    generator.close()
    for mode, rows in runs.items():
        print(f"{mode:5} first token CPU ms median {statistics.median(r[0] for r in rows) * 1000:.0f} "
              f"({', '.join(f'{r[0] * 1000:.0f}' for r in rows)}); prompt tokens run "
              f"{sorted({r[1].prefill_tokens for r in rows})}, from a cache {sorted({r[1].reused_tokens for r in rows})}")
    same = all(a[2] == b[2] for a, b in zip(runs["kept"], runs["none"]))
    print(f"same first token both ways: {same}; load average {os.getloadavg()[0]:.2f}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
