// The chat page: its texts in Chinese or Vietnamese, the topic buttons, and the rasa-webchat
// widget (served by this site as /webchat/widget.js) connected to this site's own socket.io.
"use strict";

(function () {
  const TEXTS = {
    zh: {
      htmlLang: "zh-CN",
      pageTitle: "社会保险服务 · 在线咨询",
      skip: "跳到对话",
      agency: "社会保险服务",
      title: "在线咨询助手",
      intro: "请用中文或越南语提问，助手用您提问的语言回答。",
      topics: "常见问题",
      certification: "养老金资格认证",
      certification_hint: "谁要认证、什么时候、怎么认证",
      death: "报告亲人去世",
      death_hint: "怎么报、带什么材料、丧葬补助",
      scam: "识别诈骗",
      scam_hint: "可疑电话、短信、链接",
      warning: "社保部门不会要求您转账，也不会索要短信验证码或银行卡密码。",
      hotline: "需要人工服务，请拨打 12333。",
      chat: "与助手对话",
      unavailable: "对话暂时无法使用，请稍后再试或拨打热线 12333。",
      privacy: "请不要在对话中输入银行卡号、密码或验证码。",
      inputHint: "在这里输入您的问题",
      connecting: "正在连接，请稍候…",
      questions: {
        certification: "养老金资格认证怎么做？",
        death: "家里老人去世了，怎么向社保报告？",
        scam: "有人打电话自称社保局工作人员，要我提供短信验证码，这是诈骗吗？",
      },
    },
    vi: {
      htmlLang: "vi",
      pageTitle: "Bảo hiểm xã hội · Hỏi đáp trực tuyến",
      skip: "Chuyển đến khung trò chuyện",
      agency: "Bảo hiểm xã hội",
      title: "Trợ lý hỏi đáp trực tuyến",
      intro: "Hãy đặt câu hỏi bằng tiếng Việt hoặc tiếng Trung; trợ lý trả lời bằng ngôn ngữ của câu hỏi.",
      topics: "Câu hỏi thường gặp",
      certification: "Xác minh thông tin hưởng lương hưu",
      certification_hint: "Ai phải làm, khi nào, làm thế nào",
      death: "Báo tử, báo giảm khi người thân mất",
      death_hint: "Báo ở đâu, giấy tờ gì, trợ cấp mai táng",
      scam: "Nhận biết lừa đảo",
      scam_hint: "Cuộc gọi, tin nhắn, đường link đáng ngờ",
      warning:
        "Cơ quan BHXH không bao giờ yêu cầu chuyển tiền, cung cấp mã OTP hay mật khẩu qua điện thoại.",
      hotline: "Cần gặp tổng đài viên, xin gọi 1900 9068.",
      chat: "Trò chuyện với trợ lý",
      unavailable: "Khung trò chuyện tạm thời không dùng được, xin thử lại sau hoặc gọi 1900 9068.",
      privacy: "Xin đừng nhập số tài khoản, mật khẩu hay mã OTP vào khung trò chuyện.",
      inputHint: "Nhập câu hỏi tại đây",
      connecting: "Đang kết nối, xin chờ…",
      questions: {
        certification: "Xác minh thông tin để hưởng lương hưu làm thế nào?",
        death: "Người hưởng lương hưu mất thì gia đình báo cho bảo hiểm xã hội thế nào?",
        scam: "Có người gọi xưng là cán bộ BHXH bảo tôi đọc mã OTP, có phải lừa đảo không?",
      },
    },
  };
  const STORAGE_KEY = "hotline.language";

  // Sent with every message as the socket channel's metadata (customData); the assistant
  // still detects the language of each message itself.
  const customData = { language: initialLanguage() };
  const webchat = { current: null };
  let connected = false;

  function initialLanguage() {
    const asked = new URLSearchParams(window.location.search).get("lang");
    if (asked && TEXTS[asked]) return asked;
    try {
      const saved = window.localStorage.getItem(STORAGE_KEY);
      if (saved && TEXTS[saved]) return saved;
    } catch (error) {
      // storage disabled: fall through
    }
    const preferred = navigator.languages || [navigator.language || ""];
    return preferred.some((tag) => /^vi\b/i.test(tag)) ? "vi" : "zh";
  }

  function setLanguage(language) {
    const texts = TEXTS[language];
    customData.language = language;
    document.documentElement.lang = texts.htmlLang;
    document.title = texts.pageTitle;
    for (const element of document.querySelectorAll("[data-text]")) {
      element.textContent = texts[element.dataset.text];
    }
    for (const button of document.querySelectorAll("button.language")) {
      button.setAttribute("aria-pressed", String(button.dataset.lang === language));
    }
    for (const button of document.querySelectorAll("button.topic")) {
      button.lang = texts.htmlLang;
    }
    labelWidget(true);
    try {
      window.localStorage.setItem(STORAGE_KEY, language);
    } catch (error) {
      // storage disabled: the choice lasts as long as the page
    }
  }

  // The widget's input and message list, in the page's language and announced to screen
  // readers (it gives them neither a label nor a live region).
  function labelWidget(languageChanged) {
    const texts = TEXTS[customData.language];
    const input = document.querySelector("#webchat .rw-new-message");
    if (input && (languageChanged || !input.hasAttribute("aria-label"))) {
      input.placeholder = texts.inputHint;
      input.setAttribute("aria-label", texts.inputHint);
    }
    const messages = document.querySelector("#webchat .rw-messages-container");
    if (messages && !messages.hasAttribute("aria-live")) {
      messages.setAttribute("role", "log");
      messages.setAttribute("aria-live", "polite");
    }
  }

  function setConnected(value) {
    connected = value;
    document.body.classList.toggle("connected", value);
    for (const button of document.querySelectorAll("button.topic")) {
      button.disabled = !value;
    }
  }

  function askTopic(topic) {
    const question = TEXTS[customData.language].questions[topic];
    if (!connected || !webchat.current || !question) return;
    // Shown in the conversation as the user's message, and sent as it.
    webchat.current.sendMessage(question, question);
    document.getElementById("chat").scrollIntoView({ behavior: "smooth", block: "start" });
  }

  function mountWidget() {
    const texts = TEXTS[customData.language];
    if (!window.WebChat || typeof window.WebChat.default !== "function") {
      document.querySelector(".unavailable").hidden = false;
      return;
    }
    new MutationObserver(() => labelWidget(false)).observe(document.getElementById("webchat"), {
      childList: true,
      subtree: true,
    });
    window.WebChat.default(
      {
        socketUrl: window.location.origin,
        socketPath: "/socket.io/",
        customData: customData,
        embedded: true,
        withRules: false,
        // The assistant's greeting, in the page's language, when a conversation starts (the
        // widget sends this once per session; without it, it would send an empty message).
        initPayload: "/greet" + JSON.stringify({ language: customData.language }),
        innerRef: webchat,
        title: texts.title,
        inputTextFieldHint: texts.inputHint,
        connectingText: texts.connecting,
        hideWhenNotConnected: false,
        showMessageDate: false,
        // Replies appear at once rather than after a pretend typing pause.
        customMessageDelay: () => 200,
        // The conversation survives a reload of the tab, not the closing of the browser
        // (a shared computer keeps no one's questions).
        params: { storage: "session" },
        onSocketEvent: {
          session_confirm: () => setConnected(true),
          disconnect: () => setConnected(false),
        },
      },
      document.getElementById("webchat"),
    );
  }

  document.addEventListener("DOMContentLoaded", () => {
    for (const button of document.querySelectorAll("button.language")) {
      button.addEventListener("click", () => setLanguage(button.dataset.lang));
    }
    for (const button of document.querySelectorAll("button.topic")) {
      button.addEventListener("click", () => askTopic(button.dataset.topic));
    }
    setLanguage(customData.language);
    setConnected(false);
    mountWidget();
  });
})();
