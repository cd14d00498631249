from decimal import Decimal

import pytest

from actions.amounts import parse_amount


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("5万元", 50_000), ("五千块", 5_000), ("转了3000元", 3_000), ("一万二", 12_000),
        ("三千五", 3_500), ("两万块", 20_000), ("20 triệu", 20_000_000), ("20tr", 20_000_000),
        ("500k", 500_000), ("1.500.000đ", 1_500_000), ("1,5 triệu", 1_500_000),
        ("没有损失", 0), ("chưa mất tiền", 0),
    ],
)  # fmt: skip
def test_sums_as_callers_say_them(text: str, amount: int) -> None:
    assert parse_amount(text) == Decimal(amount)


def test_no_sum_is_none() -> None:
    assert parse_amount("不知道") is None
