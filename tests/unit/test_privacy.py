import io
import logging

from bot.privacy import install_log_redaction, mask_id, mask_phone, redact

CN_ID = "371022195003054174"


def test_ids_are_masked_as_the_agency_shows_them() -> None:
    assert mask_id(CN_ID) == "3710**********4174"
    assert mask_id("001052000101") == "0010****0101"
    assert mask_phone("13812345678") == "138******78"


def test_redact_masks_numbers_however_they_are_grouped() -> None:
    text = f"id {CN_ID}, spaced 3710 2219 5003 0541 74, phone 138-1234-5678, cccd 001052000101"
    redacted = redact(text)
    assert "3710**********4174" in redacted
    assert "138******78" in redacted and "0010****0101" in redacted
    assert not any(run in redacted for run in ("19500305", "2219 5003", "1234", "052000"))


def test_redact_keeps_what_is_not_personal() -> None:
    text = "turn took 1520 ms; 12333 and 1900 9068; 2026-11-24 10:00:01; case DR-20261124-4821"
    assert redact(text) == text


def test_personal_slot_values_are_hidden_in_rasa_event_logs() -> None:
    text = (
        "SlotSet(key: person_name, value: 王秀英), SlotSet(key: topic, value: death), "
        "{'reporter_name': 'Nguyễn Văn An', 'language': 'vi'}"
    )
    redacted = redact(text)
    assert "王秀英" not in redacted and "Nguyễn" not in redacted
    assert "value: death" in redacted and "'language': 'vi'" in redacted


def test_every_log_record_is_redacted_whatever_its_handler() -> None:
    install_log_redaction()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("test.privacy")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        logger.info("lookup of %s by %s", CN_ID, "13812345678")
    finally:
        logger.removeHandler(handler)
    assert stream.getvalue() == "lookup of 3710**********4174 by 138******78\n"
