"""The translation engines on real tiny MarianMT models, loaded as production loads them."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from service.settings import Settings
from service.translation.backends import CTranslate2Backend, TransformersBackend
from service.translation.model_source import ModelUnavailable, locate
from service.translation.translator import TranslationTimeout, TranslatorRegistry

ENGINES = ["ctranslate2", "transformers"]


def _registry(models: dict[str, Path], **overrides: object) -> TranslatorRegistry:
    settings = Settings(
        translate_model_zh_en=str(models["zh-en"]),
        translate_model_en_zh=str(models["en-zh"]),
        translate_cache_size=0,
        **overrides,  # type: ignore[arg-type]
    )
    return TranslatorRegistry(settings)


def _later() -> float:
    return time.monotonic() + 60


@pytest.mark.parametrize("engine", ENGINES)
def test_language_token_reaches_the_en_zh_tokenizer(
    tiny_models: dict[str, Path], engine: str
) -> None:
    backend = _registry(tiny_models, translate_engine=engine).get("en-zh").backend
    tokens = backend.source_tokens(["where is the bank?"])[0]
    assert tokens[0] == ">>cmn_Hans<<"
    assert tokens[-1] == "</s>"
    zh_en = _registry(tiny_models, translate_engine=engine).get("zh-en").backend
    assert zh_en.source_tokens(["我喜欢茶。"])[0][0] != ">>cmn_Hans<<"


def test_transformers_generate_sees_the_language_token(tiny_models: dict[str, Path]) -> None:
    backend = _registry(tiny_models, translate_engine="transformers").get("en-zh").backend
    assert isinstance(backend, TransformersBackend)
    seen: list[str] = []
    original = backend.tokenizer.__class__.__call__

    def spy(self: object, text: list[str], *args: object, **kwargs: object) -> object:
        seen.extend(text)
        return original(self, text, *args, **kwargs)

    backend.tokenizer.__class__.__call__ = spy
    try:
        backend.translate(["i like tea."])
    finally:
        backend.tokenizer.__class__.__call__ = original
    assert seen == [">>cmn_Hans<< i like tea."]


def test_ctranslate2_conversion_matches_transformers_token_for_token(
    tiny_models: dict[str, Path],
) -> None:
    """float32 greedy output of the converted model equals the reference, token by token."""
    sentences = ["我喜欢学习中文。", "今天天气很好。", "银行在哪里？"]
    reference = _registry(tiny_models, translate_engine="transformers", translate_num_beams=1)
    converted = _registry(
        tiny_models,
        translate_engine="ctranslate2",
        translate_compute_type="float32",
        translate_num_beams=1,
    )
    ref_backend = reference.get("zh-en").backend
    ct2_backend = converted.get("zh-en").backend
    assert isinstance(ref_backend, TransformersBackend)
    assert isinstance(ct2_backend, CTranslate2Backend)

    ids = ref_backend.generate_ids(sentences)
    tokenizer = ref_backend.tokenizer
    special = {"<pad>", "</s>"}
    expected = [
        [t for t in tokenizer.convert_ids_to_tokens(row) if t not in special] for row in ids
    ]
    produced = ct2_backend.generate_tokens(sentences)
    assert all(len(tokens) > 3 for tokens in expected)
    assert [[t for t in tokens if t not in special] for tokens in produced] == expected


@pytest.mark.parametrize("engine", ENGINES)
def test_one_translation_per_input_in_order(tiny_models: dict[str, Path], engine: str) -> None:
    translator = _registry(tiny_models, translate_engine=engine, translate_num_beams=1).get("zh-en")
    texts = ["我喜欢学习中文。", "今天天气很好。", "银行在哪里？", "我喜欢学习中文。"]
    together = translator.translate(texts, "en", _later())
    alone = [translator.translate([t], "en", _later())[0] for t in texts]
    assert together == alone
    assert together[0] == together[3]
    assert len(set(together[:3])) == 3  # different inputs, different outputs: order is visible


@pytest.mark.parametrize("engine", ENGINES)
def test_long_text_is_split_and_reassembled(tiny_models: dict[str, Path], engine: str) -> None:
    translator = _registry(tiny_models, translate_engine=engine, translate_num_beams=1).get("zh-en")
    first, second, third = "我喜欢学习中文。", "今天天气很好。", "银行在哪里？"
    parts = [translator.translate([s], "en", _later())[0] for s in (first, second, third)]
    paragraph = translator.translate([f"{first}{second}\n\n{third}"], "en", _later())[0]
    assert paragraph == f"{parts[0]} {parts[1]}\n\n{parts[2]}"


def test_batches_are_bounded(tiny_models: dict[str, Path]) -> None:
    translator = _registry(tiny_models, translate_batch_size=2, translate_num_beams=1).get("zh-en")
    sizes: list[int] = []
    original = translator.backend.translate

    def counting(
        sentences: list[str], *, deadline: float | None = None, no_repeat_ngram_size: int = 0
    ) -> list[str]:
        sizes.append(len(sentences))
        return original(sentences, deadline=deadline, no_repeat_ngram_size=no_repeat_ngram_size)

    translator.backend.translate = counting  # type: ignore[method-assign]
    text = "".join(f"{w}很好。" for w in ["我", "你", "他", "她", "老师"])
    translator.translate([text], "en", _later())
    assert sizes == [2, 2, 1]


def test_concurrent_first_requests_cause_one_load(tiny_models: dict[str, Path]) -> None:
    registry = _registry(tiny_models)
    barrier = threading.Barrier(4)
    results: list[object] = []

    def first_request() -> None:
        barrier.wait()
        results.append(registry.get("zh-en"))

    threads = [threading.Thread(target=first_request) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert registry.load_counts["zh-en"] == 1
    assert len(results) == 4 and all(r is results[0] for r in results)


def test_missing_directory_fails_then_loads_once_it_appears(
    tiny_models: dict[str, Path], tmp_path: Path
) -> None:
    late = tmp_path / "late-model"
    registry = _registry({"zh-en": late, "en-zh": tiny_models["en-zh"]})
    for _ in range(2):  # the failure is not cached: each call tries again
        with pytest.raises(ModelUnavailable, match="TRANSLATE_MODEL_ZH_EN"):
            registry.get("zh-en")
    assert registry.last_error("zh-en") == "directory not found"
    late.symlink_to(tiny_models["zh-en"], target_is_directory=True)
    assert registry.get("zh-en").translate(["你好。"], "en", _later())[0]
    assert registry.last_error("zh-en") is None
    assert registry.load_counts["zh-en"] == 3


def test_defaults_keep_the_beams_and_store_int8_weights(tiny_models: dict[str, Path]) -> None:
    default = _registry(tiny_models)
    backend = default.get("zh-en").backend
    assert isinstance(backend, CTranslate2Backend)
    assert backend.decoding.num_beams == 4  # the tiny model's own generation config
    assert backend.translator.compute_type.startswith("int8")  # CTranslate2: int8_float32
    files = locate(str(tiny_models["zh-en"]), "TRANSLATE_MODEL_ZH_EN")
    int8_dir = default.converted_dir(files)
    assert int8_dir.name.endswith("-int8")  # quantized once, at conversion: later loads read it
    exact = _registry(tiny_models, translate_compute_type="float32", translate_num_beams=1)
    float32_backend = exact.get("zh-en").backend
    assert isinstance(float32_backend, CTranslate2Backend)
    assert float32_backend.decoding.num_beams == 1
    assert float32_backend.translator.compute_type == "float32"
    # 8-bit matrices: well under half the bytes (a quarter at opus-mt's size, where the
    # float32 biases and norms that this tiny model is rich in weigh little).
    float32_bin = (exact.converted_dir(files) / "model.bin").stat().st_size
    assert (int8_dir / "model.bin").stat().st_size < 0.5 * float32_bin


def test_batches_shrink_as_the_deadline_nears(tiny_models: dict[str, Path]) -> None:
    translator = _registry(tiny_models, translate_num_beams=1).get("zh-en")
    assert translator._next_batch_size(_later()) == 16  # nothing measured yet
    translator.translate(["我喜欢学习中文。"], "en", _later())
    assert translator._seconds_per_sentence is not None and translator._seconds_per_sentence > 0
    translator._seconds_per_sentence = 1.0  # as if the machine were this slow
    assert translator._next_batch_size(time.monotonic() + 100) == 16
    assert translator._next_batch_size(time.monotonic() + 4.5) == 2  # two batches of 2 fit
    assert translator._next_batch_size(time.monotonic() + 0.1) == 1
    with pytest.raises(TranslationTimeout):
        translator._next_batch_size(time.monotonic() - 1)
