"""POS tags from jiagu's weights in SQLite: the same tags as jiagu.pos, without its 420 MB.

jiagu.pos itself runs in child processes here, so this process never holds its model
(except in the fallback test, which must).
"""

from __future__ import annotations

import json
import logging
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.annotation import pos_tagger, sqlite_cache
from service.annotation.pos_tagger import JiaguTagger, SqliteTagger, cache_file, load_or_build
from service.annotation.segmenter import Segmenter
from service.dependencies import get_segmenter
from service.main import app
from service.settings import get_settings

ROOT = Path(__file__).resolve().parents[2]

TEXTS = [
    "我喜欢学习中文",
    "春节是中国最重要的传统节日。每年农历正月初一，人们都会回家和家人团聚，吃年夜饭，"
    "看春节联欢晚会。孩子们最喜欢的是收红包，大人们则忙着准备各种各样的食物，比如饺子、"
    "年糕和鱼。在北方，很多家庭会一起包饺子，因为饺子的形状像古代的元宝，象征着财富。"
    "除夕晚上十二点，许多城市会放烟花，整个夜空都变得五彩缤纷。",
    "2024年，有超过九十亿人次在春运期间出行，铁路、公路和航空部门都面临巨大的压力。"
    "国务院总理李强在北京人民大会堂会见了法国总统马克龙，双方就中欧关系交换了意见。",
    "“你吃饭了吗？”“还没呢，我们一起去楼下那家新开的川菜馆吧！”“好啊，听说他们的麻婆豆腐"
    "特别地道，不过有点儿辣。”",
    "学而时习之，不亦说乎？有朋自远方来，不亦乐乎？人不知而不愠，不亦君子乎？",
    "我用iPhone 15发微信😀，很方便!\n你呢？ GDP增长了5.2%，CEO说AI是未来。",
    "他們正在臺灣大學圖書館裡讀書，準備下個星期的考試。",
    "研究人员发现，长期睡眠不足会显著增加患心血管疾病的风险，因此专家建议成年人每天至少"
    "保证七个小时的睡眠，并尽量避免在睡前使用手机、电脑等电子产品。",
    "小明把书放在桌子上，然后被妈妈叫去买了三斤苹果和两瓶酱油。",
    "对于学习汉语的外国朋友来说，春节是了解中国文化的好机会。你可以去朋友家做客，尝尝地道的"
    "家常菜，也可以去庙会逛逛，看舞龙舞狮表演。如果有人对你说“新年快乐”，你可以回答"
    "“恭喜发财”或者“万事如意”。",
    "。。。",
    "hello world",
]

# jiagu.pos on the words the service annotates (jiagu.seg's, merges split), in a child; plus a
# sample of the model, to compare row by row.
_JIAGU = """
import json, random, sys
import jiagu
from service.dependencies import get_segmenter
texts = json.load(sys.stdin)
tagged = []
for text in texts:
    words = get_segmenter().words(text)
    tagged.append([words, jiagu.pos(words)])
model = jiagu.pos.__self__.pos_model.model
sample = random.Random(3).sample(sorted(model.weights), 2000)
print(json.dumps({
    "tagged": tagged,
    "classes": sorted(model.classes),
    "features": len(model.weights),
    "sample": [[f, list(model.weights[f].items())] for f in sample + ["bias"]],
}))
"""


def _run(code: str, stdin: str = "") -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", code],
        input=stdin,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    report: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


@pytest.fixture(scope="module")
def jiagu_says() -> dict[str, object]:
    return _run(_JIAGU, json.dumps(TEXTS))


@pytest.fixture(scope="module")
def tagged(jiagu_says: dict[str, object]) -> list[tuple[list[str], list[str]]]:
    pairs = jiagu_says["tagged"]
    assert isinstance(pairs, list)
    return [(list(words), list(tags)) for words, tags in pairs]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SqliteTagger]:
    tagger = load_or_build(tmp_path_factory.mktemp("pos-cache"))  # built by a child process
    assert isinstance(tagger, SqliteTagger)
    yield tagger
    tagger.close()


def test_tags_equal_jiagu_pos(
    built: SqliteTagger, tagged: list[tuple[list[str], list[str]]]
) -> None:
    assert sum(len(words) for words, _ in tagged) >= 300
    for words, tags in tagged:
        assert built.tag(words) == tags, "".join(words)
    # Again from several threads at once, on the shared connection and cache.
    work = [pair for _ in range(4) for pair in tagged]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda pair: built.tag(pair[0]), work))
    assert results == [tags for _, tags in work]


def test_database_holds_the_models_weights_exactly(
    built: SqliteTagger, jiagu_says: dict[str, object]
) -> None:
    model = built._perceptron.model
    assert sorted(model.classes) == jiagu_says["classes"]
    assert len(model.weights) == jiagu_says["features"]
    sample = jiagu_says["sample"]
    assert isinstance(sample, list)
    for feature, weights in sample:
        assert feature in model.weights
        # Same floats, in the same order: scores add up exactly as jiagu's do.
        assert [list(pair) for pair in model.weights[feature].items()] == weights, feature
    assert "no such feature" not in model.weights
    with pytest.raises(KeyError):
        model.weights["no such feature"]


def test_segment_endpoint_tags_with_the_database(
    built: SqliteTagger,
    tagged: list[tuple[list[str], list[str]]],
) -> None:
    # The route's segmenter is injected: this one tags with the database built here.
    app.dependency_overrides[get_segmenter] = lambda: Segmenter(
        get_settings().data_cache_path(), tagger=built
    )
    client = TestClient(app)
    try:
        _check_tags(client, tagged)
    finally:
        app.dependency_overrides.clear()


