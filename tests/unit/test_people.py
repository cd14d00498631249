import pytest

from actions.id_numbers import CN, VN
from actions.people import (
    InvalidPhone,
    extract_name,
    extract_relation,
    parse_phone,
    same_name,
)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("王秀英", "王秀英"),
        ("我叫王秀英。", "王秀英"),
        ("他叫張建國", "张建国"),  # traditional characters are compared as simplified
        ("阿依古丽·买买提", "阿依古丽·买买提"),
        ("Nguyễn Văn An", "Nguyễn Văn An"),
        ("tên là nguyen van an", "Nguyen Van An"),
        ("toi la Tran Thi Bich", "Tran Thi Bich"),
    ],
)
def test_names_are_taken_from_what_people_say(text: str, name: str) -> None:
    assert extract_name(text) == name


@pytest.mark.parametrize("text", ["我父亲去世了要带什么材料", "13812345678", "a", ""])
def test_text_that_is_not_a_name_is_refused(text: str) -> None:
    assert extract_name(text) is None


def test_names_match_across_scripts_diacritics_and_spacing() -> None:
    assert same_name("nguyen van an", "Nguyễn Văn An")
    assert same_name("張建國", "张建国")
    assert same_name("王 秀英", "王秀英")
    assert not same_name("张建", "张建国")
    assert not same_name("Nguyễn Văn Anh", "Nguyễn Văn An")


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("我是他儿子", "child"),
        ("老伴", "spouse"),
        ("我是他女婿", "in_law"),
        ("邻居", "neighbour"),
        ("tôi là con trai", "child"),
        ("con gái ông ấy", "child"),
        ("vợ", "spouse"),
        ("cháu nội", "grandchild"),
        ("hàng xóm", "neighbour"),
        ("công an", None),  # "con" inside another word is not "con"
    ],
)
def test_relations(text: str, relation: str | None) -> None:
    assert extract_relation(text) == relation


@pytest.mark.parametrize(
    ("text", "country", "phone"),
    [
        ("13812345678", CN, "13812345678"),
        ("+86 138 1234 5678", CN, "13812345678"),
        ("0631-5192345", CN, "06315192345"),
        ("0912 345 678", VN, "0912345678"),
        ("+84912345678", VN, "0912345678"),
        ("024 3824 1234", VN, "02438241234"),
    ],
)
def test_phone_numbers(text: str, country: str, phone: str) -> None:
    assert parse_phone(text, country) == phone


@pytest.mark.parametrize(
    ("text", "country"), [("12345", VN), ("23812345678", CN), ("không nhớ", VN), ("0912345678", CN)]
)
def test_wrong_phone_numbers_are_refused(text: str, country: str) -> None:
    with pytest.raises(InvalidPhone):
        parse_phone(text, country)
