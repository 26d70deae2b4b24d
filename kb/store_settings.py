"""A store's settings file, ``store.yaml``: what the assistant quotes by code.

Currency, shipping methods with their rate tables, surcharges, free-shipping rules, delivery
days and cut-off; the return window, conditions, refund methods and who pays return
shipping; promotions and codes with their dates; contact channels and hours. The format is
documented (with a full example) in docs/IMPORT_FORMAT.md.

Every section is optional: what a store leaves out is None (or empty), never a crash. A
section with a mistake is left out too, and the mistake becomes an ``ImportProblem`` naming
its key path (``store.yaml: shipping.methods[0].rates[1].price: expected a non-negative
number, got 'free'``); a promotion with a mistake is skipped alone, like a bad catalog row.

Each section may name the passage that states it in words (``source: policy:shipping#2``) so
a reply can cite it. A section without one gets a short generated article
(``policy:store-shipping``, ``policy:store-returns``, ``page:store-contact``,
``promotion:<id>``), so every quote has a citable source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from kb.contact import ContactInfo
from kb.errors import ImportProblem
from kb.html import Section
from kb.order_numbering import NUMBERINGS
from kb.passages import build_article, slugify
from kb.promotions import Promotion, Promotions
from kb.returns import ReturnPolicy
from kb.settings_reader import Node, SettingsError
from kb.settings_sections import (parse_contact, parse_promotion, parse_returns,
                                  parse_shipping)
from kb.shipping import ShippingTable
from kb.types import Article, Passage, format_money

#: The settings file's name inside a store folder.
SETTINGS_FILE = "store.yaml"
_SECTIONS = ("shipping", "returns", "promotions", "contact")
_TOP_KEYS = ("version", "currency", "timezone", "platform") + _SECTIONS


@dataclass(frozen=True, slots=True)
class StoreSettings:
    """The parsed settings; each part is None when the store does not configure it.

    ``declared`` names the sections the file has (even ones left out for a mistake), so a
    caller knows not to look for them elsewhere.
    """

    currency: str | None = None
    timezone: str | None = None
    shipping: ShippingTable | None = None
    returns: ReturnPolicy | None = None
    promotions: Promotions | None = None
    contact: ContactInfo | None = None
    declared: frozenset[str] = field(default_factory=frozenset)
    #: The commerce platform the store runs on (``kb.order_numbering``), None when not said.
    platform: str | None = None


@dataclass(frozen=True, slots=True)
class SettingsLoad:
    """What loading a settings file gives: the settings, the generated articles to add to
    the store (sources of sections that name none), and the problems found."""

    settings: StoreSettings
    articles: tuple[Article, ...] = ()
    problems: tuple[ImportProblem, ...] = ()


def load_store_settings(path: str | Path, articles: Sequence[Article] = ()) -> SettingsLoad:
    """Read and validate a ``store.yaml``.

    Args:
        path: the settings file; a missing file gives empty settings.
        articles: the store's articles, which ``source:`` keys must name passages of.

    Returns:
        The settings (invalid or absent sections None), generated articles, and problems.
    """
    path = Path(path)
    if not path.is_file():
        return SettingsLoad(StoreSettings())
    try:
        raw = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_SettingsLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return SettingsLoad(StoreSettings(), (), (_problem(path, None, f"unreadable: {exc}"),))
    return parse_store_settings({} if raw is None else raw, articles, path.name)


class _SettingsLoader(yaml.SafeLoader):
    """YAML's safe loader with YAML 1.2's booleans (true/false only): under YAML 1.1 an unquoted
    region or country code such as ON (Ontario), NO (Norway) or Y reads as true/false, and a
    shop owner writing a rate table has no reason to expect that."""


_SettingsLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_SettingsLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def parse_store_settings(raw: object, articles: Sequence[Article] = (),
                         file: str = SETTINGS_FILE) -> SettingsLoad:
    """Validate settings already parsed from YAML (or built in code); see
    ``load_store_settings``."""
    problems: list[ImportProblem] = []
    try:
        top = Node(raw, "", _TOP_KEYS)
    except SettingsError as exc:
        return SettingsLoad(StoreSettings(), (), (_problem(file, exc.path, exc.detail),))
    passages = {p.id: p for a in articles for p in a.passages}
    generated = _Generated({(a.type, a.id) for a in articles})
    currency = _guarded(problems, file, lambda: _currency(top))
    timezone = _guarded(problems, file, lambda: _timezone(top))
    platform = _guarded(problems, file, lambda: top.text("platform", choices=tuple(NUMBERINGS)))
    shipping = returns = contact = None
    if top.has("shipping"):
        shipping = _guarded(problems, file, lambda: parse_shipping(
            top.node("shipping", _SHIPPING_KEYS), passages, currency or "USD"))
        if shipping is not None and not shipping.table_passage_id:
            shipping = generated.shipping(shipping)
    if top.has("returns"):
        returns = _guarded(problems, file, lambda: parse_returns(
            top.node("returns", _RETURNS_KEYS), passages))
        if returns is not None and not returns.passage_id:
            returns = generated.returns(returns)
    if top.has("contact"):
        contact = _guarded(problems, file, lambda: parse_contact(
            top.node("contact", _CONTACT_KEYS), passages, timezone))
        if contact is not None and not contact.passage_id:
            contact = generated.contact(contact)
    promotions = None
    if top.has("promotions"):
        promotions = Promotions(tuple(_promotions(top, passages, generated, problems, file)))
    settings = StoreSettings(currency, timezone, shipping, returns, promotions, contact,
                             frozenset(k for k in _SECTIONS if top.has(k)), platform)
    return SettingsLoad(settings, tuple(generated.articles), tuple(problems + generated.problems))


_SHIPPING_KEYS = ("source", "regions", "weight_unit", "methods", "surcharges")
_RETURNS_KEYS = ("window_days", "source", "conditions", "refund_methods", "return_shipping")
_CONTACT_KEYS = ("source", "channels", "hours")
_PROMOTION_KEYS = ("id", "name", "description", "code", "kind", "discount", "min_subtotal",
                   "free_shipping", "step", "skus", "scope", "starts", "ends", "source")


def _promotions(top: Node, passages: dict[str, Passage], generated: "_Generated",
                problems: list[ImportProblem], file: str) -> list[Promotion]:
    out: list[Promotion] = []
    try:
        items = top.list("promotions")
    except SettingsError as exc:
        problems.append(_problem(file, exc.path, exc.detail))
        return out
    for i in range(len(items)):
        promotion = _guarded(problems, file, lambda: parse_promotion(
            Node(items[i], f"promotions[{i}]", _PROMOTION_KEYS), passages))
        if promotion is None:
            continue
        if any(p.id == promotion.id for p in out):
            problems.append(_problem(file, f"promotions[{i}].id",
                                     f"two promotions have the id {promotion.id!r}"))
            continue
        out.append(promotion if promotion.passage_id else generated.promotion(promotion))
    return out


def _currency(top: Node) -> str | None:
    code = top.text("currency")
    if code is not None and (len(code) != 3 or not code.isalpha()):
        raise SettingsError("currency", f"expected an ISO 4217 code like USD or EUR, got {code!r}")
    return code.upper() if code else None


def _timezone(top: Node) -> str | None:
    name = top.text("timezone")
    if name is None:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError("timezone", f"unknown time zone {name!r}; use an IANA name like "
                                        "Europe/Dublin") from None
    return name


def _guarded(problems: list[ImportProblem], file: str, parse):
    try:
        return parse()
    except SettingsError as exc:
        problems.append(_problem(file, exc.path, exc.detail))
        return None


def _problem(file: str | Path, key: str | None, message: str) -> ImportProblem:
    return ImportProblem(Path(file).name, None, key or None, message)


class _Generated:
    """Articles written from the settings for sections that cite no passage of their own."""

    def __init__(self, taken: set[tuple[str, str]]) -> None:
        self.taken = taken
        self.articles: list[Article] = []
        self.problems: list[ImportProblem] = []

    def shipping(self, table: ShippingTable) -> ShippingTable:
        from dataclasses import replace

        passage_id = self._add("policy", "store-shipping", "Shipping rates",
                               _render_shipping(table))
        return replace(table, table_passage_id=passage_id)

    def returns(self, policy: ReturnPolicy) -> ReturnPolicy:
        from dataclasses import replace

        passage_id = self._add("policy", "store-returns", "Returns", policy.conditions_text)
        return replace(policy, passage_id=passage_id)

    def contact(self, contact: ContactInfo) -> ContactInfo:
        from dataclasses import replace

        lines = [f"{c.label or c.kind.capitalize()}: {c.value}" for c in contact.channels]
        days = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
        for h in contact.hours:
            lines.append(f"Open {', '.join(days[d] for d in h.days)} "
                         f"{h.opens:%H:%M}-{h.closes:%H:%M}"
                         + (f" ({contact.timezone})" if contact.timezone else ""))
        passage_id = self._add("page", "store-contact", "Contact us", "\n".join(lines))
        return replace(contact, passage_id=passage_id)

    def promotion(self, promotion: Promotion) -> Promotion:
        from dataclasses import replace

        lines = [promotion.name]
        if promotion.description and promotion.description != promotion.name:
            lines.append(promotion.description)
        lines.append(f"Promo code: {promotion.coupon_code}." if promotion.coupon_code
                     else "Applied automatically, no code needed.")
        if promotion.starts or promotion.ends:
            lines.append("Runs " + (f"from {promotion.starts.isoformat()} " if promotion.starts
                                    else "") + (f"until {promotion.ends.isoformat()}"
                                                if promotion.ends else "").strip() + ".")
        passage_id = self._add("promotion", promotion.id, promotion.name, "\n".join(lines))
        return replace(promotion, passage_id=passage_id)

    def _add(self, type_: str, article_id: str, title: str, text: str) -> str:
        if (type_, article_id) in self.taken:
            self.problems.append(ImportProblem(
                SETTINGS_FILE, None, None, f"the store already has an article "
                f"'{type_}:{article_id}'; give this section a 'source:' passage to cite"))
            return ""
        self.taken.add((type_, article_id))
        self.articles.append(build_article(slugify(article_id), type_, title,
                                           [Section((), text)], source=SETTINGS_FILE))
        return f"{type_}:{slugify(article_id)}#1"


#: A label that says how long a method takes ("5—7 day shipping"), not what it is called.
_DAYS_LABEL = re.compile(r"\d+\s*(?:[-–—]\s*\d+\s*)?(?:business |working )?days?\b|\bnext\b", re.I)


def _method_head(code: str, label: str) -> str:
    """The method as a shopper reads it: its label, with its code when the label just says the
    days or lacks the code's word ("Standard (Tracked courier)"); never as stored ("flat_rate")."""
    words = set(re.findall(r"[a-z0-9]+", label.lower()))
    if label and not _DAYS_LABEL.search(label) and (
            re.search(r"[_\-]", code) or set(re.findall(r"[a-z0-9]+", code.lower())) <= words):
        return label  # the label names it and the code adds no word ("flat_rate" is for machines)
    name = code.replace("_", " ").capitalize()
    return f"{name} ({label})" if label and label.casefold() != code.casefold() else name


