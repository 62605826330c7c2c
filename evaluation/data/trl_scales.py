"""Technology readiness level scales shipped as data (staff may edit them in the admin and the console).

* general: GB/T 22900 科学技术研究项目评价通则 — 技术就绪水平 1～9 级;
* drugs and biologics / devices and diagnostics: after the US medical-countermeasure TRLs
  (Integrated TRLs for Medical Countermeasure Products, HHS/DoD), described in Chinese for Chinese
  registration practice (IND/临床试验申请, NMPA 注册).
"""

from __future__ import annotations

SCALES = [
    {
        "code": "gbt22900",
        "name": "通用技术就绪水平（GB/T 22900）",
        "source": "GB/T 22900 科学技术研究项目评价通则",
        "description": "适用于一般科技成果（治疗方案、信息系统、工艺方法等）的技术成熟度评定。",
        "applies_to": "",
        "is_default": True,
        "order": 1,
        "levels": [
            (
                "基本原理清晰",
                "发现基本原理或看到基本原理的报道，形成对技术原理的基本认识。",
                "论文、研究报告、文献综述",
            ),
            ("形成技术方案", "提出技术概念和应用设想，形成技术方案。", "技术方案、可行性分析报告"),
            ("方案通过验证", "关键功能和特性通过实验室实验或分析验证，原理可行。", "实验记录、验证报告"),
            (
                "形成单元并验证",
                "形成功能单元（部件、模块），在实验室环境中验证。",
                "单元测试报告、样品检测报告",
            ),
            (
                "形成分系统并验证",
                "形成分系统或原理样机，在模拟使用环境中验证。",
                "分系统测试报告、模拟环境验证报告",
            ),
            (
                "形成原型并验证",
                "形成完整原型（样机、样品），在模拟或近似真实使用环境中验证。",
                "原型验证报告、第三方检测报告",
            ),
            ("现实环境的应用验证", "原型在真实使用环境中进行应用验证和演示。", "应用验证报告、试用报告"),
            (
                "用户验证认可",
                "完成定型或小批量试制，通过用户验证和认可。",
                "用户使用报告、定型鉴定、产品注册或认证",
            ),
            (
                "得到推广应用",
                "实际应用成功，实现规模化生产或推广应用。",
                "销售合同、推广应用证明、产业化数据",
            ),
        ],
    },
    {
        "code": "mcm-drugs",
        "name": "药物与生物制品技术就绪水平",
        "source": "参照美国医学应对产品（药物、生物制品）技术就绪水平（Integrated TRLs for Medical Countermeasure Products）",
        "description": "适用于化学药、中药、生物制品等药物类成果。",
        "applies_to": "new_drug,tcm_formula,药物,中药,生物制品,药物研发",
        "is_default": False,
        "order": 2,
        "levels": [
            (
                "科学知识基础梳理",
                "检索和评述已有科学文献与数据，形成对疾病机制和潜在靶点的基础认识（含中医药经典方剂、名老中医经验的整理）。",
                "文献综述、研究报告",
            ),
            (
                "提出假说与实验设计",
                "形成候选药物的研究假说和实验设计，明确研究路线和关键实验。",
                "研究方案、实验设计",
            ),
            (
                "靶点与候选物确定及初步表征",
                "确定作用靶点，筛选出候选物（化合物、组方、活性成分），完成初步体外活性研究和表征。",
                "筛选数据、体外活性报告",
            ),
            (
                "候选物优化与非 GLP 体内药效验证",
                "候选物结构或组方优化，在动物模型中验证活性与药效（非 GLP）。",
                "动物药效学报告",
            ),
            (
                "深入表征与生产工艺开发",
                "完成候选物深入表征，启动工艺开发和质量标准研究，开展 GLP 安全性评价等临床前研究。",
                "质量标准草案、GLP 毒理报告",
            ),
            (
                "GMP 中试生产、临床试验申请与 I 期临床",
                "按 GMP 要求生产中试批，提交临床试验申请并获许可，完成 I 期临床试验。",
                "临床试验通知书、I 期临床总结报告",
            ),
            (
                "工艺放大、工艺验证启动与 II 期临床",
                "工艺放大并启动 GMP 工艺验证，完成 II 期临床试验。",
                "II 期临床总结报告、工艺验证方案",
            ),
            (
                "完成工艺验证、III 期临床与上市许可",
                "完成工艺验证和连续批生产，完成关键性 III 期临床试验，提交并获得药品上市许可。",
                "III 期临床报告、药品注册证书",
            ),
            (
                "上市后研究与商业化",
                "开展上市后研究（IV 期）与药物警戒，规模化生产和市场推广。",
                "上市后研究报告、销售数据",
            ),
        ],
    },
    {
        "code": "mcm-devices",
        "name": "医疗器械与诊断产品技术就绪水平",
        "source": "参照美国医学应对产品（医疗器械、诊断产品）技术就绪水平（Integrated TRLs for Medical Countermeasure Products）",
        "description": "适用于医疗器械、诊断设备、体外诊断试剂、医疗软件等成果。",
        "applies_to": "new_instrument,new_equipment,diagnostic_reagent,big_data_ai,医疗器械,诊断设备,诊断试剂,体外诊断",
        "is_default": False,
        "order": 3,
        "levels": [
            (
                "科学知识基础梳理",
                "检索和评述已有科学知识，明确临床问题和可能的技术途径。",
                "文献综述、临床需求分析",
            ),
            (
                "提出假说与实验设计",
                "形成器械或诊断产品的概念和技术方案，完成实验设计。",
                "产品概念、技术方案",
            ),
            ("概念验证", "确定初步方案并完成原理样机或检测方法的概念验证。", "概念验证报告"),
            (
                "方案优化与可行性验证",
                "原型机或检测试剂优化，在实验室、离体样本或动物中验证可行性。",
                "可行性研究报告、样本检测数据",
            ),
            (
                "产品开发与设计验证",
                "按设计控制要求开发产品，完成设计验证，准备注册检验。",
                "设计开发文档、设计验证报告",
            ),
            (
                "注册检验与临床评价启动",
                "完成注册检验，启动可行性或安全性临床研究。",
                "注册检验报告、临床试验备案",
            ),
            (
                "临床安全性与有效性评价",
                "完成关键性临床试验或临床评价，证明安全有效。",
                "临床试验报告、临床评价报告",
            ),
            ("注册获批", "获得医疗器械注册证（必要时含境外注册或认证）。", "医疗器械注册证"),
            (
                "上市后监测与推广应用",
                "开展上市后监督和不良事件监测，规模化生产并推广应用。",
                "上市后监测报告、销售数据",
            ),
        ],
    },
]


def create_trl_scales(apps) -> None:
    """Idempotent: creates the shipped scales and their levels if missing (never overwrites staff edits)."""
    TrlScale = apps.get_model("evaluation", "TrlScale")
    TrlLevel = apps.get_model("evaluation", "TrlLevel")
    for data in SCALES:
        scale, created = TrlScale.objects.get_or_create(
            code=data["code"],
            defaults={
                k: data[k] for k in ("name", "source", "description", "applies_to", "is_default", "order")
            },
        )
        for number, (name, description, evidence) in enumerate(data["levels"], start=1):
            TrlLevel.objects.get_or_create(
                scale=scale,
                level=number,
                defaults={"name": name, "description": description, "evidence": evidence},
            )
