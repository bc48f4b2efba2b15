"""A realistic sample institute, the same every time: for ``casedu demo``, docs and tests.

>>> data = sample_dataset()
>>> data.institutes[0].code, len(data.people) > 200
('DEMO', True)
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from casedu.model import (
    AnnualSummary,
    Attendance,
    AttendanceStatus,
    BackboneReport,
    Dataset,
    Department,
    ExternalLearning,
    ExternalStatus,
    Implementation,
    Institute,
    OnlineLearning,
    Person,
    PlanKind,
    PlanStatus,
    TrainingPlan,
)

__all__ = ["SAMPLE_INSTITUTE", "large_sample_dataset", "sample_dataset"]

SAMPLE_INSTITUTE = "DEMO"

_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋"
    "蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段"
    "雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰飞鹏辉建国志红林峰宇晨博文"
    "浩然思雨欣怡子涵梓轩佳琪俊杰嘉怡一诺"
)
_DEPARTMENTS = ("综合处", "科研计划处", "人事教育处", "财务资产处", "凝聚态物理研究部",
                "光物理研究部", "理论物理研究部", "技术支撑中心", "图书馆")
_PLANS = (
    ("科研安全培训", "全所职工", "实验室安全、危化品管理、消防演练",
     "提高全员安全意识与应急处置能力"),
    ("新入职职工岗前培训", "新入职职工", "所情所史、规章制度、科研诚信", "帮助新职工尽快融入"),
    ("科研项目管理专题培训", "课题组长及科研秘书", "国家重点研发计划项目管理与经费使用",
     "规范项目过程管理"),
    ("保密知识培训", "涉密岗位人员", "保密法律法规与案例", "增强保密意识"),
    ("英语写作与学术交流研修班", "青年科研人员", "科技论文写作、国际会议报告",
     "提升国际交流能力"),
    ("大型仪器操作技能培训", "技术支撑人员", "电镜、光谱仪操作与维护", "提升仪器使用效率"),
    ("财务报销政策解读", "科研秘书、财务人员", "差旅、劳务与设备采购报销", "减少报销差错"),
    ("领导力提升研修班", "中层管理人员", "团队管理、沟通与决策", "提升管理能力"),
    ("知识产权与成果转化培训", "科研人员", "专利申请、技术许可与转化", "促进成果转化"),
    ("档案管理业务培训", "兼职档案员", "科研档案归档规范", "提升档案工作质量"),
    ("心理健康讲座", "全所职工", "压力管理与情绪调适", "关爱职工身心健康"),
    ("网络安全意识培训", "全所职工", "钓鱼邮件识别、数据保护", "防范网络安全风险"),
    ("高级研修：前沿物理暑期学校", "博士后及青年职工", "拓扑物态、量子计算前沿", "拓宽学术视野"),
    ("实验技术骨干进修班", "实验技术人员", "低温与真空技术系统训练", "培养实验技术骨干"),
)
_LOCATIONS = ("M楼报告厅", "D楼会议室", "怀柔园区学术会堂", "线上（腾讯会议）", "C楼培训教室")
_EXTERNAL = (
    ("学术会议", "中国物理学会秋季学术会议"), ("学术会议", "全国凝聚态物理学术会议"),
    ("进修", "国家重点实验室访问研修"), ("培训班", "中组部专业技术人才知识更新工程高级研修班"),
    ("学术会议", "国际低温物理会议"), ("讲座", "院士系列讲座"), ("进修", "海外访问学者"),
)
_COURSES = (("c101", "习近平新时代中国特色社会主义思想概论"), ("c102", "科研诚信与学术规范"),
            ("c103", "人工智能赋能科学研究"), ("c104", "科技写作入门"),
            ("c105", "实验室安全在线课程"), ("c106", "国家保密法解读"))


def sample_dataset(year: int = 2026, people: int = 320, seed: int = 20261129) -> Dataset:
    """A sample institute 'DEMO' with ``people`` people and a year of training in ``year``."""
    rnd = random.Random(seed)
    code = SAMPLE_INSTITUTE
    institute = Institute(code=code, name="中国科学院示范研究所")
    departments = [Department(id=f"{code}-D{i + 1:02d}", institute=code, name=name)
                   for i, name in enumerate(_DEPARTMENTS)]
    roster = [_person(rnd, code, i, departments, year) for i in range(people)]
    plans = [_plan(rnd, code, i, year, departments) for i in range(len(_PLANS))]
    attendance = _attendance(rnd, plans, roster)
    external = _external(rnd, roster, year)
    online = _online(rnd, roster, year)
    dataset = Dataset(institutes=[institute], departments=departments, people=roster, plans=plans,
                      attendance=attendance, external_learning=external, online_learning=online,
                      summaries=[AnnualSummary(institute=code, year=year,
                                               total_investment=Decimal("386500.00"))])
    return _with_backbone_reports(dataset, year)


_LONG_DEPARTMENTS = (
    "综合管理与战略规划办公室", "科研计划与成果转化管理处（知识产权办公室）",
    "人事教育处（博士后管理办公室）",
    "财务资产与条件保障处", "凝聚态物理与新材料交叉研究部", "先进光源与光物理研究部",
    "理论物理与计算科学研究中心", "大型科研仪器设备共享技术支撑中心", "文献情报与档案中心",
    "极端条件物理实验室（怀柔园区）", "量子信息与量子计算前沿交叉研究中心",
)
_TOPICS = ("科研安全", "危险化学品管理", "大型仪器操作", "科技论文写作", "国家重点研发计划项目管理",
           "科研经费使用与报销", "知识产权与成果转化", "保密与网络安全", "实验室生物安全",
           "青年科研骨干领导力", "国际学术交流与英文报告", "科研数据管理与开放共享")
_FORMS = ("专题培训班", "高级研修班", "业务能力提升培训", "暑期学校", "岗前集中培训",
          "骨干人才进修班")
_SENTENCES = (
    "本期培训共开展专题讲座{n}场、现场教学{m}次，参训人员全程参加，考勤率达到{p}%。",
    "培训结束后组织了闭卷考核，合格率{p}%，其中优秀{n}人，学员对课程安排的满意度为{q}%。",
    "通过系统学习，学员进一步掌握了相关政策法规和操作规程（详见附件《培训手册》第{n}章）。",
    "培训于{d}开班，邀请院内外专家{n}名授课，内容涵盖理论讲授、案例分析和分组研讨。",
    "培训经费实际支出{money}元，低于预算，节余部分按规定退回。",
    "后续将结合学员反馈，于{d}前完成课程体系修订，并将优秀课件上传至中国科学院继续教育网。",
    "学员普遍反映课程“实用、解渴”，建议今后适当增加实操环节和交流时间；联系人电话{phone}。",
)
_PHONES = ("010-{a}{b}", "(010){a}-{b}", "138{a}{b}", "+86 10 {a} {b}", "010-{a}{b}转{c}",
           "0316-{a}{b}")


def large_sample_dataset(year: int = 2026, plans: int = 300, people: int = 800,
                         seed: int = 20261130) -> Dataset:
    """A real-sized year of one institute, to print every report at the size institutes file:
    ``plans`` plans with names of 40 to 60 characters and 培训成效 of 300 to 2,000 characters
    (one plan in a hundred: 2,000),
    ``people`` people, long institute and department names, phone numbers in mixed formats,
    about one plan in seven not implemented.

    >>> data = large_sample_dataset(plans=20, people=50)
    >>> len(data.plans), min(len(p.name) for p in data.plans) >= 40
    (20, True)
    """
    rnd = random.Random(seed)
    code = SAMPLE_INSTITUTE
    institute = Institute(code=code, name="中国科学院示范高能物理与先进材料交叉科学研究所"
                                          "（北京怀柔综合性国家科学中心）")
    departments = [Department(id=f"{code}-D{i + 1:02d}", institute=code, name=name)
                   for i, name in enumerate(_LONG_DEPARTMENTS)]
    roster = [_person(rnd, code, i, departments, year) for i in range(people)]
    plan_list = [_large_plan(rnd, code, i, year, departments) for i in range(plans)]
    dataset = Dataset(institutes=[institute], departments=departments, people=roster,
                      plans=plan_list, attendance=_attendance(rnd, plan_list, roster),
                      external_learning=_external(rnd, roster, year),
                      online_learning=_online(rnd, roster, year),
                      summaries=[AnnualSummary(institute=code, year=year,
                                               total_investment=Decimal("8650000.00"))])
    return _with_backbone_reports(dataset, year)


def _phone(rnd: random.Random) -> str:
    return rnd.choice(_PHONES).format(a=rnd.randint(1000, 9999), b=rnd.randint(1000, 9999),
                                      c=rnd.randint(100, 999))


def _large_plan(rnd: random.Random, code: str, i: int, year: int,
                departments: list[Department]) -> TrainingPlan:
    topic, form = rnd.choice(_TOPICS), rnd.choice(_FORMS)
    name = f"{year}年度{rnd.choice(_LONG_DEPARTMENTS)}{topic}{form}（第{i + 1}期）"
    while len(name) < 40:
        name = name.replace("（第", f"暨{rnd.choice(_TOPICS)}（第", 1)
    name = name[:60]
    start = dt.date(year, 1 + (i * 12) // 301, rnd.randint(1, 28))
    end = start + dt.timedelta(days=rnd.randint(0, 6))
    hours = Decimal(rnd.choice((4, 8, 16, 24, 32, 40, 48, 56)))
    planned = rnd.randint(15, 200)
    expense = Decimal(rnd.randint(0, 200) * 500) + Decimal(rnd.choice(("0", "0.50", "0.75")))
    longest = i % 100 == 7  # three plans of a year of 300 write 2,000 characters of 培训成效
    implemented = rnd.random() > 0.14 or longest
    implementation = None
    effectiveness = None
    if implemented:
        implementation = Implementation(
            attendees=rnd.randint(max(1, planned - 20), planned + 10), staff=rnd.randint(1, 12),
            expense=(expense * Decimal("0.93")).quantize(Decimal("0.01")))
        target = 2000 if longest else rnd.randint(300, 2000)
        parts: list[str] = []
        while sum(map(len, parts)) < target:
            parts.append(rnd.choice(_SENTENCES).format(
                n=rnd.randint(2, 30), m=rnd.randint(1, 9), p=f"{rnd.uniform(85, 100):.1f}",
                q=f"{rnd.uniform(90, 100):.2f}", d=dt.date(year, rnd.randint(1, 12),
                                                            rnd.randint(1, 28)).isoformat(),
                money=f"{rnd.randint(1000, 400000):,}.{rnd.randint(0, 99):02d}",
                phone=_phone(rnd)))
        effectiveness = "".join(parts)[:2000]
    return TrainingPlan(
        id=f"TP{year}{i + 1:04d}", institute=code, department=rnd.choice(departments).id,
        kind=PlanKind.PROJECT, name=name, premium=rnd.random() < 0.2,
        audience=rnd.choice(("全所职工", "科研骨干及课题组长", "新入职职工和博士后",
                             "实验技术人员、科研秘书及相关管理人员")),
        content=f"{topic}相关政策解读、典型案例分析、实操演练与分组研讨",
        objectives=f"提升{topic}能力与水平，规范相关工作流程", start=start, end=end,
        location=rnd.choice(_LOCATIONS), planned_participants=planned, hours=hours,
        expense=expense, contact=rnd.choice(_SURNAMES) + rnd.choice(_GIVEN),
        phone=_phone(rnd), status=PlanStatus.PUBLISHED, implementation=implementation,
        effectiveness=effectiveness)


def _person(rnd: random.Random, code: str, i: int, departments: list[Department],
            year: int) -> Person:
    name = rnd.choice(_SURNAMES) + "".join(rnd.choice(_GIVEN) for _ in range(rnd.choice((1, 2))))
    student = rnd.random() < 0.08
    hire = dt.date(rnd.randint(1990, year - 1), rnd.randint(1, 12), rnd.randint(1, 28))
    if rnd.random() < 0.07:
        hire = dt.date(year, rnd.randint(1, 11), rnd.randint(1, 28))
    return Person(
        id=f"P{i + 1:04d}", institute=code, name=name, department=rnd.choice(departments).id,
        email=f"user{i + 1:04d}@demo.ac.cn" if rnd.random() < 0.85 else None,
        in_service=rnd.random() > 0.04, hours_required=not student,
        hire_date=None if rnd.random() < 0.01 else hire,
        category="学生" if student else "职工",
    )


def _plan(rnd: random.Random, code: str, i: int, year: int,
          departments: list[Department]) -> TrainingPlan:
    name, audience, content, objectives = _PLANS[i]
    start = dt.date(year, 1 + (i * 11) // len(_PLANS), rnd.randint(1, 20))
    long_course = "研修" in name or "进修" in name or "暑期" in name
    days = rnd.randint(5, 12) if long_course else rnd.randint(0, 2)
    end = start + dt.timedelta(days=days)
    hours = Decimal(rnd.choice((48, 56, 64, 80))) if long_course else Decimal(rnd.choice(
        (2, 3, 4, 8, 16, 24, 32)))
    planned = rnd.choice((15, 20, 25)) if long_course else rnd.choice((30, 40, 60, 80, 120))
    expense = Decimal(rnd.randint(0, 60) * 1000 + rnd.choice((0, 500)))
    implemented = i < len(_PLANS) - 3
    implementation = None
    if implemented:
        implementation = Implementation(
            attendees=max(1, planned - rnd.randint(-5, 10)), staff=rnd.randint(2, 8),
            expense=(expense * Decimal("0.95")).quantize(Decimal("0.01")),
            end=end + dt.timedelta(days=rnd.choice((0, 0, 1))),
        )
    return TrainingPlan(
        id=f"TP{year}{i + 1:03d}", institute=code, department=rnd.choice(departments).id,
        kind=PlanKind.PROJECT, name=name, premium=long_course and rnd.random() < 0.6,
        audience=audience, content=content, objectives=objectives, start=start, end=end,
        location=rnd.choice(_LOCATIONS), planned_participants=planned, hours=hours,
        expense=expense, contact=rnd.choice(_SURNAMES) + rnd.choice(_GIVEN),
        phone=f"010-8264{rnd.randint(1000, 9999)}", status=PlanStatus.PUBLISHED,
        implementation=implementation,
        effectiveness="培训结束后考核合格率 100%，学员满意度高。" if implemented else None,
    )


def _attendance(rnd: random.Random, plans: list[TrainingPlan],
                roster: list[Person]) -> list[Attendance]:
    records = []
    for plan in plans:
        size = min(len(roster), plan.planned_participants)
        for person in rnd.sample(roster, size):
            confirmed = plan.implemented and rnd.random() < 0.92
            records.append(Attendance(plan=plan.id, person=person.id,
                                      status=AttendanceStatus.CONFIRMED if confirmed
                                      else AttendanceStatus.ADDED))
    return records


def _external(rnd: random.Random, roster: list[Person], year: int) -> list[ExternalLearning]:
    records: list[ExternalLearning] = []
    for person in roster:
        for _ in range(rnd.choice((0, 0, 0, 1, 1, 2))):
            category, title = rnd.choice(_EXTERNAL)
            start = dt.date(year, rnd.randint(1, 12), rnd.randint(1, 25))
            long_one = category == "进修" and rnd.random() < 0.5
            hours = Decimal(rnd.choice((42, 48, 60, 72, 96))) if long_one else Decimal(
                rnd.choice((4, 8, 12, 16, 24)))
            status = rnd.choices(list(ExternalStatus), weights=(1, 12, 1))[0]
            records.append(ExternalLearning(
                id=f"EL{len(records) + 1:05d}", person=person.id, category=category,
                title=title, start=start, end=start + dt.timedelta(days=rnd.randint(0, 6)),
                hours=hours, status=status,
            ))
    return records


def _online(rnd: random.Random, roster: list[Person], year: int) -> list[OnlineLearning]:
    records: list[OnlineLearning] = []
    for person in roster:
        for course, title in rnd.sample(_COURSES, rnd.randint(0, 6)):
            for _ in range(rnd.randint(2, 6)):
                records.append(OnlineLearning(
                    person=person.id, course=course, title=title,
                    date=dt.date(year, rnd.randint(1, 12), rnd.randint(1, 28)),
                    hours=Decimal(rnd.choice(("1", "1.5", "2", "2.5", "3", "4", "6"))),
                ))
    return records


def _with_backbone_reports(dataset: Dataset, year: int) -> Dataset:
    from casedu.metrics import screen_backbone

    screen = screen_backbone(dataset, SAMPLE_INSTITUTE, year)
    chosen = screen.eligible[:10]
    reports = [BackboneReport(institute=SAMPLE_INSTITUTE, year=year, person=c.person.id,
                              reported_on=dt.date(year, 12, 10)) for c in chosen]
    return Dataset(
        institutes=dataset.institutes, departments=dataset.departments, people=dataset.people,
        plans=dataset.plans, attendance=dataset.attendance,
        external_learning=dataset.external_learning, online_learning=dataset.online_learning,
        backbone_reports=reports, summaries=dataset.summaries,
    )
