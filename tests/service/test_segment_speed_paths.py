"""The quicker ways /segment computes its answer give exactly what the plain ways give."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.annotation import jiagu_route, vocab_cache
from service.annotation.lexicon import Lexicon
from service.annotation.words import _jiagu_segment, _vocabulary
from service.dependencies import get_segmenter
from service.main import app
from service.routes.segment import _segment
from service.schemas import SegmentRequest, SegmentResponse, Token
from tests.extension.sample import PARAGRAPH

CPP = Path(__file__).resolve().parents[2].parent / "shared" / "benchmarks" / "cpp" / "dev.sent"
EDGES = [
    PARAGRAPH,
    "我用iPhone 15 Pro拍照。",
    "  2024年，他说：“OK!”\n下一行",
    "a b\r\nc\t d 3.5% C++ #a&b_c-d",
    "",
    "臺灣的天氣很好。",
]


def _texts(limit: int) -> list[str]:
    texts = list(EDGES)
    if CPP.is_file():  # public sentences beside the project, when present
        lines = CPP.read_text("utf-8").splitlines()[:limit]
        texts += [line.replace("\u2581", "") for line in lines]
        texts += ["".join(texts[i : i + 10]) for i in range(len(EDGES), len(texts), 10)]
    return texts


def test_jiagu_route_gives_jiagus_own_words(tmp_path: Path) -> None:
    from jiagu.segment import nroute

    segment = _jiagu_segment()
    for ours, theirs in (
        (jiagu_route._HAN, nroute.re_han),
        (jiagu_route._SKIP, nroute.re_skip),
        (jiagu_route._ENGLISH, nroute.re_eng),
    ):
        assert ours.pattern == theirs.pattern
    parsed = _vocabulary(None)  # jiagu's parse, grouped in memory
    _vocabulary(tmp_path)  # parses and stores
    stored = vocab_cache.cached(tmp_path)
    assert stored is not None
    for text in _texts(1000):
        expected = segment.seg(text, mode="default")
        assert jiagu_route.segment(text, parsed) == expected, text
        assert jiagu_route.segment(text, stored) == expected, text


def test_the_stored_vocabulary_is_jiagus_parse(tmp_path: Path) -> None:
    segment = _jiagu_segment()
    _vocabulary(tmp_path)
    stored = vocab_cache.cached(tmp_path)
    assert stored is not None
    assert (stored.longest, stored.total) == (segment.max_word_len, segment.total_freq)
    rebuilt: dict[str, int] = {}
    for char in {word[0] for word in segment.vocab}:
        rebuilt.update(stored.starting(char))
    assert rebuilt == segment.vocab
    assert stored.starting("\x00") == {}


def test_a_torn_vocabulary_file_is_rebuilt(tmp_path: Path) -> None:
    _vocabulary(tmp_path)
    path = vocab_cache.cache_file(tmp_path)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert vocab_cache.cached(tmp_path) is None
    assert _vocabulary(tmp_path).starting("中") == _vocabulary(None).starting("中")
    assert vocab_cache.cached(tmp_path) is not None


def test_an_unwritable_cache_only_costs_the_parse(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    assert _vocabulary(blocked).starting("中") == _vocabulary(None).starting("中")


@pytest.mark.parametrize(
    "options",
    [{}, {"sandhi": True}, {"pos": True, "zhuyin": True}, {"script": "traditional"}],
)
def test_the_json_written_is_what_the_response_model_writes(options: dict[str, object]) -> None:
    client = TestClient(app)
    segmenter = get_segmenter()
    for text in _texts(60):
        if not text.strip():
            continue
        request = SegmentRequest(text=text, **options)
        result = _segment(segmenter, text, request)
        expected = SegmentResponse(
            tokens=[Token.model_validate(w, from_attributes=True) for w in result.words],
            summary={
                "words": sum(1 for w in result.words if w.is_chinese),
                "by_level": result.by_level,
                "level": result.level,
                "standard": request.hsk,
                "script": result.script,
            },
        )
        response = client.post("/segment", json={"text": text, **options})
        assert response.content == expected.model_dump_json().encode(), text
        assert response.headers["content-type"] == "application/json"


def test_batch_json_is_the_segment_answers_in_order() -> None:
    client = TestClient(app)
    texts = [t for t in _texts(20) if t.strip()]
    batch = client.post("/segment/batch", json={"texts": texts, "sandhi": True})
    singles = [client.post("/segment", json={"text": t, "sandhi": True}).content for t in texts]
    assert batch.content == b'{"results":[' + b",".join(singles) + b"]}"


def test_cached_headwords_are_the_queried_ones() -> None:
    lexicon: Lexicon = get_segmenter().lexicon
    pieces = ["银行", "银", "行", "不是一个词", "中文", "x", "行"]
    first = lexicon._query_headwords(pieces)
    assert lexicon.headwords(pieces) == first
    assert lexicon.headwords(pieces) == first  # now from the piece cache
    assert lexicon.headwords(["不是一个词"]) == {}


def test_vocab_check_refuses_a_foreign_file(tmp_path: Path) -> None:
    path = vocab_cache.cache_file(tmp_path)
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE vocab (words BLOB)")
    connection.commit()
    connection.close()
    assert vocab_cache.cached(tmp_path) is None
