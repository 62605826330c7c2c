"""Chinese text for the library: jieba with the domain dictionary, search documents, queries, highlights.

One private jieba ``Tokenizer`` per process, built on first use with ``dict.txt`` beside this module (the
global tokenizer and other apps' tokenizers are left alone). Without the dictionary jieba splits
肝纤维化 into 肝/纤维化 and 人工肝 into 人工/肝, so an AND query for 人工肝 would also match
"人工智能 … 肝" (PERFORMANCE.md); with it those terms are single tokens.

A document is its precise-mode tokens with positions (phrase queries need adjacency) plus, at the same
position, the dictionary sub-words of every longer token (as jieba's search mode does: 肝纤维化 also
yields 纤维化, 乙肝病毒 also yields 肝病), so a two-character word inside a longer one is found by
the index. Only word characters are kept: the lexemes never need quoting beyond the surrounding quotes.
"""

from __future__ import annotations

import functools
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

DICT_PATH = Path(__file__).with_name("dict.txt")
WORD = re.compile(r"^\w+$")
TERM_SPLIT = re.compile(r"[\s,，;；、/|。.!！?？:：()（）\[\]【】\"'“”‘’<>《》+&*^%$#@~`=\\-]+")
MAX_TERMS = 6
MAX_TERM_LENGTH = 40
# PostgreSQL keeps positions up to 16383 and at most 256 per lexeme.
MAX_POSITION = 16383
MAX_POSITIONS_PER_LEXEME = 64

_lock = threading.Lock()
_tokenizer = None


