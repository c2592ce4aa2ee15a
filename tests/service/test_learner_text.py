"""What a learner reads on everyday sentences: function words read from their neighbours, one
tone policy for 一 and 不 (spoken tones on request), words that mean what the sentence says,
and /segment/batch. Each sentence here is written for this test (no evaluation data)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.annotation.word_annotation import WordAnnotator
from service.dependencies import get_segmenter
from service.main import app

client = TestClient(app)


def _tokens(text: str, **extra: object) -> list[dict[str, Any]]:
    response = client.post("/segment", json={"text": text, **extra})
    assert response.status_code == 200, response.text
    tokens: list[dict[str, Any]] = response.json()["tokens"]
    return tokens


def _reading(text: str, word: str, nth: int = 0, **extra: object) -> str:
    found = [t["pinyin"] for t in _tokens(text, **extra) if t["text"] == word]
    return str(found[nth])


def _words(text: str) -> list[str]:
    return [t["text"] for t in _tokens(text) if t["is_chinese"]]


@pytest.mark.parametrize(
    ("text", "word", "nth", "reading"),
    [
        ("他跑得很快。", "得", 0, "de"),  # complement particle after a verb
        ("你今天穿得多好看！", "得", 0, "de"),
        ("我得走了。", "得", 0, "děi"),  # modal after its subject
        ("这得看你的时间。", "得", 0, "děi"),
        ("他慢慢地走进教室。", "地", 0, "de"),  # adverbial particle
        ("我们顺利地通过了考试。", "地", 0, "de"),
        ("我没时间。", "没", 0, "méi"),
        ("这些钱你怎么花都行。", "都", 0, "dōu"),
        ("妈妈为孩子做饭。", "为", 0, "wèi"),
        ("我们都去过北京。", "过", 0, "guo"),  # aspect particle
        ("我喜欢过她。", "过", 0, "guo"),
        ("我明天还书。", "还", 0, "huán"),
        ("你借我的钱，还没还吧？", "还", 1, "huán"),
        ("钱借了总得还。", "还", 0, "huán"),  # at the clause's end after 总得
        ("你借的书还了吗？", "还", 0, "huán"),  # the adverb hái does not take 了
        ("老师教我们中文。", "教", 0, "jiāo"),
        ("他的英语这么差！", "差", 0, "chà"),
        ("我猜不着。", "着", 0, "zháo"),
        ("他们到了学校。", "了", 0, "le"),  # 到了 is arrive + le, not "finally"
        ("我们走吧。", "吧", 0, "ba"),
        ("别忘了哦。", "哦", 0, "o"),
        ("下雨啦！", "啦", 0, "la"),
        ("开饭喽！", "喽", 0, "lou"),
        ("出去走走就好了。", "好", 0, "hǎo"),
        ("阿姨家有只小狗。", "只", 0, "zhī"),  # a measure word after 有
        ("我再干一年就退休。", "干", 0, "gàn"),  # "to do" after 再
        ("他在家没事干。", "干", 0, "gàn"),
        ("小曾今天没来上班。", "曾", 0, "zēng"),  # the surname after 小
        ("他一张又一张地看照片。", "地", 0, "de"),  # after a repeated measure
        ("这块地被水淹了。", "地", 0, "dì"),  # the ground, before what it undergoes
        ("你要在上海待多久？", "待", 0, "dāi"),  # to stay, before how long
        ("好难呐！", "呐", 0, "na"),  # sentence-final particle
        ("把包背在身上。", "背", 0, "bēi"),  # to carry on the back
        ("狗冲我跑过来。", "冲", 0, "chòng"),  # towards whom
        ("你不应这样说。", "应", 0, "yīng"),  # the modal after 不
        ("这是你该得的钱。", "得", 0, "dé"),  # to obtain
        ("这种药也得当饭吃吗？", "得", 0, "děi"),  # must (not 得当 "proper")
        ("我真的会去的噢。", "噢", 0, "o"),
        ("骨灰撒在湖里。", "撒", 0, "sǎ"),  # to scatter
        ("这是一门学问啊。", "啊", 0, "a"),  # sentence-final particles
        ("我也挺无奈的哎。", "哎", 0, "ai"),
        ("我量了一下体温。", "量", 0, "liáng"),  # to measure
        ("他哄她睡觉。", "哄", 0, "hǒng"),  # to coax
        ("这篇文章太长了。", "长", 0, "cháng"),  # long, after a degree word (not zhǎng le)
        ("这根绳子有两米长。", "长", 0, "cháng"),  # after a length
        ("这两个词用法差很多。", "差", 0, "chà"),
        ("这得多少钱？", "多少", 0, "duō shao"),  # how much
        ("饭快凉了。", "凉", 0, "liáng"),
        ("她打算在北京待五天。", "待", 0, "dāi"),  # to stay, before how long
        ("这事是他干的。", "干", 0, "gàn"),  # to do, after who did it
        ("他干咱们的活。", "干", 0, "gàn"),
        ("我睡了两个小时觉。", "觉", 0, "jiào"),
        ("借了钱还不了怎么办？", "还", 0, "huán"),  # cannot pay back
        ("他仍为没拿到奖而难过。", "为", 0, "wèi"),  # 为…而…: because of
        ("他为主编并负责审稿。", "为", 0, "wéi"),  # is; 并 starts the next predicate
        ("价格区间为五到八元。", "为", 0, "wéi"),  # is, before a range
        ("我好累哇。", "哇", 0, "wa"),  # sentence-final particle
        ("八和九哪个大？", "和", 0, "hé"),  # and
        ("我猜不中。", "中", 0, "zhòng"),  # to hit the mark
        ("我小时候得过这种病。", "得", 0, "dé"),  # to have had, not the modal děi
        ("这件事得问老师。", "得", 0, "děi"),  # must, after a noun: nothing to complement
        ("孩子得多睡觉。", "得", 0, "děi"),
        ("他多少有点累。", "多少", 0, "duō shǎo"),  # somewhat; 多少钱 "how much" is duō shao
        ("你跑得过他吗？", "过", 0, "guò"),  # can outrun: a potential complement
        ("他说到这种种困难就哭。", "种", 1, "zhǒng"),  # 种种 "all kinds of"
        ("他听了一下蒙了。", "蒙", 0, "mēng"),  # dazed
        ("他数了数人数。", "数", 1, "shǔ"),  # 数了数: to count
        ("我去买东西。", "东西", 0, "dōng xi"),  # a thing, not dōng xī "east and west"
        ("东西走向的山脉", "东西", 0, "dōng xī"),
        ("东西长五公里。", "长", 0, "cháng"),  # a length given
        ("你累不累？", "累", 0, "lèi"),  # A-not-A: the first A reads as the second
    ],
)
def test_function_words_read_from_the_sentence(
    text: str, word: str, nth: int, reading: str
) -> None:
    assert _reading(text, word, nth) == reading


def test_liao_in_a_potential_complement() -> None:
    tokens = _tokens("我的护照丢了，现在哪里也去不了。")
    syllables = [s for t in tokens if t["is_chinese"] for s in t["pinyin"].split()]
    assert syllables[5] == "le" and syllables[-1] == "liǎo"


@pytest.mark.parametrize("text", ["今天我走得了。", "他跑得了吗？"])
def test_zou_de_liao_is_a_potential_complement(text: str) -> None:
    syllables = [t["pinyin"] for t in _tokens(text) if t["text"] in ("得", "了")]
    assert syllables == ["de", "liǎo"]


def test_de_le_after_a_subject_is_got() -> None:
    assert _reading("我得了第一名。", "得了") == "dé le"


def test_yi_between_repeated_words_of_its_own_is_changed_not_neutral() -> None:
    assert [t["pinyin"] for t in _tokens("一个一个地说", sandhi=True)][:2] == ["yí gè", "yí gè"]
    assert _reading("看一看", "看一看", sandhi=True) == "kàn yi kàn"


@pytest.mark.parametrize(
    ("text", "word", "reading"),
    [
        ("孩子长高了。", "长高", "zhǎng gāo"),  # jiagu's word: 长 before what growing gives
        ("睡个好觉吧。", "好觉", "hǎo jiào"),  # 觉 "a sleep"
        ("明朝初年有很多战争。", "明朝初年", "míng cháo chū nián"),  # the dynasty inside
        ("我颇感意外。", "颇感", "pō gǎn"),
        ("我一宿没睡。", "一宿", "yī xiǔ"),  # a night
        ("她留着短发。", "短发", "duǎn fà"),  # hair
        ("石头砸中了车。", "砸中", "zá zhòng"),  # to hit
        ("这口气我咽不下。", "咽不下", "yàn bù xià"),  # to swallow
        ("他去河边挑水。", "挑水", "tiāo shuǐ"),  # to carry on a pole
        ("我去农行取钱。", "农行", "nóng háng"),  # a bank
        ("我们尽全力帮他。", "尽全力", "jìn quán lì"),
        ("这可咋办？", "咋办", "zǎ bàn"),  # how
        ("桌子上粘满了灰。", "粘满", "zhān mǎn"),  # to stick
        ("他把衣服穿好了。", "穿好", "chuān hǎo"),  # done well, not hào "fond of"
        ("他被人踢倒了。", "踢倒", "tī dǎo"),  # to fall
        ("他干活干到累倒了。", "累倒", "lèi dǎo"),
        ("水被抽干了。", "抽干", "chōu gān"),  # dry
        ("城里的犬只越来越多。", "犬只", "quǎn zhī"),  # the measure word
        ("会说的人越来越少了。", "越来越少", "yuè lái yuè shǎo"),  # few
        ("别把书塞到包里。", "塞到", "sāi dào"),  # to stuff
        ("米粒撒落一地。", "撒落", "sǎ luò"),  # to scatter
        ("这个比那个差多了。", "差多了", "chà duō le"),  # far worse
        ("你数一数有多少人。", "数一数", "shǔ yī shǔ"),  # to count, said twice
        ("他在数钱。", "数钱", "shǔ qián"),
        ("他会弹钢琴。", "弹钢琴", "tán gāng qín"),  # to play (not dàn "bullet")
        ("他们种棉为生。", "种棉", "zhòng mián"),  # to plant
    ],
)
def test_words_no_dictionary_lists_read_from_their_parts_and_rules(
    text: str, word: str, reading: str
) -> None:
    assert _reading(text, word) == reading


def test_a_word_of_several_readings_follows_the_sentence() -> None:
    assert _reading("明朝的皇帝住在北京。", "明朝") == "Míng cháo"  # not míng zhāo "tomorrow"
    assert _reading("这样做对你有好处。", "好处") == "hǎo chu"  # not hǎo chǔ "easy to get on with"


def test_a_name_takes_the_model_reading_only_where_it_is_clearly_better() -> None:
    assert _reading("我去过勃艮第。", "勃艮第") == "Bó gèn dì"  # CC-CEDICT writes gěn
    assert _reading("他是湖北黄陂人。", "黄陂") == "Huáng pí"  # the model does not know pí


def test_bianyi_is_cheap_in_a_shop() -> None:
    assert _reading("这件衣服太贵了，便宜一点儿吧。", "便宜") == "pián yi"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("这本书很好。", ["这", "本", "书", "很", "好"]),  # not 本书 "this very book"
        ("两个人去了。", ["两", "个", "人", "去", "了"]),  # not 个人 "individual"
        ("一行字", ["一", "行", "字"]),  # not 一行 "a group of travellers"
        ("我们都会去。", ["我们", "都", "会", "去"]),  # not 都会 "metropolis"
        ("你才能去。", ["你", "才", "能", "去"]),  # not 才能 "talent"
        ("这些钱你怎么花都行。", ["这些", "钱", "你", "怎么", "花", "都", "行"]),  # not 花都
        ("她说得很对。", ["她", "说", "得", "很", "对"]),  # not 得很 "very"
        ("今天我走得了。", ["今天", "我", "走", "得", "了"]),  # not 得了 "done"
        ("她穿着红裙子。", ["她", "穿", "着", "红", "裙子"]),  # not 穿着 "attire"
        ("想着想着就睡着了。", ["想", "着", "想", "着", "就", "睡着", "了"]),  # not 着想
        ("你要更好地学习。", ["你", "要", "更好", "地", "学习"]),  # the particle de, not dì
        ("他不情愿地走了。", ["他", "不", "情愿", "地", "走", "了"]),
        ("他把骨灰撒在湖里。", ["他", "把", "骨灰", "撒", "在", "湖", "里"]),  # not Húlǐ
        ("我说不过他。", ["我", "说", "不", "过", "他"]),  # cannot out-argue him, not 不过 "but"
        ("雪不停地下。", ["雪", "不停", "地", "下"]),  # falls, not 地下 "underground"
        ("这只鸟会唱歌。", ["这", "只", "鸟", "会", "唱歌"]),  # a noun and the modal after it
        ("这道题很难。", ["这", "道", "题", "很", "难"]),  # a measure word, not a word 道题
        ("那是我的朋友。", ["那", "是", "我", "的", "朋友"]),  # not 那是 "of course"
        ("他把门关上了。", ["他", "把", "门", "关上", "了"]),  # not 把门 "to guard a gate"
        ("请把门关好。", ["请", "把", "门", "关好"]),
        ("他说的话我听不懂。", ["他", "说", "的", "话", "我", "听不懂"]),  # not 的话 "if"
        ("我们班一共有二十个人。", ["我们", "班", "一共", "有", "二十", "个", "人"]),  # not 共有
    ],
)
def test_merges_that_change_the_meaning_are_split(text: str, words: list[str]) -> None:
    assert _words(text) == words


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("我有个人意见。", "个人"),
        ("他很有才能。", "才能"),
        ("他的穿着很朴素。", "穿着"),
        ("这件事处理得当。", "得当"),
        ("我们住在湖里区。", "湖里"),  # the district
        ("钥匙掉在地上了。", "地上"),
        ("这道理很简单。", "道理"),
        ("这个把手很脏。", "把手"),
        ("如果下雨的话我就不去。", "的话"),  # "if"
    ],
)
def test_words_jiagu_gets_right_stay_whole(text: str, word: str) -> None:
    assert word in _words(text)


@pytest.mark.parametrize(
    ("text", "word", "citation", "spoken"),
    [
        ("一个人", "一个", "yī gè", "yí gè"),
        ("一起去", "一起", "yī qǐ", "yì qǐ"),
        ("一天", "一天", "yī tiān", "yì tiān"),
        ("这不是我的。", "不", "bù", "bú"),
        ("我不想去。", "不", "bù", "bù"),
        ("不客气", "不客气", "bù kè qi", "bú kè qi"),
        ("一定要来", "一定", "yī dìng", "yí dìng"),
        ("他不去。", "不", "bù", "bú"),  # across a word boundary
        ("第一", "第一", "dì yī", "dì yī"),  # an ordinal
        ("十一月", "十一月", "shí yī yuè", "shí yī yuè"),  # a number
        ("我们要统一。", "统一", "tǒng yī", "tǒng yī"),  # the end of a word
        ("五月一日是劳动节。", "五月一日", "wǔ yuè yī rì", "wǔ yuè yī rì"),  # a date
    ],
)
def test_one_tone_policy_and_spoken_tones_on_request(
    text: str, word: str, citation: str, spoken: str
) -> None:
    assert _reading(text, word).lower() == citation
    assert _reading(text, word, sandhi=True).lower() == spoken


def test_spoken_tones_keep_a_names_capital() -> None:
    assert _reading("一月很冷。", "一月") == _reading("一月很冷。", "一月", sandhi=True) == "Yī yuè"


def test_cc_cedict_sandhi_spellings_are_brought_to_citation_tones() -> None:
    annotator = WordAnnotator(get_segmenter().lexicon)
    assert get_segmenter().lexicon.entry("不是").pinyin == "bú shi"  # as CC-CEDICT writes it
    assert annotator.annotate("不是", (), None).pinyin == "bù shi"


def test_a_not_a_question_keeps_a_spoken_tone_of_bu() -> None:
    syllables = _reading("你是不是学生？", "是不是", sandhi=True).split()
    assert syllables[1] in ("bú", "bu")


def test_zhuyin_follows_the_same_tone_policy() -> None:
    token = next(t for t in _tokens("一个人", zhuyin=True, sandhi=True) if t["text"] == "一个")
    assert token["zhuyin"].split()[0] == "ㄧˊ"
    token = next(t for t in _tokens("一个人", zhuyin=True) if t["text"] == "一个")
    assert token["zhuyin"].split()[0] == "ㄧ"


def test_erhua_keeps_one_syllable_per_character() -> None:
    pinyin = _reading("我有一点儿累。", "一点儿")
    assert pinyin.split() == ["yī", "diǎn", "r"]


def test_batch_answers_each_text_as_segment_does() -> None:
    texts = ["我还没吃饭。", "一个人", "他跑得很快。"]
    response = client.post("/segment/batch", json={"texts": texts, "sandhi": True})
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert len(results) == len(texts)
    for text, result in zip(texts, results, strict=True):
        single = client.post("/segment", json={"text": text, "sandhi": True}).json()
        assert result == single


@pytest.mark.parametrize(
    ("body", "status", "says"),
    [
        ({"texts": []}, 422, "must not be empty"),
        ({"texts": ["好", " "]}, 422, "must not be empty"),
        ({"texts": "我"}, 422, "texts"),
        ({"texts": ["我"], "sandhi": "maybe"}, 422, "sandhi"),
        ({"texts": ["我"] * 33}, 422, "MAX_BATCH_ITEMS"),
        ({"texts": ["好" * 5001]}, 413, "MAX_TEXT_CHARS"),
    ],
)
def test_batch_refuses_bad_input_with_a_sentence(
    body: dict[str, object], status: int, says: str
) -> None:
    response = client.post("/segment/batch", json=body)
    assert response.status_code == status
    assert says in response.json()["detail"]


def test_batch_refuses_a_lone_surrogate() -> None:
    response = client.post(
        "/segment/batch",
        content=b'{"texts": ["\\u4f60\\u597d", "ab\\ud800"]}',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 422
    assert "lone surrogate" in response.json()["detail"]
