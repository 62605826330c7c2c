#!/usr/bin/env python
"""Matching benchmark: top-10 latency for one demand against N published achievements, and ranking quality
(nDCG@5, precision@5) of the engine against a BM25-only baseline on jieba tokens, on the labelled set of
``matching/bench_data.py`` (built from the demo data, graded relevance).

    .venv/bin/python matching/bench_matching.py [--n 100000] [--rounds 20] [--fresh]

Runs on its own database: ``DATABASE_URL`` if set, else ``sqlite:////tmp/bench_matching.sqlite3`` (migrated on
first use; the synthetic achievements are bulk-inserted once and reused). Progress goes to stderr; the
result is ONE JSON line on stdout.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this file's folder would come first on sys.path and matching/selectors.py would shadow the
# standard library's ``selectors``: put the project root there instead, before anything else is imported.
ROOT = Path(__file__).resolve().parent.parent
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path[0] = str(ROOT)

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from decimal import Decimal  # noqa: E402


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def setup(fresh: bool) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "platform_core.settings")
    if not os.environ.get("DATABASE_URL"):
        path = Path("/tmp/bench_matching.sqlite3")  # noqa: S108 - a throwaway benchmark database
        if fresh and path.exists():
            path.unlink()
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("CELERY_BROKER_URL", "")
    import django

    django.setup()
    from django.core.management import call_command

    log("migrating …")
    call_command("migrate", verbosity=0, interactive=False)


def users():
    from platform_core.accounts.models import Organization, User
    from platform_core.accounts.roles import Role
    from platform_core.accounts.services import user_create

    out = {}
    for key, role, org, province in [
        ("bench_label_hb", Role.HOLDER, "河北省中医药科学院（基准）", "河北省"),
        ("bench_label_bj", Role.HOLDER, "北京某医院（基准）", "北京市"),
        ("bench_synth", Role.HOLDER, "合成数据机构（基准）", "江苏省"),
        ("bench_staff", Role.STAFF, "平台（基准）", "河北省"),
        ("bench_enterprise", Role.ENTERPRISE, "某药业（基准）", "河北省"),
    ]:
        user = User.objects.filter(username=key).first()
        if user is None:
            organization, _ = Organization.objects.get_or_create(
                name=org, defaults={"province": province, "kind": "other"}
            )
            user = user_create(
                username=key,
                password="bench-12345-x",  # noqa: S106 - benchmark-only accounts
                roles=[role],
                email=f"{key}@example.com",
                display_name=key,
                organization=organization,
            )
        out[key] = user
    return out


def _vocab():
    from achievements.models import ApplicationScenario, CooperationMode, TechnicalField

    return (
        {f.code: f.pk for f in TechnicalField.objects.all()},
        {s.code: s.pk for s in ApplicationScenario.objects.all()},
        {m.code: m.pk for m in CooperationMode.objects.all()},
    )


def bulk_achievements(rows, holder) -> list[int]:
    """Insert published achievements directly (a throwaway benchmark database: no workflow history)."""
    from django.utils import timezone

    from achievements.models import Achievement

    fields, scenarios, modes = _vocab()
    now = timezone.now()
    objs = [
        Achievement(
            name=r["name"][:200], summary=r["summary"][:500], tags=r["tags"][:300], holder=holder, organization_id=holder.organization_id,
            technical_field_id=fields[r["field"]], maturity=r["maturity"], trl=r["trl"], price_expectation=Decimal(str(r["price"])),
            state=Achievement.State.PUBLISHED, published_at=now, created_at=now, updated_at=now,
        )
        for r in rows
    ]  # fmt: skip
    created = Achievement.objects.bulk_create(objs, batch_size=2000)
    s_through, m_through = Achievement.scenarios.through, Achievement.cooperation_modes.through
    s_rows, m_rows = [], []
    for obj, r in zip(created, rows, strict=True):
        s_rows += [
            s_through(achievement_id=obj.pk, applicationscenario_id=scenarios[c]) for c in r["scenarios"]
        ]
        m_rows += [m_through(achievement_id=obj.pk, cooperationmode_id=modes[c]) for c in r["modes"]]
    s_through.objects.bulk_create(s_rows, batch_size=5000)
    m_through.objects.bulk_create(m_rows, batch_size=5000)
    return [obj.pk for obj in created]


def labelled(users_) -> dict[str, int]:
    from achievements.models import Achievement
    from matching.bench_data import ACHIEVEMENTS

    ids = {}
    for key, (name, field, scen, maturity, trl, modes, price, summary, tags, _grades) in ACHIEVEMENTS.items():
        holder = users_["bench_label_hb"] if key in ("A01", "A02", "A06", "A24") else users_["bench_label_bj"]
        found = Achievement.objects.filter(holder=holder, name=name).values_list("pk", flat=True).first()
        if found is None:
            found = bulk_achievements(
                [
                    {
                        "name": name,
                        "summary": summary,
                        "tags": tags,
                        "field": field,
                        "maturity": maturity,
                        "trl": trl,
                        "price": price,
                        "scenarios": scen,
                        "modes": modes,
                    }
                ],
                holder,
            )[0]
        ids[key] = found
    return ids


def synthetic(users_, n: int, seed: int = 7) -> int:
    from achievements.models import Achievement
    from matching.bench_data import DISEASES, PHRASES, PRODUCTS

    holder = users_["bench_synth"]
    have = Achievement.objects.filter(holder=holder).count()
    if have >= n:
        return have
    rnd = random.Random(seed + have)
    fields = [
        "tcm",
        "drug_rd",
        "diagnostic_device",
        "medical_device",
        "diagnostic_reagent",
        "treatment_plan",
        "big_data_ai",
    ]
    scenario_codes = ["clinical", "public_health", "health_management", "research"]
    mode_codes = ["transfer", "license", "equity", "joint_development", "self_implement"]
    maturities = ["lab", "pilot", "industrial"]
    t0 = time.perf_counter()
    batch = []
    for i in range(have, n):
        disease, product = rnd.choice(DISEASES), rnd.choice(PRODUCTS)
        extra = rnd.sample(DISEASES, 1)[0]
        maturity = rnd.choice(maturities)
        batch.append(
            {
                "name": f"{disease}{product}（合成 {i}）",
                "summary": "，".join([f"用于{disease}及{extra}", *rnd.sample(PHRASES, rnd.randint(2, 5))])
                + "。",
                "tags": ",".join({disease, extra}),
                "field": rnd.choice(fields),
                "maturity": maturity,
                "trl": {
                    "lab": rnd.randint(1, 4),
                    "pilot": rnd.randint(4, 7),
                    "industrial": rnd.randint(7, 9),
                }[maturity],
                "price": rnd.choice([50, 100, 200, 300, 500, 800, 1200, 2000, 3500, 6000]),
                "scenarios": rnd.sample(scenario_codes, rnd.randint(1, 2)),
                "modes": rnd.sample(mode_codes, rnd.randint(1, 3)),
            }
        )
        if len(batch) == 5000:
            bulk_achievements(batch, holder)
            batch = []
            log(f"synthetic achievements: {i + 1}/{n} ({time.perf_counter() - t0:.0f} s)")
    if batch:
        bulk_achievements(batch, holder)
    return n


def demands(users_) -> dict:
    from achievements.models import ApplicationScenario, CooperationMode, TechnicalField
    from matching.bench_data import DEMANDS
    from matching.models import Demand
    from matching.services.demands import demand_create

    out = {}
    for key, (title, field, scen, maturity, trl, modes, budget, region, text, tags) in DEMANDS.items():
        demand = Demand.objects.filter(owner=users_["bench_enterprise"], title=title).first()
        if demand is None:
            demand = demand_create(
                owner=users_["bench_enterprise"], title=title, description=text, tags=tags,
                technical_field=TechnicalField.objects.get(code=field), scenarios=list(ApplicationScenario.objects.filter(code__in=scen)),
                cooperation_modes=list(CooperationMode.objects.filter(code__in=modes)), min_maturity=maturity, min_trl=trl,
                budget_max=Decimal(budget), region=region,
            )  # fmt: skip
        out[key] = Demand.objects.prefetch_related("scenarios", "cooperation_modes").get(pk=demand.pk)
    return out


def _score(order: list[int], relevance: dict[int, int]) -> tuple[float, float]:
    from matching import engine

    return engine.ndcg_at_k(order, relevance, 5), engine.precision_at_k(order, relevance, 5)


def _relevance(key: str, ids: dict[str, int]) -> dict[int, int]:
    from matching.bench_data import ACHIEVEMENTS

    return {ids[a]: spec[-1][key] for a, spec in ACHIEVEMENTS.items() if spec[-1].get(key)}


def _summary(result: dict) -> dict:
    return {
        name: {metric: round(statistics.mean(values), 4) for metric, values in metrics.items()}
        for name, metrics in result.items()
    }


def quality_labelled(demands_, ids, weights) -> dict:
    """Ranking quality on the labelled corpus alone, in memory (the same pure functions as the service:
    documents, BM25 with the corpus's own statistics, the engine's score), without touching the index."""
    from collections import Counter

    from achievements.models import Achievement
    from matching import engine
    from matching.documents import achievement_terms, demand_features, profile_features
    from matching.models import MatchProfile
    from matching.services.index import _profile_values

    rows = (
        Achievement.objects.filter(pk__in=list(ids.values()))
        .select_related("organization")
        .prefetch_related("scenarios", "cooperation_modes")
    )
    docs, features = {}, {}
    for achievement in rows:
        terms = achievement_terms(achievement)
        docs[achievement.pk] = terms
        profile = MatchProfile(achievement_id=achievement.pk, **_profile_values(achievement, terms, 0.0))
        features[achievement.pk] = profile_features(profile, achievement.price_expectation)
    df = Counter(t for terms in docs.values() for t in terms)
    avgdl = sum(sum(t.values()) for t in docs.values()) / len(docs)
    result = {"engine": {"ndcg@5": [], "p@5": []}, "bm25": {"ndcg@5": [], "p@5": []}}
    for key, demand in demands_.items():
        d = demand_features(demand)
        idfs = {t: engine.idf(df[t], len(docs)) for t in d.query if df.get(t)}
        query = {t: q for t, q in d.query.items() if t in idfs}
        texts = {
            pk: engine.bm25(query, terms, sum(terms.values()), avgdl, idfs, k1=weights.k1, b=weights.b)
            for pk, terms in docs.items()
        }
        d = engine.DemandFeatures(**{**d.__dict__, "query": query})
        ranked = [
            m.achievement_id
            for m in engine.rank(d, features.values(), weights, texts=texts, idfs=idfs, limit=10)
        ]
        baseline = engine.rank_text_only(texts, 10)
        relevance = _relevance(key, ids)
        for name, order in (("engine", ranked), ("bm25", baseline)):
            ndcg, precision = _score(order, relevance)
            result[name]["ndcg@5"].append(ndcg)
            result[name]["p@5"].append(precision)
    return _summary(result)


def quality_indexed(demands_, ids, weights) -> dict:
    """Ranking quality through the real service path on the index as it is (with the synthetic records
    around the labelled ones; an unlabelled record counts as not relevant)."""
    from matching.documents import demand_features
    from matching.services.ranking import bm25_only, rank_for_demand

    by_pk = {pk: key for key, pk in ids.items()}
    result = {"engine": {"ndcg@5": [], "p@5": []}, "bm25": {"ndcg@5": [], "p@5": []}}
    for key, demand in demands_.items():
        features = demand_features(demand)
        ranked = [m.achievement_id for m in rank_for_demand(features, weights, limit=10)]
        baseline = bm25_only(features, limit=10)
        relevance = _relevance(key, ids)
        for name, order in (("engine", ranked), ("bm25", baseline)):
            ndcg, precision = _score(order, relevance)
            result[name]["ndcg@5"].append(ndcg)
            result[name]["p@5"].append(precision)
        log(
            f"{key}: engine {[by_pk.get(i, 'x') for i in ranked[:5]]} · bm25 {[by_pk.get(i, 'x') for i in baseline[:5]]}"
        )
    return _summary(result)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--n", type=int, default=100_000, help="synthetic published achievements (default 100000)"
    )
    parser.add_argument("--rounds", type=int, default=20, help="timed rounds over the labelled demands")
    parser.add_argument("--fresh", action="store_true", help="start from an empty SQLite benchmark database")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the index even when it is current")
    args = parser.parse_args()
    setup(args.fresh)
    from django.db import connection

    from matching.documents import demand_features
    from matching.models import MatchingWeights, TokenPosting
    from matching.services.index import index_rebuild_all
    from matching.services.ranking import rank_for_demand

    users_ = users()
    ids = labelled(users_)
    demands_ = demands(users_)
    weights_row = MatchingWeights.load()
    weights = weights_row.as_engine()

    log("quality on the labelled corpus …")
    labelled_quality = quality_labelled(demands_, ids, weights)

    total = synthetic(users_, args.n)
    from achievements.models import Achievement
    from matching.models import CorpusStat

    public = Achievement.objects.filter(state__in=Achievement.PUBLIC_STATES).count()
    current = CorpusStat.objects.filter(pk=1, doc_count=public).exists() and TokenPosting.objects.exists()
    build_s = None
    if args.rebuild or not current:
        log(f"indexing {total + len(ids)} achievements …")
        t0 = time.perf_counter()
        index_rebuild_all()
        build_s = round(time.perf_counter() - t0, 1)
    docs = CorpusStat.objects.get(pk=1).doc_count
    postings = TokenPosting.objects.count()
    log(
        f"index: {docs} documents, {postings} postings"
        + (f", built in {build_s} s" if build_s else " (current, reused)")
    )

    log("quality within the full corpus …")
    scale_quality = quality_indexed(demands_, ids, weights)

    log("latency …")
    samples, cpu_samples = [], []
    demand_list = list(demands_.values())
    for round_ in range(args.rounds + 2):
        for demand in demand_list:
            t, c = time.perf_counter(), time.process_time()
            matches = rank_for_demand(
                demand_features(demand), weights, limit=10, min_score=weights_row.min_score
            )
            elapsed, cpu = (time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000
            if round_ >= 2:  # two warm-up rounds
                samples.append(elapsed)
                cpu_samples.append(cpu)
            assert len(matches) <= 10
    samples.sort()
    cpu_samples.sort()

    def p(values: list[float], q: float) -> float:
        return round(values[min(len(values) - 1, int(q * len(values)))], 2)

    engine_q, bm25_q = labelled_quality["engine"], labelled_quality["bm25"]
    print(
        json.dumps(
            {
                "benchmark": "matching",
                "database": connection.vendor,
                "achievements": docs,
                "postings": postings,
                "index_build_s": build_s,
                "latency_ms": {
                    "p50": p(samples, 0.50),
                    "p95": p(samples, 0.95),
                    "max": round(samples[-1], 2),
                    "samples": len(samples),
                    "target_p95": 100,
                },
                "cpu_ms": {"p50": p(cpu_samples, 0.50), "p95": p(cpu_samples, 0.95)},
                "load_average_1min": round(os.getloadavg()[0], 2),
                "cpu_count": os.cpu_count(),
                "quality_labelled": labelled_quality,
                "quality_in_full_corpus": scale_quality,
                "labelled": {"demands": len(demands_), "achievements": len(ids)},
                "engine_beats_baseline": engine_q["ndcg@5"] > bm25_q["ndcg@5"]
                and engine_q["p@5"] >= bm25_q["p@5"],
                "latency_ok": p(samples, 0.95) <= 100,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
