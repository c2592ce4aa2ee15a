"""Build opus-mt-shaped models with random weights (run in a child: it imports torch).

    python -m bench.models OUT_DIR

Exactly opus-mt-zh-en / opus-mt-en-zh's architecture: d_model 512, 6+6 layers, 8 heads,
FFN 2048, swish, scaled embeddings, a shared and tied 65001-token vocabulary with <pad>
last, 512 positions, generation config with 6 beams; ≈ 77.9 M parameters each.

With `--big`, also a zh→en model of the transformer-big shape of Helsinki-NLP's larger OPUS-MT
models (opus-mt-tc-bible-big-zhx-en: d_model 1024, 6+6 layers, 16 heads, FFN 4096, a
58592-token vocabulary; ≈ 236 M parameters), with the same 6 beams so that only the
architecture differs.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bench.workload import emit
from tests.support.tiny_models import EN_WORDS, ZH_WORDS, TinySize, _corpus, build_marian

OPUS_MT = TinySize(
    d_model=512, layers=6, heads=8, ffn=2048, max_positions=512, spm_vocab=4000, num_beams=6
)
VOCAB = 65001
BIG = TinySize(
    d_model=1024, layers=6, heads=16, ffn=4096, max_positions=512, spm_vocab=4000, num_beams=6
)
BIG_VOCAB = 58592  # opus-mt-tc-bible-big-zhx-en's vocab.json


def build(root: Path) -> dict[str, str]:
    zh = _corpus(list(ZH_WORDS), "", "。", 2000, seed=1)
    en = _corpus(list(EN_WORDS), " ", ".", 2000, seed=2)
    return {
        "zh-en": str(build_marian(root / "zh-en", zh, en, size=OPUS_MT, seed=3, vocab_size=VOCAB)),
        "en-zh": str(
            build_marian(
                root / "en-zh",
                en,
                zh,
                language_tokens=(">>cmn_Hans<<",),
                size=OPUS_MT,
                seed=4,
                vocab_size=VOCAB,
            )
        ),
    }


def build_big(root: Path) -> str:
    zh = _corpus(list(ZH_WORDS), "", "。", 2000, seed=1)
    en = _corpus(list(EN_WORDS), " ", ".", 2000, seed=2)
    return str(build_marian(root / "zh-en-big", zh, en, size=BIG, seed=5, vocab_size=BIG_VOCAB))


def main() -> None:
    from transformers import MarianConfig, MarianMTModel

    dirs = build(Path(sys.argv[1]))
    if "--big" in sys.argv[2:]:
        dirs["zh-en-big"] = build_big(Path(sys.argv[1]))
    info = {}
    for direction, path in dirs.items():
        config = MarianConfig.from_pretrained(path)
        model = MarianMTModel.from_pretrained(path)
        info[direction] = {
            "dir": path,
            "params_m": round(sum(p.numel() for p in model.parameters()) / 1e6, 2),
            "vocab_size": config.vocab_size,
            "num_beams": model.generation_config.num_beams,
        }
    emit({"models": info})


if __name__ == "__main__":
    main()
