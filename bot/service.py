"""Building a `DialogueService` from settings: the one place that loads every component."""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from kb import KnowledgeBase
from models import (EntityExtractor, Generator, GeneratorOptions, IntentClassifier, SentimentClassifier,
                    ServerGenerator, ServerOptions)
from models.assets import GENERATOR_DIR_NAME
from models.device import resolve_device
from retrieval import Retriever

from bot.dialogue.grounding.admission import AdmissionGate
from bot.dialogue.orders.order_verification import VerificationPolicy
from bot.dialogue.products.catalog_terms import CatalogTerms
from bot.dialogue.service import DialogueService
from bot.dialogue.understanding import Understander
from bot.loading import load_retriever, order_backend
from bot.nlu.training_data import catalog_items
from bot.sessions.events import open_event_bus
from bot.sessions.factory import open_session_store
from bot.settings import Settings, SettingsError

log = logging.getLogger(__name__)


def generator_path(settings: Settings) -> Path:
    """The configured reply model, or the Qwen folder `shopdesk setup` converted."""
    if settings.generator_model:
        return Path(settings.generator_model).expanduser()
    return settings.models_dir / GENERATOR_DIR_NAME


_CUDA_GRAPHS = {"auto": None, "on": True, "off": False}


def build_generator(settings: Settings, *,
                    separate_process: bool = False) -> Generator | ServerGenerator:
    """The reply generator, loaded: on the configured server; else in a child process of
    its own when ``separate_process`` (`bot.generator_process`; it loads meanwhile); else in
    this process."""
    if settings.generator_url:
        return build_server_generator(settings)
    if separate_process:
        from bot.generator_process import ChildGenerator, GeneratorProcess

        options = replace(server_options(settings), model="")  # the child names its model
        return ChildGenerator(GeneratorProcess(settings).start(), options).load()
    if settings.generator_cuda_graphs not in _CUDA_GRAPHS:
        raise SettingsError(f"SHOPDESK_GENERATOR_CUDA_GRAPHS={settings.generator_cuda_graphs!r}: "
                            "expected auto, on or off")
    options = GeneratorOptions(
        context_tokens=settings.generator_context_tokens, max_batch=settings.max_batch,
        speculative_draft=settings.speculative_draft if settings.generator_speculation else 0,
        num_threads=settings.generator_threads or None,
        exact_attention=settings.generator_exact_attention,
        cuda_graphs=_CUDA_GRAPHS[settings.generator_cuda_graphs])
    dtype = None if settings.generator_dtype == "auto" else settings.generator_dtype
    return Generator(generator_path(settings), device=settings.device, dtype=dtype,
                     quantize=settings.generator_quantize, kv_cache_bytes=settings.kv_cache_bytes,
                     options=options).load()


def server_options(settings: Settings) -> ServerOptions:
    """How to talk to a generation server, from the settings."""
    return ServerOptions(
        model=settings.generator_model, api_key=settings.generator_api_key,
        connect_timeout_s=settings.generator_connect_timeout,
        read_timeout_s=settings.generator_timeout, retries=settings.generator_retries,
        failure_threshold=max(1, settings.generator_breaker_failures),
        reset_after_s=settings.generator_breaker_reset,
        context_tokens=settings.generator_context_tokens)


def build_server_generator(settings: Settings) -> ServerGenerator:
    """The generator that calls an OpenAI-compatible server (`SHOPDESK_GENERATOR_URL`)."""
    try:
        return ServerGenerator(settings.generator_url, server_options(settings)).load()
    except ValueError as error:
        raise SettingsError(f"SHOPDESK_GENERATOR_URL: {error}") from None


def build_dialogue_service(settings: Settings, *, kb: KnowledgeBase | None = None,
                           retriever: Retriever | None = None,
                           separate_generator: bool = False) -> DialogueService:
    """Load the store, its index, the NLU models, the generator and the session store;
    ``separate_generator`` runs the generator in a child process (`build_generator`).

    Raises:
        AssetNotFound: a model is missing (run `shopdesk setup`).
        SessionStoreUnavailable: SHOPDESK_REDIS_URL is set and Redis does not answer.
        SettingsError: SHOPDESK_ORDERS names an unknown order system, or one without its
            URL or credentials.
    """
    started = time.perf_counter()
    kb = kb or KnowledgeBase.load(settings.store)
    # Before the models load: a wrong order setting should fail in a second, not a minute.
    orders = order_backend(settings, kb, date.today())
    # First: a child process loads the model while this one loads the rest.
    generator = build_generator(settings, separate_process=separate_generator)
    if separate_generator and settings.nlu_threads:
        import torch

        torch.set_num_threads(settings.nlu_threads)  # process-wide: only small models here
    try:
        retriever = retriever or load_retriever(settings, kb=kb)
        device = resolve_device(settings.device)
        intents = IntentClassifier.load(settings.intent_model_dir, device, cache_size=settings.nlu_cache)
        understander = Understander(
            intents,
            EntityExtractor(catalog_items(kb), order_number_digits=orders.order_number_digits,
                            dictionary=intents.vocabulary()),
            SentimentClassifier.load(settings.sentiment_model_dir, device,
                                     cache_size=settings.nlu_cache),
            CatalogTerms(kb.products).spelling())
        redis_timeout = settings.redis_timeout_ms / 1000
        sessions = open_session_store(settings.redis_url, settings.session_ttl_seconds,
                                      socket_timeout=redis_timeout,
                                      lock_timeout=settings.session_lock_ms / 1000)
    except BaseException:
        generator.close()  # a child process must not outlive a failed start
        raise
    log.info("dialogue service ready in %.1f s (generator on %s, sessions in %s, orders: %s)",
             time.perf_counter() - started, generator.device,
             "redis" if settings.redis_url else "memory", settings.orders)
    return DialogueService(kb, retriever, understander, generator, sessions, orders,
                           max_message_chars=settings.max_message_chars,
                           rate_limit_per_minute=settings.rate_limit_per_minute,
                           max_new_tokens=settings.reply_max_tokens,
                           events=open_event_bus(settings.redis_url, redis_timeout),
                           gate=AdmissionGate(settings.generation_slots or 1,
                                              settings.generation_queue,
                                              settings.generation_wait_ms / 1000),
                           reply_deadline_s=settings.reply_deadline_ms / 1000,
                           verification=VerificationPolicy(
                               settings.verification_idle_seconds,
                               settings.verification_write_seconds,
                               settings.verification_wrong_pairs_per_hour,
                               settings.verification_client_wrong_pairs_per_hour,
                               settings.verification_order_wrong_pairs_per_hour),
                           idle_prefill=settings.idle_prefill)
