"""Chinese text for matching: jieba with a chronic-liver-disease / TCM domain dictionary.

The achievements app ships no tokenizer, so this module is the one the matching engine uses. Domain terms
are added to a private jieba ``Tokenizer`` (the global one is left alone) so that 肝纤维化, 人工肝 or
经动脉化疗栓塞 stay whole: a query for 人工肝 then never matches 人工智能 + 肝.
"""

from __future__ import annotations

import re
import threading
from collections import Counter

import jieba

# Terms of the field that jieba's general dictionary splits (PERFORMANCE.md, "Pitfalls seen").
DOMAIN_TERMS = [
    "肝纤维化",
    "肝硬化",
    "人工肝",
    "慢性乙肝",
    "慢性丙肝",
    "慢性肝病",
    "乙型肝炎",
    "丙型肝炎",
    "自身免疫性肝炎",
    "代谢相关脂肪性肝病",
    "非酒精性脂肪性肝病",
    "酒精性肝病",
    "脂肪肝",
    "肝性脑病",
    "肝衰竭",
    "肝癌",
    "原发性肝癌",
    "肝细胞癌",
    "原发性胆汁性胆管炎",
    "原发性硬化性胆管炎",
    "经动脉化疗栓塞",
    "门静脉高压",
    "肝移植",
    "肝损伤",
    "药物性肝损伤",
    "肝功能",
    "肝弹性",
    "瞬时弹性成像",
    "无创诊断",
    "血清标志物",
    "中药复方",
    "院内制剂",
    "颗粒剂",
    "胶囊剂",
    "软肝",
    "扶正化瘀",
    "清热利湿",
    "疏肝健脾",
    "活血化瘀",
    "中医证候",
    "辨证论治",
    "药效学",
    "药代动力学",
    "临床试验",
    "真实世界研究",
    "试剂盒",
    "人工智能",
    "深度学习",
    "辅助诊断",
    "随访管理",
    "健康管理",
    "血浆置换",
    "分子吸附",
    "干细胞",
    "抗病毒",
    "核苷类似物",
]

# Words that carry no topic (function words and the generic vocabulary of every record).
STOP_WORDS = frozenset(
    [
        "的",
        "了",
        "和",
        "与",
        "及",
        "或",
        "在",
        "对",
        "为",
        "是",
        "等",
        "将",
        "由",
        "从",
        "以",
        "于",
        "其",
        "该",
        "本",
        "可",
        "能",
        "用",
        "中",
        "上",
        "下",
        "个",
        "一",
        "一种",
        "一个",
        "我们",
        "进行",
        "具有",
        "通过",
        "基于",
        "用于",
        "相关",
        "方面",
        "主要",
        "以及",
        "并且",
        "同时",
        "目前",
        "提供",
        "实现",
        "开展",
        "研究",
        "技术",
        "方法",
        "系统",
        "应用",
        "需求",
        "项目",
        "成果",
        "希望",
        "寻求",
        "合作",
        "企业",
        "我司",
        "公司",
        "能够",
        "要求",
        "可以",
        "已经",
        "已",
        "达到",
        "形成",
        "具备",
        "需要",
        "以上",
        "以下",
        "包括",
        "其他",
    ]
)

_TOKEN_OK = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None


def tokenizer() -> jieba.Tokenizer:
    """The process's domain tokenizer, initialised once (about a second: jieba builds its prefix dict)."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                tk = jieba.Tokenizer()
                tk.initialize()
                for term in DOMAIN_TERMS:
                    tk.add_word(term, freq=None, tag="n")
                _tokenizer = tk
    return _tokenizer


def tokenize(text: str) -> list[str]:
    """The topic tokens of a text, in order: lower-cased, no punctuation, no stop words, no single
    characters (one character says little in Chinese, and 肝 alone would match every record)."""
    if not text:
        return []
    out: list[str] = []
    for raw in tokenizer().cut(text):
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


def split_tags(value: str) -> list[str]:
    return [t.strip() for t in (value or "").replace("，", ",").replace("、", ",").split(",") if t.strip()]
