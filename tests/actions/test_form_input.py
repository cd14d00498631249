"""What a message means inside a form besides the value asked for."""

import pytest

from actions.form_input import (
    aside_response,
    is_small_talk,
    leaving_response,
    named_field,
    yes_or_no,
)
from tests.actions.conftest import tracker


def said(text: str, intent: str = "inform", confidence: float = 0.5):
    state = tracker(intent, [(intent, confidence)])
    state.latest_message["text"] = text
    return state


@pytest.mark.parametrize("text", ["取消", "算了不报了", "hủy", "thôi", "不用了", "dừng lại đi"])
def test_the_caller_can_always_stop(text: str) -> None:
    assert leaving_response(said(text)) == "utter_form_cancelled"


@pytest.mark.parametrize(
    "text", ["huyện Gia Lâm", "2 tiếng trước thôi", "Nguyễn Thị Huy", "不用登记表吗"]
)
def test_answers_that_merely_contain_a_stop_word_do_not_stop(text: str) -> None:
    assert leaving_response(said(text)) is None


def test_asking_for_a_person_or_saying_goodbye_leaves_with_their_answer() -> None:
    assert leaving_response(said("转人工", "request_human", 0.95)) == "utter_human_handoff"
    assert leaving_response(said("再见", "goodbye", 0.95)) == "utter_goodbye"


@pytest.mark.parametrize(
    ("text", "answer"),
    [("对", True), ("对的，没错！", True), ("dạ đúng rồi ạ", True), ("ok em", True),
     ("不对", False), ("sai rồi", False), ("13812345678", None)],
)  # fmt: skip
def test_yes_and_no(text: str, answer) -> None:
    assert yes_or_no(said(text)) is answer


def test_a_correction_names_its_field() -> None:
    fields = (("phone", ("电话", "dien thoai")), ("name", ("名字", "ten")))
    assert named_field("电话号码错了", fields) == "phone"
    assert named_field("sửa tên giúp tôi", fields) == "name"
    assert named_field("tentative", fields) is None  # "ten" only as a word


def test_a_short_name_taken_for_a_yes_is_still_a_name() -> None:
    assert not is_small_talk(said("王五", "affirm", 0.93))
    assert is_small_talk(said("好的", "affirm", 0.93))
    assert is_small_talk(said("dạ vâng", "affirm", 0.9))
    assert is_small_talk(said("谢谢", "thank", 0.95))


def test_a_question_between_two_topics_is_still_answered_on_the_way() -> None:
    state = tracker("cert_online_face", [("cert_online_face", 0.67), ("cert_face_failed", 0.31)])
    assert aside_response(state) == "utter_cert_online_face"
    state = tracker("cert_online_face", [("cert_online_face", 0.5), ("inform", 0.45)])
    assert aside_response(state) is None
