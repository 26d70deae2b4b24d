"""Generator parts that need no model: streaming text, stop strings, sampling, prompt lookup, int8."""

from __future__ import annotations

import pytest
import torch

from models.generation.citations import Citations, open_label_length
from models.generation.quantize import Int8Linear, ProjectionSlice, int8_supported, quantize_int8
from models.generation.sampling import TextStream, check_params, choose, penalize_repetition
from models.generation.speculative import PromptLookup, SpeculationConfig, accept_greedy
from models.generation.types import SamplingParams


class CharTokenizer:
    """One token per character; token 0 is the end of turn."""

    def decode(self, ids, skip_special_tokens=True):
        return "".join(chr(i) for i in ids)


def feed(stream: TextStream, text: str) -> list[str]:
    pieces = []
    for ch in text:
        pieces.append(stream.push(ord(ch)))
        if stream.stopped:
            break
    return pieces


def test_text_stream_holds_back_a_possible_stop_string_and_cuts_before_it() -> None:
    stream = TextStream(CharTokenizer(), ["STOP"], end_ids={0})
    pieces = feed(stream, "abSTxSTOPzz")
    assert "".join(pieces) == "abSTx" and stream.stopped and stream.text == "abSTx"
    assert pieces[2:4] == ["", ""]  # "S", "T" waited until "x" proved them harmless


def test_text_stream_ends_at_the_end_of_turn_token() -> None:
    stream = TextStream(CharTokenizer(), [], end_ids={0})
    assert "".join(feed(stream, "hi")) == "hi"
    assert stream.push(0) == "" and stream.stopped and stream.text == "hi"
    assert stream.push(ord("x")) == ""


def test_text_stream_releases_held_text_when_generation_ends() -> None:
    stream = TextStream(CharTokenizer(), ["STOP"], end_ids={0})
    assert "".join(feed(stream, "abST")) == "ab"
    assert stream.finish() == "ST"


def test_citation_labels_become_fact_ids_and_back() -> None:
    citations = Citations.numbering(["policy:returns#1", "product:MH01", "policy:returns#1"])
    assert citations.ids == {"1": "policy:returns#1", "2": "product:MH01"}
    model_text = "Yes [1]. It costs $52 [2]. Both [1, 2]. Not [7]."
    shown = citations.to_ids(model_text)
    assert shown == ("Yes [policy:returns#1]. It costs $52 [product:MH01]. "
                     "Both [policy:returns#1, product:MH01]. Not [7].")
    assert citations.to_labels(shown) == model_text
    assert open_label_length("costs $52 [1") == 2 and open_label_length("done [1]") == 0


def test_text_stream_emits_fact_ids_never_half_a_label() -> None:
    citations = Citations.numbering(["policy:returns#1"])
    stream = TextStream(CharTokenizer(), [], end_ids={0}, citations=citations)
    pieces = feed(stream, "Yes [1] ok")
    assert "".join(pieces) == "Yes [policy:returns#1] ok"
    assert all("[1" not in piece for piece in pieces)


def test_repetition_penalty_matches_the_ctrl_rule() -> None:
    logits = torch.tensor([2.0, -2.0, 1.0])
    out = penalize_repetition(logits, torch.tensor([0, 1]), 2.0)
    assert out.tolist() == [1.0, -4.0, 1.0]
    assert penalize_repetition(logits, torch.tensor([0]), 1.0) is logits


def test_choose_is_argmax_at_temperature_zero_and_seeded_otherwise() -> None:
    logits = torch.tensor([0.1, 3.0, 0.2])
    assert choose(logits, SamplingParams(), None) == 1
    params = SamplingParams(temperature=1.0, top_p=0.5)
    draws = {choose(logits, params, torch.Generator().manual_seed(s)) for s in range(20)}
    assert draws == {1}  # top_p keeps only the dominant token


@pytest.mark.parametrize("field, value", [("max_new_tokens", 0), ("repetition_penalty", 0.0),
                                          ("temperature", -1.0), ("top_p", 0.0)])
def test_bad_sampling_params_are_named(field: str, value) -> None:
    with pytest.raises(ValueError, match=field):
        check_params(SamplingParams(**{field: value}))


def test_prompt_lookup_proposes_what_followed_the_latest_match() -> None:
    config = SpeculationConfig(max_draft=4, min_ngram=2, max_ngram=3)
    lookup = PromptLookup(config, [1, 2, 3, 4, 5, 9, 1, 2, 7, 8])
    lookup.extend([1, 2])  # suffix (1, 2) last occurred before 7, 8
    assert lookup.propose(10) == [7, 8, 1, 2]
    assert lookup.propose(1) == [7]
    lookup.extend([42])  # an unseen suffix: no draft
    assert lookup.propose(10) == []


def test_draft_length_adapts_to_acceptance() -> None:
    lookup = PromptLookup(SpeculationConfig(max_draft=8), [*range(20), 0, 1])
    lookup.record(drafted=8, accepted=0)
    assert len(lookup.propose(10)) == 4
    lookup.record(drafted=4, accepted=4)
    assert len(lookup.propose(10)) == 6


def test_accept_greedy_takes_the_matching_prefix() -> None:
    assert accept_greedy([5, 6, 7], [5, 6, 9, 1]) == 2
    assert accept_greedy([5, 6], [5, 6, 3]) == 2
    assert accept_greedy([5], [4, 0]) == 0


@pytest.mark.skipif(not int8_supported(), reason="needs PyTorch's x86 int8 kernels")
def test_int8_linear_is_close_and_each_row_is_independent_of_the_others() -> None:
    torch.manual_seed(0)
    linear = torch.nn.Linear(64, 32)
    quantized = Int8Linear(linear)
    x = torch.randn(5, 64)
    x[3] *= 100  # an outlier token must not hurt the others' precision
    together = quantized(x)
    for row in range(5):
        alone = quantized(x[row : row + 1])
        assert torch.equal(alone, together[row : row + 1])
        want = linear(x[row])
        assert (together[row] - want).abs().max() < 0.03 * want.abs().max()


@pytest.mark.skipif(not int8_supported(), reason="needs PyTorch's x86 int8 kernels")
def test_projections_sharing_an_input_run_as_one_product_with_identical_columns() -> None:
    torch.manual_seed(0)

    class Attention(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.q_proj = torch.nn.Linear(64, 64)
            self.k_proj = torch.nn.Linear(64, 16)
            self.v_proj = torch.nn.Linear(64, 16)

        def forward(self, x):
            return self.q_proj(x), self.k_proj(x), self.v_proj(x)

    attention = Attention()
    separate = [Int8Linear(layer) for layer in (attention.q_proj, attention.k_proj, attention.v_proj)]
    assert quantize_int8(attention) == 0  # the three became one shared product
    assert isinstance(attention.k_proj, ProjectionSlice)
    for rows in (1, 7):
        x = torch.randn(1, rows, 64)
        for got, layer in zip(attention(x), separate):
            assert torch.equal(got, layer(x))
    # A member called alone, with an input the others never saw, still gets its own columns.
    y = torch.randn(1, 3, 64)
    assert torch.equal(attention.v_proj(y), separate[2](y))
