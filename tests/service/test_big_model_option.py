"""The larger zh→en option (opus-mt-tc-bible-big-zhx-en) in miniature: its target-token rule.

The zh-en direction puts `>>eng<<` before each sentence only when the model's vocabulary has
that token: a model trained for several target languages (opus-mt-tc-bible-big-zhx-deu_eng_...)
has it and needs it; a single-target one (opus-mt-zh-en, opus-mt-tc-bible-big-zhx-en) has none
and gets nothing. Tiny models of the transformer-big proportions (16 heads, FFN 4 × d_model)
check both vocabularies through both engines, as production loads them.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Literal

import pytest

from service.settings import Settings
from service.translation.backends import CTranslate2Backend, TransformersBackend
from service.translation.translator import TranslatorRegistry
from tests.support.tiny_models import EN_WORDS, ZH_WORDS, TinySize, _corpus, build_marian

Engine = Literal["ctranslate2", "transformers"]
ENGINES: list[Engine] = ["ctranslate2", "transformers"]
BIG_SHAPE = TinySize(d_model=64, layers=2, heads=16, ffn=256, num_beams=4)


@pytest.fixture(scope="module")
def big_shaped(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A single-target model (no language token) and a multi-target one (>>eng<< in vocab)."""
    root = tmp_path_factory.mktemp("big-shaped")
    zh = _corpus(list(ZH_WORDS), "", "。", 600, seed=1)
    en = _corpus(list(EN_WORDS), " ", ".", 600, seed=2)
    return {
        "single": build_marian(root / "single", zh, en, size=BIG_SHAPE, seed=7),
        "multi": build_marian(
            root / "multi", zh, en, language_tokens=(">>eng<<", ">>deu<<"), size=BIG_SHAPE, seed=8
        ),
    }


def _registry(model: Path, engine: Engine, **overrides: object) -> TranslatorRegistry:
    settings = Settings(
        translate_model_zh_en=str(model),
        translate_engine=engine,
        translate_cache_size=0,
        **overrides,  # type: ignore[arg-type]
    )
    return TranslatorRegistry(settings)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_multi_target_vocabulary_gets_eng_first(
    big_shaped: dict[str, Path], engine: Engine
) -> None:
    backend = _registry(big_shaped["multi"], engine).get("zh-en").backend
    tokens = backend.source_tokens(["我喜欢学习中文。"])[0]
    assert tokens[0] == ">>eng<<" and tokens[-1] == "</s>"
    assert ">>deu<<" not in tokens


@pytest.mark.parametrize("engine", ENGINES)
def test_a_single_target_vocabulary_gets_no_token(
    big_shaped: dict[str, Path], engine: Engine
) -> None:
    translator = _registry(big_shaped["single"], engine).get("zh-en")
    tokens = translator.backend.source_tokens(["我喜欢学习中文。"])[0]
    assert not any(token.startswith(">>") for token in tokens)
    assert translator.translate(["我喜欢学习中文。"], "en", time.monotonic() + 120)[0]


@pytest.mark.parametrize("kind", ["single", "multi"])
def test_the_big_shape_converts_exactly(big_shaped: dict[str, Path], kind: str) -> None:
    """float32 greedy CTranslate2 output equals transformers' on this shape too."""
    sentences = ["我喜欢学习中文。", "今天天气很好。"]
    reference = _registry(big_shaped[kind], "transformers", translate_num_beams=1)
    converted = _registry(
        big_shaped[kind], "ctranslate2", translate_num_beams=1, translate_compute_type="float32"
    )
    ref_backend = reference.get("zh-en").backend
    ct2_backend = converted.get("zh-en").backend
    assert isinstance(ref_backend, TransformersBackend)
    assert isinstance(ct2_backend, CTranslate2Backend)
    special = {"<pad>", "</s>"}
    expected = [
        [t for t in ref_backend.tokenizer.convert_ids_to_tokens(row) if t not in special]
        for row in ref_backend.generate_ids(sentences)
    ]
    produced = ct2_backend.generate_tokens(sentences)
    assert [[t for t in row if t not in special] for row in produced] == expected
