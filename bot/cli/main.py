"""The ``shopdesk`` command: parses arguments, reads Settings, calls the package faces."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from typing import Sequence

from bot.log_format import configure_logging
from bot import log_privacy
from bot.settings import Settings, SettingsError


def main(argv: Sequence[str] | None = None) -> int:
    # Nothing may reach a model hub: the weights come from local packages.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    # Weight-loading bars would bury a one-line answer; setup draws its own progress bars.
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    args = _parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        print(f"shopdesk: configuration error: {exc}", file=sys.stderr)
        return 2
    try:
        configure_logging(settings.log_level, settings.log_format)
    except ValueError as exc:
        print(f"shopdesk: configuration error: {exc}", file=sys.stderr)
        return 2
    logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG
    log_privacy.install()  # no token, email or order number in any log line
    try:
        return args.func(args, settings)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the edge: one clear line, the traceback only when debugging
        from bot.errors import user_message

        message = user_message(exc)
        if message is None:
            raise
        print(f"shopdesk: {message}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="shopdesk", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    cmd = sub.add_parser("setup", help="prepare model weights and the search index (idempotent)")
    cmd.set_defaults(func=_setup)

    cmd = sub.add_parser("index", help="build the search index of the store (skipped if current)")
    cmd.add_argument("--force", action="store_true", help="rebuild even if up to date")
    cmd.set_defaults(func=_index)

    cmd = sub.add_parser("search", help="search the store's products and articles")
    cmd.add_argument("query")
    cmd.add_argument("-k", type=int, default=None, help="number of hits (default: settings)")
    cmd.add_argument("--type", action="append", dest="types",
                     help="document type: product, policy, faq, page, promotion, article")
    cmd.add_argument("--category", help='category name or path, e.g. "Jackets" or "Men/Tops"')
    cmd.add_argument("--min-price", type=float)
    cmd.add_argument("--max-price", type=float)
    cmd.add_argument("--in-stock", action="store_true", help="only products in stock")
    cmd.add_argument("--json", action="store_true", help="print hits as JSON")
    cmd.set_defaults(func=_search)

    kb_cmd = sub.add_parser("kb", help="inspect the knowledge base")
    kb_sub = kb_cmd.add_subparsers(dest="kb_command", required=True)
    cmd = kb_sub.add_parser("stats", help="counts by type, and any import problems")
    cmd.add_argument("--json", action="store_true")
    cmd.set_defaults(func=_kb_stats)

    from bot.cli.agents import register_agent_commands
    from bot.cli.nlu import register_nlu_commands
    from bot.cli.serving import register_serving_commands
    from bot.cli.store import register_store_commands

    register_store_commands(sub)
    register_serving_commands(sub)
    register_nlu_commands(sub)
    register_agent_commands(sub)
    return parser


def _setup(args: argparse.Namespace, settings: Settings) -> int:
    from models import prepare_assets

    print(f"[1/2] model weights -> {settings.models_dir}", file=sys.stderr)
    assets = prepare_assets(settings.data_dir, show_progress=True)
    print(f"      embeddings: {assets.minilm_dir}", file=sys.stderr)
    print(f"      generator:  {assets.generator_dir}", file=sys.stderr)
    print(f"      test model: {assets.test_generator_gguf}", file=sys.stderr)
    print(f"[2/2] search index -> {settings.index_dir}", file=sys.stderr)
    _build_index(settings, force=False)
    from bot.cli.nlu import ensure_nlu_models

    ensure_nlu_models(settings, show_progress=True)  # intent + sentiment, when missing or stale
    print("setup complete", file=sys.stderr)
    return 0


def _index(args: argparse.Namespace, settings: Settings) -> int:
    _build_index(settings, force=args.force)
    return 0


def _build_index(settings: Settings, *, force: bool):
    from bot.loading import load_retriever

    retriever = load_retriever(settings, force=force, show_progress=True)
    print(f"index ready: {len(retriever)} documents in {settings.index_dir}", file=sys.stderr)
    return retriever


def _search(args: argparse.Namespace, settings: Settings) -> int:
    from bot.loading import load_retriever

    filters = {key: value for key, value in (
        ("types", args.types), ("category", args.category), ("min_price", args.min_price),
        ("max_price", args.max_price), ("in_stock", True if args.in_stock else None),
    ) if value is not None}
    retriever = load_retriever(settings, build=False)
    hits = retriever.search(args.query, k=settings.search_k if args.k is None else args.k, filters=filters or None)
    if args.json:
        print(json.dumps([_hit_json(hit) for hit in hits], indent=2, ensure_ascii=False))
        return 0
    if not hits:
        print("no matches")
    from kb import KnowledgeBase

    from bot.types import format_money

    currency = KnowledgeBase.load(settings.store).currency if hits else None
    for rank, hit in enumerate(hits, start=1):
        price = hit.metadata.get("price")
        extra = f"  {format_money(price, currency)}" if isinstance(price, (int, float)) else ""
        print(f"{rank:2}. [{hit.id}] {hit.title}{extra}  (score {hit.score:.4f})")
    return 0


def _hit_json(hit) -> dict:
    return {"id": hit.id, "type": hit.type, "title": hit.title, "text": hit.text,
            "score": round(hit.score, 6), "metadata": dict(hit.metadata)}


def _kb_stats(args: argparse.Namespace, settings: Settings) -> int:
    from kb import KnowledgeBase

    kb = KnowledgeBase.load(settings.store)
    stats = kb.stats()
    if args.json:
        print(json.dumps({"store": settings.store, "counts": stats,
                          "problems": [str(p) for p in kb.problems]}, indent=2))
        return 0
    print(f"store: {settings.store}")
    for key, value in stats.items():
        print(f"  {key:20} {value}")
    for problem in kb.problems:
        print(f"  problem: {problem}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
