"""The one place that reads configuration: ``SHOPDESK_*`` environment variables.

Only the app factory and the CLI build ``Settings``; libraries take explicit arguments.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Mapping

PREFIX = "SHOPDESK_"


class SettingsError(ValueError):
    """A ``SHOPDESK_*`` variable holds a value that cannot be used; the message names it."""


@dataclass(frozen=True, slots=True)
class Settings:
    # Where built artefacts live: converted model weights, the search index, trained models.
    data_dir: Path = Path(".shopdesk")
    # Device for models: "auto" picks CUDA when present, else CPU.
    device: str = "auto"
    # Redis for sessions; empty means the embedded in-memory store.
    redis_url: str = ""
    # A session untouched this long is forgotten (Redis key TTL; memory store expiry).
    session_ttl_seconds: int = 7 * 24 * 3600
    # Redis: milliseconds to wait for a connection or a reply before a clear 503 (a frozen or
    # unreachable Redis fails a request this fast instead of hanging it).
    redis_timeout_ms: int = 2000
    # Redis: a session lock outlives its turn's process (kill -9) this long at most; live turns
    # renew it every quarter of it, so a long turn stays exclusive.
    session_lock_ms: int = 4000
    # Generated replies written at once, how many more may wait for a slot, and how long
    # (past either bound a turn gets 503 + Retry-After at once; code-written turns never wait).
    generation_slots: int = 4
    generation_queue: int = 8
    generation_wait_ms: int = 3000
    # A generated reply stops at its last whole sentence this long after its turn began (0: no
    # limit), so every turn is answered within about this time.
    reply_deadline_ms: int = 8000
    # Worker threads that run shopper turns for the web API (health checks never use them).
    turn_threads: int = 48
    # `shopdesk serve` runs the in-process generator in a child process of its own (an
    # OpenAI-compatible server on loopback, restarted if it dies) at this much lower CPU
    # priority (nice), so that code-written turns, NLU and health checks get the CPU first.
    # Off: the model runs inside the service (as `shopdesk chat` and the tests' service do).
    generator_process: bool = True
    generator_nice: int = 10
    # The child's port on 127.0.0.1; 0 picks a free one at start-up.
    generator_port: int = 0
    # Torch CPU threads of the service's own small models (intent, sentiment, search
    # embeddings) while the generator runs in its child: one per forward pass, so that many
    # turns at once do not each spin a team of threads over the same cores (on 2 busy cores
    # the intent model took 1.5-2.2 s a message with torch's default).
    nlu_threads: int = 1
    # Short messages ("hi", "thanks", "yes") whose intent and sentiment probabilities are kept,
    # keyed by their token ids (exact: the model's own input); 0 turns the cache off.
    nlu_cache: int = 4096
    # Shopper messages per session per minute; 0 means unlimited.
    rate_limit_per_minute: int = 30
    # Conversation reads (GET /v1/sessions/{id}) per client address per minute; 0: unlimited.
    # An open widget reads about 15 a minute while a person has its conversation.
    read_rate_limit_per_minute: int = 240
    # An order verification (number + email) lapses after this long without use, and write
    # actions (cancel, address change, return) ask for number and email again once it is
    # older than the second value.
    verification_idle_seconds: int = 15 * 60
    verification_write_seconds: int = 5 * 60
    # Wrong order/email pairs one client (a web address, a messaging-app user) may give naming
    # one order number, or one email address, in an hour across all its conversations (a new
    # conversation costs a guesser nothing); past it that client cannot look either up until
    # the hour is over, while the owner, elsewhere, still can. 0: only each conversation's own
    # limit (three), and none of the limits below.
    verification_wrong_pairs_per_hour: int = 5
    # Wrong pairs one client may give in an hour, whatever they name; past it that client looks
    # nothing up until the hour is over. 0: no such limit.
    verification_client_wrong_pairs_per_hour: int = 20
    # Wrong pairs naming one order number, or one email, from all clients together in an hour
    # (many addresses guessing at one order); past it only a client with no wrong pair this hour
    # (the owner's first try) is looked up. 0: no such ceiling.
    verification_order_wrong_pairs_per_hour: int = 50
    # Reverse proxies (addresses or CIDRs, comma-separated) whose X-Forwarded-For is believed,
    # read from the right: the client is the rightmost hop none of them added. Empty: the header
    # is never read, and the peer address is the client (behind a proxy: the proxy, so every
    # shopper would share one rate limit and one count of order guesses).
    trusted_proxies: str = ""
    # Shop sites whose pages may embed the chat widget although the service runs elsewhere
    # (origins, comma-separated: https://www.shop.example,https://shop.example). Their pages
    # load /widget.js, which puts the chat in a frame of ours (/embed, CSP frame-ancestors);
    # no other site's page can frame it. Empty: only the service's own pages show the widget.
    embed_origins: str = ""
    # HTTP service address.
    host: str = "127.0.0.1"
    port: int = 8000
    # Store data to serve: "demo" (the shipped Luma store) or a folder in the import format.
    store: str = "demo"
    # Above this many documents the dense index is approximate (HNSW) instead of exact.
    ann_threshold: int = 20_000
    # Documents returned by a search when the caller does not say.
    search_k: int = 10
    # Logging level for the CLI and the service.
    log_level: str = "INFO"
    # "text" (human-readable lines) or "json" (one object a line: session, channel, action,
    # timings; emails and order numbers masked).
    log_format: str = "text"
    # Reply generator: a model folder or .gguf; empty means the Qwen model `shopdesk setup` made.
    # With generator_url set: the served model's name ("" asks the server).
    generator_model: str = ""
    # An OpenAI-compatible server (vLLM, SGLang, TGI, llama.cpp, Ollama) to generate on, e.g.
    # http://vllm:8000/v1; empty runs the model in this process. docs/DEPLOY.md has the flags.
    generator_url: str = ""
    # Sent as a bearer token to that server; `shopdesk generator` demands it of its clients
    # (`serve` draws a random one for its child at each start).
    generator_api_key: str = field(default="", repr=False)
    # Seconds to connect to it, and to wait for its first (then each next) streamed piece.
    generator_connect_timeout: float = 2.0
    generator_timeout: float = 30.0
    # Extra attempts before the first token (5xx, 429, timeouts, refused connections).
    generator_retries: int = 2
    # Failures in a row that stop calls to the server, and the pause before one trial call.
    generator_breaker_failures: int = 3
    generator_breaker_reset: float = 10.0
    # Activation dtype of the generator: "auto" (bf16 on CUDA; fp32 under int8 on CPU), or a name.
    generator_dtype: str = "auto"
    # "auto" (int8 weights on x86 CPUs, none on GPU), "int8" or "none".
    generator_quantize: str = "auto"
    # Bytes all sessions' KV caches may hold; least recently used sessions are evicted.
    kv_cache_bytes: int = 1 << 30
    # Prompt plus reply budget in tokens; the oldest turns are dropped to fit.
    generator_context_tokens: int = 4096
    # Sessions decoded together in one batch (continuous batching).
    max_batch: int = 8
    # Prompt-lookup speculative decoding (greedy output unchanged) and its draft tokens per step.
    generator_speculation: bool = True
    speculative_draft: int = 8
    # Torch CPU threads for the generator; 0 keeps torch's default (one per core).
    generator_threads: int = 0
    # Static KV slots and CUDA-graph decode steps: auto (on exactly when the generator runs on
    # CUDA; on an H100 decode was ~20x faster than eager steps, bench/generation.py), on, off.
    generator_cuda_graphs: str = "auto"
    # Attend one query at a time on CPU, so that a reply never depends on whether its session's
    # cache survived (int8 rounding turns kernel-order differences into different words). Off:
    # prefill ~30% faster (turn-5 first token 279 ms against 396 ms, bench/generation --quick),
    # but only 1 of 5 re-prefilled replies matched the cached ones word for word.
    generator_exact_attention: bool = True
    # After each reply, run the conversation so far into the session's KV cache while the
    # generator is idle, so the next generated reply prefills only its own turn.
    idle_prefill: bool = True
    # Longest shopper message accepted, in characters (longer ones get a 400).
    max_message_chars: int = 2000
    # Largest HTTP request body accepted, in bytes (larger ones get a 413).
    max_request_bytes: int = 64 * 1024
    # Longest generated reply, in tokens.
    reply_max_tokens: int = 120
    # Agent panel accounts (/panel): a JSON file `shopdesk agents add NAME` writes. Empty: the
    # demo store accepts demo / demo, but only while the service listens on loopback (or with
    # allow_demo_login on); any other store has no accounts.
    agents_file: str = ""
    # Accept the demo login demo / demo on a service reachable from other machines (a shared
    # demo); never in production.
    allow_demo_login: bool = False
    # Rasa's REST channel (/webhooks/rest/webhook) answers only requests with
    # "Authorization: Bearer <this token>"; empty turns the channel off (404). Rasa's own REST
    # channel has no authentication: put the token in the front-end's server, not in a page.
    rasa_rest_token: str = ""
    # The Rasa action server (`shopdesk actions`) answers only requests carrying this token
    # (Rasa sends it from endpoints.yml: action_endpoint.token); empty: refused unless it
    # listens on loopback.
    rasa_actions_token: str = ""
    # Messaging apps (bot/channels): a channel whose secrets are empty is off (its webhook: 404).
    # WhatsApp Cloud API: the token the webhook handshake must echo (you choose it in Meta's app
    # settings), the app secret that signs notifications, the access token replies are sent with,
    # the sending phone number's id, and the Graph API base (a local fake in tests).
    whatsapp_verify_token: str = ""
    whatsapp_app_secret: str = ""
    whatsapp_access_token: str = ""
    whatsapp_phone_number_id: str = ""
    whatsapp_api_base: str = "https://graph.facebook.com/v20.0"
    # Telegram Bot API: the bot's token from BotFather, the secret_token given to setWebhook
    # (Telegram sends it back in X-Telegram-Bot-Api-Secret-Token), and the API base.
    telegram_bot_token: str = ""
    telegram_secret_token: str = ""
    telegram_api_base: str = "https://api.telegram.org"
    # Messenger: the webhook handshake token, the app secret that signs events, the page access
    # token replies are sent with, and the Graph API base.
    messenger_verify_token: str = ""
    messenger_app_secret: str = ""
    messenger_page_token: str = ""
    messenger_api_base: str = "https://graph.facebook.com/v20.0"
    # The storefront's public address, for product links and images sent to messaging apps;
    # empty sends names and prices only.
    store_url: str = ""
    # The order system order questions go to: "demo" (made-up orders over the store's catalog;
    # shoppers' changes kept in Redis when SHOPDESK_REDIS_URL is set), "shopify",
    # "woocommerce" or "magento" (kb/platforms), each reached at orders_url.
    orders: str = "demo"
    # Shopify: https://<shop>.myshopify.com; WooCommerce and Magento: the store's address.
    orders_url: str = ""
    # Shopify: an Admin API access token; Magento: an integration's access token.
    orders_token: str = ""
    # WooCommerce: a REST API consumer key and secret (read/write).
    orders_key: str = ""
    orders_secret: str = ""
    # Magento: the store view in the API path (/rest/<code>/V1).
    orders_store_code: str = "default"
    # Seconds one call to the order system may take before it is retried (then a 503).
    orders_timeout_seconds: int = 10

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def models_dir(self) -> Path:
        return self.data_dir / "models"

    @property
    def intent_model_dir(self) -> Path:
        return self.models_dir / "intent"

    @property
    def sentiment_model_dir(self) -> Path:
        return self.models_dir / "sentiment"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        """Build settings from ``SHOPDESK_<FIELD>`` variables, each optional.

        Raises:
            SettingsError: a variable is set to a value of the wrong kind.
        """
        environ = os.environ if environ is None else environ
        values = {}
        for f in fields(cls):
            key = PREFIX + f.name.upper()
            if key not in environ:
                continue
            values[f.name] = _cast(key, environ[key], f.default)
        return cls(**values)


    def to_env(self) -> dict[str, str]:
        """These settings as ``SHOPDESK_*`` variables, for a child process to read back."""
        def text(value: object) -> str:
            return ("true" if value else "false") if isinstance(value, bool) else str(value)
        return {PREFIX + f.name.upper(): text(getattr(self, f.name)) for f in fields(self)}


def _cast(key: str, raw: str, default: object) -> object:
    if isinstance(default, bool):
        if raw.lower() in ("1", "true", "yes", "on"):
            return True
        if raw.lower() in ("0", "false", "no", "off", ""):
            return False
        raise SettingsError(f"{key}={raw!r}: expected true or false")
    if isinstance(default, float):
        try:
            number = float(raw)
        except ValueError:
            raise SettingsError(f"{key}={raw!r}: expected a number") from None
        if not number > 0:
            raise SettingsError(f"{key}={raw!r}: expected a positive number")
        return number
    if isinstance(default, int):
        try:
            value = int(raw)
        except ValueError:
            raise SettingsError(f"{key}={raw!r}: expected an integer") from None
        if value < 0:
            raise SettingsError(f"{key}={raw!r}: expected a non-negative integer")
        return value
    if isinstance(default, Path):
        if not raw.strip():
            raise SettingsError(f"{key} is empty: expected a folder path")
        return Path(raw).expanduser()
    return raw
