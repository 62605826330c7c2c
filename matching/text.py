"""Chinese text for matching: the library's jieba tokenizer with its domain dictionary, filtered for matching.

The achievements library ships the tokenizer (``achievements.library.text``: a private jieba ``Tokenizer``
with ``dict.txt`` — 肝纤维化, 人工肝, 慢性乙肝, 代谢相关脂肪性肝病, 肝性脑病, 原发性胆汁性胆管炎,
经动脉化疗栓塞 …); matching reuses it, so a query for 人工肝 never matches 人工智能 + 肝, and both apps
segment a text the same way. Here the tokens are only filtered for ranking (stop words, single characters,
numbers).
"""

from __future__ import annotations

import re
from collections import Counter

from achievements.library import text as library_text

# Words that carry no topic in a demand or an achievement (on top of the library's stop words).
_OWN_STOP_WORDS = "的 了 和 与 及 或 在 对 为 是 等 将 由 从 以 于 其 该 本 可 能 用 中 上 下 个 一 一种 一个 我们 进行 具有 通过 基于 用于 相关 方面 主要 以及 并且 同时 目前 提供 实现 开展 研究 技术 方法 系统 应用 需求 项目 成果 希望 寻求 合作 企业 我司 公司 能够 要求 可以 已经 已 达到 形成 具备 需要 以上 以下 包括 其他 完成 开发 治疗 使用 提高 具体 条件 情况 引进"
STOP_WORDS = frozenset(_OWN_STOP_WORDS.split()) | library_text.STOP_WORDS

_TOKEN_OK = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


def tokenizer():
    """The shared domain tokenizer (built once per process by the library)."""
    return library_text.tokenizer()


def tokenize(text: str) -> list[str]:
    """The topic tokens of a text, in order: lower-cased, no punctuation, no stop words, no single
    characters (one character says little in Chinese, and 肝 alone would match every record)."""
    if not text:
        return []
    out: list[str] = []
    for raw in library_text.words(text):
        token = raw.strip().lower()
        if len(token) < 2 or token in STOP_WORDS or not _TOKEN_OK.search(token):
            continue
        if token.isdigit():
            continue
        out.append(token[:40])
    return out


def term_frequencies(*parts: tuple[str, int]) -> Counter:
    """Token counts of weighted fields: ``term_frequencies((name, 2), (body, 1))`` counts the name twice."""
    counts: Counter = Counter()
    for text, weight in parts:
        for token in tokenize(text):
            counts[token] += weight
    return counts


def document_frequencies(*parts: tuple[str, int]) -> Counter:
    """Like ``term_frequencies`` for the indexed side, plus the dictionary sub-words of long tokens at half
    weight (人工肝支持系统 also counts 人工肝), so a demand naming the shorter term still finds the record.
    Queries are not expanded: 人工智能 in a demand never reaches 人工肝 through a shared 人工."""
    counts: Counter = Counter()
    for text, weight in parts:
        for token in tokenize(text):
            counts[token] += weight
            for sub in library_text.subwords(token):
                if len(sub) >= 2 and sub not in STOP_WORDS and sub != token:
                    counts[sub] += weight * 0.5
    return counts


def split_tags(value: str) -> list[str]:
    return [t.strip() for t in (value or "").replace("，", ",").replace("、", ",").split(",") if t.strip()]
