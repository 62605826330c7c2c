"""The default indicator system of 000 §5.1.2.1 (clinical, market, technical, IP, team), with the standard's
explanations as guidance and four scoring levels per indicator on a 0–10 scale. Used by a data migration."""

from __future__ import annotations

CODE = "hebqia-5-1-2-1"
NAME = "慢性肝病中医药科技创新成果评估指标体系"
DESCRIPTION = (
    "依据 T/HEBQIA《慢性肝病中医药科技创新成果转化协作平台服务规范》5.1.2.1 构建，"
    "包括临床评估、市场评估、技术评估、知识产权和项目团队五个维度；各指标按 0～10 分评分。"
)

# (min, max, label)
BANDS = [("9.0", "10.0", "优"), ("7.0", "8.9", "良"), ("5.0", "6.9", "中"), ("0.0", "4.9", "差")]

# dimension: code, name, clause, guidance, weight, indicators
# indicator: code, name, clause, guidance, weight, [4 level descriptions from best to worst]
SYSTEM = [
    (
        "clinical",
        "临床评估",
        "5.1.2.1.3",
        "临床评估包括临床需求、效用提升度、操作便利度和临床成本。",
        "0.250000",
        [
            (
                "clinical_need",
                "临床需求",
                "5.1.2.1.3 a)",
                "从受众人数多少、诊治方案创新程度以及解决原有方案的不足之处，判断诊疗需求是否为刚需。",
                "0.250000",
                [
                    "受众人数多，诊治方案有明显创新，切实解决原有方案的关键不足，属临床刚需。",
                    "受众人数较多，方案有一定创新，能改善原有方案的主要不足，临床需求明确。",
                    "受众人数有限或方案创新程度一般，对原有方案的改进有限。",
                    "受众人数很少或需求不明确，原有方案已能满足，不属刚需。",
                ],
            ),
            (
                "utility_gain",
                "效用提升度",
                "5.1.2.1.3 b)",
                "从成功率、并发症、创伤性、医护人员操作风险、患者的依从性等方面判断临床效用提升程度。",
                "0.250000",
                [
                    "在成功率、并发症、创伤性、医护人员操作风险、患者依从性等多个方面显著提升，且有临床数据支持。",
                    "在两个及以上方面有较明显提升，已有初步临床数据。",
                    "仅在个别方面有提升，或提升幅度有限、证据不足。",
                    "未见明显提升，或可能增加并发症、创伤或操作风险。",
                ],
            ),
            (
                "ease_of_operation",
                "操作便利度",
                "5.1.2.1.3 c)",
                "从操作难易程度、操作耗时程度判断方案是否便利。",
                "0.250000",
                [
                    "操作简便，无需专门培训即可掌握，耗时明显少于原有方案。",
                    "操作较简便，经简单培训即可掌握，耗时与原有方案相当或略少。",
                    "操作有一定难度，需要系统培训，耗时多于原有方案。",
                    "操作复杂、耗时长，临床推广困难。",
                ],
            ),
            (
                "clinical_cost",
                "临床成本",
                "5.1.2.1.3 d)",
                "包括患者的就诊成本、医疗耗材成本等。",
                "0.250000",
                [
                    "明显降低患者就诊成本和医疗耗材成本。",
                    "成本与原有方案相当或略低。",
                    "成本略高于原有方案，但可由效用提升抵偿。",
                    "成本显著高于原有方案，患者和医保难以承受。",
                ],
            ),
        ],
    ),
    (
        "market",
        "市场评估",
        "5.1.2.1.4",
        "市场评估包括市场规模、市场趋势和商业化潜力。",
        "0.200000",
        [
            (
                "market_size",
                "市场规模",
                "5.1.2.1.4 a)",
                "临床问题/解决方案涉及到的人群 × 现有/可比解决方案价格。",
                "0.333333",
                [
                    "涉及人群多、可比方案价格支撑的市场规模大，测算依据（人群数据、价格来源）充分可靠。",
                    "市场规模较大，测算有一定依据。",
                    "市场规模中等，或测算依据不足。",
                    "市场规模小，或无法测算。",
                ],
            ),
            (
                "market_trend",
                "市场趋势",
                "5.1.2.1.4 b)",
                "根据疾病谱和临床趋势，该项目可涉及的人群变化趋势。",
                "0.333333",
                [
                    "根据疾病谱和临床趋势，目标人群持续较快增长。",
                    "目标人群稳步增长。",
                    "目标人群基本稳定。",
                    "目标人群减少，或正被替代方案取代。",
                ],
            ),
            (
                "commercial_potential",
                "商业化潜力",
                "5.1.2.1.4 c)",
                "产品或服务的盈利模式、成本结构及市场竞争优势。",
                "0.333334",
                [
                    "盈利模式清晰，成本结构合理，市场竞争优势明显且难以复制。",
                    "盈利模式较清晰，具有一定竞争优势。",
                    "盈利模式尚需验证，竞争优势不突出。",
                    "盈利模式不清晰，缺乏竞争优势。",
                ],
            ),
        ],
    ),
    (
        "technical",
        "技术评估",
        "5.1.2.1.5",
        "技术评估包括技术创新性、技术成熟度、项目成熟度和系统适配性。",
        "0.250000",
        [
            (
                "innovativeness",
                "技术创新性",
                "5.1.2.1.5 a)",
                "科技成果是否具有原创性或突破性，是否填补国内外技术空白。",
                "0.250000",
                [
                    "具有原创性或突破性，填补国际技术空白。",
                    "创新明显，填补国内技术空白或达到国内领先水平。",
                    "在现有技术基础上有所改进。",
                    "创新性不明显，与现有技术基本相同。",
                ],
            ),
            (
                "technology_maturity",
                "技术成熟度",
                "5.1.2.1.5 b)",
                "成果所需技术的成熟和可靠程度，以及实施该成果的工艺流程与所需配套资源的完善程度。",
                "0.250000",
                [
                    "技术成熟可靠（约 TRL 7～9），工艺流程和配套资源完善。",
                    "技术基本成熟（约 TRL 5～6），工艺流程和配套资源较完善。",
                    "已完成原理验证（约 TRL 3～4），工艺流程和配套资源尚不完善。",
                    "处于概念阶段（约 TRL 1～2）。",
                ],
            ),
            (
                "project_maturity",
                "项目成熟度",
                "5.1.2.1.5 c)",
                "项目在创新过程中的进展情况。",
                "0.250000",
                [
                    "已取得注册证/批件或进入产业化阶段。",
                    "已进入中试或临床试验阶段。",
                    "处于实验室研究或样品、样机阶段。",
                    "处于立项或构思阶段。",
                ],
            ),
            (
                "system_fit",
                "系统适配性",
                "5.1.2.1.5 d)",
                "技术产品与原先术式、器械等系统之间的适配程度。",
                "0.250000",
                [
                    "与原先术式、器械、信息系统完全兼容，可直接纳入临床流程。",
                    "适配性较好，仅需少量调整。",
                    "需对现有流程或设备做较大调整。",
                    "与现有系统不兼容，需重建流程。",
                ],
            ),
        ],
    ),
    (
        "ip",
        "知识产权",
        "5.1.2.1.6",
        "成果知识产权布局情况、质量情况和侵权风险。",
        "0.150000",
        [
            (
                "ip_layout",
                "知识产权布局",
                "5.1.2.1.6",
                "成果知识产权布局情况。",
                "0.333333",
                [
                    "围绕核心技术形成专利组合，覆盖主要市场，并有商标、软件著作权等配套保护。",
                    "核心技术已申请或获得专利，布局较完整。",
                    "仅有少量专利申请，布局不完整。",
                    "无知识产权保护，或仅以技术秘密保护。",
                ],
            ),
            (
                "ip_quality",
                "知识产权质量",
                "5.1.2.1.6",
                "成果知识产权质量情况。",
                "0.333333",
                [
                    "以授权发明专利为主，权利要求保护范围合理，权利稳定。",
                    "有授权发明专利或实用新型专利，质量较好。",
                    "以申请中的专利或实用新型为主，稳定性一般。",
                    "专利质量较差，容易被规避或宣告无效。",
                ],
            ),
            (
                "infringement_risk",
                "侵权风险",
                "5.1.2.1.6",
                "成果知识产权的侵权风险（风险越低得分越高）。",
                "0.333334",
                [
                    "已完成自由实施（FTO）分析，无明显侵权风险，权属清晰。",
                    "经初步检索，侵权风险较低。",
                    "存在一定侵权风险，需进一步分析或规避设计。",
                    "侵权风险高，或存在权属争议。",
                ],
            ),
        ],
    ),
    (
        "team",
        "项目团队",
        "5.1.2.1.7",
        "项目团队的组成、基础和分工。",
        "0.150000",
        [
            (
                "team_composition",
                "团队组成",
                "5.1.2.1.7",
                "团队组成。",
                "0.333333",
                [
                    "临床、研发、工程、知识产权、市场等人员配置齐全，结构合理。",
                    "核心岗位配置较齐全。",
                    "人员结构单一，缺少关键岗位。",
                    "团队人员严重不足。",
                ],
            ),
            (
                "team_foundation",
                "团队基础",
                "5.1.2.1.7",
                "团队基础。",
                "0.333333",
                [
                    "负责人及核心成员在本领域成果突出，有成果转化经验，承担过重大项目。",
                    "团队研究基础较好，有一定转化经验。",
                    "团队研究基础一般，缺乏转化经验。",
                    "团队研究基础薄弱。",
                ],
            ),
            (
                "team_division",
                "团队分工",
                "5.1.2.1.7",
                "团队分工。",
                "0.333334",
                [
                    "分工明确，职责清晰，协作机制完善。",
                    "分工较明确。",
                    "分工不够清晰。",
                    "无明确分工。",
                ],
            ),
        ],
    ),
]


