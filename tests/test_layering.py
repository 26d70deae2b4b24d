"""Import rules: packages import only downwards, and inside them rooms keep to their faces.

- bot -> models, retrieval, kb; retrieval -> kb; kb, models -> none of ours.
- models.nlu and models.generation never import each other.
- bot.dialogue (the turn pipeline) knows no edge: no web, panel, rasa, channels or cli.
- An edge (web, panel, rasa, channels) reaches the core only through its face: the
  `bot.dialogue` package (never its modules), `bot.types`, `bot.errors`, `bot.settings`, and
  the session package's plain data (`bot.sessions.events`, `bot.sessions.errors`), its one
  Redis connection factory and its in-process window counter; never the
  session stores, store_ops, models or retrieval. The CLI may also use the package faces of
  models/retrieval/kb for its operator commands, but not the dialogue's or sessions' parts.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = {"bot", "retrieval", "models", "kb"}
ALLOWED = {"bot": {"bot", "models", "retrieval", "kb"}, "retrieval": {"retrieval", "kb"},
           "models": {"models"}, "kb": {"kb"}}
EDGES = ("web", "panel", "rasa", "channels", "cli")
#: What an edge may import of bot's core (besides its own room and the other edges).
EDGE_FACE = {"bot", "bot.dialogue", "bot.types", "bot.errors", "bot.settings",
             "bot.sessions.events", "bot.sessions.errors", "bot.sessions.redis_connection",
             "bot.sessions.window_counts",
             "bot.service", "bot.loading", "bot.metrics", "bot.log_format",
             "bot.nlu.training_data"}


def imported_modules(path: Path) -> set[str]:
    """Absolute module names a file imports (``from a.b import c`` counts as ``a.b``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def violations(path: Path, room_rules) -> list[str]:
    return [module for module in sorted(imported_modules(path)) if not room_rules(module)]


def python_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


@pytest.mark.parametrize("package", sorted(OURS))
def test_package_imports_only_downwards(package):
    for path in python_files(ROOT / package):
        bad = {m.split(".")[0] for m in imported_modules(path)} & OURS - ALLOWED[package]
        assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"


@pytest.mark.parametrize("family,other", [("nlu", "generation"), ("generation", "nlu")])
def test_model_families_never_import_each_other(family, other):
    for path in python_files(ROOT / "models" / family):
        bad = [m for m in imported_modules(path) if m == f"models.{other}"
               or m.startswith(f"models.{other}.")]
        assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


def dialogue_rule(module: str) -> bool:
    return not any(module == f"bot.{edge}" or module.startswith(f"bot.{edge}.") for edge in EDGES)


def edge_rule(edge: str):
    def allowed(module: str) -> bool:
        if module.split(".")[0] not in OURS:
            return True
        if module.startswith(("kb", "models", "retrieval")):
            return edge == "cli" or module in ("kb", "kb.types")
        if module in EDGE_FACE:
            return True
        return any(module == f"bot.{e}" or module.startswith(f"bot.{e}.") for e in EDGES)
    return allowed


def test_dialogue_knows_no_edge():
    for path in python_files(ROOT / "bot" / "dialogue"):
        bad = violations(path, dialogue_rule)
        assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


@pytest.mark.parametrize("edge", EDGES)
def test_edges_reach_the_core_only_through_its_face(edge):
    for path in python_files(ROOT / "bot" / edge):
        bad = violations(path, edge_rule(edge))
        assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


def test_rules_catch_an_edge_reaching_into_a_part(tmp_path):
    """The rules are not vacuous: the imports this refactor removed would fail them."""
    edge = tmp_path / "edge.py"
    edge.write_text("from bot.dialogue.grounding.facts import FactSelector\n"
                    "from bot.sessions.session_store import RedisSessionStore\n"
                    "from models import Fact\nfrom bot.dialogue import DialogueService\n")
    assert violations(edge, edge_rule("rasa")) == ["bot.dialogue.grounding.facts", "bot.sessions.session_store",
                                                   "models"]
    core = tmp_path / "core.py"
    core.write_text("from bot.web.app import create_app\nfrom bot.types import Reply\n")
    assert violations(core, dialogue_rule) == ["bot.web.app"]
