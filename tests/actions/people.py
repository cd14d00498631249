"""Registry rows for the tests: fictional people with valid ID numbers, dates around today."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

from actions.registry.demo import cn_id

TODAY = dt.date.today()
CN_PERSON = cn_id("110101", "19480315", "021")
CN_NAME = "周测试"
VN_PERSON = "001048000777"
VN_NAME = "Đỗ Văn Kiểm"


def row(id_number: str, name: str, country: str, **changes: object) -> dict:
    values = {
        "id_number": id_number, "name": name, "country": country,
        "region": "北京市" if country == "CN" else "Hà Nội",
        "scheme": "企业职工基本养老保险" if country == "CN" else "Lương hưu",
        "status": "active", "last_certified": TODAY - dt.timedelta(days=100),
        "next_due": TODAY + dt.timedelta(days=265),
        "monthly_amount": Decimal("3000") if country == "CN" else Decimal("5000000"),
        "phone": None,
    }  # fmt: skip
    return values | changes


def write_csv(path: Path, rows: list[dict]) -> Path:
    columns = list(row(CN_PERSON, CN_NAME, "CN"))
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, columns)
        writer.writeheader()
        for values in rows:
            writer.writerow({k: "" if v is None else v for k, v in values.items()})
    return path
