"""Initial data: the weights singleton, the corpus statistics row, the four agreement templates with their
clauses (staff edit them in the admin and on the templates page), and the beat schedules."""

from django.db import migrations

PARTIES = "{party_a}（以下简称“甲方”）与{party_b}（以下简称“乙方”）依据《中华人民共和国民法典》《中华人民共和国促进科技成果转化法》及有关法律法规，遵循平等自愿、诚实信用的原则，就“{achievement}”{purpose}事宜，经协商一致，订立本合同。"
IP_WARRANTY = "甲方保证其为本合同所涉技术成果的合法权利人，有权{act}；该技术成果不侵犯任何第三方的知识产权。如第三方指控乙方实施该技术成果侵权的，由甲方负责交涉处理，并承担由此产生的全部法律责任和经济损失。"
ACCEPTANCE = "甲方应于本合同生效后三十日内向乙方交付全部技术资料，并提供必要的技术指导与培训。验收标准：\n{acceptance_criteria}\n乙方应在收到技术资料后十五个工作日内组织验收并出具书面验收意见；逾期未提出书面异议的，视为验收合格。"
CONFIDENTIALITY = "双方对在订立和履行本合同过程中知悉的对方技术秘密、商业秘密及患者数据等敏感信息负有保密义务，未经对方书面同意不得向第三方披露。保密期限自本合同生效之日起至相关信息依法公开之日止，且不少于五年。"
LIABILITY = "任何一方违反本合同约定的，应当承担继续履行、采取补救措施或者赔偿损失等违约责任。乙方逾期支付款项的，每逾期一日按应付未付金额的万分之五向甲方支付违约金；甲方逾期交付技术资料的，每逾期一日按已付款项的万分之五向乙方支付违约金。"
DISPUTE = "因本合同引起的或者与本合同有关的争议，双方应友好协商解决；协商不成的，{dispute_text}"
REGISTRATION = "本合同签订后三十日内，由甲方向技术合同登记机构申请技术合同认定登记，乙方予以配合，以便双方依法享受技术转让相关税收优惠。"
OTHER = "本合同未尽事宜，由双方另行协商并签订补充协议，补充协议与本合同具有同等法律效力。本合同一式四份，双方各执两份，自双方签字盖章之日起生效。"

