"""What scams say, and what genuine messages say, as rules over the normalised text.

Each signal is a tell-tale sign from FACTS.md §4 (CN and VN "tell-tale signs for a classifier")
or one of the wider fraud families, with a weight: how strongly it alone points to a scam.
Genuine signals (an official number, a bank's "never share this code") weigh against.
Chinese rules read simplified characters; Vietnamese rules read text without diacritics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Signal:
    name: str
    weight: float  # 0–1: the chance of a scam it alone stands for; genuine signals reduce it
    zh: tuple[str, ...] = ()
    vi: tuple[str, ...] = ()
    unless_zh: tuple[str, ...] = ()  # the signal does not count when these are present
    unless_vi: tuple[str, ...] = ()
    genuine: bool = False

    def compiled(self, language: str) -> tuple[re.Pattern | None, re.Pattern | None]:
        return _compile(self, language)


_cache: dict[tuple[str, str], tuple[re.Pattern | None, re.Pattern | None]] = {}


def _compile(signal: Signal, language: str) -> tuple[re.Pattern | None, re.Pattern | None]:
    key = (signal.name, language)
    if key not in _cache:
        rules = signal.zh if language == "zh" else signal.vi
        unless = signal.unless_zh if language == "zh" else signal.unless_vi
        _cache[key] = (
            re.compile("|".join(f"(?:{r})" for r in rules)) if rules else None,
            re.compile("|".join(f"(?:{r})" for r in unless)) if unless else None,
        )
    return _cache[key]


# Words used in several rules.
_ZH_GIVE = r"(?:提供|告诉|告知|发给|发送|报给|报一下|报(?!案|警|名|销)|说出|念|读|输入|填写|填入|回复|给我|给他|给对方|核对|上传|拍)"
_ZH_PROTECT = r"(?:请勿|切勿|不要|勿向|不得|谨防|严禁|绝不会|不会向您|从不|不会索要|不会要求)"
_ZH_AGENCY = r"(?:社保|人社|人力资源和社会保障|医保|医疗保障|12333|民政|养老保险|人保局|劳动局|税务局|社会保障)"
_ZH_MONEY_IN = (
    r"(?:补贴|补助|津贴|补发|补领|差额|退费|退款|返还|退还|理赔|赔偿|奖金|中奖|奖励|红包|分红|收益|"
    r"放款|贷款|抚恤金|福利|领奖|提现|解冻|到账)"
)
_ZH_FEE = (
    r"(?:[\u4e00-\u9fff]{1,4}费|保证金|验证金|验证资金|账户验证|担保金|保释金|所得税|税费|的税|押金|"
    r"流水|定金|罚息|罚款|管理费)"
)
_VI_GIVE = r"(?:cung cap|gui|doc|nhap|bao|cho biet|dua|chup|dien|noi|tra loi|kem|xin|cho (?:em|chau|anh|chi|toi|minh|con))"
_VI_PROTECT = (
    r"(?:khong (?:cung cap|chia se|tiet lo|gui|dua|doc)|tuyet doi khong|dung (?:cung cap|chia se)|"
    r"khong bao gio|khong yeu cau|khong de nghi)"
)
_VI_AGENCY = r"(?:bhxh|bao hiem xa hoi|bhyt|bao hiem y te|vssid|vneid|co quan bao hiem|bhtn)"
_VI_MONEY = r"(?:\d+[.,]?\d* ?(?:k|d|vnd|nghin|ngan|tr|trieu|ty|dong)\b|tien)"
_VI_PAY = r"(?:nop|dong|chuyen|nap|coc|dat coc|thanh toan|tra)"

# fmt: off
SIGNALS: tuple[Signal, ...] = (
    # Demands for secrets: a code, a password, a card.
    Signal(
        "asks_for_code", 0.85,
        zh=(rf"{_ZH_GIVE}.{{0,12}}(?:验证码|校验码|动态码|动态密码|短信码)",
            r"(?:验证码|校验码|动态码|短信码).{0,12}(?:发给|告诉|报给|念|读|给我|给他|回复|提供)",
            r"念.{0,8}(?:数字|那串|那几个数)",
            r"(?:那|这)?(?:\d|[六四])位(?:数|数字|码|验证码)?.{0,8}(?:告诉|报|念|发|读|给)",
            r"输入.{0,8}(?:他说的|对方说的|他给的)?.{0,4}(?:一串数字|那串数字|数字|代码)"),
        vi=(rf"{_VI_GIVE}.{{0,15}}(?:ma )?otp",
            rf"{_VI_GIVE}.{{0,30}}(?:ma (?:xac (?:nhan|thuc|minh)|kich hoat|ngan hang|vua|so|\d+ so)|day (?:\d+ )?so|(?:\d+ )?so vua)",
            r"(?:nhan|soan) tin (?:theo )?cu phap"),
        unless_zh=(_ZH_PROTECT + r".{0,12}(?:验证码|告诉|泄露|透露|提供)",),
        unless_vi=(_VI_PROTECT + r".{0,25}(?:otp|ma)", r"ma otp (?:la )?\d{4,8}.{0,60}(?:khong cung cap|neu khong phai|khong chia se)",
                   r"tu (?:minh )?nhap (?:ma )?otp"),
    ),
    Signal(
        "asks_for_password", 0.8,
        zh=(rf"{_ZH_GIVE}.{{0,10}}(?:密码|支付密码|交易密码|取款密码)", r"(?:密码).{0,8}(?:告诉|发给|报给|给我|提供)",
            r"卡号和密码|账号和密码"),
        vi=(rf"{_VI_GIVE}.{{0,12}}(?:mat khau|ma pin)", r"(?:mat khau|ma pin).{0,15}(?:cho (?:em|anh|chi|can bo|chau))",
            r"thu (?:the|the cu) (?:va|cung) (?:ma )?pin"),
        unless_zh=(_ZH_PROTECT + r".{0,12}(?:密码|告诉|泄露)",),
        unless_vi=(_VI_PROTECT + r".{0,25}(?:mat khau|pin)", r"ma otp (?:la )?\d{4,8}"),
    ),
    Signal(
        "asks_for_card_or_id", 0.5,
        zh=(rf"{_ZH_GIVE}.{{0,10}}(?:身份证号|身份证号码|银行卡号|卡号|银行账号|身份证正反面|身份证照片|社保卡号|人脸视频)",
            r"(?:登记|核实|核对|预约|激活|领取).{0,10}(?:身份证号|银行卡号|银行卡信息)",
            r"(?:绑定|提供|填写|上传).{0,6}银行卡",
            r"(?:身份证|银行卡|卡号|正反面|开户行)[^,.;!?。；]{0,10}(?:拍给|发给|报给|报一下|告诉|给我|发过来)"),
        vi=(rf"{_VI_GIVE}.{{0,15}}(?:so tai khoan|stk|so the|anh (?:the|cccd)|mat truoc|hai mat|2 mat|so cccd|so dinh danh|thong tin the|anh selfie|anh chan dung)",
            r"chup (?:anh )?(?:cccd|can cuoc|the)", r"xin (?:anh|so).{0,10}(?:cccd|the bhyt|tai khoan)"),
        unless_zh=(_ZH_PROTECT + r".{0,12}(?:身份证|银行卡|泄露)",),
        unless_vi=(_VI_PROTECT + r".{0,25}(?:tai khoan|cccd|the)",),
    ),
    # Money out: transfers, safe accounts, fees before a payout.
    Signal(
        "safe_account", 0.95,
        zh=(r"安全账户|国家安全账户|安全帐户|监管账户|资金清查|清查账户|审查账户|指定账户|验资账户|核查账户|代收账户|专用卡|安全卡|备用卡",),
        vi=(r"tai khoan (?:an toan|tam giu|phong toa|cua co quan|chuyen dung|dieu tra|kiem tra|tam thoi)",
            r"(?:chuyen|nop) tien (?:vao|sang) tai khoan.{0,20}(?:cong an|vien kiem sat|dieu tra|xac minh|kiem tra)"),
    ),
    Signal(
        "private_account", 0.8,
        zh=(r"(?:私人|他个人|她个人)(?:的)?(?:账户|账号|支付宝|微信|银行卡|卡)|(?:转|汇|打|交|付|存).{0,8}个人账户",
            r"(?:转给|转到|打到|汇到)(?:他|她|对方|他们)(?:的)?(?:卡|账户|微信|支付宝)?",
            r"(?:汇入|打到|转到|转入|转进)[^,.;!?。；]{0,8}(?:承办人|经办人|专员|工作人员|个人|同学|朋友)的?(?:账户|帐户|卡|微信|支付宝)",
            r"(?:转|汇|打)[^,.;!?。；]{0,10}(?:到|去)?(?:这张卡|这个卡|这个账号|这个账户|呢个账号)"),
        vi=(r"(?:chuyen|nop|gui|ck|dong|chuyen khoan)[^.;!?]{0,25}(?:stk|tk|so tai khoan|tai khoan) (?:ca nhan|rieng|ten (?:mot|nguoi))",
            r"(?:qua|vao|ve) (?:tk|stk|tai khoan) (?:cua )?(?:ban|nguoi quen|chu|su thay|luat su|sep)", r"(?:chuyen|nop|gui).{0,20}(?:cho|vao tai khoan) (?:can bo|nguoi phu trach|ban (?:anh|em|chi)|ben duoi)",
            r"chuyen (?:khoan |tien )?(?:cho|vao) (?:so )?(?:tk|tai khoan|stk) (?:nay|duoi|ben duoi|sau)"),
        unless_zh=(r"个人账户(?:余额|里的钱|可以继承)",),
    ),
    Signal(
        "transfer_demand", 0.7,
        zh=(r"(?:请|需要|需|要求|必须|马上|立即|立刻|赶紧|先|要你|让你|让我|叫我|要我|让他|让她|叫她|叫他|让财务|你把)[^,.;!?。；？！]{0,10}(?:转账|汇款|转钱|打款|转到|转入|汇到|打到|充值|存入|转出来|转一笔|打定金|转给|打钱|汇入)",
            r"(?:转账|汇款|转钱|打款).{0,6}(?:到|至)(?:这个|下面|以下|指定)"),
        vi=(r"(?:yeu cau|phai|hay|vui long|de nghi|bat|bao (?:ong|ba|bac|toi|em|chi|anh|me|bo)|nho|giup).{0,15}(?:chuyen khoan|chuyen tien|nop tien|dong tien|nap tien|chuyen gap|chuyen ngay|chuyen truoc|nap them)",
            r"chuyen (?:khoan|tien)? ?(?:truoc|ngay|gap|vao so|vao tai khoan|theo so)"),
        unless_zh=(r"(?:您|你)(?:尾号\d+)?(?:的)?(?:账户|卡).{0,10}(?:转账|汇款).{0,6}(?:支出|收入|入账)",),
        unless_vi=(r"(?:tk|tai khoan).{0,20}(?:\+|-)\s?\d", r"tai khoan (?:bql|ban quan ly)|nop tai le tan"),
    ),
    Signal(
        "pay_first", 0.55,
        zh=(r"(?:先交|先付|先转|先缴|需先|要先|须先|要交|需交|得交|支付|缴纳|交纳|交一笔|需要交|收取?|扫码支付|付清|收费|交)(?!了)[^,.;!?。；]{0,12}" + _ZH_FEE,
            r"交(?:\d+|[一二三四五六七八九十两百千万]+)(?:元|块|万)?(?:钱)?(?:就能|才能|解锁|保证金)",
            r"(?:先交|要交|需交|得交|需要交|先付|收费|收取?)(?:\d+|[一二三四五六七八九十两百千万]+)(?:元|块|万|%)",
            r"(?:充值|充了|交了|付了).{0,10}(?:提不了|提不出|才能|任务)"),
        vi=(rf"{_VI_PAY}.{{0,25}}\b(?:phi|thue(?! bao)|le phi|tien coc|\d+ ?%)\b", rf"\b(?:phi|thue(?! bao)|tien coc)\b.{{0,30}}{_VI_MONEY}",
            r"the cao|ma the cao|the (?:dien thoai|nap)|nap (?:them|tien) (?:moi|de|thi)",
            r"(?:coc|dat coc|dong truoc|nop truoc|nap|chuyen truoc|ung truoc) \d+[.,]?\d* ?(?:k|tr|trieu|nghin|d)\b"),
        unless_zh=(r"(?:水费|电费|燃气费|话费|物业费|学费|年费|医保缴费|社保缴费|宽带费|停车费)[^,.;!?。；]{0,20}(?:已出账|官方|公众号|营业厅|自动扣)",),
        unless_vi=(r"phi quan ly|tien dien|tien nuoc|hoa don|cuoc (?:di dong|internet)|hoc phi",),
    ),
    Signal(
        "fee_before_payout", 0.9,
        zh=(_ZH_FEE + r".{0,40}" + _ZH_MONEY_IN, _ZH_MONEY_IN + r".{0,40}" + _ZH_FEE),
        vi=(r"(?:phi (?:ho so|xac minh|thanh tra|giai quyet|thu tuc|dich vu|kich hoat|giai ngan|bao hiem|cong chung|duy tri|mo khoa|xu ly|ra soat|lam the|lam ho so|giao lai)|tien coc|dat coc|le phi|thue thu nhap|\d+ ?% thue|phi \d+ ?%)"
            r".{0,60}(?:nhan (?:tien|tro cap|ho tro|thuong|qua|luong|the|giai)|ho tro|tro cap|hoan|giai ngan|vay|thuong|tien ve|rut|chi tra)",
            r"(?:nhan (?:tien|tro cap|ho tro|thuong|qua|luong)|ho tro|tro cap|hoan tien|giai ngan|vay|thuong|rut|chi tra).{0,90}(?:phi (?:ho so|xac minh|thanh tra|giai quyet|thu tuc|dich vu|kich hoat|giai ngan|bao hiem|cong chung|mo khoa|xu ly|ra soat|lam)|tien coc|dat coc|le phi|nop truoc|chuyen truoc|dong truoc|thue|phi \d+ ?%|\d+ ?% thue)"),
        unless_zh=(r"无需缴纳任何费用|不收(?:取)?任何费用|免费",),
        unless_vi=(r"khong (?:thu|mat) (?:phi|bat ky)",),
    ),
    # Who they claim to be.
    Signal(
        "claims_agency", 0.3,
        zh=(_ZH_AGENCY + r"[^,.;!?。；？]{0,10}(?:工作人员|客服|专员|来电|打电话|打来|短信|的人|那边的|服务群|红头文件|红章|小[张王李刘陈杨赵黄周吴]|科的)",
            r"(?:我是|我们是|这里是|這裡是|这边是)[^,.;!?。；？]{0,8}" + _ZH_AGENCY,
            r"(?:冒充|自称|说是|称是|自己是|说他们是|说他是).{0,10}" + _ZH_AGENCY, r"\d{3,4}-?12333", r"人社部|红头文件"),
        vi=(r"(?:can bo|nhan vien|tu|ben|phong|giam doc|pho giam doc|co quan|chuyen vien).{0,10}" + _VI_AGENCY,
            r"(?:xung la|tu xung|mao danh|bao la|noi la|nhan la|xung).{0,15}(?:" + _VI_AGENCY[3:-1] + r"|can bo|ubnd|phuong|xa|nha mang)"),
    ),
    Signal(
        "claims_police", 0.35,
        zh=(r"公安局|派出所|警官|警察|民警|刑警|检察院|检察官|法院|法官|公检法|通缉|逮捕|拘留|涉嫌|洗钱|涉案|传唤|刑侦|专案组|立案|管制药品|便衣",),
        vi=(r"cong an|vien kiem sat|toa an|co quan dieu tra|canh sat|dieu tra vien|bat giam|truy na|rua tien|lien quan (?:den )?(?:vu an|duong day|ma tuy)|giay trieu tap|lenh bat|khoi to|duong day truc loi",),
        unless_zh=(r"(?:拨打|报警|打)\s?110|110报警|96110|到派出所报案|向公安机关报案|户籍窗口|反诈宣传",),
        unless_vi=(r"(?:bao|trinh bao|goi).{0,10}(?:cong an|113)|cong an noi (?:cu tru|gan nhat)|tru so cong an|tuyen truyen|may ban",),
    ),
    Signal(
        "police_script", 0.7,
        zh=(r"违禁品|洗钱|涉案|通缉令|逮捕令|配合(?:调查|办案)|视频(?:调查|笔录|监控)|保密协议|单独.{0,6}(?:开房|配合)|录口供|(?:视频|电话|远程)笔录|不要挂电话|别挂电话|非法集资|假护照|冒用.{0,10}开了|特大.{0,4}案|保释金|"
            r"(?:转接|转到|移交|已转)(?:到)?.{0,8}(?:公安|警察|派出所|刑侦)|案件已转",),
        vi=(r"hang cam|buu pham.{0,20}(?:cam|ma tuy|vi pham)|chuyen cuoc goi (?:cho|den|sang)|dieu tra vien|giu may|lenh bat|truy na|"
            r"rua tien|duong day (?:ma tuy|rua tien|truc loi)",),
    ),
    Signal(
        "account_changed", 0.75,
        zh=(r"(?:缴费|收款|基金|社保)?账户.{0,6}(?:变更|改了|更换|变为|改为)|新账户|预缴",),
        vi=(r"(?:so )?tai khoan (?:thu|nop) (?:tien|bhxh).{0,10}(?:thay doi|moi)|doi tai khoan nhan",),
    ),
    Signal(
        "official_letter_bait", 0.7,
        vi=(r"giay moi.{0,80}(?:100|ho tro|ma ho so)|ho tro 100 ?%|ma ho so dien tu|khong cu nguoi (?:di )?thay",),
    ),
    Signal(
        "claims_acquaintance", 0.5,
        zh=(r"(?:我是你|我是您)(?:的)?(?:领导|老板|经理|主任|局长|老师|儿子|女儿|孙子|孙女|大孙子|侄子|外甥|同学|朋友|老同学|表妹|表哥)",
            r"(?:换了?新?号|换微信|这是我新号|新号码|手机丢了|手机掉|微信被限额|猜猜我是谁).{0,30}(?:借|转|打钱|急用|帮我|押金)",
            r"(?:领导|老板|经理|[张王李刘陈杨赵黄周吴]总).{0,12}(?:让你|叫你|要你|让财务|你把|你先).{0,12}(?:转|汇|打款|打定金)",
            r"(?:出车祸|打架|伤了人|打伤|抢救|突发疾病|被扣|扣车|出事|出咗|被抓|留学|撞了人|被拘留).{0,30}(?:转|借|钱|押金|赔|汇)",
            r"(?:换号|新号|号被盗|手机掉|手机丢|用同学|用朋友|声音(?:比较)?(?:沙哑|哑)|嗓子哑|感冒|猜猜我是谁|听不出来).{0,40}(?:转|借|汇|钱|急用)",
            r"(?:我是你|我系你|我是您)?(?:大)?(?:孙子|孙女|外孙|儿子|女儿|囡囡|阿明|小磊)[^,.;!?。；]{0,20}(?:借|转|汇|急用钱|急需用钱)",
            r"(?:你先|先)给这个(?:账户|卡)转|给这个账户转"),
        vi=(r"(?:sep|giam doc|truong phong|thu truong|chau|con|em|ban cu|anh ho).{0,15}(?:doi so|so moi|so la|mat dien thoai|zalo moi|the bi khoa|het pin)",
            r"(?:chuyen gap|muon gap|can gap|ung truoc|chuyen giup|cho (?:anh|em|chi) muon).{0,25}(?:tien|trieu|tr\b|\d+ ?k)",
            r"(?:gap nan|tai nan|cap cuu|bi bat|benh vien|mo gap|hai quan giu).{0,40}(?:chuyen|gui|tien|\d+ ?(?:trieu|tr))",
            r"(?:goi video|video call).{0,30}(?:mat|hinh)",
        ),
    ),
    Signal(
        # Asking for money is what scams and families both do: it counts only with more.
        "money_request", 0.35,
        zh=(r"借[^,.;!?。；]{0,4}(?:\d+|[一二三四五六七八九十两百千万]+)(?:元|块|万|千)?", r"急(?:用|需)(?:用)?钱"),
        vi=(r"(?:muon|vay|ung) \d+[.,]?\d* ?(?:tr|trieu|k)\b", r"(?:chuyen|ck|gui) (?:gium|giup|cho)? ?(?:con|chau|em|anh|chi)? ?\d+[.,]?\d* ?(?:tr|trieu)\b"),
    ),
    # Pressure and threats.
    Signal(
        "threat", 0.45,
        zh=(r"冻结|停用|暂停使用|停止使用|强行终止|强制注销|将被注销|予以注销|被注销|作废|失效|异常|盗刷|逮捕令|通缉令|拘捕|起诉你|征信|黑名单|罚款|违约金|追究.{0,4}责任|上门催收|曝光|停保|清零|坐牢|停止缴纳|挂失|就停发|将停发|要停发|用不了|暂停发放|停缴|冒领|被锁|锁了|滞纳金",),
        vi=(r"bi phat|bi khoa|khoa (?:tai khoan|the|so)|tu dong khoa|dinh chi|bi cat|cat (?:luong|che do|bhyt)|no (?:bhxh|bhyt|bao hiem|phi|tien|dong)|dang no|con no|chuyen (?:ho so )?(?:len|sang|co quan)|ra toa|khoi kien|tron thue|se khong (?:duoc|con)|khong duoc huong|mat (?:quyen loi|che do)|bi huy|vo hieu|no xau|cuong che|xu ly hinh su|lo (?:thong tin|du lieu)|ro ri|bi treo|gian doan|het hieu luc|sai lech|lech thong tin|bi giu|dang anh|phat sinh no|khoa 2 chieu|khoa hai chieu",),
        unless_zh=(r"(?:不会|从不|没有|并不会|不存在).{0,8}(?:冻结|停用|注销|异常)", r"(?:输错密码|连续输错).{0,10}(?:锁定|冻结)"),
    ),
    Signal(
        "pressure", 0.25,
        zh=(r"立即|马上|立刻|尽快|赶紧|今天之内|当天|今日内|今日|\d+小时内|\d+分钟内|逾期|过期不候|截止|最后一天|限时|名额有限|不要告诉|别告诉|保密|不能挂|别挂|否则|\d+点前",),
        vi=(r"ngay lap tuc|ngay hom nay|trong ngay|trong \d+ ?(?:h|gio|phut)|qua \d+ ?(?:h|gio)|gap|khan cap|han chot|het han|neu khong|truoc \d+ ?(?:gio|h)\b|khong duoc noi|giu bi mat|dung cup may|khong cup may|nhanh len|lien he ngay|dung goi lai",),
    ),
    Signal(
        "bait", 0.3,
        zh=(_ZH_MONEY_IN, r"补缴优惠|优惠政策|内部渠道|买断工龄|高回报|高收益|稳赚|兼职|刷单|返利|做任务|日赚|月入|免费领|领取.{0,6}(?:现金|元)|内部名额|低息|无抵押|秒到账|额度|一等奖|二等奖|抽奖|刮刮卡|积分.{0,4}兑换|翻倍|翻十倍|慰问金|补领|多领"),
        vi=(r"ho tro (?:tet|100|tien|kinh phi|nguoi cao tuoi)|tro cap|hoan tien|hoan phi|hoan lai|nhan (?:tien|qua|thuong)|duoc nhan|trung thuong|qua tang|phan qua|tri an|may man|giai ngan|lai suat (?:thap|0)|khong the chap|viec nhe|lam nhiem vu|hoa hong|loi nhuan|lai \d|dau tu|ctv|rut bhxh (?:mot|1) lan|quy huu tri|cam ket lai",),
    ),
    # Channels that the agencies do not use.
    Signal(
        "link", 0.35,
        zh=(r"点击|点开|打开.{0,4}链接|链接|网址|登录网站|下方网址|登陆|二维码|扫码|扫一扫",),
        vi=(r"bam (?:vao )?(?:link|duong dan)|nhan (?:vao )?(?:link|duong dan)|truy cap|link|duong dan|ma qr|quet ma|qr",),
        unless_zh=(_ZH_PROTECT + r".{0,8}(?:点击|链接|网址)",),
        unless_vi=(_VI_PROTECT + r".{0,15}(?:link|duong dan|bam)",),
    ),
    Signal(
        "atm_or_bank_steps", 0.7,
        zh=(r"atm|自动取款机|取款机|按语音(?:提示|指引)操作|手机银行里操作|在手机银行.{0,6}操作",),
        vi=(r"cay atm|den atm|ra atm|mo app ngan hang.{0,30}(?:nhap|chuyen)|bam vao muc chuyen tien",),
    ),
    Signal(
        "hand_over", 0.8,
        zh=(r"(?:交给|给|由)(?:对方|他|她|他们).{0,6}保管|卡由对方保管|上门.{0,6}(?:取|收)(?:卡|存折|现金)|把钱转出来给他们保管|取现.{0,10}交给|交给.{0,6}(?:民警|警察|上门|便衣)",),
        vi=(r"(?:dua|giao|gui|nop)(?: het)? (?:so tiet kiem|the atm|the ngan hang|so bhxh|cccd).{0,30}(?:cho (?:ho|nguoi|can bo|doi phuong)|ho giu|giu ho)|thu the|niem phong|giu ho|dua so bhxh",),
    ),
    Signal(
        "install_or_remote", 0.6,
        zh=(r"(?:下载|安装).{0,10}(?:app|软件|客户端|会议|应用|安装包|apk)|屏幕共享|共享屏幕|远程(?:控制|协助|操作)|开启共享|腾讯会议|zoom|向日葵|\.apk",),
        vi=(r"tai ve|tai xuong|cai dat|cai (?:app|ung dung)|tai (?:app|ung dung|file) (?:theo|qua|tu|tren) (?:link|duong dan|zalo|tin nhan)|app la|chia se man hinh|dieu khien tu xa|\.apk|ban vssid (?:moi|4\.0|cap nhat)|vssid 4\.0|hai (?:ung dung|app) vssid|app la",),
        unless_zh=(r"国家反诈中心",),
        unless_vi=(r"app store|ch play|google play|kho ung dung|appstore",),
    ),
    Signal(
        "biometrics", 0.6,
        zh=(r"(?:人脸|刷脸|面部|视频)(?:识别|验证).{0,12}(?:链接|网址|转账|加微信|对方|发给)|人脸视频|(?<!登)(?:录|拍).{0,4}(?:人脸|脸部|视频)",),
        vi=(r"quet (?:khuon )?mat|van tay|xac thuc khuon mat|chup (?:anh )?khuon mat|quay (?:video )?(?:mat|khuon mat)|sinh trac hoc|anh selfie|anh chan dung|mo camera",),
        unless_vi=(r"(?:app|ung dung) chinh thuc|tai quay|tai chi nhanh",),
    ),
    Signal(
        "personal_contact", 0.5,
        zh=(r"加(?:个|一下)?(?:我|他|她)?(?:的)?(?:微信|qq|好友)|(?:添加|加).{0,12}微信(?!公众号)|微信(?!公众号|支付)[^,.;!?。；]{0,6}(?:添加|加我|号)|微信联系|私聊|添加.{0,6}好友|进群|服务群|客服微信|联系.{0,4}(?:专员|客服)(?:微信|qq)|加v|加vx|\bvx|威信|薇信|私人微信",),
        vi=(r"ket ban|add zalo|qua zalo|nhan tin zalo|zalo (?:so|ca nhan)|lien he zalo|so zalo|\bib\b|inbox|messenger|nhan tin qua facebook|so dien thoai ca nhan|goi lai (?:so|cho so)|fanpage|trang facebook|tich xanh",),
    ),
    Signal(
        "press_key", 0.6,
        zh=(r"(?:请)?按(?:9|1|0|九|井号|#)(?:键)?|叫她按|叫他按|让我按",),
        vi=(r"bam (?:phim )?(?:so )?[0-9](?! ?(?:gio|h|ngay))",),
    ),
    Signal(
        "data_update_request", 0.45,
        vi=(r"(?:cap nhat|dong bo|bo sung|tich hop|chuan hoa|xac thuc|kich hoat|dang ky).{0,20}(?:thong tin|du lieu|cccd|can cuoc|vssid|vneid|the bhyt|so bhxh|muc 2|dinh danh|tai)",
            r"ma ho so dien tu|du lieu sai lech|lech thong tin"),
        zh=(r"(?:升级|更新|重新认证|重新激活|重新绑定|信息核对|重新核对|信息更新|补录|资料更新|同步|实名认证|上传).{0,10}(?:社保卡|电子社保卡|医保卡|账户|信息|资料|档案|养老金|芯片)",
            r"(?:新版|新型)电子社保卡|未报备|审核未通过|社保卡过(?:时|期)|未上传|未同步|(?:重新|再次)认证"),
        unless_vi=(r"(?:tren|qua|bang) (?:ung dung )?(?:vssid|vneid|dichvucong)(?: chinh thuc)?(?!.{0,20}(?:link|zalo|otp|chuyen))",
                   r"form noi bo|phong nhan su|mang cccd den|den (?:tru so|truc tiep)"),
    ),
    Signal(
        "too_good_returns", 0.6,
        zh=(r"(?:返息|返利|年化|月领|日返|每天返|一年返|每月返|每年|每天|每月)[^,.;!?。；]{0,6}(?:返|收益|利息|回报|领)?[^,.;!?。；]{0,4}(?:\d+%|百分之|\d+块|\d+元|[一二三四五六七八九十两百千万]+块|[一二三四五六七八九十两百千万]+元)",
            r"保本保息|稳赚不赔|包赚|翻.{0,3}倍|原始股|内部认购|上市后|养老项目|养老币|预订床位"),
        vi=(r"\bx\d{2,}\b|len san|suat noi bo|usdt|\bcoin\b|\d+ ?(?:k|nghin)/nhiem vu|moi nhiem vu|thu ve \d+|lai (?:\d+ ?%)|loi nhuan (?:\d+|cao|khung)|cam ket (?:lai|loi)|bao lai|x\d+ (?:lan|tai khoan)|nhan \d+ ?% moi (?:thang|ngay)|co phan (?:noi bo|uu dai)",),
    ),
    Signal(
        "miracle_cure", 0.6,
        zh=(r"(?:治|治好|治愈|根治|包治)(?:高血压|糖尿病|癌|失眠|关节炎)|就能停药|能停药|神(?:药|茶)|磁疗|量子|灵芝孢子粉",),
        vi=(r"(?:chua|tri) (?:khoi|dut diem|tan goc)|khong can (?:uong thuoc|mo)|khoi han|khoi hoan toan|than duoc|thuc pham chuc nang.{0,30}(?:chua|khoi)|may (?:dien )?tri lieu|gia truyen",),
    ),
    Signal(
        "secrecy", 0.4,
        zh=(r"(?:别|不要|千万别|唔好|不能)[^,.;!?。；]{0,4}(?:告诉|跟|同|和)[^,.;!?。；]{0,6}(?:家人|儿女|子女|爸|妈|别人|任何人|讲|说|商量)|保密|别打电话|先别打电话",),
        vi=(r"(?:dung|khong duoc|dung co) (?:noi|ke|bao)(?: voi| cho)? (?:ai|con|gia dinh|nguoi nha|bo|me)|giu bi mat|dung goi lai",),
    ),
    Signal(
        "callback_number", 0.35,
        zh=(r"(?:回电|致电|联系电话|联系|拨打|电话)[:：\s]*(?:0\d{2,3}[- ]?\d{3,4}[- ]?\d{4}|1[3-9]\d[- ]?\d{4}[- ]?\d{4})",),
        vi=(r"(?:goi|lien he|lh)(?: ngay)?(?: so)?[:\s]*0[2-9][\dx. ]{8,12}",),
    ),
    Signal(
        "withdrawal_service", 0.7,
        vi=(r"rut bhxh (?:1|mot) lan[^.;!?]{0,30}(?:ho|nhanh|giup|khong can|chua du|ung tien)|(?:dich vu|nhan|lam ho|lam giup) rut bhxh",),
        zh=(r"(?:代办|代领|帮你|帮您|包办)[^,.;!?。；]{0,8}(?:提取|退保|补缴|领取)[^,.;!?。；]{0,6}(?:养老金|社保|公积金)",),
    ),
    Signal(
        "act_on_link", 0.6,
        zh=(r"(?:登录|点击|访问|打开|更新|缴费|领取|认证|申领|查询|填写)[^。；]{0,25}[a-z0-9-]+\.(?:top|cc|xyz|click|online|site|vip|shop|info|net|com|cn|co|me|link)\b",),
        vi=(r"(?:xac minh|cap nhat|dang nhap|thanh toan|nop phat|tra cuu|nhan|gia han|dang ky|kich hoat)[^.;!?]{0,25}\b[a-z0-9-]+\.(?:top|cc|xyz|click|online|site|vip|shop|info|net|com|vn|co|me|link)\b",),
    ),
    Signal(
        "transfer_to_account", 0.45,
        vi=(r"chuyen[^.;!?]{0,30}(?:vao|ve|qua) (?:so )?(?:tk|tai khoan|stk)",),
        zh=(r"(?:转|汇|打)[^,.;!?。；]{0,12}(?:到|进|入)[^,.;!?。；]{0,6}(?:账户|账号|卡上|卡里)",),
    ),
    Signal(
        "loan_or_investment", 0.5,
        zh=(r"(?:贷款|借款|网贷|提额|征信修复|注销账户|校园贷|停息挂账).{0,30}(?:费|解冻|激活|保证金|流水)",
            r"(?:投资|理财|炒币|虚拟币|博彩|带单|导师|期货|入股|数字资产|刷单|做任务|佣金|投票|点赞).{0,40}(?:充值|提不出|提不了|提现|翻|收益|回报|保证金|佣金|返利|赚|返还|垫)"),
        vi=(r"(?:vay|giai ngan|the tin dung|nang han muc).{0,40}\b(?:phi|coc|nop|dong)\b",
            r"(?:dau tu|\bsan\b|tien ao|chung khoan|lam nhiem vu|don hang ao|\bquy (?:huu tri|dau tu)|goi bao hiem|gop (?:tien|von|\d+)).{0,50}(?:nap|loi nhuan|hoa hong|lai suat|lai \d|rut|thue(?! bao)|cam ket|moi thang nhan)"),
        unless_zh=(r"信用卡年费|年费",),
    ),
    Signal(
        "customer_service_refund", 0.5,
        zh=(r"(?:客服|售后|快递|物流|航空|机票|淘宝|京东|拼多多|抖音|包裹).{0,20}(?:退款|理赔|赔偿|退费|改签|百万保障|会员|取消)|百万保障",),
        unless_zh=(r"原路退回|原路返回",),
        vi=(r"(?:cskh|cham soc khach hang|tong dai vien|shipper|giao hang|don hang|shopee|lazada|tiki|hang khong).{0,25}(?:hoan tien|boi thuong|huy don|nang cap|phi giao lai|cap nhat)",),
    ),
    Signal(
        "debt_collection", 0.5,
        zh=(r"催收|欠款|逾期未还|上门催收|上门讨债|通讯录|爆通讯录|法务部|法务",),
        vi=(r"doi no|thu no|no qua han|khoi kien|gui ho so ra toa|danh ba|boc phot|bao lanh|tra thay",),
    ),
    Signal(
        "agency_calls_out", 0.4,
        zh=(r"12333.{0,8}(?:打来|来电|给我打|打电话|通知我|短信)", r"(?:来电|显示|号码).{0,6}12333"),
        vi=(r"(?:so|dien thoai|goi).{0,6}0[35789][\dx. ]{8,12}.{0,30}" + _VI_AGENCY,
            _VI_AGENCY + r".{0,60}(?:so|goi(?: ngay)?|dien thoai|lien he(?: ngay)?) 0[35789][\dx. ]{8,12}"),
    ),
    # Genuine: official numbers and the warnings genuine senders print.
    Signal(
        "official_warning_line", 0.8, genuine=True,
        zh=(r"(?<![\d-])96110(?!\d)|12381",),
        vi=(r"1900 ?9068",),
    ),
    Signal(
        "protective_notice", 0.6, genuine=True,
        zh=(_ZH_PROTECT + r".{0,15}(?:泄露|透露|验证码|密码|转账|索要|点击)", r"无需缴纳任何费用|不收(?:取)?任何费用"),
        vi=(_VI_PROTECT + r".{0,25}(?:otp|mat khau|ma|link|chuyen tien|thong tin)", r"(?:otp|ma).{0,40}(?:khong cung cap|khong chia se|dung cung cap)"),
    ),
    Signal(
        "warning_about_scams", 0.6, genuine=True,
        zh=(r"警方提醒|反诈(?:宣传|视频|提醒)|诈骗高发|高发诈骗|落网|犯罪团伙|新闻说|好多骗子|小心骗子|防骗|冒充[^,.;!?。；]{0,12}(?:诈骗|的骗子|的电话)|遇到这种",),
        vi=(r"canh bao|canh giac|thu doan|bi bat giu|khoi to vu an|bao chi dua tin|de phong|mao danh[^,.;!?]{0,20}(?:lua dao|de lua)",),
    ),
    Signal(
        "self_initiated", 0.6, genuine=True,
        zh=(r"我(?:自己)?(?:打|拨)(?:了|过去)?(?:12333|96110|110|客服|银行)|反诈中心(?:民警)?(?:打来|来电)",),
        vi=(r"toi (?:tu )?goi (?:len|den|cho)? ?(?:1900 ?9068|tong dai|ngan hang)",),
    ),
    Signal(
        "official_channel", 0.4, genuine=True,
        zh=(r"国家社会保险公共服务平台|社区(?:服务中心|居委会)|社保经办机构|窗口办理|到社保(?:局|中心|大厅)|官方渠道|户籍窗口",),
        vi=(r"co quan bhxh (?:noi|cap|quan|huyen|tinh)|buu dien|ung dung vssid (?:chinh thuc|tren (?:kho|app store|ch play))|den truc tiep|diem chi tra|uy ban nhan dan|tru so|(?:app|ung dung) chinh thuc",),
    ),
)
# fmt: on
