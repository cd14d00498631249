"""How long the family has to report a death, by country and, where a local rule is known, by
region (FACTS.md §2). Where no local rule is known the national one applies; the answers say
that local rules may be shorter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class ReportingDeadline:
    days: int
    working_days: bool
    rule_zh: str = ""
    rule_vi: str = ""

    def due(self, date_of_death: dt.date) -> dt.date:
        """The last day to report; working days skip weekends (public holidays not counted)."""
        if not self.working_days:
            return date_of_death + dt.timedelta(days=self.days)
        day, left = date_of_death, self.days
        while left:
            day += dt.timedelta(days=1)
            if day.weekday() < 5:
                left -= 1
        return day


# CN: 《社会保险经办条例》 (in force 1 Dec 2023): the employer, the beneficiary or relatives tell
# the agency within 20 working days (FACTS §2.1, P11).
CN_NATIONAL = ReportingDeadline(
    20, True, rule_zh="《社会保险经办条例》规定的20个工作日",
    rule_vi="20 ngày làm việc theo quy định của Trung Quốc",
)  # fmt: skip
# VN: Luật BHXH 2014 Điều 112: relatives of a pensioner submit the dossier within 90 days
# (FACTS §2.2, V4; the 2024 law's deadline is not confirmed, §9 item 6).
VN_NATIONAL = ReportingDeadline(
    90, False, rule_zh="越南2014年《社会保险法》规定的90天", rule_vi="90 ngày theo Luật BHXH 2014"
)
# Local rules by a word of the registry's region. Weihai: 7 working days for recipients who
# lived in the city (《威海市社会保险长期待遇领取资格认证办法》 Art. 9, FACTS §2.1, S1).
LOCAL = {
    ("CN", "威海"): ReportingDeadline(
        7, True, rule_zh="威海市规定的7个工作日", rule_vi="7 ngày làm việc theo quy định của Uy Hải"
    ),
}


def deadline_for(country: str, region: str) -> ReportingDeadline:
    for (rule_country, place), deadline in LOCAL.items():
        if rule_country == country and place in (region or ""):
            return deadline
    return VN_NATIONAL if country == "VN" else CN_NATIONAL
