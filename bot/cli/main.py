"""The ``shopdesk`` command: parses arguments, reads Settings, calls the package faces."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Sequence

from bot.log_format import configure_logging
from bot import log_privacy
from bot.settings import Settings, SettingsError

log = logging.getLogger("shopdesk")


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

    store_cmd = sub.add_parser("store", help="check a store folder before serving it")
    store_sub = store_cmd.add_subparsers(dest="store_command", required=True)
    cmd = store_sub.add_parser("check", help="what each feature will and won't do with DIR; "
                               "exit 1 when the store cannot start")
    cmd.add_argument("folder", help='a store folder in the import format, or "demo"')
    cmd.set_defaults(func=_store_check)
    cmd = store_sub.add_parser("import-woocommerce",
                               help="write DIR/products.csv from WooCommerce's product export")
    cmd.add_argument("export", help="the CSV of WooCommerce's Products > Export")
    cmd.add_argument("folder", help="the store folder to write products.csv into")
    cmd.set_defaults(func=_store_import_woocommerce)
    cmd = store_sub.add_parser("import-orocommerce",
                               help="write DIR/products.csv from OroCommerce's products CSV")
    cmd.add_argument("export", help="the products CSV (sku, name, description, information, "
                     "specifications, price, MSRP, unit, ...)")
    cmd.add_argument("folder", help="the store folder to write products.csv into")
    cmd.add_argument("--related", help='related-products CSV ("SKU relation from","SKU relation to")')
    cmd.add_argument("--upsell", help="up-sell products CSV, the same layout")
    cmd.add_argument("--brands", help="brands CSV (its n-th row is brand_id n)")
    cmd.set_defaults(func=_store_import_orocommerce)

    cmd = sub.add_parser("serve", help="run the HTTP service")
    cmd.add_argument("--host", help="default: SHOPDESK_HOST")
    cmd.add_argument("--port", type=int, help="default: SHOPDESK_PORT")
    cmd.set_defaults(func=_serve)

    cmd = sub.add_parser("generator", help="serve the reply model alone as an OpenAI-compatible "
                         "chat server (`serve` starts one as its child process)")
    cmd.add_argument("--host", default="127.0.0.1")
    cmd.add_argument("--port", type=int, default=8001)
    cmd.add_argument("--nice", type=int, default=0, help="lower this process's CPU priority "
                     "by this much first")
    cmd.add_argument("--parent", type=int, default=0, help="exit when this process exits")
    cmd.set_defaults(func=_generator)

    cmd = sub.add_parser("chat", help="chat with the assistant in the terminal (same service)")
    cmd.add_argument("--session", help="session id to continue (default: a new one)")
    cmd.set_defaults(func=_chat)

    cmd = sub.add_parser("actions", help="run a Rasa action server (rasa-sdk) with ShopDesk's actions")
    cmd.add_argument("--host", help="default: SHOPDESK_HOST")
    cmd.add_argument("--port", type=int, default=5055, help="default: 5055, as Rasa expects")
    cmd.set_defaults(func=_actions)

    from bot.cli.agents import register_agent_commands
    from bot.cli.nlu import register_nlu_commands

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


def _store_check(args: argparse.Namespace, settings: Settings) -> int:
    from dataclasses import replace
    from datetime import date

    from kb import KnowledgeBase
    from kb.store_check import check_store, report_for

    from bot.loading import order_backend

    if args.folder == "demo":
        kb = KnowledgeBase.demo()
        report = report_for(kb, "demo")
    else:
        report = check_store(args.folder)
        kb = KnowledgeBase.from_folder(args.folder) if report.starts else None
    print(report)
    if not report.starts:
        return 1
    # The order system as SHOPDESK_ORDERS configures it (a bad setting stops `serve` too).
    order_backend(replace(settings, store=args.folder), kb, date.today())
    print(f"  order system: SHOPDESK_ORDERS={settings.orders}"
          + (f" at {settings.orders_url}" if settings.orders != "demo" else ""))
    return 0


def _store_import_woocommerce(args: argparse.Namespace, settings: Settings) -> int:
    from kb.woocommerce_export import convert_export

    source, folder = Path(args.export), Path(args.folder)
    if not source.is_file():
        print(f"no such file: {source}", file=sys.stderr)
        return 2
    folder.mkdir(parents=True, exist_ok=True)
    conversion = convert_export(source, folder / "products.csv")
    print(f"{folder / 'products.csv'}: {len(conversion.rows)} rows")
    for problem in conversion.problems:
        print(f"  left out: {problem}")
    print(f"next: add articles/ and store.yaml (with `platform: woocommerce`), then "
          f"`shopdesk store check {folder}`")
    return 0


def _store_import_orocommerce(args: argparse.Namespace, settings: Settings) -> int:
    from kb.orocommerce_export import convert_export

    files = [Path(f) if f else None for f in (args.export, args.related, args.upsell, args.brands)]
    if missing := [str(f) for f in files if f is not None and not f.is_file()]:
        print(f"no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    folder = Path(args.folder)
    folder.mkdir(parents=True, exist_ok=True)
    conversion = convert_export(files[0], folder / "products.csv", *files[1:])
    print(f"{folder / 'products.csv'}: {len(conversion.rows)} rows")
    for problem in conversion.problems:
        print(f"  {problem}")
    print(f"next: add articles/ and store.yaml, then `shopdesk store check {folder}`")
    return 0


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from bot.web.app import create_app

    from dataclasses import replace

    # the app judges exposure (the demo login) by the address it really listens on
    settings = replace(settings, host=args.host or settings.host, port=args.port or settings.port)
    # log_config=None: uvicorn's own lines go through our handler (JSON when asked), whose
    # privacy filter masks them and drops query strings.
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port,
                log_level=settings.log_level.lower(), log_config=None)
    return 0


def _generator(args: argparse.Namespace, settings: Settings) -> int:
    from dataclasses import replace

    import uvicorn

    if args.nice:
        os.nice(args.nice)  # before torch starts its threads: they inherit it
    if args.parent:
        _exit_with_parent(args.parent)
    from bot.service import build_generator, generator_path
    from models.generation.chat_server import chat_app

    if not settings.generator_api_key:
        log.warning("SHOPDESK_GENERATOR_API_KEY is not set: any process that reaches %s:%d "
                    "can use the model", args.host, args.port)
    generator = build_generator(replace(settings, generator_url=""))
    try:
        uvicorn.run(chat_app(generator, generator_path(settings).name,
                             api_key=settings.generator_api_key), host=args.host,
                    port=args.port, log_level="warning", log_config=None)
    finally:
        generator.close()
    return 0


def _exit_with_parent(parent: int) -> None:
    """Exit when the parent process dies (a service killed -9 must not leave its model running).

    The child watches its parent's pid instead of asking for PR_SET_PDEATHSIG: Linux sends that
    signal when the parent *thread* that spawned the child exits, and the service may spawn it
    from a worker thread that is later retired while the service lives on.
    """
    import signal
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        log.warning("parent process %d is gone; stopping", parent)
        os.kill(os.getpid(), signal.SIGTERM)  # uvicorn shuts down; the model is freed

    if os.getppid() != parent:  # it died already
        sys.exit(0)
    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _actions(args: argparse.Namespace, settings: Settings) -> int:
    from bot.rasa.actions import ShopDeskComponents, run_action_server
    from bot.service import build_dialogue_service

    print("loading the store and models...", file=sys.stderr)
    components = ShopDeskComponents(lambda: build_dialogue_service(settings)).warm_up()
    host = args.host or settings.host
    print(f"Rasa action server on http://{host}:{args.port}/webhook", file=sys.stderr)
    try:
        run_action_server(components, host=host, port=args.port,
                          token=settings.rasa_actions_token)
    finally:
        components.close()
    return 0


def _chat(args: argparse.Namespace, settings: Settings) -> int:
    import uuid

    from bot.dialogue import InvalidChatMessage, Token, TurnResult
    from bot.types import ChannelMessage
    from bot.service import build_dialogue_service

    print("loading the store and models...", file=sys.stderr)
    service = build_dialogue_service(settings)
    session_id = "cli:" + (args.session or uuid.uuid4().hex[:12]).removeprefix("cli:")
    print(f"session {session_id}. Type a message; Ctrl-D or /quit to leave.", file=sys.stderr)
    try:
        while True:
            try:
                message = input("you> ")
            except EOFError:
                break
            if message.strip() in ("/quit", "/exit"):
                break
            try:
                sys.stdout.write("bot> ")
                streamed = False
                for event in service.turn(ChannelMessage(session_id, message, "terminal")):
                    if isinstance(event, Token):
                        sys.stdout.write(event.text)
                        sys.stdout.flush()
                        streamed = True
                    elif isinstance(event, TurnResult):
                        _print_reply(event, streamed)
            except InvalidChatMessage as error:
                print(f"(not sent: {error})")
    finally:
        service.close()
    return 0


def _print_reply(result, streamed: bool) -> None:
    reply = result.reply
    if streamed:
        print()
        if reply.action in ("extractive", "dont_know"):
            print(f"     (checked against the store's facts and replaced) {reply.text}")
    else:
        print(reply.text or "(a human agent has this conversation)")
    for product in reply.products:
        print(f"     - {product.name}  {product.price_text()}  [{product.sku}]")
    for citation in reply.citations:
        print(f"     source: {citation.title} [{citation.id}]")
    if reply.quick_replies:
        print("     try: " + " | ".join(reply.quick_replies))
    if reply.handoff:
        print("     (handed off to a human agent)")


if __name__ == "__main__":
    sys.exit(main())
