"""Clearly fictional people for a registry that is still empty, so that `make run` can show the
status check and the death report at once. Their dates are relative to today, so the demo shows
every status (certified, due soon, suspended, terminated) whenever it runs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy.engine import Engine

from actions import registry
from actions.id_numbers import cn_check_char


def load_if_empty(engine: Engine) -> int:
    """Load the demo people when the registry is empty; how many were loaded."""
    if registry.count(engine):
        return 0
    return sum(registry.upsert(engine, people()))


def cn_id(area: str, birth: str, sequence: str) -> str:
    return area + birth + sequence + cn_check_char(area + birth + sequence)


def people(today: dt.date | None = None) -> list[dict]:
    today = today or dt.date.today()

    def days(n: int) -> dt.date:
        return today + dt.timedelta(days=n)

    def person(id_number, name, country, region, scheme, status, last, due, amount) -> dict:
        return {
            "id_number": id_number, "name": name, "country": country, "region": region,
            "scheme": scheme, "status": status, "last_certified": last, "next_due": due,
            "monthly_amount": Decimal(amount), "phone": None,
        }  # fmt: skip

    enterprise, resident = "企业职工基本养老保险", "城乡居民基本养老保险"
    return [
        person(cn_id("110101", "19500101", "001"), "张演示", "CN", "北京市", enterprise,
               "active", days(-150), days(215), "3200.00"),
        person(cn_id("371002", "19480315", "002"), "李示例", "CN", "山东省威海市", resident,
               "active", days(-345), days(20), "180.00"),
        person(cn_id("440304", "19451120", "003"), "王样本", "CN", "广东省深圳市", enterprise,
               "suspended", days(-430), days(-65), "4100.00"),
        person(cn_id("310104", "19400607", "004"), "赵测试", "CN", "上海市", enterprise,
               "terminated", days(-700), None, "0"),
        person("001052000101", "Nguyễn Văn Mẫu", "VN", "Hà Nội", "Lương hưu",
               "active", days(-120), days(245), "6500000"),
        person("038150000202", "Trần Thị Thử", "VN", "Thanh Hóa", "Lương hưu",
               "active", days(-350), days(15), "4200000"),
        person("031048000303", "Lê Văn Minh Họa", "VN", "Hải Phòng", "Trợ cấp tuất",
               "suspended", days(-420), days(-55), "2340000"),
        person("079145000404", "Phạm Thị Ví Dụ", "VN", "TP Hồ Chí Minh", "Lương hưu",
               "terminated", days(-800), None, "0"),
    ]  # fmt: skip
