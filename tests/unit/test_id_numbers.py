import datetime as dt

import pytest

from actions.id_numbers import CN, VN, InvalidId, cn_check_char, country_of, parse

# GB 11643's own example number, and one ending in X.
CN_ID = "11010519491231002X"
CN_ID_DIGIT = "440524188001010014"
VN_ID = "001052000101"


def test_check_character_follows_iso_7064() -> None:
    assert cn_check_char(CN_ID[:17]) == "X"
    assert cn_check_char(CN_ID_DIGIT[:17]) == "4"


@pytest.mark.parametrize(
    "text",
    [
        CN_ID,
        "110105 1949 1231 002x",
        "110105-19491231-002X",
        "１１０１０５１９４９１２３１００２Ｘ",  # full-width, as Chinese keyboards type it
        "11010519491231002*#",  # keypad: * for X, # ends the entry
        "幺幺零幺零五幺九四九幺二三幺零零二X",  # said digit by digit
        "我今年75岁，身份证是110105194912310 02X",
    ],
)
def test_chinese_id_is_read_however_it_is_written(text: str) -> None:
    parsed = parse(text, CN)
    assert parsed.number == CN_ID
    assert parsed.birth_date == dt.date(1949, 12, 31)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "no_digits"),
        ("我不知道", "no_digits"),
        ("11010519491231002", "cn_length"),
        ("110105194912310021", "cn_check_digit"),
        ("990105194912310025", "cn_region"),
        ("110105194913310021", "cn_birth_date"),
    ],
)
def test_chinese_id_errors_say_what_is_wrong(text: str, code: str) -> None:
    with pytest.raises(InvalidId) as error:
        parse(text, CN)
    assert error.value.code == code


def test_length_error_gives_the_length() -> None:
    with pytest.raises(InvalidId) as error:
        parse("1101051949123100", CN)
    assert error.value.details == {"length": 16}


@pytest.mark.parametrize(
    "text",
    [VN_ID, "001 052 000 101", "không không một không năm hai không không không một không một"],
)
def test_vietnamese_cccd_is_read(text: str) -> None:
    parsed = parse(text, VN)
    assert parsed.number == VN_ID
    assert parsed.birth_date == dt.date(1952, 1, 1) and parsed.birth_year_only


def test_cccd_century_digit_gives_the_birth_year() -> None:
    assert parse("079300000404", VN).birth_date.year == 2000  # 3: a woman born in the 2000s


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("123456789", "vn_old_cmnd"),
        ("00105200010", "vn_length"),
        ("999052000101", "vn_province"),
        ("003052000101", "vn_province"),  # 003 was never a province code
        ("001999000101", "vn_birth_year"),  # born in 2099
    ],
)
def test_vietnamese_cccd_errors_say_what_is_wrong(text: str, code: str) -> None:
    with pytest.raises(InvalidId) as error:
        parse(text, VN)
    assert error.value.code == code


def test_country_of_a_valid_number() -> None:
    assert country_of(CN_ID) == CN
    assert country_of(VN_ID) == VN
    assert country_of("12345") is None
