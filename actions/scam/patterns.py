"""The known scam patterns (FACTS.md §4: CN C1–C11, VN V-S1–V-S12) and the wider fraud
families callers ask about, each recognised by the words that all its variants share.

A pattern names what the message resembles; the verdict comes from the signals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Pattern:
    code: str
    language: str
    all_of: tuple[str, ...]  # each regex must match the normalised text

    def matches(self, text: str) -> bool:
        return all(_compiled(rule).search(text) for rule in self.all_of)


_compiled_rules: dict[str, re.Pattern] = {}


def _compiled(rule: str) -> re.Pattern:
    if rule not in _compiled_rules:
        _compiled_rules[rule] = re.compile(rule)
    return _compiled_rules[rule]


_ZH_AGENCY = r"社保|人社|医保|12333|人力资源|民政"
_VI_AGENCY = r"bhxh|bao hiem|bhyt|vssid|vneid"

# fmt: off
PATTERNS: tuple[Pattern, ...] = (
    Pattern("C1", "zh", (_ZH_AGENCY, r"补贴|补助|津贴|未领取|待领取", r"身份证|银行卡|卡号|预约|登记|致电|回电|链接|点击")),
    Pattern("C2", "zh", (_ZH_AGENCY, r"异常|冻结|暂停使用|停用|强行终止|欠费|异地.{0,4}(?:盗刷|消费)")),
    Pattern("C3", "zh", (r"社保卡|医保卡", r"异地|外地|云南|上海|医院", r"盗刷|消费|刷了|涉案|公安|报案")),
    Pattern("C4", "zh", (_ZH_AGENCY, r"补缴|优惠|买断|一次性缴")),
    Pattern("C5", "zh", (_ZH_AGENCY, r"账户.{0,4}(?:变更|更换|变了)|预缴|提前缴")),
    Pattern("C6", "zh", (r"公安|警官|检察|法院|公检法|通缉|逮捕|涉嫌|洗钱", r"安全账户|转账|资金|清查|配合调查|保密")),
    Pattern("C7", "zh", (r"补助|补贴|丧葬|养老|高龄|民政", r"手续费|保证金|验证资金|所得税|税费|激活|解冻")),
    Pattern("C8", "zh", (r"社保|医保|电子社保卡", r"未报备|注销|审核未通过|升级")),
    Pattern("C9", "zh", (r"新版|新型|十年|换卡|过期", r"社保卡|电子社保卡|医保卡")),
    Pattern("C10", "zh", (r"社保卡|医保卡", r"过时|未上传|电子信息")),
    Pattern("C11", "zh", (_ZH_AGENCY + r"|认证|领事", r"收费|手续费|费用|验证码|转账")),
    Pattern("V-S1", "vi", (_VI_AGENCY, r"cap nhat|dong bo|bo sung|chuan hoa", r"otp|mat khau|link|duong dan|cccd")),
    Pattern("V-S2", "vi", (_VI_AGENCY, r"zalo|ket ban")),
    Pattern("V-S3", "vi", (r"vssid|bhxh|bao hiem", r"tai|cai dat|ung dung|app|link|\.com|\.net|\.top|\.cc|\.online")),
    Pattern("V-S4", "vi", (r"vssid|mat khau", r"lay lai|khoi phuc|cap lai|quen", r"facebook|tiktok|messenger|coc|phi|900")),
    Pattern("V-S5", "vi", (_VI_AGENCY + r"|thai san|om dau|che do", r"phi (?:ho so|thanh tra|giai quyet|xac minh|thu tuc)")),
    Pattern("V-S6", "vi", (r"ho tro tet|quy bhtn|tro cap that nghiep|ho tro tien|nhan ho tro|tien ho tro", r"otp|link|tai khoan|stk|vssid")),
    Pattern("V-S7", "vi", (_VI_AGENCY, r"no |no$|dang no|bi phat|ra toa|toa an|thanh tra|lo thong tin|hoan tien|dieu chinh")),
    Pattern("V-S8", "vi", (r"giay moi|thu moi", _VI_AGENCY + r"|100%")),
    Pattern("V-S9", "vi", (r"5 nam|lien tuc|rut bhxh (?:mot|1) lan", r"bhyt|bhxh|5 trieu|rut")),
    Pattern("V-S10", "vi", (r"vneid|tich hop", _VI_AGENCY + r"|ho so")),
    Pattern("V-S11", "vi", (r"deepfake|video call|goi video|gia giong|fanpage|trang gia",)),
    Pattern("V-S12", "vi", (r"hoan tien|hoan phi|tien thua", r"bhyt|bhxh|bao hiem")),
    # Wider families, both languages.
    Pattern("police_impersonation", "zh", (r"公安|警官|警察|检察|法院|公检法|通缉|逮捕|洗钱|涉案",)),
    Pattern("police_impersonation", "vi", (r"cong an|vien kiem sat|toa an|dieu tra|canh sat|rua tien|lenh bat|truy na",)),
    Pattern("loan_fee", "zh", (r"贷款|借款|网贷|额度|放款|信用卡", r"费|保证金|解冻|流水|会员")),
    Pattern("loan_fee", "vi", (r"vay|giai ngan|the tin dung|han muc", r"phi|coc|chuyen|dong")),
    Pattern("fake_customer_service", "zh", (r"客服|售后|快递|物流|航空|机票|淘宝|京东|拼多多", r"退款|理赔|赔偿|改签|百万保障|会员|注销")),
    Pattern("fake_customer_service", "vi", (r"cskh|cham soc khach hang|shopee|lazada|tiki|giao hang|hang khong|don hang", r"hoan tien|boi thuong|huy|link|otp")),
    Pattern("impersonated_acquaintance", "zh", (r"领导|老板|经理|儿子|女儿|孙子|同学|朋友|新号|换号|微信", r"借|转|汇|打钱|急用")),
    Pattern("impersonated_acquaintance", "vi", (r"sep|giam doc|con|chau|ban|so moi|doi so|zalo", r"chuyen gap|muon|ung|chuyen giup|gui tien")),
    Pattern("debt_collection", "zh", (r"催收|欠款|逾期|还款|上门|通讯录",)),
    Pattern("debt_collection", "vi", (r"doi no|thu no|no qua han|khoi kien|no xau|danh ba",)),
    Pattern("investment_or_task", "zh", (r"投资|理财|刷单|兼职|做任务|返利|炒币|带单|高回报",)),
    Pattern("investment_or_task", "vi", (r"dau tu|lam nhiem vu|viec nhe|hoa hong|loi nhuan|tien ao|ctv|san",)),
)
# fmt: on


def matching(text: str, language: str) -> list[str]:
    """The codes of the patterns ``text`` resembles, in order, without repeats."""
    found: list[str] = []
    for pattern in PATTERNS:
        if pattern.language == language and pattern.code not in found and pattern.matches(text):
            found.append(pattern.code)
    return found
