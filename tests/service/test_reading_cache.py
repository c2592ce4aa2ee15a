"""The reading model read back from its cache file runs on the very numbers it computes."""

from __future__ import annotations

from pathlib import Path

from service.annotation import reading_cache
from service.annotation.readings import ReadingModel

SENTENCES = ["他还没来，我还书给图书馆。", "银行在哪里？", "我们一起去长城，长得很高。"]


def _layout(model: ReadingModel) -> list[tuple[str, tuple[int, ...], tuple[int, ...], bytes]]:
    arrays = [*model._input_table, model._weight_hh_t, *model._hidden, *model._logits]
    return [(a.dtype.str, a.shape, a.strides, a.tobytes()) for a in arrays]


def _readings(model: ReadingModel) -> list[list[str]]:
    requests = [(s, [p for p, c in enumerate(s) if model.is_polyphonic(c)]) for s in SENTENCES]
    return model.readings_of_many(requests, {(0, 1): "huan2"})


def test_the_cached_model_is_the_computed_one(tmp_path: Path) -> None:
    computed = ReadingModel()
    ReadingModel(tmp_path)  # computes and stores
    assert reading_cache.cache_file(tmp_path).is_file()
    cached = ReadingModel(tmp_path)
    assert _layout(cached) == _layout(computed)  # same bytes, dtypes, shapes and strides
    assert (cached._chars, cached._class_index) == (computed._chars, computed._class_index)
    assert cached.candidates == computed.candidates
    assert _readings(cached) == _readings(computed)


def test_a_torn_cache_is_rebuilt(tmp_path: Path) -> None:
    ReadingModel(tmp_path)
    path = reading_cache.cache_file(tmp_path)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert _readings(ReadingModel(tmp_path)) == _readings(ReadingModel())
    assert path.stat().st_size > 0 and _layout(ReadingModel(tmp_path)) == _layout(ReadingModel())


def test_an_unwritable_cache_only_costs_the_computation(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    assert _readings(ReadingModel(blocked)) == _readings(ReadingModel())
