"""Loading a bench script as a module, shared by the tests of bench/ (bench is no package)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Callable

import pytest

_BENCH = Path(__file__).resolve().parents[2] / "bench"


def load_bench_script(file_name: str) -> ModuleType:
    """bench/<file_name> run as the module `bench_<stem>`, registered so its dataclasses resolve."""
    name = "bench_" + Path(file_name).stem
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, _BENCH / file_name)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def bench_script() -> Callable[[str], ModuleType]:
    return load_bench_script
