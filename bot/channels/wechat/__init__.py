"""The WeChat Official Account (公众号) input channel, registered in credentials.yml as
``bot.channels.wechat.WeChatInput``: ``protocol`` (signatures, safe XML, AES), ``api`` (the
customer-service API), ``render`` and ``output`` (replies as WeChat text), ``channel`` (the
webhook)."""

from bot.channels.wechat.channel import WeChatInput
from bot.channels.wechat.output import WeChatOutput

__all__ = ["WeChatInput", "WeChatOutput"]
