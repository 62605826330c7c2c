from django.utils.html import escape

from achievements.library.text import build_document, highlight, parse_query, words


def test_domain_terms_stay_whole():
    tokens = words("人工肝支持系统治疗肝性脑病与肝纤维化，经动脉化疗栓塞")
    for term in ("肝性脑病", "肝纤维化", "经动脉化疗栓塞"):
        assert term in tokens
    assert "人工肝" in words("人工肝治疗")
    assert "人工肝" not in words("人工智能辅助诊断肝病")


def test_query_terms_are_words_or_phrases():
    assert parse_query("人工肝").tsquery() == "'人工肝'"
    query = parse_query("肝纤维化 中药复方")
    assert query.tsquery() == "'肝纤维化' & '中药复方'"
    phrase = parse_query("肝纤维化治疗")
    assert phrase.terms[0].is_phrase
    assert "<->" in phrase.tsquery()


def test_query_text_cannot_inject_tsquery_syntax():
    query = parse_query("肝病' | '!x & (")
    assert all(t.tokens for t in query.terms)
    for term in query.terms:
        for token in term.tokens:
            assert "'" not in token and "|" not in token and "&" not in token


def test_document_holds_subwords_and_weights():
    doc = build_document([("乙肝病毒携带者管理", "A"), ("慢性肝病随访", "D")])
    assert " 肝病 " in doc.tokens()
    vector = doc.tsvector()
    assert "'乙肝病毒':1A" in vector
    assert "'随访':" in vector


def test_highlight_escapes_html_and_marks_words():
    html = str(highlight("<b>肝纤维化</b> 治疗", parse_query("肝纤维化")))
    assert html.startswith(str(escape("<b>")))
    assert "<mark>肝纤维化</mark>" in html
    assert "<b>" not in html