def create_default_system(apps) -> None:
    """Idempotent: creates version 1 of the default system (active, default) unless it exists."""
    from decimal import Decimal

    IndicatorSystem = apps.get_model("evaluation", "IndicatorSystem")
    Indicator = apps.get_model("evaluation", "Indicator")
    IndicatorLevel = apps.get_model("evaluation", "IndicatorLevel")
    if IndicatorSystem.objects.filter(code=CODE, version=1).exists():
        return
    system = IndicatorSystem.objects.create(
        code=CODE,
        version=1,
        name=NAME,
        description=DESCRIPTION,
        state="active",
        is_default=True,
        score_max=Decimal("10"),
        weight_method="manual",
    )
    for d_order, (d_code, d_name, d_clause, d_guidance, d_weight, indicators) in enumerate(SYSTEM, start=1):
        dimension = Indicator.objects.create(
            system=system,
            code=d_code,
            name=d_name,
            level=1,
            clause=d_clause,
            description=d_guidance,
            weight=Decimal(d_weight),
            order=d_order,
        )
        for i_order, (code, name, clause, guidance, weight, levels) in enumerate(indicators, start=1):
            indicator = Indicator.objects.create(
                system=system,
                parent=dimension,
                code=code,
                name=name,
                level=2,
                clause=clause,
                description=guidance,
                weight=Decimal(weight),
                order=i_order,
            )
            for (low, high, label), text in zip(BANDS, levels, strict=True):
                IndicatorLevel.objects.create(
                    indicator=indicator,
                    min_score=Decimal(low),
                    max_score=Decimal(high),
                    label=label,
                    description=text,
                )
