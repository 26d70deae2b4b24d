"""Fixtures shared across packages: the real demo store and its search index."""

from __future__ import annotations

import logging

import os
from typing import Iterator

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from bot.settings import Settings  # noqa: E402
from kb import KnowledgeBase  # noqa: E402
from retrieval import Embedder  # noqa: E402


@pytest.fixture(scope="session")
def embedder() -> Iterator[Embedder]:
    """The real bundled MiniLM, loaded once for the whole run, on one torch thread.

    Two intra-op threads on a 2-core box that is busy with anything else make every forward pass
    wait on a descheduled thread: one query took ~500 ms instead of ~15 ms on a shared CI box.
    """
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield Embedder().load()
    torch.set_num_threads(threads)


@pytest.fixture(scope="session")
def demo_kb() -> KnowledgeBase:
    return KnowledgeBase.demo()


@pytest.fixture(scope="session")
def demo_retriever(demo_kb, embedder):
    """The demo store's index from the data directory that `shopdesk setup` fills.

    Loaded when current (the README's test command runs setup first); built otherwise.
    """
    from retrieval import Retriever

    return Retriever.build_or_load(Settings.from_env().index_dir, demo_kb.documents(),
                                   embedder=embedder)


@pytest.fixture(scope="session")
def dialogue_service(demo_kb, demo_retriever):
    """The whole dialogue service on the demo store with the real models, loaded once.

    Sessions live in memory here; tests of Redis behaviour build their own store.
    """
    from dataclasses import replace

    from bot.service import build_dialogue_service

    settings = replace(Settings.from_env(), redis_url="", rate_limit_per_minute=0)
    service = build_dialogue_service(settings, kb=demo_kb, retriever=demo_retriever)
    yield service
    service.close()


@pytest.fixture(scope="session")
def _session_logging() -> tuple[list[logging.Handler], int]:
    root = logging.getLogger()
    return root.handlers[:], root.level


@pytest.fixture(autouse=True)
def _restore_root_logging(_session_logging):
    """Each test starts with the root logger as the session had it (pytest's own capture
    handlers aside): a test or fixture that ran the CLI, which configures logging, must not make
    later tests' libraries log to stderr."""
    from _pytest.logging import LogCaptureHandler

    handlers, level = _session_logging
    root = logging.getLogger()
    root.handlers[:] = [h for h in root.handlers
                        if h in handlers or isinstance(h, LogCaptureHandler)]
    root.setLevel(level)
    yield
