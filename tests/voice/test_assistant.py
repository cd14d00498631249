"""The assistant over the voice channel: replies, hand-off, and an apology when Rasa fails."""

from __future__ import annotations

import asyncio

from aiohttp import web

from voice import prompts
from voice.assistant import RasaAssistant, replies_of
from voice.call import wants_person


def test_replies_are_the_texts_without_links_and_buttons_are_spoken() -> None:
    replies = replies_of(
        [
            {"recipient_id": "c", "text": "请访问 https://si.12333.gov.cn 查询。"},
            {
                "recipient_id": "c",
                "text": "要报告吗？",
                "buttons": [{"title": "是", "payload": "/affirm"}],
            },
            {"recipient_id": "c", "image": "https://x/y.png"},
        ]
    )
    assert list(replies) == ["请访问 查询。", "要报告吗？", "是"]
    assert not wants_person(replies)


def test_the_hand_off_response_asks_for_a_transfer() -> None:
    replies = replies_of([{"text": "请拨打12333", "utter_action": "utter_human_handoff"}])
    assert wants_person(replies)


async def answer_with(handler, body: dict) -> list[str]:
    app = web.Application()
    app.router.add_post("/webhooks/voice/webhook", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    assistant = RasaAssistant(f"http://127.0.0.1:{port}/webhooks/voice/webhook", timeout_s=0.5)
    try:
        return await assistant.reply(**body)
    finally:
        await assistant.close()
        await runner.cleanup()


def test_a_reply_from_rasa() -> None:
    seen = []

    async def handler(request: web.Request) -> web.Response:
        seen.append(await request.json())
        return web.json_response([{"recipient_id": "c1", "text": "您好"}])

    replies = asyncio.run(answer_with(handler, {"sender": "c1", "text": "你好", "language": "zh"}))
    assert list(replies) == ["您好"]
    assert seen == [{"sender": "c1", "message": "你好", "metadata": {"language": "zh"}}]


def test_slow_or_failing_rasa_gets_a_spoken_apology() -> None:
    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(2)
        return web.json_response([])

    async def failing(request: web.Request) -> web.Response:
        return web.json_response({"error": "x"}, status=500)

    body = {"sender": "c1", "text": "xin chào", "language": "vi"}
    assert asyncio.run(answer_with(slow, body)) == [prompts.ASSISTANT_UNAVAILABLE["vi"]]
    assert asyncio.run(answer_with(failing, body)) == [prompts.ASSISTANT_UNAVAILABLE["vi"]]


def test_rasa_down_gets_a_spoken_apology() -> None:
    async def main() -> list[str]:
        assistant = RasaAssistant("http://127.0.0.1:9/webhooks/voice/webhook", timeout_s=0.5)
        try:
            return await assistant.reply("c1", "你好", "zh")
        finally:
            await assistant.close()

    assert asyncio.run(main()) == [prompts.ASSISTANT_UNAVAILABLE["zh"]]