# (code, name, contract type, description, [(clause code, title, body)])
TEMPLATES = [
    ("transfer", "技术转让合同", "transfer", "科技成果（专利权、技术秘密）转让", [
        ("parties", "合同双方", PARTIES.replace("{purpose}", "科技成果转让")),
        ("subject", "转让标的与技术范围", "甲方将其合法拥有的“{achievement}”科技成果转让给乙方。转让的技术范围：\n{technical_scope}"),
        ("usage_rights", "使用权限", "本合同生效后，乙方依约取得上述技术成果的权利（{exclusive_text}），应用领域为{field_of_use}。{territory_text}"),
        ("payment", "价款及支付方式", "本合同价款总额为{price}，支付方式：{payment_method}。{payment_text}"),
        ("acceptance", "技术资料交付与验收", ACCEPTANCE),
        ("ip_warranty", "知识产权保证", IP_WARRANTY.replace("{act}", "进行转让")),
        ("follow_on", "后续改进成果", "合同履行期间，任何一方对本技术成果所作的后续改进，其知识产权归改进方所有；另一方在同等条件下享有优先受让权。"),
        ("confidentiality", "保密条款", CONFIDENTIALITY),
        ("liability", "违约责任", LIABILITY),
        ("dispute", "争议解决", DISPUTE),
        ("registration", "技术合同认定登记", REGISTRATION),
        ("other", "其他约定", OTHER),
    ]),
    ("license", "技术许可合同", "license", "专利或技术秘密实施许可", [
        ("parties", "合同双方", PARTIES.replace("{purpose}", "技术实施许可")),
        ("subject", "许可标的与技术范围", "甲方许可乙方实施“{achievement}”科技成果。许可实施的技术范围：\n{technical_scope}"),
        ("usage_rights", "许可方式与使用权限", "甲方以{exclusive_text}方式许可乙方实施上述技术成果，许可实施的应用领域为{field_of_use}。{territory_text}未经甲方书面同意，乙方不得再许可第三方实施。"),
        ("term", "许可期限", "许可期限为{term}，自本合同生效之日起计算。期限届满前三个月，双方可协商续期事宜。"),
        ("payment", "许可使用费及支付方式", "许可使用费为{price}，支付方式：{payment_method}{royalty_text}。{payment_text}"),
        ("acceptance", "技术资料交付与验收", ACCEPTANCE),
        ("ip_warranty", "知识产权保证", IP_WARRANTY.replace("{act}", "许可他人实施")),
        ("confidentiality", "保密条款", CONFIDENTIALITY),
        ("liability", "违约责任", LIABILITY),
        ("dispute", "争议解决", DISPUTE),
        ("registration", "技术合同认定登记", REGISTRATION),
        ("other", "其他约定", OTHER),
    ]),
    ("equity", "作价投资协议", "equity", "以科技成果作价入股", [
        ("parties", "协议双方", PARTIES.replace("{purpose}", "作价投资")),
        ("subject", "出资标的", "甲方以其合法拥有的“{achievement}”科技成果作价出资。出资技术范围：\n{technical_scope}"),
        ("valuation", "作价金额与股权比例", "经双方认可（或经具有资质的资产评估机构评估），上述科技成果作价{price}，折合目标公司{equity_share}的股权。"),
        ("usage_rights", "权属转移", "甲方应在目标公司设立或增资登记后九十日内办理技术成果权属转移手续，应用领域为{field_of_use}。{territory_text}"),
        ("payment", "出资方式", "出资方式：{payment_method}。{payment_text}"),
        ("acceptance", "技术交付与验收", ACCEPTANCE),
        ("ip_warranty", "知识产权保证", IP_WARRANTY.replace("{act}", "作价出资")),
        ("governance", "股东权利", "甲方按持股比例享有股东权利、承担股东义务；甲方推荐的技术负责人参与目标公司技术决策。"),
        ("confidentiality", "保密条款", CONFIDENTIALITY),
        ("liability", "违约责任", "任何一方违反本协议约定的，应当赔偿由此给对方和目标公司造成的损失。甲方未按期办理权属转移的，乙方有权要求其继续履行或以现金补足出资。"),
        ("dispute", "争议解决", DISPUTE),
        ("other", "其他约定", OTHER),
    ]),
    ("joint_development", "联合开发协议", "joint_development", "合作研究开发", [
        ("parties", "协议双方", PARTIES.replace("{purpose}", "合作研究开发")),
        ("subject", "研究开发内容", "双方以“{achievement}”为基础合作研究开发，研究开发内容与目标：\n{technical_scope}"),
        ("division", "分工与投入", "甲方负责技术方案设计与关键技术研究；乙方负责研究开发经费、中试条件及产业化资源，并派员参与研究开发。"),
        ("payment", "研究开发经费及支付方式", "研究开发经费总额为{price}，支付方式：{payment_method}。{payment_text}"),
        ("acceptance", "成果验收", ACCEPTANCE),
        ("ip_ownership", "知识产权归属", "合作开发完成的技术成果，其专利申请权及专利权归双方共有，双方另有约定的除外。任何一方自行实施共有技术成果无需经对方同意；许可第三方实施的，应经双方书面同意，所得收益按投入比例分配。"),
        ("ip_warranty", "背景知识产权保证", IP_WARRANTY.replace("{act}", "用于本合作")),
        ("risk_sharing", "风险承担", "因现有技术水平和条件难以克服的技术困难，导致研究开发失败或者部分失败的，双方按投入比例合理分担损失。"),
        ("confidentiality", "保密条款", CONFIDENTIALITY),
        ("liability", "违约责任", LIABILITY),
        ("dispute", "争议解决", DISPUTE),
        ("registration", "技术合同认定登记", REGISTRATION),
        ("other", "其他约定", OTHER),
    ]),
]  # fmt: skip

SCHEDULES = [
    # name, task, minute, hour, description
    ("matching: nightly matching rebuild", "matching.tasks.nightly_rebuild", "30", "2",
     "每日 02:30 重建匹配索引（词项统计）并重新计算全部智能匹配结果"),
    ("matching: contract registration reminders", "matching.tasks.registration_reminders", "0", "9",
     "每日 09:00 提醒签订后超过规定工作日仍未办理技术合同认定登记的协议（每份只提醒一次）"),
]  # fmt: skip


def forwards(apps, schema_editor):
    apps.get_model("matching", "MatchingWeights").objects.get_or_create(pk=1)
    apps.get_model("matching", "CorpusStat").objects.get_or_create(pk=1)
    Template = apps.get_model("matching", "AgreementTemplate")
    Clause = apps.get_model("matching", "TemplateClause")
    for code, name, kind, description, clauses in TEMPLATES:
        template, _ = Template.objects.update_or_create(
            code=code, defaults={"name": name, "contract_type": kind, "description": description}
        )
        for order, (clause_code, title, body) in enumerate(clauses, start=1):
            Clause.objects.update_or_create(
                template=template, code=clause_code, defaults={"title": title, "body": body, "order": order * 10}
            )
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, minute, hour, description in SCHEDULES:
        schedule, _ = CrontabSchedule.objects.get_or_create(
            minute=minute, hour=hour, day_of_week="*", day_of_month="*", month_of_year="*", timezone="Asia/Shanghai"
        )
        PeriodicTask.objects.update_or_create(
            name=name,
            defaults={"task": task, "crontab": schedule, "interval": None, "enabled": True, "description": description},
        )


def backwards(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name__in=[s[0] for s in SCHEDULES]).delete()
    apps.get_model("matching", "AgreementTemplate").objects.filter(code__in=[t[0] for t in TEMPLATES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
