"""The default satisfaction survey, after DB1403/T 22—2023 Annex E (质量基础设施“一站式”服务满意度调查表) and
the survey contents of T/HEBQIA §7.2.1.2 (服务态度、服务效率、信息准确性、技术支持力度).

The platform's copy of DB1403/T 22 holds its table of contents only, so the questions are written for this
platform along the four dimensions the standards name, with an overall rating and free comments.
"""

CODE = "annex_e_default"
NAME = "成果转化协作平台服务满意度调查表"
DESCRIPTION = (
    "为持续改进服务质量，请您对平台提供的服务进行评价。1 分表示非常不满意，5 分表示非常满意。"
    "问卷匿名统计，约需 2 分钟。"
)

OVERALL = [
    {"label": "非常满意", "score": 100},
    {"label": "满意", "score": 75},
    {"label": "一般", "score": 50},
    {"label": "不满意", "score": 25},
    {"label": "非常不满意", "score": 0},
]
CHANNEL = [
    {"label": "线上平台", "score": None},
    {"label": "线下窗口", "score": None},
    {"label": "电话或邮件", "score": None},
    {"label": "对接会等活动", "score": None},
]

# dimension code, name, questions: (text, kind, required, options)
DIMENSIONS = [
    (
        "attitude",
        "服务态度",
        [
            ("服务专员态度热情、用语规范", "rating", True, None),
            ("服务专员耐心解答您的问题", "rating", True, None),
        ],
    ),
    (
        "efficiency",
        "服务效率",
        [
            ("需求受理和答复及时", "rating", True, None),
            ("办理流程简便，等待时间合理", "rating", True, None),
        ],
    ),
    (
        "accuracy",
        "信息准确性",
        [
            ("平台发布的成果、政策和服务信息准确、及时更新", "rating", True, None),
            ("答复和报告内容准确、依据明确", "rating", True, None),
        ],
    ),
    (
        "support",
        "技术支持力度",
        [
            ("成果评估、技术对接、知识产权等专业支持满足您的需求", "rating", True, None),
            ("专家和服务专员的专业能力", "rating", True, None),
        ],
    ),
    (
        "overall",
        "总体评价",
        [
            ("您对平台服务的总体评价", "choice", True, OVERALL),
            ("您主要通过何种渠道获得服务", "choice", False, CHANNEL),
            ("您对平台服务的意见和建议", "text", False, None),
        ],
    ),
]
