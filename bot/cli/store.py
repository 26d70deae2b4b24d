"""``shopdesk store``: check a store folder before serving it, and write its products.csv from a
platform's product export."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.settings import Settings


def register_store_commands(sub: argparse._SubParsersAction) -> None:
    """Add ``store check``, ``store import-woocommerce`` and ``store import-orocommerce``."""
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