def _check_tags(client: TestClient, tagged: list[tuple[list[str], list[str]]]) -> None:
    for text, (words, tags) in zip(TEXTS, tagged, strict=True):
        # script "simplified": jiagu reads the text as it is, as jiagu.pos did above.
        body = {"text": text, "pos": True, "script": "simplified"}
        response = client.post("/segment", json=body)
        assert response.status_code == 200, response.text
        tokens = [t for t in response.json()["tokens"] if t["pos"] is not None]
        assert [t["text"] for t in tokens] == words
        assert [t["pos"] for t in tokens] == tags


def test_tagging_keeps_the_pickle_out_of_memory(tagged: list[tuple[list[str], list[str]]]) -> None:
    # The caches exist, as they do in the Lambda image: the child only reads them.
    assert get_segmenter().lexicon is not None
    load_or_build(get_settings().data_cache_path()).close()
    longest = max(range(len(TEXTS)), key=lambda index: len(tagged[index][0]))
    text, (_, tags) = TEXTS[longest], tagged[longest]
    code = (
        "import gzip, json, pickle, sys\n"
        "import jiagu\n"
        "from service.dependencies import get_segmenter\n"
        "segmenter = get_segmenter()\n"
        "segmenter.warm_up()  # jiagu, the lexicon, the reading model: loaded before measuring\n"
        "def refuse(*args, **kwargs):\n"
        "    raise AssertionError('a pickle was loaded')\n"
        "pickle.load = gzip.open = refuse\n"
        "def rss_mb():\n"
        "    with open('/proc/self/status') as status:\n"
        "        line = next(l for l in status if l.startswith('VmRSS:'))\n"
        "    return int(line.split()[1]) / 1024\n"
        "before = rss_mb()\n"
        "result = segmenter.segment(sys.stdin.read(), with_pos=True)\n"
        "print(json.dumps({\n"
        "    'growth_mb': rss_mb() - before,\n"
        "    'jiagu_model_loaded': jiagu.pos.__self__.pos_model is not None,\n"
        "    'tags': [w.pos for w in result.words if w.pos is not None],\n"
        "}))\n"
    )
    report = _run(code, text)
    assert report["tags"] == tags  # tagged, and tagged right, with pickle.load refused
    assert report["jiagu_model_loaded"] is False
    growth = report["growth_mb"]
    assert isinstance(growth, float) and growth < 40, growth  # jiagu.pos: ~420 MB


def _copy_built(built_dir: Path, target: Path) -> Path:
    path = cache_file(target)
    shutil.copyfile(cache_file(built_dir), path)
    return path


def test_a_torn_file_is_rebuilt_and_other_kinds_are_kept(
    built: SqliteTagger,
    tagged: list[tuple[list[str], list[str]]],
    tmp_path_factory: pytest.TempPathFactory,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    built_dir = next(tmp_path_factory.getbasetemp().glob("pos-cache*"))
    path = _copy_built(built_dir, tmp_path)
    whole = path.stat().st_size
    with open(path, "r+b") as file:
        file.truncate(whole // 2)
    neighbours = ["lexicon-0123456789abcdef.sqlite3", "unrelated.txt"]
    for name in [*neighbours, "pos-0123456789abcdef.sqlite3"]:  # the last: an older jiagu
        (tmp_path / name).write_bytes(b"another file")

    tagger = load_or_build(tmp_path)
    assert isinstance(tagger, SqliteTagger)
    assert "POS cache unreadable, rebuilding" in caplog.text
    assert path.stat().st_size == whole
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, *neighbours])
    for words, tags in tagged:
        assert tagger.tag(words) == tags
    tagger.close()


def test_a_foreign_or_torn_file_is_refused(
    built: SqliteTagger, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    built_dir = next(tmp_path_factory.getbasetemp().glob("pos-cache*"))
    path = _copy_built(built_dir, tmp_path)
    pos_tagger._open(path).close()  # whole: opens
    path.unlink()
    with sqlite3.connect(path) as foreign:  # valid SQLite, the wrong tables
        foreign.execute("CREATE TABLE words (word TEXT PRIMARY KEY)")
    with pytest.raises(sqlite3.DatabaseError):
        pos_tagger._open(path)
    path.write_bytes(b"not SQLite at all\n" * 500)
    with pytest.raises(sqlite3.DatabaseError):
        pos_tagger._open(path)


def test_stale_cleanup_keeps_the_other_kind(tmp_path: Path) -> None:
    names = ["lexicon-new.sqlite3", "lexicon-old.sqlite3", "pos-new.sqlite3", "pos-old.sqlite3"]
    for name in names:
        (tmp_path / name).write_bytes(b"")
    sqlite_cache.remove_stale(tmp_path / "lexicon-new.sqlite3", "lexicon")
    sqlite_cache.remove_stale(tmp_path / "pos-new.sqlite3", "pos")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lexicon-new.sqlite3", "pos-new.sqlite3"]


def test_an_unwritable_cache_still_tags(
    tagged: list[tuple[list[str], list[str]]],
    tmp_path: Path,
    configure: Callable[..., None],
    caplog: pytest.LogCaptureFixture,
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("mkdir under a regular file fails")
    configure(lexicon_cache_dir=str(blocker / "cache"))  # the setting's old name still works
    caplog.set_level(logging.WARNING, logger=pos_tagger.__name__)

    segmenter = get_segmenter()
    first, second = segmenter.tagger, segmenter.tagger
    assert first is second
    assert isinstance(first, JiaguTagger)  # jiagu.pos itself: correct, with its 420 MB
    for words, tags in tagged:
        assert first.tag(words) == tags
    warnings = [r for r in caplog.records if "POS cache not written" in r.getMessage()]
    assert len(warnings) == 1
