"""The pure parts: BM25, structured criteria, totals, ranking, quality metrics, valuation, risk, drafting."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest

from matching import drafting, engine, risk, valuation
from matching.engine import AchievementFeatures, DemandFeatures, Weights


def test_idf_is_positive_and_rarer_is_higher():
    assert engine.idf(1, 100) > engine.idf(50, 100) > 0
    assert engine.idf(100, 100) > 0


def test_bm25_rewards_term_frequency_with_saturation_and_penalises_length():
    idfs = {"肝纤维化": 2.0}
    q = {"肝纤维化": 1.0}
    one, _ = engine.bm25(q, {"肝纤维化": 1}, 10, 10, idfs)
    two, _ = engine.bm25(q, {"肝纤维化": 2}, 10, 10, idfs)
    many, _ = engine.bm25(q, {"肝纤维化": 50}, 10, 10, idfs)
    long_doc, _ = engine.bm25(q, {"肝纤维化": 1}, 40, 10, idfs)
    assert one < two < many < 2.0 * (1.2 + 1)
    assert long_doc < one
    assert one == pytest.approx(2.0)  # tf 1 at average length scores exactly idf


def test_query_weights_count_repetition_logarithmically():
    weights = engine.query_weights(["肝纤维化", "肝纤维化", "颗粒剂"])
    assert weights["肝纤维化"] == pytest.approx(1 + math.log(2))
    assert weights["颗粒剂"] == 1.0


W = Weights(
    field=20, scenario=10, maturity=12, trl=6, cooperation=14, budget=10, region=4, text=40, behaviour=4
)


def codes(reasons):
    return {r.code: r for r in reasons}


def test_structured_reasons_each_criterion():
    d = DemandFeatures(
        field_id=1,
        scenarios=frozenset({"clinical"}),
        min_maturity=2,
        min_trl=6,
        modes=frozenset({"license"}),
        budget_max=500,
        region="河北省",
    )
    good = AchievementFeatures(
        id=1,
        field_id=1,
        scenarios=frozenset({"clinical", "research"}),
        maturity=3,
        trl=7,
        modes=frozenset({"license", "transfer"}),
        price=300,
        province="河北省",
    )
    r = codes(engine.structured_reasons(d, good, W))
    assert set(r) == {
        "field_match",
        "scenario_match",
        "maturity_ok",
        "trl_ok",
        "modes_match",
        "budget_covers",
        "region_match",
    }
    assert all(x.score == 1.0 for x in r.values())
    assert r["modes_match"].params["items"] == ["license"]

    bad = AchievementFeatures(
        id=2, field_id=9, maturity=1, trl=5, modes=frozenset({"equity"}), price=700, province="北京市"
    )
    r = codes(engine.structured_reasons(d, bad, W))
    assert r["field_mismatch"].score == 0
    assert r["scenario_mismatch"].score == 0
    assert r["maturity_short"].score == pytest.approx(0.3)  # one stage short
    assert r["trl_short"].score == 0.5  # one level short
    assert r["modes_mismatch"].score == 0
    assert r["budget_short"].score == 0
    assert r["region_other"].score == 0


def test_budget_close_and_price_open():
    d = DemandFeatures(budget_max=100)
    assert (
        codes(engine.structured_reasons(d, AchievementFeatures(id=1, price=110), W))["budget_close"].score
        == 0.5
    )
    assert (
        codes(engine.structured_reasons(d, AchievementFeatures(id=1, price=None), W))["price_open"].score
        == 0.5
    )


def test_open_criteria_neither_help_nor_hurt():
    assert engine.structured_reasons(DemandFeatures(), AchievementFeatures(id=1), W) == []
    reasons = [engine.Reason("keywords", 40, 0.5)]
    assert engine.total(reasons) == pytest.approx(50.0)


def test_zero_weight_drops_the_criterion():
    w = Weights(field=0)
    assert "field_match" not in codes(
        engine.structured_reasons(DemandFeatures(field_id=1), AchievementFeatures(id=1, field_id=1), w)
    )


def test_rank_prefers_structure_when_text_ties_and_carries_keywords():
    d = DemandFeatures(
        field_id=1, min_maturity=2, modes=frozenset({"license"}), query={"肝纤维化": 1.0, "颗粒剂": 1.0}
    )
    idfs = {"肝纤维化": 1.5, "颗粒剂": 2.0}
    fit = AchievementFeatures(id=1, field_id=1, maturity=2, modes=frozenset({"license"}))
    misfit = AchievementFeatures(id=2, field_id=3, maturity=1, modes=frozenset({"equity"}))
    same_text = engine.bm25(d.query, {"肝纤维化": 1, "颗粒剂": 1}, 10, 10, idfs)
    ranked = engine.rank(d, [misfit, fit], W, texts={1: same_text, 2: same_text}, idfs=idfs)
    assert [m.achievement_id for m in ranked] == [1, 2]
    assert ranked[0].keywords == ["颗粒剂", "肝纤维化"]  # by contribution: the rarer term first
    assert ranked[0].score > ranked[1].score
    top = codes(ranked[0].reasons)
    assert top["keywords"].params["items"] == ["颗粒剂", "肝纤维化"]
    assert ranked[0].reasons[0].points >= ranked[0].reasons[-1].points  # sorted by points


def test_min_score_filters():
    d = DemandFeatures(field_id=1)
    ranked = engine.rank(d, [AchievementFeatures(id=1, field_id=2)], W, texts={}, idfs={}, min_score=10)
    assert ranked == []


def test_ndcg_and_precision():
    relevance = {1: 3, 2: 2, 3: 0}
    assert engine.ndcg_at_k([1, 2, 3], relevance, 5) == pytest.approx(1.0)
    assert engine.ndcg_at_k([3, 2, 1], relevance, 5) < 1.0
    assert engine.precision_at_k([1, 2, 3, 4, 5], relevance, 5) == pytest.approx(0.4)
    assert engine.ndcg_at_k([1], {}, 5) == 0.0


def test_valuation_approaches():
    assert valuation.cost_approach(100, 1.2, 25) == pytest.approx(90.0)
    assert valuation.cost_approach(None, 1, 0) is None
    assert valuation.market_approach([100, 300, 200, 10000], 0.9) == pytest.approx(225.0)  # median 250 × 0.9
    income = valuation.income_approach([1000, 1000], 5, 10)
    assert income == pytest.approx(round(50 / 1.1 + 50 / 1.21, 2))
    summary = valuation.summarise(90.0, None, 100.0)
    assert summary["low"] == 90.0 and summary["high"] == 100.0 and summary["reference"] == 95.0
    assert valuation.parse_amounts("120, 95.5，200") == [120.0, 95.5, 200.0]
    with pytest.raises(ValueError):
        valuation.parse_amounts("12, 甲")


def test_risk_checks_flag_and_clear():
    terms = {"exclusive": True, "payment_method": "milestones"}
    clauses = {
        "ip_warranty": "",
        "acceptance": "",
        "payment": "一次性支付全部价款",
        "usage_rights": "甲方以独占方式许可乙方实施",
        "confidentiality": "",
        "dispute": "",
    }
    found = {c.code for c in risk.find_risks("license", Decimal("300"), terms, clauses)}
    assert {
        "no_ip_warranty",
        "no_acceptance",
        "payment_without_milestones",
        "exclusive_without_territory",
        "no_confidentiality",
        "no_dispute",
        "license_without_term",
    } <= found
    fixed = {
        "ip_warranty": "甲方保证……", "acceptance": "三批检验合格", "payment": "按里程碑分期支付", "term": "许可期限 10 年",
        "usage_rights": "甲方以独占方式许可乙方实施，许可使用的地域范围为中国境内。", "confidentiality": "保密五年", "dispute": "仲裁",
    }  # fmt: skip
    assert risk.find_risks("license", Decimal("300"), terms, fixed) == []


def test_non_exclusive_is_not_read_as_exclusive():
    assert not risk.RISK_CHECKS["exclusive_without_territory"].applies(
        "license", None, {"exclusive": False}, {"usage_rights": "以非独占方式许可"}
    )


def test_drafting_fills_placeholders_and_leaves_unagreed_clauses_empty():
    terms = {
        "price": "300",
        "payment_method": "lump_sum",
        "ip_warranty": False,
        "acceptance_criteria": "",
        "territory": "",
        "exclusive": False,
        "dispute_resolution": "",
    }
    values = drafting.placeholders(terms, party_a="甲医院", party_b="乙公司", achievement="某成果")
    assert values["price"] == "300.00 万元"
    assert values["exclusive_text"] == "非独占"
    assert values["territory_text"] == ""

    class C:
        def __init__(self, code, body):
            self.code, self.title, self.body, self.order = code, code, body, 1

    out = {
        c: b
        for c, _t, b, _o in drafting.draft_clauses(
            [C("payment", "价款{price}"), C("ip_warranty", "保证"), C("x", "{unknown}")], terms, values
        )
    }
    assert out["payment"] == "价款300.00 万元"
    assert out["ip_warranty"] == ""
    assert out["x"] == "{unknown}"


def test_score_value_agrees_with_the_reasons():
    import random

    rnd = random.Random(3)
    for _ in range(500):
        d = DemandFeatures(
            field_id=rnd.choice([None, 1, 2]), scenarios=frozenset(rnd.sample(["a", "b", "c"], rnd.randint(0, 2))),
            min_maturity=rnd.randint(0, 3), min_trl=rnd.choice([None, 3, 6, 8]), modes=frozenset(rnd.sample(["x", "y", "z"], rnd.randint(0, 2))),
            budget_max=rnd.choice([None, 100.0, 500.0]), region=rnd.choice(["", "河北省"]),
        )  # fmt: skip
        a = AchievementFeatures(
            id=1, field_id=rnd.choice([None, 1, 2]), scenarios=frozenset(rnd.sample(["a", "b", "c"], rnd.randint(0, 3))),
            maturity=rnd.randint(0, 3), trl=rnd.choice([None, 2, 5, 7, 9]), modes=frozenset(rnd.sample(["x", "y", "z"], rnd.randint(0, 3))),
            price=rnd.choice([None, 50.0, 110.0, 130.0, 700.0]), province=rnd.choice(["", "河北省", "北京市"]), popularity=rnd.random() * 10,
        )  # fmt: skip
        w = Weights(
            **{
                k: rnd.choice([0, 5, 10, 20])
                for k in (
                    "field",
                    "scenario",
                    "maturity",
                    "trl",
                    "cooperation",
                    "budget",
                    "region",
                    "behaviour",
                )
            },
            text=rnd.choice([0, 40]),
        )
        strength = rnd.random()
        reasons = engine.structured_reasons(d, a, w)
        for extra in (engine.text_reason(strength, ["k"], w), engine.behaviour_reason(a.popularity, w)):
            if extra is not None:
                reasons.append(extra)
        assert engine.score_value(d, a, w, strength) == pytest.approx(engine.total(reasons))
        unknown = engine.score_value(d, AchievementFeatures(**{**a.__dict__, "price": None}), w, strength)
        assert abs(engine.score_value(d, a, w, strength) - unknown) <= engine.budget_bound(d, w) + 1e-9
