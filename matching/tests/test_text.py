from matching.text import document_frequencies, split_tags, term_frequencies, tokenize


def test_domain_terms_stay_whole():
    tokens = tokenize("代谢相关脂肪性肝病的肝纤维化，人工肝，经动脉化疗栓塞")
    for term in ("代谢相关脂肪性肝病", "肝纤维化", "人工肝", "经动脉化疗栓塞"):
        assert term in tokens


def test_documents_also_count_dictionary_subwords_at_half_weight():
    counts = document_frequencies(("人工肝支持系统", 2))
    assert counts["人工肝支持系统"] == 2 and counts["人工肝"] == 1


def test_compound_term_does_not_match_its_parts():
    # 人工智能 + 肝 is not 人工肝 (PERFORMANCE.md pitfall)
    assert "人工肝" not in tokenize("基于人工智能的肝脏影像分析")


def test_stop_words_single_characters_and_punctuation_are_dropped():
    tokens = tokenize("我们希望寻求一种用于肝病的技术。")
    assert "的" not in tokens and "我们" not in tokens and "。" not in tokens and "技术" not in tokens
    assert all(len(t) >= 2 for t in tokens)


def test_weighted_frequencies_and_tags():
    counts = term_frequencies(("肝纤维化", 2), ("肝纤维化 颗粒剂", 1))
    assert counts["肝纤维化"] == 3 and counts["颗粒剂"] == 1
    assert split_tags("肝纤维化，颗粒剂、 中药") == ["肝纤维化", "颗粒剂", "中药"]
