"""The word classes the grammar rules ask about: pronouns, degree words, what stands before
a modal or after an adjective, and the words whose reading alone or in context is fixed."""

from __future__ import annotations

PRONOUNS = frozenset(
    "我 你 您 他 她 它 我们 你们 他们 她们 它们 咱们 咱 大家 自己 人家 别人 谁".split()
)
# Words after which 得 is the modal děi ("must"): a subject, or an adverb before it.
BEFORE_MODAL = PRONOUNS | frozenset(
    "这 那 就 还 也 都 总 又 可 才 真 非 必须 一定 总是 我们 可能 恐怕 当然 现在 今天 明天 "
    "马上 早晚 迟早 先 再 只 自然 孩子 学生 老人 大人 每个人".split()
)
# Verbs that 为 completes as wéi ("as, to be"): 成为, 作为, 认为 are words, these stand alone.
AS_VERBS = frozenset(
    "成 作 称 视 改 分 变 选 定 列 译 当 化 奉 尊 封 立 推 拜 评 以 转"
    " 召 任 升 迁 被 授 追 贬 拔 命名 任命 提拔 推选 评选 指定 誉 检查 诊断 确诊 鉴定 认定".split()
)
# Adverbs (and the caption's 图) after which 为 is the copula wéi: 现为, 皆为, 分别为, 图为.
COPULA_BEFORE = frozenset("现 皆 均 分别 即 乃 图 则 实 多 仍".split())
# Words that make a following 为 "for" (wèi): 为你, 为孩子.
FOR_WHOM = PRONOUNS | frozenset(
    "孩子 人民 国家 朋友 父母 妈妈 爸爸 家人 此 这 那 什么 何 其 己".split()
)
# What follows the adverb 倒 dào ("on the contrary, actually"), not the verb dǎo ("to fall").
AFTER_ADVERB_DAO = frozenset(
    "是 也 不 挺 很 还 没 真 蛮 比较 没有 有 不错 好 像 觉得 希望 想 都 要".split()
)
# What the verb 还 huán ("to give back") takes: a thing or a person given back to.
RETURNED = PRONOUNS | frozenset("书 钱 给 债 款 车 回 清 账 东西".split())
# What follows an adjective as its complement (累死了, 差很多).
AFTER_ADJECTIVE = frozenset("了 死 坏 极 得 很多 多 得多 远 太多 不少 一些 一点".split())
NUMBERS = frozenset("一二三四五六七八九十两几半0123456789")
# Degree words before an adjective.
DEGREE = frozenset(
    "很 太 这么 那么 比较 不 真 挺 最 越来越 特别 非常 有点 有点儿 更 多 好 蛮 相当 太过 够".split()
)
# What 长 zhǎng "to grow" comes before.
GROWN = frozenset("得 大 高 出 成 满 胖 了 着 个子 肉".split())
# Units of length after which 长 is cháng "long" (十厘米长).
LENGTH_UNITS = frozenset("米 厘米 毫米 公里 千米 英里 英尺 英寸 尺 寸 丈 公分".split())
# Sentence-final particles that are neutral-toned at the end of a clause.
FINAL_PARTICLES = {
    "哦": "o5", "啦": "la5", "喽": "lou5", "吧": "ba5", "嘛": "ma5", "呢": "ne5", "耶": "ye5",
    "喔": "o5",
    "呐": "na5",
    "噢": "o5",
    "啊": "a5",
    "哎": "ai5",
    "噻": "sai5",
    "哒": "da5", "呀": "ya5", "哟": "yo5",
    "哇": "wa5", "咧": "lie5", "哈": "ha5",
}  # fmt: skip
# Single-character words whose everyday reading as a word of its own is not the model's.
STANDALONE = {
    "没": "mei2",  # 没 mò lives in words (淹没, 没收)
    "都": "dou1",  # 都 dū lives in words (首都, 都市)
    "教": "jiao1",  # 教 jiào lives in words (宗教, 教室)
    "脏": "zang1",  # 脏 zàng lives in words (心脏)
    "更": "geng4",  # 更 gēng lives in words (更新, 更改)
    "好": "hao3",  # 好 hào "to be fond of" lives in words (爱好, 好奇)
    "远": "yuan3",  # 远 yuàn "to keep away from" is literary
    "难": "nan2",  # 难 nàn "disaster" lives in words (灾难, 遇难)
    "藏": "cang2",  # 藏 zàng lives in words (西藏, 宝藏)
    "抡": "lun1",  # 抡 lún "to select" is literary (抡材)
    "嘎": "ga1",  # 嘎 gá lives in words (嘎子)
    "乐": "le4",  # 乐 yuè "music" lives in words (音乐, 乐器)
    "壳": "ke2",  # 壳 qiào lives in words (地壳, 甲壳)
    "颇": "po1",  # 颇 pǒ is obsolete
    "咋": "za3",  # "how" (咋办); zhā and zhà are onomatopoeia
    "尽": "jin4",  # "entirely, to exhaust"; jǐn lives in words (尽量, 尽快, 尽管)
    "呗": "bei5",  # the particle; bài "chant" lives in words (梵呗)
    "和": "he2",  # "and, with"; huó, huò, hè live in words (和面, 暖和, 附和)
}

# Words of several readings whose everyday one is not the first: 便宜 is "cheap" (pián yi)
# far more often than "convenient" (biàn yí); 当天 "that same day" is dàng tiān.
EVERYDAY_WORDS = {
    "便宜": "pian2 yi5",
    "当天": "dang4 tian1",
    "当晚": "dang4 wan3",
}
# Adverbs before the modal 应 yīng "should" (不应, 还应依法…).
BEFORE_SHOULD = frozenset("不 还 也 都 就 更 均 本 理 亦 则".split())
# Words after which 得 is the verb dé "to obtain" (该得的工资, 各得酬劳, 所得).
BEFORE_OBTAINED = frozenset("该 应 各 所 获 未 不可 应该".split())
# Quotation marks a clause reads through (为“龙珠”配音).
QUOTES = frozenset('“”‘’「」《》"')
