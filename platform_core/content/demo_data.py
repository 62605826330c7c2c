"""Demo content for information services. Every title carries “（示例）”: these are illustrations written for
the demo, not real documents; document numbers are deliberately marked 示例 too.

Dates are offsets in days from the day the demo is loaded (events stay upcoming/past), except where a fixed
date is needed to show the working-day clock around the 2026 National Day holiday.
"""

from __future__ import annotations

ARTICLES: list[dict] = [
    # ------------------------------------------------------------------ 政策法规
    {
        "kind": "policy",
        "title": "国家医保药品目录调整工作方案要点解读（示例）",
        "summary": "梳理年度国家医保药品目录调整的申报范围、评审流程与谈判规则，提示慢性肝病治疗药物（含中成药）企业需提前准备的材料。",
        "policy_level": "national",
        "issuing_body": "国家医疗保障局、人力资源社会保障部",
        "document_number": "医保发〔示例〕第1号",
        "effective_offset": -200,
        "source": "平台政策研究组整理",
        "tags": ["医保报销", "慢性肝病"],
        "featured": True,
        "published_offset": -40,
        "body": (
            "<h2>一、调整范围</h2>"
            "<p>目录调整重点考虑临床必需、安全有效、价格合理的药品，近五年内获批上市的新通用名药品、"
            "适应症发生重大变化的药品以及纳入国家鼓励仿制药品目录的药品可按规定申报。</p>"
            "<h2>二、工作程序</h2>"
            "<ol><li>准备阶段：公布申报条件与材料清单；</li><li>申报阶段：企业在线提交申报材料；</li>"
            "<li>专家评审阶段：药学、临床、药物经济学、医保管理等专家分组评审；</li>"
            "<li>谈判/竞价阶段：对拟新增的独家药品开展价格谈判；</li><li>公布结果。</li></ol>"
            "<h2>三、与慢性肝病相关的关注点</h2>"
            "<ul><li>抗病毒治疗药物（如核苷（酸）类似物）已基本纳入目录，新增品种需体现临床增量价值；</li>"
            "<li>代谢相关脂肪性肝病（MASLD）、肝纤维化领域的创新药是近年关注方向；</li>"
            "<li>中成药申报需提供充分的临床价值证据和药物经济学评价。</li></ul>"
        ),
        "interpretation": (
            "<p><strong>核心变化：</strong>评审更强调“临床价值—经济性—基金可承受”三者平衡，"
            "企业应以真实世界数据和卫生经济学模型证明相对现有方案的增量获益。</p>"
            "<blockquote>示例解读：对于抗肝纤维化中药新药，建议在Ⅲ期试验中同步收集生活质量与医疗资源"
            "使用数据，为后续药物经济学评价打基础。</blockquote>"
        ),
        "compliance_guidance": (
            "<ul><li>申报前核对药品注册证书、说明书适应症与申报适应症一致；</li>"
            "<li>价格测算材料须与企业财务数据一致，避免虚报成本；</li>"
            "<li>如需帮助梳理申报材料，可通过平台“在线咨询”选择“合规”类别提问。</li></ul>"
        ),
    },
    {
        "kind": "policy",
        "title": "药品审评审批制度改革：突破性治疗药物程序工作要点（示例）",
        "summary": "介绍突破性治疗药物认定条件、申请时点与审评支持措施，对慢性肝病领域原创新药研发团队具有参考价值。",
        "policy_level": "national",
        "issuing_body": "国家药品监督管理局药品审评中心",
        "document_number": "药审示例〔2026〕2号",
        "effective_offset": -320,
        "source": "平台政策研究组整理",
        "tags": ["药品审评审批", "创新激励"],
        "featured": True,
        "published_offset": -33,
        "body": (
            "<h2>适用范围</h2>"
            "<p>用于防治严重危及生命或者严重影响生存质量的疾病，且尚无有效防治手段或者与现有治疗手段相比"
            "有足够证据表明具有明显临床优势的创新药或者改良型新药。</p>"
            "<h2>申请时点</h2><p>一般在Ⅰ、Ⅱ期临床试验阶段，不晚于Ⅲ期临床试验开展前提出。</p>"
            "<h2>支持措施</h2><ul><li>优先安排沟通交流；</li><li>阶段性研究资料可提前提交审评；</li>"
            "<li>符合条件的可申请附条件批准和优先审评审批。</li></ul>"
            "<table><thead><tr><th>程序</th><th>主要条件</th><th>主要支持</th></tr></thead><tbody>"
            "<tr><td>突破性治疗药物</td><td>明显临床优势的早期证据</td><td>沟通交流优先、滚动提交</td></tr>"
            "<tr><td>附条件批准</td><td>替代终点或早期临床终点预测获益</td><td>上市后继续确证</td></tr>"
            "<tr><td>优先审评审批</td><td>临床急需、儿童用药等</td><td>缩短审评时限</td></tr>"
            "</tbody></table>"
        ),
        "interpretation": (
            "<p>对慢性肝病而言，失代偿期肝硬化、肝衰竭等“严重危及生命”的适应症更有机会获得认定；"
            "以肝纤维化逆转为终点的研究需与审评机构充分沟通终点的可接受性。</p>"
        ),
        "compliance_guidance": (
            "<p>申请材料应包括：药物概况、临床前研究摘要、已有临床数据及其与现有治疗的比较、后续研发计划。"
            "建议在提交前召开内部专家论证会，形成书面的“明显临床优势”论证。</p>"
        ),
    },
    {
        "kind": "policy",
        "title": "医疗器械注册人制度实施要点与委托生产合规提示（示例）",
        "summary": "注册人可委托具备条件的企业生产医疗器械，科研机构与医院团队的诊断设备成果可据此加快转化。",
        "policy_level": "national",
        "issuing_body": "国家药品监督管理局",
        "document_number": "国药监械示例〔2026〕3号",
        "effective_offset": -500,
        "source": "平台政策研究组整理",
        "tags": ["医疗器械", "创新激励"],
        "featured": False,
        "published_offset": -26,
        "body": (
            "<p>医疗器械注册人制度下，注册人对医疗器械全生命周期质量安全负责，可以自行生产，"
            "也可以委托符合条件的企业生产。</p>"
            "<h3>注册人主要义务</h3><ul><li>建立与产品相适应的质量管理体系并保持有效运行；</li>"
            "<li>制定上市后研究和风险管控计划；</li><li>开展不良事件监测和再评价；</li>"
            "<li>对受托生产企业的质量管理能力进行评估、监督。</li></ul>"
            "<h3>对肝病诊断设备成果的意义</h3>"
            "<p>医院或高校团队研发的肝纤维化无创检测设备、人工肝辅助装置等，可由持有人取得注册证后"
            "委托专业企业生产，降低自建产线的投入门槛。</p>"
        ),
        "interpretation": "<p>注册人与受托方须签订委托协议和质量协议，明确双方质量责任，委托不免除注册人责任。</p>",
        "compliance_guidance": (
            "<ol><li>确认产品分类（第二类/第三类）和适用的注册审查指导原则；</li>"
            "<li>人工智能辅助诊断软件按独立软件管理，关注算法更新的变更注册要求；</li>"
            "<li>委托生产前完成对受托方的现场审核并留存记录。</li></ol>"
        ),
    },
    {
        "kind": "policy",
        "title": "关于促进中医药传承创新发展的若干措施（省级，示例）",
        "summary": "支持中医医疗机构制剂向中药新药转化、建设中医药科技成果转化平台，对肝病等优势病种给予专项支持。",
        "policy_level": "provincial",
        "issuing_body": "某省人民政府办公厅",
        "document_number": "示例政办发〔2026〕4号",
        "effective_offset": -150,
        "source": "平台政策研究组整理",
        "tags": ["中医药", "创新激励"],
        "featured": False,
        "published_offset": -19,
        "body": (
            "<h2>主要措施</h2><ul>"
            "<li>支持以古代经典名方、医疗机构中药制剂为基础研发中药新药；</li>"
            "<li>对获得中药新药注册证书的项目给予一次性奖励；</li>"
            "<li>建设中医优势病种（含慢性肝病）临床研究基地；</li>"
            "<li>鼓励高校、科研院所以转让、许可、作价投资等方式转化中医药科技成果。</li></ul>"
        ),
        "interpretation": "<p>“人用经验”证据可作为中药新药注册申请的支持性证据，医疗机构应规范收集和整理使用数据。</p>",
        "compliance_guidance": "",
    },
    {
        "kind": "policy",
        "title": "科技成果转化收益分配与奖励办法（市级，示例）",
        "summary": "明确职务科技成果转化净收入中用于奖励完成人和转化贡献人员的比例，及兑现程序。",
        "policy_level": "local",
        "issuing_body": "某市科学技术局",
        "document_number": "示例科发〔2026〕5号",
        "effective_offset": -90,
        "source": "平台政策研究组整理",
        "tags": ["创新激励"],
        "featured": False,
        "published_offset": -12,
        "body": (
            "<p>以技术转让或者许可方式转化职务科技成果的，从净收入中提取不低于70%的比例用于奖励；"
            "以作价投资方式转化的，从作价投资取得的股份或者出资比例中提取不低于70%的比例用于奖励（示例数据）。</p>"
        ),
        "interpretation": "<p>奖励对象包括成果完成人和为成果转化作出重要贡献的人员，单位应公示奖励方案。</p>",
        "compliance_guidance": "<p>医院作为事业单位转化成果时，应履行资产评估或协议定价公示程序。</p>",
    },
    # ------------------------------------------------------------------ 行业动态
    {
        "kind": "news",
        "title": "代谢相关脂肪性肝病（MASLD）新药研发进入密集收获期（示例）",
        "summary": "甲状腺激素受体β激动剂、FGF21类似物、GLP-1受体激动剂等多条通路进入后期临床，MASH治疗格局正在改变。",
        "source": "平台行业观察",
        "tags": ["药品审评审批", "慢性肝病"],
        "featured": True,
        "published_offset": -8,
        "body": (
            "<p>代谢相关脂肪性肝病（MASLD，原称非酒精性脂肪性肝病）是我国最常见的慢性肝病之一。"
            "近年来，针对代谢相关脂肪性肝炎（MASH）伴肝纤维化的药物研发进展明显：</p>"
            "<ul><li><strong>THR-β激动剂</strong>：首个针对MASH的药物已在海外获批，国内同类品种进入临床；</li>"
            "<li><strong>FGF21类似物</strong>：多项Ⅱb/Ⅲ期研究显示纤维化改善；</li>"
            "<li><strong>GLP-1受体激动剂</strong>：减重同时改善肝脏组织学。</li></ul>"
            "<p>对中医药研究团队而言，联合用药与改善代谢综合征的中药复方具有差异化机会。</p>"
        ),
    },
    {
        "kind": "news",
        "title": "慢性乙肝临床治愈研究进展与“应治尽治”推进（示例）",
        "summary": "扩大抗病毒治疗适应证、提高诊断率和治疗率成为防治重点，功能性治愈新药研发持续推进。",
        "source": "平台行业观察",
        "tags": ["慢性肝病", "医保报销"],
        "featured": False,
        "published_offset": -15,
        "body": (
            "<p>最新版慢性乙型肝炎防治指南进一步扩大了抗病毒治疗适应证，提出“应治尽治”。"
            "siRNA、衣壳抑制剂、治疗性疫苗等功能性治愈候选药物陆续进入临床。</p>"
        ),
    },
    {
        "kind": "news",
        "title": "多地中医医院组建肝病专科联盟，推动协定方向院内制剂转化（示例）",
        "summary": "专科联盟统一病例登记与疗效评价标准，为医疗机构制剂向中药新药转化积累人用经验数据。",
        "source": "平台行业观察",
        "tags": ["中医药"],
        "featured": False,
        "published_offset": -22,
        "body": "<p>联盟成员单位将共享病例登记平台，按统一标准采集证候、肝功能、无创纤维化指标等数据。</p>",
    },
    # ------------------------------------------------------------------ 前沿技术追踪
    {
        "kind": "technology",
        "title": "人工智能辅助肝纤维化诊断技术趋势报告（示例）",
        "summary": "基于超声、CT/MRI影像和血清学指标的人工智能模型正在向无创、可及的肝纤维化分期评估发展。",
        "source": "平台技术情报组",
        "tags": ["医疗器械", "慢性肝病"],
        "featured": True,
        "published_offset": -5,
        "body": (
            "<h2>一、技术路线</h2><ul>"
            "<li>超声弹性成像＋深度学习：提高基层医院肝硬度测量的一致性；</li>"
            "<li>影像组学：从常规CT/MRI中提取纹理特征进行纤维化分期；</li>"
            "<li>多模态模型：融合血清学指标（如APRI、FIB-4）与影像特征。</li></ul>"
            "<h2>二、成熟度与注册</h2>"
            "<p>多数产品处于临床验证阶段，作为辅助决策软件需按第三类医疗器械申请注册，"
            "关注训练数据的代表性与算法更新的变更管理。</p>"
            "<h2>三、趋势判断</h2>"
            "<table><thead><tr><th>方向</th><th>成熟度</th><th>转化机会</th></tr></thead><tbody>"
            "<tr><td>弹性成像AI质控</td><td>中试</td><td>设备厂商合作</td></tr>"
            "<tr><td>影像组学分期</td><td>实验室</td><td>联合开发</td></tr>"
            "<tr><td>多模态风险预测</td><td>实验室</td><td>许可</td></tr>"
            "</tbody></table>"
        ),
    },
    {
        "kind": "technology",
        "title": "肝脏类器官与精准医疗技术追踪（示例）",
        "summary": "肝脏类器官用于药物肝毒性评价和个体化用药筛选，生物人工肝研究取得新进展。",
        "source": "平台技术情报组",
        "tags": ["慢性肝病"],
        "featured": False,
        "published_offset": -29,
        "body": "<p>类器官芯片可在体外模拟肝小叶结构，用于中药复方成分的肝毒性早期筛查。</p>",
    },
    # ------------------------------------------------------------------ 学术会议与交流活动
    {
        "kind": "event",
        "title": "中国肝病大会暨肝病科技成果转化论坛（示例）",
        "summary": "汇聚肝病临床、科研与产业专家，设成果路演与企业对接专场。",
        "starts_offset": 20,
        "days": 3,
        "location": "北京·国家会议中心（示例）",
        "event_mode": "hybrid",
        "organiser": "中华医学会肝病学分会（示例）",
        "registration_url": "https://example.com/register/liver-congress",
        "tags": ["慢性肝病"],
        "featured": True,
        "published_offset": -10,
        "body": "<p>议程包括：慢性乙肝临床治愈、MASLD新药、肝纤维化无创诊断、成果转化路演。</p>",
    },
    {
        "kind": "event",
        "title": "中西医结合肝病学术会议（示例）",
        "summary": "聚焦中西医结合防治慢性肝病的循证研究与经典名方开发。",
        "starts_offset": 75,
        "days": 2,
        "location": "石家庄（示例）",
        "event_mode": "offline",
        "organiser": "中国中西医结合学会肝病专业委员会（示例）",
        "registration_url": "https://example.com/register/integrative-hepatology",
        "tags": ["中医药", "慢性肝病"],
        "featured": False,
        "published_offset": -6,
        "body": "<p>征文方向：肝纤维化、肝硬化、脂肪肝的中医证候研究与中药新药临床评价。</p>",
    },
    {
        "kind": "event",
        "title": "慢性肝病成果转化线上对接会（示例）",
        "summary": "平台组织的线上技术对接会，6个项目路演、12家企业参会。",
        "starts_offset": -45,
        "days": 1,
        "location": "线上",
        "event_mode": "online",
        "organiser": "成果转化协作平台",
        "registration_url": "",
        "tags": ["创新激励"],
        "featured": False,
        "published_offset": -60,
        "body": "<p>会后形成3项合作意向，平台服务专员持续跟踪。</p>",
    },
    # ------------------------------------------------------------------ 标杆案例
    {
        "kind": "case",
        "title": "抗肝纤维化中药复方从院内制剂到新药许可的转化案例（示例）",
        "summary": "医院团队以院内制剂人用经验为基础完成新药临床研究，以“许可＋里程碑付款”方式与企业合作。",
        "related_text": "抗肝纤维化中药复方（示例成果）",
        "source": "平台案例库",
        "tags": ["中医药", "创新激励"],
        "featured": True,
        "published_offset": -18,
        "body": (
            "<h2>背景</h2><p>某三甲中医医院肝病科的协定方在院内使用十余年，积累了规范的病例数据。</p>"
            "<h2>转化路径</h2><ol><li>平台组织多学科专家评估，技术成熟度评定为中试阶段；</li>"
            "<li>知识产权服务团队完成组合物与制备方法专利布局；</li>"
            "<li>技术对接会上与两家企业形成合作意向，最终选择许可方式；</li>"
            "<li>协议约定首付款、研发里程碑付款及上市后销售提成。</li></ol>"
            "<h2>经验</h2><ul><li>人用经验数据的规范采集是中药新药转化的基础；</li>"
            "<li>专利布局先于公开发表，避免丧失新颖性。</li></ul>"
        ),
    },
    {
        "kind": "case",
        "title": "生物人工肝支持系统产学研合作产业化案例（示例）",
        "summary": "高校与医疗器械企业联合开发，采用注册人制度委托生产，缩短上市周期。",
        "related_text": "生物人工肝支持系统（示例成果）",
        "source": "平台案例库",
        "tags": ["医疗器械"],
        "featured": False,
        "published_offset": -35,
        "body": "<p>企业作为注册人承担质量责任，高校团队以技术入股方式参与，孵化基金提供中试资金支持。</p>",
    },
    # ------------------------------------------------------------------ 市场调研与分析
    {
        "kind": "market",
        "title": "慢性乙肝患者人群与抗病毒治疗市场调研（示例）",
        "summary": "我国慢性乙肝病毒感染者规模大、诊断率和治疗率仍偏低，“应治尽治”将扩大治疗人群。",
        "region": "全国",
        "source": "平台市场研究组（公开文献估算，示例数据）",
        "tags": ["慢性肝病", "医保报销"],
        "featured": False,
        "published_offset": -14,
        "indicators": [
            {"name": "慢性HBV感染者", "value": "约7500", "unit": "万人", "note": "公开文献估算"},
            {"name": "诊断率", "value": "约24", "unit": "%", "note": "示例数据"},
            {"name": "治疗率", "value": "约15", "unit": "%", "note": "示例数据"},
            {"name": "一线抗病毒药物年治疗费用", "value": "数百", "unit": "元", "note": "集采后，示例"},
        ],
        "body": (
            "<h2>目标用户与需求痛点</h2><ul><li>大量感染者未被诊断，基层筛查能力不足；</li>"
            "<li>长期服药依从性差，随访管理缺乏工具；</li><li>功能性治愈药物尚未上市。</li></ul>"
            "<h2>支付能力</h2><p>一线抗病毒药物经集中带量采购后价格大幅下降，患者负担主要来自检查与随访。</p>"
        ),
    },
    {
        "kind": "market",
        "title": "代谢相关脂肪性肝病诊疗市场规模与增长趋势（示例）",
        "summary": "MASLD患病人群庞大，无创诊断与创新药物是增长最快的细分市场。",
        "region": "全国",
        "source": "平台市场研究组（示例数据）",
        "tags": ["慢性肝病"],
        "featured": False,
        "published_offset": -24,
        "indicators": [
            {"name": "成人MASLD患病率", "value": "约30", "unit": "%", "note": "文献区间，示例"},
            {"name": "无创诊断设备年增长率", "value": "15–20", "unit": "%", "note": "示例估算"},
        ],
        "body": "<p>竞争格局：进口弹性成像设备占主导，国产设备加速替代；创新药领域国内企业多处于临床阶段。</p>",
    },
    # ------------------------------------------------------------------ 区域差异分析
    {
        "kind": "regional",
        "title": "慢性肝病诊疗资源区域差异分析：京津冀、长三角与中西部（示例）",
        "summary": "不同地区经济水平、肝病专科资源和疾病流行特点不同，企业需制定差异化市场策略。",
        "region": "京津冀 / 长三角 / 中西部",
        "source": "平台市场研究组（示例数据）",
        "tags": ["慢性肝病"],
        "featured": False,
        "published_offset": -9,
        "indicators": [
            {"name": "每百万人口肝病专科医师（京津冀）", "value": "较高", "unit": "", "note": "示例"},
            {"name": "每百万人口肝病专科医师（中西部）", "value": "较低", "unit": "", "note": "示例"},
            {"name": "弹性成像设备县级医院覆盖率（长三角）", "value": "约70", "unit": "%", "note": "示例"},
            {"name": "弹性成像设备县级医院覆盖率（中西部）", "value": "约35", "unit": "%", "note": "示例"},
        ],
        "body": (
            "<h2>主要发现</h2><ul><li>东部地区诊断能力强，创新药与高端设备接受度高；</li>"
            "<li>中西部基层筛查能力不足，便携式无创检测设备需求突出；</li>"
            "<li>部分地区乙肝流行率高于全国平均，抗病毒治疗管理需求大。</li></ul>"
            "<h2>策略建议</h2><p>东部以学术推广和创新支付为主，中西部以基层能力建设和医联体合作为主。</p>"
        ),
    },
    # A draft, so staff see the editor's states (never shown to the public).
    {
        "kind": "news",
        "title": "肝病领域科技成果转化年度观察（草稿，示例）",
        "summary": "年度回顾，编辑中。",
        "source": "平台行业观察",
        "tags": ["慢性肝病"],
        "featured": False,
        "draft": True,
        "body": "<p>编辑中……</p>",
    },
]

FEEDBACK: list[dict] = [
    {
        "author": "holder",
        "category": "service",
        "respondent": "clinician",
        "target": "成果评估服务",
        "body": "评估专家反馈很专业，建议在评估报告中增加与同类技术的对比表，便于向医院科研处汇报。",
        "state": "resolved",
        "note": "已在评估报告模板中增加“同类技术对比”章节，下一期评估起使用。",
    },
    {
        "author": "enterprise",
        "category": "technology",
        "respondent": "enterprise",
        "target": "肝纤维化无创检测设备",
        "body": "基层医院反映设备操作培训时间较长，希望成果持有方提供标准化操作视频。",
        "state": "acknowledged",
        "note": "",
    },
    {
        "author": "enterprise2",
        "category": "product",
        "respondent": "patient",
        "target": "慢性肝病随访管理小程序",
        "body": "患者家属反映提醒功能不够灵活，希望能自定义复查提醒时间。",
        "state": "new",
        "note": "",
    },
]
