"""What every report of one institute and year is built from, computed once."""

from __future__ import annotations

import hashlib
from functools import cached_property

import attrs

from casedu.__version__ import __version__
from casedu.errors import expect
from casedu.metrics import YearHours, year_hours
from casedu.metrics.arguments import institute_year
from casedu.model import Dataset, Institute
from casedu.policy import DEFAULT_POLICY, Policy, YearBasis
from casedu.quantities import decimal_text, hours_text, percent_text

__all__ = ["ReportContext", "dataset_fingerprint"]


def dataset_fingerprint(dataset: Dataset, hours: YearHours | None = None) -> str:
    """A short fingerprint of the data, printed in every footer so two printed copies made from
    different data can be told apart. Equal datasets have equal fingerprints; with ``hours``
    (the year's sums a report was built from instead of the learning records), equal
    datasets and equal sums."""
    expect("dataset", dataset, Dataset, what="a casedu Dataset")
    from casedu.dataset import dataset_to_json

    digest = hashlib.sha256(dataset_to_json(dataset).encode("utf-8"))
    if hours is not None:
        expect("hours", hours, YearHours, what="the year's hours (casedu.year_hours)")
        digest.update(_hours_text(hours).encode("utf-8"))
    return digest.hexdigest()[:12]


def _hours_text(hours: YearHours) -> str:
    """The year's sums as text: each person's hours by source, the longest single training and
    those over the backbone threshold (what a store's sums hold, whatever the engine)."""
    lines = [f"\nhours {hours.year}"]
    threshold = hours.policy.backbone_single_hours
    for person in sorted(hours.by_person):
        year = hours.by_person[person]
        singles = ";".join(f"{s.source.value} {s.key} {hours_text(s.hours)}"
                           for s in year.singles_over(threshold))
        figures = (year.class_hours, year.external_hours, year.online_hours,
                   year.max_single_hours)
        lines.append("\t".join((person, *map(hours_text, figures), singles)))
    return "\n".join(lines)


@attrs.define
class ReportContext:
    """A dataset, an institute, a year and a policy; the year's hours and the data's fingerprint
    are computed on first use and shared by every report built from the context."""

    dataset: Dataset
    institute_code: str
    year: int
    policy: Policy = DEFAULT_POLICY
    fingerprint_override: str | None = None
    #: The year's hours when they are already summed (a workspace's SQL sums, or one sum
    #: shared by the reports of many institutes).
    hours_override: YearHours | None = None
    #: One department of the institute, for the staff overview of a department admin.
    department: str | None = None

    def __attrs_post_init__(self) -> None:
        # a year as text, or an unknown institute, fails here, named
        institute_year(self.dataset, self.institute_code, self.year)

    @property
    def institute(self) -> Institute:
        """The institute of the reports."""
        return self.dataset.institute(self.institute_code)

    @cached_property
    def hours(self) -> YearHours:
        """Everybody's hours of the year."""
        if self.hours_override is not None:
            return self.hours_override
        return year_hours(self.dataset, self.year, policy=self.policy)

    @cached_property
    def fingerprint(self) -> str:
        """The data's fingerprint (see :func:`dataset_fingerprint`)."""
        return self.fingerprint_override or dataset_fingerprint(self.dataset,
                                                                self.hours_override)

    @property
    def footer(self) -> str:
        """The footer line: the rule set and the data's fingerprint."""
        p = self.policy
        basis = "开始日期" if p.year_basis is YearBasis.START else "结束日期"
        rules = (
            f"完成{decimal_text(p.required_hours)}学时; 骨干≥{decimal_text(p.backbone_total_hours)}"
            f"学时且单次>{decimal_text(p.backbone_single_hours)}学时; "
            f"骨干比例{percent_text(p.backbone_quota, 0)}; 按{basis}计年度"
        )
        return f"casedu {__version__} · 规则: {rules} · 数据指纹 {self.fingerprint}"
