"""The call loop, driven by a scripted caller with stub recognition, synthesis and assistant."""

from __future__ import annotations

import asyncio
import dataclasses
import logging

import pytest

from tests.voice.fakes import (
    ScriptedTransport,
    StubAssistant,
    StubRecognizer,
    StubSynthesizer,
    handoff,
    keyed,
    spoken,
)
from voice import prompts
from voice.call import CallConfig, CallLoop, HangUp
from voice.endpointing import EndpointConfig
from voice.records import CallRecord

# Short timeouts: the scripted line delivers its silence as fast as the loop takes it.
CONFIG = CallConfig(
    endpointing=EndpointConfig(no_speech_ms=1000),
    keypad_timeout_ms=600,
    transfer_target="sip:agents@pbx.example",
)


def run_call(
    transport: ScriptedTransport,
    recognizer: StubRecognizer | None = None,
    assistant: StubAssistant | None = None,
    config: CallConfig = CONFIG,
) -> tuple[CallRecord, StubSynthesizer, list[CallRecord]]:
    synthesizer = StubSynthesizer()
    saved: list[CallRecord] = []

    async def save(record: CallRecord) -> None:
        saved.append(record)

    async def main() -> CallRecord:
        loop = CallLoop(
            transport,
            recognizer or StubRecognizer(),
            synthesizer,
            assistant or StubAssistant(),
            config,
            save,
        )
        record = await asyncio.wait_for(loop.run(), 10)
        # Nothing of the call is left running once it has ended.
        others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        assert not others
        return record

    return asyncio.run(main()), synthesizer, saved


def said(synthesizer: StubSynthesizer) -> list[str]:
    return [text for text, _ in synthesizer.spoken]


def test_key_1_chooses_chinese_and_the_turn_is_answered_in_it() -> None:
    assistant = StubAssistant()
    transport = ScriptedTransport(keyed("1"), spoken(), [HangUp()])
    record, synthesizer, saved = run_call(transport, StubRecognizer("我的认证状态"), assistant)
    assert said(synthesizer)[:2] == [text for _, text in prompts.GREETING]
    assert prompts.WELCOME["zh"] in said(synthesizer)
    assert assistant.calls == [("call-1", "我的认证状态", "zh")]
    assert ("answer to 我的认证状态", "zh") in synthesizer.spoken
    assert record.language == "zh"
    assert record.outcome == "caller_hung_up"
    assert len(record.latencies_ms) == 1
    assert saved == [record]
    assert record.ended_at is not None


def test_key_2_chooses_vietnamese_and_forces_the_recognizer_language() -> None:
    recognizer = StubRecognizer("kiểm tra lương hưu")
    assistant = StubAssistant()
    transport = ScriptedTransport(keyed("2"), spoken(), [HangUp()])
    record, synthesizer, _ = run_call(transport, recognizer, assistant)
    assert recognizer.calls == ["vi"]
    assert assistant.calls[0][2] == "vi"
    assert (prompts.WELCOME["vi"], "vi") in synthesizer.spoken
    assert record.language == "vi"


def test_speaking_at_the_menu_takes_the_language_from_the_speech() -> None:
    recognizer = StubRecognizer("bố tôi mất rồi, báo giảm thế nào")
    assistant = StubAssistant()
    transport = ScriptedTransport(spoken(), [HangUp()])
    record, _, _ = run_call(transport, recognizer, assistant)
    assert recognizer.calls == [None]  # no language forced before it is known
    assert record.language == "vi"
    # What was said at the menu is answered, not lost.
    assert assistant.calls == [("call-1", "bố tôi mất rồi, báo giảm thế nào", "vi")]


def test_speech_in_no_supported_language_replays_the_menu() -> None:
    recognizer = StubRecognizer("こんにちは", "我想问养老金")
    transport = ScriptedTransport(spoken(), spoken(), [HangUp()])
    record, synthesizer, _ = run_call(transport, recognizer)
    assert said(synthesizer).count(prompts.GREETING[0][1]) == 2
    assert record.language == "zh"


