"""What to tell the caller: the verdict, why, what to do, and the agency's own word on it
(FACTS.md §4 official counter-statements, §5 channels), in the caller's language."""

from __future__ import annotations

# Why a signal gives the message away, in a few words.
REASONS = {
    "asks_for_code": ("对方要您提供验证码", "đòi mã OTP hoặc mã xác nhận"),
    "asks_for_password": ("对方要您的密码", "đòi mật khẩu hoặc mã PIN"),
    "asks_for_card_or_id": ("对方要身份证号或银行卡信息", "đòi số tài khoản, số thẻ hoặc ảnh CCCD"),
    "safe_account": ("要求把钱转到“安全账户”", "yêu cầu chuyển tiền vào “tài khoản an toàn”"),
    "transfer_demand": ("要求转账汇款", "yêu cầu chuyển tiền"),
    "fee_before_payout": ("领钱之前先要交费", "bắt nộp phí trước khi nhận tiền"),
    "claims_agency": ("自称社保等部门", "tự xưng là cơ quan BHXH"),
    "claims_police": ("自称公检法", "tự xưng công an, viện kiểm sát, tòa án"),
    "claims_acquaintance": ("冒充熟人或领导借钱", "giả làm người quen, cấp trên để mượn tiền"),
    "threat": ("用冻结、注销、抓人吓唬您", "dọa khóa, cắt chế độ, phạt hoặc ra tòa"),
    "pressure": ("催您马上办、别告诉别人", "thúc ép làm ngay, dặn giữ bí mật"),
    "bait": ("用补贴、退款、高收益引诱", "dụ bằng tiền hỗ trợ, hoàn tiền, lợi nhuận"),
    "link": ("让您点链接", "bảo bấm vào đường link"),
    "look_alike_link": ("链接是假冒官方的网址", "đường link giả mạo trang chính thức"),
    "unknown_link": ("链接不是官方网址", "đường link không phải trang chính thức"),
    "install_or_remote": ("让您下载软件或共享屏幕", "bảo tải ứng dụng lạ hoặc chia sẻ màn hình"),
    "biometrics": ("要您刷脸或录视频", "đòi quét khuôn mặt, vân tay"),
    "personal_contact": ("要加微信、QQ私聊", "bảo kết bạn Zalo, nhắn tin riêng"),
    "press_key": ("语音让您按键转接", "bảo bấm phím để được chuyển máy"),
    "data_update_request": ("要您更新或重新认证社保卡信息", "bảo cập nhật, đồng bộ thông tin"),
    "loan_or_investment": ("贷款、投资、刷单要先交钱", "vay, đầu tư, làm nhiệm vụ phải nộp tiền"),
    "customer_service_refund": ("冒充客服退款理赔", "giả chăm sóc khách hàng để hoàn tiền"),
    "debt_collection": ("以催债相威胁", "đe dọa đòi nợ"),
    "agency_calls_out": ("显示12333或个人号码来电", "gọi từ số cá nhân xưng là BHXH"),
}

ADVICE = {
    "scam": (
        "这是诈骗，理由：{reasons}。不要回电、不要点链接、不要转账，验证码和密码谁也别告诉。"
        "社保部门不会打电话或发短信要您的验证码、密码，也不会让您转账；有疑问请自己拨打12333核实，"
        "号码用114查，别用对方给的。已经转了钱或说了验证码，请马上拨打110。",
        "Đây là lừa đảo, vì: {reasons}. Không gọi lại, không bấm link, không chuyển tiền, không đọc "
        "mã OTP hay mật khẩu cho ai. Cơ quan BHXH không dùng số cá nhân hay Zalo để yêu cầu cập nhật "
        "thông tin, không bao giờ đòi OTP hay chuyển tiền. Nghi ngờ thì gọi 1900 9068; báo số lừa "
        "đảo qua 156 hoặc 5656. Nếu đã chuyển tiền hay đọc mã OTP, hãy gọi ngay 113 hoặc báo công an "
        "nơi cư trú.",
    ),
    "suspicious": (
        "这很可能是诈骗，理由：{reasons}。先别回电、别点链接、别转账。请自己拨打12333或到社保经办"
        "机构核实，号码用114查。社保部门不会索要验证码、密码，也不会让您转账。",
        "Rất có thể là lừa đảo, vì: {reasons}. Chưa gọi lại, chưa bấm link, không chuyển tiền. Hãy "
        "tự gọi 1900 9068 hoặc đến cơ quan BHXH để kiểm tra. BHXH không bao giờ đòi OTP, mật khẩu "
        "hay chuyển tiền.",
    ),
    "looks_genuine": (
        "从您说的看，这像是正常消息：没有要钱、要验证码或密码。96110来电是公安反诈劝阻专线，请接听；"
        "12381短信是官方预警短信。如果后面有人要您转账或说验证码，那就是诈骗。",
        "Theo những gì ông/bà kể, tin này có vẻ thật: không đòi tiền, mã OTP hay mật khẩu. Kênh "
        "chính thức là tổng đài 1900 9068, trang baohiemxahoi.gov.vn và ứng dụng VssID. Nếu sau đó "
        "có ai đòi chuyển tiền hay mã OTP thì đó là lừa đảo.",
    ),
    "not_enough_to_tell": (
        "光凭这些还判断不了。请告诉我：对方是谁、怎么联系您的（电话、短信、微信）、要您做什么（点链接、"
        "转账、说验证码）。记住：社保部门不会要验证码、密码，也不会让您转账；拿不准就拨打12333核实。",
        "Chừng này chưa đủ để kết luận. Ông/bà cho biết thêm: ai liên hệ, qua đâu (gọi điện, tin "
        "nhắn, Zalo), và họ bảo làm gì (bấm link, chuyển tiền, đọc OTP). Nhớ rằng BHXH không bao giờ "
        "đòi OTP, mật khẩu hay chuyển tiền; không chắc thì gọi 1900 9068.",
    ),
}

MAX_REASONS = 3


# When no single sign stands out, the message as a whole reads like the scams seen before.
LIKE_KNOWN_SCAMS = ("它和常见的诈骗信息很像", "nội dung giống các tin lừa đảo thường gặp")


def advice_for(verdict: str, signals: list[str], language: str) -> str:
    index = 1 if language == "vi" else 0
    separator = ", " if language == "vi" else "、"
    reasons = separator.join(REASONS[s][index] for s in signals[:MAX_REASONS] if s in REASONS)
    return ADVICE[verdict][index].format(reasons=reasons or LIKE_KNOWN_SCAMS[index])
