"""The platform's disclaimer for IP services (000 §5.5.1): shown and acknowledged before the first request.

Changing the text means a new ``VERSION``: every user acknowledges the new text before the next request.
"""

VERSION = "2025-01"

TITLE = "知识产权服务免责声明"

TEXT = (
    "一、本平台依据《慢性肝病中医药科技创新成果转化协作平台服务规范》第 5.5 条，为成果持有方提供知识产权申请、"
    "保护、运营等方面的咨询和服务，包括专利检索分析、专利撰写与申请、审查答复、保护策略、侵权监测、价值评估、"
    "交易许可、质押融资、风险评估及海外维权等。\n"
    "二、平台不承担专利侵权连带责任。平台提供的检索、分析、评估及咨询意见仅供申请人决策参考，申请人应自行判断"
    "并承担实施、许可、转让或诉讼等行为的法律后果。\n"
    "三、申请人应保证所提供资料真实、合法、完整，不侵犯他人合法权益；因资料不实产生的后果由申请人承担。\n"
    "四、平台对申请人提交的资料负有保密义务，仅在提供服务所必需的范围内使用。"
)