def test_a_keypad_id_ending_with_hash_is_read_back_and_sent_with_x_for_star() -> None:
    assistant = StubAssistant()
    transport = ScriptedTransport(keyed("1"), keyed("11010519491231002*#"), [HangUp()])
    record, synthesizer, _ = run_call(transport, assistant=assistant)
    assert assistant.calls == [("call-1", "11010519491231002X", "zh")]
    echo = prompts.KEYED["zh"].format(prompts.spell("11010519491231002X"))
    assert said(synthesizer).index(echo) < said(synthesizer).index("answer to 11010519491231002X")
    caller = [line for line in record.lines if line.who == "caller"]
    assert [line.via for line in caller] == ["keypad"]
    assert "11010519491231002X" not in str(record.lines)  # masked, in both directions
    assert caller[0].text == "1101**********002X"


def test_a_keypad_entry_without_hash_is_taken_after_a_pause() -> None:
    assistant = StubAssistant()
    transport = ScriptedTransport(keyed("1"), keyed("20240315"), [HangUp()])
    run_call(transport, assistant=assistant)
    assert assistant.calls == [("call-1", "20240315", "zh")]


def test_0_at_the_menu_transfers_to_a_person() -> None:
    transport = ScriptedTransport(keyed("0"))
    record, synthesizer, _ = run_call(transport)
    assert transport.transferred_to == "sip:agents@pbx.example"
    assert record.outcome == "transferred"
    assert said(synthesizer)[-2:] == [text for _, text in prompts.TRANSFER_BILINGUAL]


def test_0_alone_during_the_call_transfers_and_without_sip_the_call_ends_noted() -> None:
    transport = ScriptedTransport(keyed("2"), keyed("0#"))
    transport.can_transfer = False  # AudioSocket: media only
    record, synthesizer, _ = run_call(transport)
    assert said(synthesizer)[-1] == prompts.TRANSFER["vi"]
    assert record.outcome == "transfer_requested"
    assert record.transfer_target == "sip:agents@pbx.example"
    assert transport.hung_up


def test_an_id_starting_with_0_is_not_a_transfer() -> None:
    assistant = StubAssistant()
    transport = ScriptedTransport(keyed("2"), keyed("001089012345#"), [HangUp()])
    record, _, _ = run_call(transport, assistant=assistant)
    assert assistant.calls == [("call-1", "001089012345", "vi")]
    assert record.outcome == "caller_hung_up"


def test_asking_the_assistant_for_a_person_transfers() -> None:
    transport = ScriptedTransport(keyed("1"), spoken())
    record, synthesizer, _ = run_call(
        transport, StubRecognizer("我要转人工"), StubAssistant(handoff)
    )
    assert record.outcome == "transferred"
    assert "请拨打12333" not in said(synthesizer)  # the caller is put through instead
    assert said(synthesizer)[-1] == prompts.TRANSFER["zh"]


def test_silence_gets_two_reprompts_then_a_polite_goodbye() -> None:
    transport = ScriptedTransport(keyed("1"))
    record, synthesizer, _ = run_call(transport)
    assert said(synthesizer).count(prompts.REPROMPT["zh"]) == 2
    assert said(synthesizer)[-1] == prompts.GOODBYE["zh"]
    assert record.outcome == "silence"
    assert transport.hung_up


def test_silence_at_the_menu_repeats_it_twice_then_says_goodbye_in_both_languages() -> None:
    transport = ScriptedTransport()
    record, synthesizer, _ = run_call(transport)
    assert said(synthesizer).count(prompts.GREETING[1][1]) == 3
    assert said(synthesizer)[-2:] == [text for _, text in prompts.GOODBYE_BILINGUAL]
    assert record.outcome == "silence"
    assert record.language is None


def test_speech_that_is_not_understood_asks_again() -> None:
    transport = ScriptedTransport(keyed("1"), spoken(), spoken(), [HangUp()])
    assistant = StubAssistant()
    _, synthesizer, _ = run_call(transport, StubRecognizer("", "你好"), assistant)
    assert prompts.NOT_UNDERSTOOD["zh"] in said(synthesizer)
    assert assistant.calls == [("call-1", "你好", "zh")]