def tokenizer():
    """The process's tokenizer with the domain dictionary (built once, thread-safe)."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import logging

                import jieba

                jieba.setLogLevel(logging.WARNING)
                tk = jieba.Tokenizer()
                tk.initialize()
                tk.load_userdict(str(DICT_PATH))
                _tokenizer = tk
    return _tokenizer


def domain_terms() -> list[str]:
    return [line.split()[0] for line in DICT_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]


def _is_word(token: str) -> bool:
    return bool(WORD.match(token)) and not token.isspace()


def words(text: str) -> list[str]:
    """Precise-mode tokens of a text, lower-cased, word characters only."""
    if not text:
        return []
    return [t.lower() for t in tokenizer().cut(text, HMM=True) if _is_word(t)]


@functools.lru_cache(maxsize=100_000)
def subwords(token: str) -> tuple[str, ...]:
    """The dictionary words of two and three characters inside a longer token (jieba's search mode)."""
    if len(token) <= 2:
        return ()
    freq = tokenizer().FREQ
    found: list[str] = []
    for size in (2, 3):
        if len(token) <= size:
            continue
        for i in range(len(token) - size + 1):
            gram = token[i : i + size]
            if freq.get(gram) and gram not in found:
                found.append(gram)
    return tuple(found)


# --------------------------------------------------------------------------- documents
@dataclass
class Document:
    """A segmented document: weighted sections in, a tsvector literal and a token string out."""

    # lexeme -> (positions, weight letter of its best section)
    lexemes: dict[str, list[int]] = field(default_factory=dict)
    weights: dict[str, str] = field(default_factory=dict)
    token_list: list[str] = field(default_factory=list)
    position: int = 0

    def add(self, text: str, weight: str = "D") -> None:
        self.add_tokens(words(text), weight)

    def add_tokens(self, tokens: list[str], weight: str) -> None:
        for token in tokens:
            self.position = min(self.position + 1, MAX_POSITION)
            self.token_list.append(token)
            for lexeme in (token, *subwords(token)):
                positions = self.lexemes.setdefault(lexeme, [])
                if len(positions) < MAX_POSITIONS_PER_LEXEME and (
                    not positions or positions[-1] != self.position
                ):
                    positions.append(self.position)
                if weight < self.weights.get(lexeme, "E"):
                    self.weights[lexeme] = weight
        # a gap between sections: a phrase never spans two of them
        self.position = min(self.position + 1, MAX_POSITION)

    def tsvector(self, weights: str = "ABCD") -> str:
        """The tsvector literal, e.g. ``'肝纤维化':3A '治疗':4`` (weights A–D; D is the default). With
        ``weights``, only the lexemes whose best section has one of them."""
        parts = []
        for lexeme, positions in self.lexemes.items():
            weight = self.weights.get(lexeme, "D")
            if weight not in weights:
                continue
            suffix = "" if weight == "D" else weight
            parts.append(f"'{lexeme}':" + ",".join(f"{p}{suffix}" for p in positions))
        return " ".join(parts)

    def tokens(self) -> str:
        """Every token and sub-word, space-delimited with spaces at both ends (the portable index)."""
        extra = sorted({s for t in set(self.token_list) for s in subwords(t)} - set(self.token_list))
        return " " + " ".join([*self.token_list, *extra]) + " "


def build_document(sections: list[tuple[str, str]]) -> Document:
    """``sections``: (text, weight) pairs, weight A (title) … D (long text). The sections are segmented in
    one jieba call (a line break between them, where jieba always cuts) and split back by offset."""
    doc = Document()
    sections = [(text, weight) for text, weight in sections if text]
    if not sections:
        return doc
    starts, offset = [], 0
    for text, _weight in sections:
        starts.append(offset)
        offset += len(text) + 1
    joined = "\n".join(text for text, _weight in sections)
    buckets: list[list[str]] = [[] for _ in sections]
    index = 0
    for token, start, _end in tokenizer().tokenize(joined, HMM=True):
        while index + 1 < len(starts) and start >= starts[index + 1]:
            index += 1
        if _is_word(token):
            buckets[index].append(token.lower())
    for (_text, weight), tokens in zip(sections, buckets, strict=True):
        doc.add_tokens(tokens, weight)
    return doc


# --------------------------------------------------------------------------- queries
@dataclass(frozen=True)
class Term:
    """One whitespace-separated part of a query: the raw text and its tokens."""

    text: str
    tokens: tuple[str, ...]

    @property
    def is_phrase(self) -> bool:
        return len(self.tokens) > 1

    def tsquery(self) -> str:
        quoted = [f"'{t}'" for t in self.tokens]
        if len(quoted) == 1:
            return quoted[0]
        return "(" + " <-> ".join(quoted) + ")"


@dataclass(frozen=True)
class Query:
    raw: str
    terms: tuple[Term, ...]

    def __bool__(self) -> bool:
        return bool(self.terms)

    def tsquery(self) -> str:
        """All terms must match; a term of several tokens must match as a phrase (adjacent tokens)."""
        return " & ".join(t.tsquery() for t in self.terms)

    def any_tsquery(self) -> str:
        """Any term (for similar items and recommendations)."""
        return " | ".join(t.tsquery() for t in self.terms)

    @property
    def highlight_words(self) -> list[str]:
        found: list[str] = []
        for term in self.terms:
            for word in (term.text.lower(), *term.tokens):
                if word and word not in found:
                    found.append(word)
        return sorted(found, key=len, reverse=True)


_query_cache: OrderedDict[str, Query] = OrderedDict()


def parse_query(raw: str | None) -> Query:
    """Split a user's query into terms (whitespace and punctuation), each segmented like the documents."""
    raw = (raw or "").strip()[:200]
    cached = _query_cache.get(raw)
    if cached is not None:
        return cached
    terms: list[Term] = []
    seen: set[str] = set()
    for part in TERM_SPLIT.split(raw):
        part = part.strip().lower()[:MAX_TERM_LENGTH]
        if not part or part in seen:
            continue
        tokens = tuple(words(part))
        if not tokens:
            continue
        seen.add(part)
        terms.append(Term(text=part, tokens=tokens))
        if len(terms) >= MAX_TERMS:
            break
    query = Query(raw=raw, terms=tuple(terms))
    with _lock:
        _query_cache[raw] = query
        if len(_query_cache) > 2000:
            _query_cache.popitem(last=False)
    return query


def keywords_of(doc: Document, limit: int = 8) -> list[str]:
    """The document's most telling tokens (for similar items and recommendations): domain terms first,
    then the longer and more frequent tokens."""
    terms = set(domain_terms())
    counts: dict[str, int] = {}
    for token in doc.token_list:
        if len(token) >= 2 and not token.isdigit():
            counts[token] = counts.get(token, 0) + 1
    ranked = sorted(counts, key=lambda t: (t not in terms, -counts[t] * len(t), t))
    return [t for t in ranked if t not in STOP_WORDS][:limit]


STOP_WORDS = frozenset(
    [
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
        "一种",
        "一个",
        "可以",
        "能够",
        "治疗",
        "患者",
        "临床",
        "情况",
        "问题",
        "提高",
        "降低",
        "显著",
        "有效",
        "效果",
        "结果",
        "采用",
        "形成",
        "建立",
    ]
)


# --------------------------------------------------------------------------- highlighting
def highlight(text: str, query: Query, *, length: int | None = None) -> SafeString:
    """HTML-escaped ``text`` with the query's words in ``<mark>``; with ``length``, a snippet around the
    first match."""
    text = text or ""
    words_ = query.highlight_words if query else []
    if length is not None and len(text) > length:
        start = 0
        lowered = text.lower()
        hits = [lowered.find(w) for w in words_ if lowered.find(w) >= 0]
        if hits:
            start = max(min(hits) - length // 4, 0)
        snippet = text[start : start + length]
        text = ("…" if start else "") + snippet + ("…" if start + length < len(text) else "")
    escaped = str(escape(text))
    if not words_:
        return mark_safe(escaped)  # noqa: S308 - escaped above
    return mark_safe(_pattern(tuple(words_)).sub(_mark, escaped))  # noqa: S308 - escaped above


def _mark(match: re.Match) -> str:
    return f"<mark>{match.group(0)}</mark>"


@functools.lru_cache(maxsize=512)
def _pattern(words_: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(re.escape(str(escape(w))) for w in words_), re.IGNORECASE)
