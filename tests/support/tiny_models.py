"""Build small, real MarianMT models (random weights, a trained sentencepiece vocabulary).

They have opus-mt's shape in miniature: separate source/target sentencepiece models, one
shared vocab.json with `</s>` = 0, `<unk>` = 1 and `<pad>` last (also the decoder start),
swish activations, scaled embeddings, tied embeddings, and a generation config with beams.
The en→zh model knows the `>>cmn_Hans<<` target-language token, as opus-mt-en-zh does.
Linear layers get a wider random spread than the default init: with default weights the
decoder repeats one token whatever the input, which would hide ordering bugs.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

ZH_WORDS = (
    "我 你 他 她 们 喜欢 学习 中文 今天 明天 天气 很 好 不 是 的 了 吗 呢 吃 饭 喝 茶 "
    "水 去 来 学校 老师 学生 朋友 银行 在 哪里 什么 时候 北京 上海 工作 家 书 看 说 "
    "话 写 字 听 音乐 电影 买 东西 商店 医院 飞机 火车 开 车 红 大 小 多 少"
).split()
EN_WORDS = (
    "i you he she we they like learn study chinese today tomorrow weather very good not "
    "is are the a of to eat rice drink tea water go come school teacher student friend "
    "bank where what when beijing shanghai work home book read say write word listen "
    "music film buy thing shop hospital plane train drive car red big small many few"
).split()


@dataclass(frozen=True)
class TinySize:
    d_model: int = 32
    layers: int = 2
    heads: int = 4
    ffn: int = 64
    max_positions: int = 256
    spm_vocab: int = 200
    num_beams: int = 4


def _corpus(words: list[str], joiner: str, end: str, lines: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [
        joiner.join(rng.choice(words) for _ in range(rng.randint(2, 9))) + end for _ in range(lines)
    ]


def _train_spm(lines: list[str], prefix: Path, vocab_size: int) -> list[str]:
    import sentencepiece as spm

    corpus = prefix.with_suffix(".txt")
    corpus.write_text("\n".join(lines), encoding="utf-8")
    spm.SentencePieceTrainer.train(
        input=str(corpus),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        character_coverage=1.0,
        model_type="unigram",
        hard_vocab_limit=False,
        bos_id=-1,
        eos_id=-1,
        unk_id=0,
        minloglevel=2,
    )
    processor = spm.SentencePieceProcessor(model_file=f"{prefix}.model")
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def build_marian(
    out_dir: Path,
    source_lines: list[str],
    target_lines: list[str],
    *,
    language_tokens: tuple[str, ...] = (),
    size: TinySize = TinySize(),
    seed: int = 0,
    vocab_size: int | None = None,
) -> Path:
    """Write a complete MarianMT model directory loadable by `from_pretrained`."""
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel

    out_dir.mkdir(parents=True, exist_ok=True)
    work = out_dir / "_spm"
    work.mkdir(exist_ok=True)
    src_pieces = _train_spm(source_lines, work / "source", size.spm_vocab)
    tgt_pieces = _train_spm(target_lines, work / "target", size.spm_vocab)

    vocab: dict[str, int] = {"</s>": 0, "<unk>": 1}
    for piece in (*language_tokens, *src_pieces, *tgt_pieces):
        if piece not in vocab and piece != "<unk>":
            vocab[piece] = len(vocab)
    # Pad the vocabulary up to a requested size (the benchmark wants opus-mt's 65001).
    while vocab_size is not None and len(vocab) < vocab_size - 1:
        vocab[f"<filler_{len(vocab)}>"] = len(vocab)
    pad_id = len(vocab)
    vocab["<pad>"] = pad_id

    (out_dir / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    (out_dir / "source.spm").write_bytes((work / "source.model").read_bytes())
    (out_dir / "target.spm").write_bytes((work / "target.model").read_bytes())
    (out_dir / "tokenizer_config.json").write_text(
        json.dumps(
            {
                "tokenizer_class": "MarianTokenizer",
                "model_max_length": size.max_positions,
                "separate_vocabs": False,
                "eos_token": "</s>",
                "unk_token": "<unk>",
                "pad_token": "<pad>",
            }
        ),
        encoding="utf-8",
    )
    for leftover in work.iterdir():
        leftover.unlink()
    work.rmdir()

    config = MarianConfig(
        vocab_size=len(vocab),
        decoder_vocab_size=len(vocab),
        d_model=size.d_model,
        encoder_layers=size.layers,
        decoder_layers=size.layers,
        encoder_attention_heads=size.heads,
        decoder_attention_heads=size.heads,
        encoder_ffn_dim=size.ffn,
        decoder_ffn_dim=size.ffn,
        activation_function="swish",
        max_position_embeddings=size.max_positions,
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
        tie_word_embeddings=True,
        dropout=0.1,
        attention_dropout=0.0,
        activation_dropout=0.0,
        init_std=0.02,
        pad_token_id=pad_id,
        eos_token_id=0,
        bos_token_id=0,
        forced_eos_token_id=0,
        decoder_start_token_id=pad_id,
        is_encoder_decoder=True,
    )
    # opus-mt values that MarianConfig's signature does not list (Marian always uses static
    # sinusoidal positions and post-norm; set to document and match opus-mt's config.json).
    config.static_position_embeddings = True
    config.normalize_before = False
    torch.manual_seed(seed)
    model = MarianMTModel(config)
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, torch.nn.Linear):
                module.weight.normal_(0.0, 0.3)
                if module.bias is not None:
                    module.bias.normal_(0.0, 0.1)
        # The embedding is tied to the output layer, which the loop above just overwrote;
        # opus-mt's <pad> row is zero (the decoder starts from a zero embedding).
        embeddings = model.get_input_embeddings()
        assert isinstance(embeddings, torch.nn.Embedding)
        embeddings.weight[pad_id].zero_()
    model.generation_config = GenerationConfig(  # type: ignore[no-untyped-call]
        num_beams=size.num_beams,
        max_length=size.max_positions,
        bad_words_ids=[[pad_id]],
        decoder_start_token_id=pad_id,
        eos_token_id=0,
        forced_eos_token_id=0,
        pad_token_id=pad_id,
    )
    model.save_pretrained(out_dir)
    return out_dir


def build_tiny_models(root: Path, size: TinySize = TinySize()) -> dict[str, Path]:
    """Both directions, as the service's TRANSLATE_MODEL_* settings expect them."""
    zh = _corpus(list(ZH_WORDS), "", "。", 600, seed=1)
    en = _corpus(list(EN_WORDS), " ", ".", 600, seed=2)
    return {
        "zh-en": build_marian(root / "zh-en", zh, en, size=size, seed=3),
        "en-zh": build_marian(
            root / "en-zh", en, zh, language_tokens=(">>cmn_Hans<<",), size=size, seed=4
        ),
    }


# Twelve short inputs on which the random tiny models loop (今天很今天很…, uuuu): what the loop
# guard's test and its benchmark translate.
SHORT_ZH = [
    "我喜欢学习中文。",
    "今天天气很好。",
    "银行在哪里？",
    "你好",
    "明天我去学校。",
    "老师喝茶。",
]
SHORT_EN = [
    "Where is the bank?",
    "I like tea.",
    "Hello",
    "Today the weather is good.",
    "We go to school tomorrow.",
    "The teacher reads a book.",
]