def _render_shipping(table: ShippingTable) -> str:
    """One line per method: its rates, then its promise, in the store currency's price format
    and the regions' names."""
    def money(amount: float) -> str:
        return format_money(amount, table.currency)

    lines = []
    for code in table.methods:
        method = table.method(code)
        notes = []
        if method.delivery_days and method.delivery_days[1]:  # a pickup's 0 days says nothing
            low, high = method.delivery_days
            notes.append(f"{low}-{high} business days" if low != high else f"{low} business days")
        if method.cutoff:
            notes.append(f"orders by {method.cutoff:%H:%M} ship the same day")
        if method.free_over is not None:
            where = f" to {', '.join(table.regions.get(r, r) for r in method.free_regions)}" \
                if method.free_regions else ""
            notes.append(f"free{where} from {money(method.free_over)}")
        rows, regional = [], False
        for rate in (r for r in table.rates if r.method == code):
            where = (f" to {', '.join(table.regions.get(r, r) for r in rate.regions)}" if rate.regions
                     else " elsewhere" if regional else "")
            regional = regional or bool(rate.regions)
            span = (f" on orders {money(rate.min_total)}-{money(rate.max_total)}" if rate.max_total is not None
                    else f" on orders from {money(rate.min_total)}" if rate.min_total else "")
            weight = ""
            if rate.by_weight:
                weight = f", parcels {rate.min_weight or 0:g}-" + (
                    f"{rate.max_weight:g}" if rate.max_weight is not None else "") + \
                    f" {table.weight_unit or ''}".rstrip()
            rows.append(f"{money(rate.price) if rate.price else 'free'}{where}{span}{weight}")
        lines.append(f"{_method_head(code, method.label)}: " + "; ".join(rows)
                     + (f" ({'; '.join(notes)})" if notes else "") + ".")
    for surcharge in table.surcharges:
        method = table.method(surcharge.method)
        lines.append(f"Deliveries to {', '.join(table.regions.get(r, r) for r in surcharge.regions)} add "
                     f"{money(surcharge.amount)} on {_method_head(method.code, method.label)}.")
    return "\n".join(lines)