def test_a_hangup_while_the_assistant_thinks_ends_the_call_cleanly(
    caplog: pytest.LogCaptureFixture,
) -> None:
    assistant = StubAssistant()
    assistant.block = True
    transport = ScriptedTransport(keyed("1"), [*spoken(), assistant.entered, HangUp()])
    with caplog.at_level(logging.WARNING):
        record, _, saved = run_call(transport, StubRecognizer("你好"), assistant)
    assert assistant.calls  # the turn had started
    assert record.outcome == "caller_hung_up"
    assert saved == [record]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_hangup_during_the_greeting_ends_the_call() -> None:
    transport = ScriptedTransport([HangUp()])
    record, _, saved = run_call(transport)
    assert record.outcome == "caller_hung_up"
    assert saved == [record]


def test_the_record_masks_id_and_phone_numbers_the_caller_says() -> None:
    recognizer = StubRecognizer(
        "我的身份证号是 1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2 X，电话13812345678"
    )
    transport = ScriptedTransport(keyed("1"), spoken(), [HangUp()])
    record, _, _ = run_call(transport, recognizer)
    text = " ".join(line.text for line in record.lines)
    assert "13812345678" not in text
    assert "1 1 0 1 0 5 1 9" not in text
    assert "1101**********002X" in text
    assert "138******78" in text


class LongGreetingTransport(ScriptedTransport):
    """The greeting would play forever: the caller keys 1 in the middle of it."""

    async def play(self, pcm: bytes) -> None:
        if not self.played:
            self.played.append(pcm)
            self.pending.extend(keyed("1"))
            await asyncio.Event().wait()
        await super().play(pcm)


def test_a_key_pressed_during_the_greeting_cuts_it_short() -> None:
    transport = LongGreetingTransport([HangUp()])
    record, synthesizer, _ = run_call(transport)
    assert record.language == "zh"
    assert prompts.WELCOME["zh"] in said(synthesizer)


class KeyBeforeGreetingTransport(ScriptedTransport):
    """The caller keys 2 at once, before the greeting has been synthesized; the greeting would
    play forever."""

    def __init__(self, *steps: list) -> None:
        super().__init__(*steps)
        self.pending.extend(keyed("2"))

    async def play(self, pcm: bytes) -> None:
        if not self.played:
            self.played.append(pcm)
            await asyncio.Event().wait()
        await super().play(pcm)


def test_a_key_pressed_before_the_greeting_plays_skips_it() -> None:
    transport = KeyBeforeGreetingTransport([HangUp()])
    record, synthesizer, _ = run_call(transport)
    assert record.language == "vi"
    assert prompts.WELCOME["vi"] in said(synthesizer)


def test_gateway_settings_become_the_call_config() -> None:
    from bot.settings import VoiceSettings
    from voice.gateway import call_config

    settings = VoiceSettings.from_env(
        {"HOTLINE_VOICE_END_SILENCE_MS": "500", "HOTLINE_VOICE_TRANSFER_URI": "sip:a@b"}
    )
    assert settings.audiosocket_port == 9019
    assert settings.rasa_url == "http://127.0.0.1:5005/webhooks/voice/webhook"
    config = call_config(settings)
    assert config.endpointing.end_silence_ms == 500
    assert config.endpointing.no_speech_ms == 7000
    assert config.transfer_target == "sip:a@b"
    assert config.reprompts == 2


class DeadLineTransport(ScriptedTransport):
    """A line that goes quiet: no frame at all after the greeting."""

    async def next_event(self):
        if self.played:
            await asyncio.Event().wait()
        return await super().next_event()


def test_a_line_with_no_frames_at_all_ends_the_call_as_idle(
    caplog: pytest.LogCaptureFixture,
) -> None:
    config = dataclasses.replace(CONFIG, idle_timeout_s=0.3)
    record, _, saved = run_call(DeadLineTransport(), config=config)
    assert record.outcome == "caller_hung_up" and saved
    assert "no audio for a while" in caplog.text
