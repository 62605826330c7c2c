"""Context builders for the tests (dotted paths are stored on ReportRecord)."""

from platform_core.reports.sample import sample_context


def sample(subject):
    return sample_context(subject)


def broken(subject):
    raise RuntimeError("数据缺失：评分表未提交")


def external(subject):
    return {"title": "外部资源测试", "name": str(subject)}
