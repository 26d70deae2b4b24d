"""The commands that run the assistant: ``serve`` (the HTTP service), ``generator`` (the reply
model alone), ``chat`` (in the terminal) and ``actions`` (a Rasa action server)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time

from bot.settings import Settings

log = logging.getLogger("shopdesk")


def register_serving_commands(sub: argparse._SubParsersAction) -> None:
    """Add ``serve``, ``generator``, ``chat`` and ``actions``."""
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


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from bot.web.app import create_app

    from dataclasses import replace

    # the app judges exposure (the demo login) by the address it really listens on
    settings = replace(settings, host=args.host or settings.host, port=args.port or settings.port)
    # log_config=None: uvicorn's own lines go through our handler (JSON when asked), whose
    # privacy filter masks them and drops query strings.
    # proxy_headers=False: uvicorn would believe X-Forwarded-For from loopback; the app reads it
    # only from SHOPDESK_TRUSTED_PROXIES (bot/web/client_address.py), one rule for both.
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port,
                log_level=settings.log_level.lower(), log_config=None, proxy_headers=False)
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
    from bot.service import build_dialogue_service
    from bot.types import ChannelMessage

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
