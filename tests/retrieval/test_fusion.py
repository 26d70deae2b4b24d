import pytest

from retrieval.fusion import reciprocal_rank_fusion


def test_single_list_scores_are_reciprocal_ranks():
    fused = reciprocal_rank_fusion([[7, 3, 9]], k=60)
    assert [item for item, _ in fused] == [7, 3, 9]
    assert [score for _, score in fused] == pytest.approx([1 / 61, 1 / 62, 1 / 63])


def test_scores_add_across_lists():
    fused = dict(reciprocal_rank_fusion([[1, 2, 3], [3, 1]], k=10))
    assert fused[1] == pytest.approx(1 / 11 + 1 / 12)
    assert fused[2] == pytest.approx(1 / 12)
    assert fused[3] == pytest.approx(1 / 13 + 1 / 11)


def test_agreement_beats_one_top_rank():
    # 5 is second in both lists; 1 and 9 are first in one list only.
    fused = reciprocal_rank_fusion([[1, 5, 2], [9, 5, 3]], k=60)
    assert fused[0][0] == 5


def test_weights_scale_each_list():
    fused = dict(reciprocal_rank_fusion([[1], [2]], k=0, weights=[2.0, 0.5]))
    assert fused == pytest.approx({1: 2.0, 2: 0.5})


def test_ties_keep_first_met_order():
    fused = reciprocal_rank_fusion([[4, 8], [8, 4]])
    assert [item for item, _ in fused] == [4, 8]
    assert fused[0][1] == fused[1][1]


def test_repeat_in_one_list_counts_once_at_its_best_rank():
    assert dict(reciprocal_rank_fusion([[1, 1, 2]], k=0)) == pytest.approx({1: 1.0, 2: 1 / 3})


def test_empty_inputs():
    assert reciprocal_rank_fusion([]) == []
    assert reciprocal_rank_fusion([[], []]) == []


@pytest.mark.parametrize("kwargs", [{"k": -1}, {"weights": [1.0]}, {"weights": [1.0, -1.0]}])
def test_bad_arguments_raise(kwargs):
    with pytest.raises(ValueError):
        reciprocal_rank_fusion([[1], [2]], **kwargs)
