"""The process checklist an auditor applies to each sampled service record (000 §7.1.1.4: 严格遵守相关标准、流程和规章制度).

Declared per service type; every item must pass for a record to be conforming. Wording follows the
standards' own requirements (000 §6, DB1403/T 22 §6.3–6.5).
"""

from __future__ import annotations

COMMON = [
    ("trail", "流转环节全程留痕：经办人、时间、从何状态到何状态、理由均有记录"),
    ("deadline", "在规定的工作日时限内完成各环节"),
    ("confidential", "遵守保密和信息安全要求，未泄露涉密或敏感信息"),
    ("archived", "服务记录和相关文件已归档，编号可检索"),
]

CHECKLISTS: dict[str, list[tuple[str, str]]] = {
    "formal_review": [
        ("form_complete", "成果提交申请表及材料齐全，形式审查有明确结论（受理、补充完善或不予受理）"),
        ("reasons_itemised", "退回补充完善或不予受理时逐项列明理由"),
        *COMMON,
    ],
    "consultation": [
        ("answer_accurate", "答复内容准确、依据明确，解决了用户提出的问题"),
        ("courteous", "服务用语规范、态度良好"),
        *COMMON,
    ],
    "ip_request": [
        ("scope_matches", "服务内容与申请一致，交付报告完整"),
        ("no_joint_liability", "已告知平台对专利侵权不承担连带责任（5.5.1）"),
        *COMMON,
    ],
    "consulting": [
        ("advice_delivered", "咨询意见已书面交付，回应了申请事项"),
        *COMMON,
    ],
    "complaint": [
        ("acknowledged", "在受理时限内确认收到投诉并告知投诉人"),
        ("investigated", "调查过程和结论有记录"),
        ("resolution_told", "处理结果明确并告知投诉人，投诉人确认或说明未确认原因"),
        *COMMON,
    ],
    "docking": [
        ("agreement_reviewed", "合作协议经审查，风险点已提示（5.3.2.2）"),
        *COMMON,
    ],
}


def checklist_for(service_type: str) -> list[tuple[str, str]]:
    return CHECKLISTS.get(service_type, COMMON)
