/*! planqa chat widget: exact, cited answers from plan documents.
 *
 * Embed with one tag:
 *   <script src="https://HOST/widget.js" defer
 *           data-lang="vi" data-title="Hỏi đáp kế hoạch" data-position="right"
 *           data-starters="Câu hỏi 1|Câu hỏi 2" data-doc-id="" data-color="#0b5cad"></script>
 *
 * Everything lives in a shadow root (no CSS leaks either way); no external fonts or scripts.
 * Answers stream from POST /v1/ask/stream (server-sent events read through fetch + ReadableStream).
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || window.__planqaWidgetLoaded) return;
  window.__planqaWidgetLoaded = true;

  var CSS = __PLANQA_CSS__;

  var TEXT = {
    vi: {
      title: "Hỏi đáp văn bản kế hoạch",
      open: "Mở trợ lý hỏi đáp",
      close: "Đóng trợ lý hỏi đáp",
      closeShort: "Đóng",
      langSwitch: "English",
      langSwitchLabel: "Switch to English",
      newChat: "Mới",
      newChatLabel: "Bắt đầu cuộc trò chuyện mới",
      log: "Cuộc trò chuyện",
      intro: "Xin chào! Hãy hỏi về chỉ tiêu, nhiệm vụ, cơ quan chủ trì, thời hạn báo cáo… trong các văn bản kế hoạch. Câu trả lời trích nguyên văn và ghi rõ nguồn.",
      question: "Câu hỏi của bạn",
      placeholder: "Nhập câu hỏi…",
      send: "Gửi",
      starters: "Gợi ý câu hỏi",
      thinking: "Đang tìm câu trả lời…",
      sources: "Nguồn trích dẫn",
      sourcesN: "Nguồn ({n})",
      showSource: "Xem chi tiết nguồn",
      openDocument: "Mở văn bản",
      copyAnswer: "Sao chép câu trả lời",
      copyCitation: "Sao chép trích dẫn",
      copied: "Đã sao chép",
      fileName: "Tệp",
      breadcrumb: "Mục",
      pageLabel: "Trang",
      pageImage: "Xem ảnh trang",
      pageText: "Xem chữ",
      loadingDocument: "Đang tải văn bản…",
      section: "mục",
      docTypeDefault: "Văn bản",
      of: "của",
      dated: "ngày",
      numbered: "số",
      docPicker: "Hỏi trong văn bản",
      allDocs: "Tất cả văn bản",
      suggestDocs: "Văn bản gần nhất với câu hỏi:",
      narrow: "Hỏi hẹp lại:",
      nextPlans: "Xem các kế hoạch tiếp theo",
      suggestQuestions: "Bạn có thể hỏi:",
      askIn: "Chỉ hỏi trong",
      citation: "Trích dẫn",
      page: "trang",
      rate: "Đánh giá câu trả lời",
      up: "Câu trả lời hữu ích",
      down: "Câu trả lời chưa đúng",
      thanks: "Cảm ơn phản hồi của bạn!",
      commentLabel: "Góp ý thêm (không bắt buộc)",
      commentSend: "Gửi góp ý",
      passage: "Đoạn văn được trích",
      loadingPassage: "Đang tải đoạn văn…",
      quoteNotFound: "Không định vị được câu trích trong đoạn văn; câu trích:",
      networkError: "Không kết nối được máy chủ. Vui lòng thử lại.",
      rateLimited: "Bạn hỏi hơi nhanh. Vui lòng thử lại sau {s} giây.",
      tooLong: "Câu hỏi quá dài (tối đa {n} ký tự).",
      you: "Bạn hỏi",
      bot: "Trả lời",
      defaultStarters: [
        "Chỉ tiêu 14 do cơ quan nào chủ trì?",
        "Sở Y tế phụ trách những chỉ tiêu nào?",
        "Báo cáo năm gửi trước ngày nào, gửi cho ai?"
      ]
    },
    en: {
      title: "Plan documents Q&A",
      open: "Open the Q&A assistant",
      close: "Close the Q&A assistant",
      closeShort: "Close",
      langSwitch: "Tiếng Việt",
      langSwitchLabel: "Chuyển sang tiếng Việt",
      newChat: "New",
      newChatLabel: "Start a new conversation",
      log: "Conversation",
      intro: "Hello! Ask about indicators, tasks, lead agencies, reporting deadlines… in the plan documents. Answers quote the documents word for word and name their source.",
      question: "Your question",
      placeholder: "Type a question…",
      send: "Send",
      starters: "Suggested questions",
      thinking: "Looking for the answer…",
      sources: "Sources",
      sourcesN: "Sources ({n})",
      showSource: "Show source details",
      openDocument: "Open document",
      copyAnswer: "Copy answer",
      copyCitation: "Copy citation",
      copied: "Copied",
      fileName: "File",
      breadcrumb: "Section",
      pageLabel: "Page",
      pageImage: "Show page image",
      pageText: "Show text",
      loadingDocument: "Loading the document…",
      section: "section",
      docTypeDefault: "Document",
      of: "by",
      dated: "of",
      numbered: "no.",
      docPicker: "Ask in document",
      allDocs: "All documents",
      suggestDocs: "Documents closest to the question:",
      narrow: "Narrow the question:",
      nextPlans: "Show the next plans",
      suggestQuestions: "You could ask:",
      askIn: "Ask only in",
      citation: "Citation",
      page: "page",
      rate: "Rate this answer",
      up: "Helpful answer",
      down: "Wrong or unhelpful answer",
      thanks: "Thank you for your feedback!",
      commentLabel: "Add a comment (optional)",
      commentSend: "Send comment",
      passage: "Quoted passage",
      loadingPassage: "Loading the passage…",
      quoteNotFound: "Could not locate the quote in the passage; the quote:",
      networkError: "Cannot reach the server. Please try again.",
      rateLimited: "Too many questions. Please try again in {s} seconds.",
      tooLong: "The question is too long (at most {n} characters).",
      you: "You asked",
      bot: "Answer",
      defaultStarters: [
        "Which agency leads indicator 14?",
        "Which indicators is the Department of Health responsible for?",
        "When is the annual report due, and to whom?"
      ]
    }
  };

  var MAX_QUESTION = 2000;
  var data = script.dataset;
  var config = {
    api: (data.api || new URL(script.src, location.href).origin).replace(/\/+$/, ""),
    lang: data.lang === "en" ? "en" : "vi",
    title: data.title || "",
    docId: data.docId || null,
    position: data.position === "left" ? "left" : "right",
    starters: data.starters ? data.starters.split("|").map(function (s) { return s.trim(); }).filter(Boolean) : null,
    color: /^#[0-9a-fA-F]{3,8}$/.test(data.color || "") ? data.color : null
  };

  var state = {
    lang: config.lang,
    conversationId: null,
    busy: false,
    asked: 0,
    lastFocus: null,
    docId: config.docId, // the picker's document, or null for all
    history: [], // [{q, body}] of this conversation, kept in sessionStorage across reloads
    documents: {}, // doc_id -> entry of GET /v1/documents (type, date, issuer for references)
    texts: {} // doc_id -> promise of GET /v1/documents/{id}/text
  };

  function t(key) { return TEXT[state.lang][key]; }

  // ------------------------------------------------------------------ DOM helpers

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        var value = attrs[name];
        if (value === null || value === undefined || value === false) return;
        if (name === "text") node.textContent = value;
        else if (name === "class") node.className = value;
        else if (name.slice(0, 2) === "on") node.addEventListener(name.slice(2), value);
        else node.setAttribute(name, value === true ? "" : value);
      });
    }
    (children || []).forEach(function (child) {
      if (child) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  var SVG_NS = "http://www.w3.org/2000/svg";
  function icon(pathData) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", pathData);
    path.setAttribute("fill", "currentColor");
    svg.appendChild(path);
    return svg;
  }
  var ICON_CHAT = "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6v2h2v-2H7zm4 0v2h2v-2h-2zm4 0v2h2v-2h-2z";
  var ICON_UP = "M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.4-1.1L13.2 1 6.6 7.6c-.4.4-.6.9-.6 1.4v10a2 2 0 0 0 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z";
  var ICON_DOWN = "M22 3h-4v12h4V3zM2 14a2 2 0 0 0 2 2h6.3l-1 4.6v.3c0 .4.2.8.4 1.1l1.1 1 6.6-6.6c.4-.4.6-.9.6-1.4V5a2 2 0 0 0-2-2H7c-.8 0-1.5.5-1.8 1.2l-3 7.1c-.1.2-.2.5-.2.7v2z";

  // ------------------------------------------------------------------ build the widget

  var host = el("div", { id: "planqa-widget", "data-position": config.position });
  var shadow = host.attachShadow({ mode: "open" });
  applyStyles(shadow);
  if (config.color) host.style.setProperty("--accent", config.color);

  var i18n = []; // [node, key, attribute|null] refreshed when the language changes

  function tr(node, key, attribute) {
    i18n.push([node, key, attribute || null]);
    return node;
  }

  var bubble = tr(tr(el("button", {
    class: "bubble", type: "button", "aria-haspopup": "dialog", "aria-expanded": "false",
    "aria-controls": "planqa-panel", onclick: togglePanel
  }, [icon(ICON_CHAT)]), "open", "aria-label"), "open", "title");

  var titleNode = el("h2", { id: "planqa-title" });
  if (config.title) titleNode.textContent = config.title; else tr(titleNode, "title");
  var langButton = tr(tr(el("button", { type: "button", class: "lang", onclick: switchLanguage }), "langSwitch"),
    "langSwitchLabel", "aria-label");
  var newButton = tr(tr(el("button", { type: "button", class: "new", onclick: newConversation }), "newChat"),
    "newChatLabel", "aria-label");
  var closeButton = tr(el("button", { type: "button", class: "icon close", onclick: closePanel, text: "×" }),
    "close", "aria-label");

  var log = tr(el("div", { class: "log", role: "log", "aria-live": "polite", "aria-relevant": "additions" }),
    "log", "aria-label");
  var starterBox = el("div", { class: "starters", role: "group", "aria-labelledby": "planqa-starters-title" });

  var input = tr(tr(el("textarea", { id: "planqa-input", rows: "2", maxlength: String(MAX_QUESTION) }),
    "placeholder", "placeholder"), "question", "aria-label");
  var sendButton = tr(el("button", { type: "submit", class: "send" }), "send");
  var form = el("form", { class: "composer", onsubmit: onSubmit }, [
    tr(el("label", { class: "sr-only", for: "planqa-input" }), "question"), input, sendButton
  ]);

  var viewerTitle = el("h3", { id: "planqa-viewer-title" });
  var viewerClose = tr(el("button", { type: "button", class: "vclose", onclick: closeViewer }), "closeShort");
  var viewerMeta = el("div", { class: "vmeta" });
  var viewerText = el("div", { class: "vtext", tabindex: "0" });
  var viewerImage = el("div", { class: "vimage", hidden: true });
  var viewerImageButton = el("button", { type: "button", class: "vimgbtn", hidden: true });
  var viewer = el("div", {
    class: "viewer", role: "dialog", "aria-modal": "true", "aria-labelledby": "planqa-viewer-title", hidden: true,
    onkeydown: trapViewerFocus
  }, [el("div", { class: "vhead" }, [viewerTitle, viewerImageButton, viewerClose]), viewerMeta, viewerText, viewerImage]);

  var picker = el("select", { id: "planqa-doc", class: "picker", onchange: function () {
    state.docId = picker.value || null;
    save();
  } });
  var pickbar = el("div", { class: "pickbar" }, [
    tr(el("label", { for: "planqa-doc" }), "docPicker"), picker
  ]);

  var panel = el("section", {
    class: "panel", id: "planqa-panel", role: "dialog", "aria-modal": "false", "aria-labelledby": "planqa-title",
    hidden: true, onkeydown: onPanelKey
  }, [el("div", { class: "head" }, [titleNode, langButton, newButton, closeButton]), pickbar, log, starterBox, form, viewer]);

  var root = el("div", { class: "root", lang: state.lang }, [bubble, panel]);
  shadow.appendChild(root);

  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : onSubmit(event);
    }
  });

  function applyStyles(target) {
    try {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      target.adoptedStyleSheets = [sheet]; // not subject to the host page's style-src CSP
    } catch (e) {
      target.appendChild(el("style", { text: CSS }));
    }
  }

  function refreshText() {
    root.setAttribute("lang", state.lang);
    i18n.forEach(function (entry) {
      if (entry[2]) entry[0].setAttribute(entry[2], t(entry[1]));
      else entry[0].textContent = t(entry[1]);
    });
    renderStarters();
  }

  function renderStarters() {
    starterBox.textContent = "";
    if (state.asked > 0) { starterBox.hidden = true; return; }
    starterBox.hidden = false;
    starterBox.appendChild(el("h3", { id: "planqa-starters-title", text: t("starters") }));
    (config.starters || t("defaultStarters")).forEach(function (question) {
      starterBox.appendChild(el("button", {
        type: "button", class: "starter", text: question,
        onclick: function () { ask(question); }
      }));
    });
  }

  function intro() {
    log.appendChild(tr(el("div", { class: "msg bot intro" }, []), "intro"));
    refreshText();
  }

  // ------------------------------------------------------------------ panel

  function togglePanel() { if (panel.hidden) openPanel(); else closePanel(); }

  function openPanel() {
    panel.hidden = false;
    // On a phone the panel covers the page: it is a modal dialog there.
    panel.setAttribute("aria-modal", isPhone() ? "true" : "false");
    bubble.setAttribute("aria-expanded", "true");
    input.focus();
  }

  function closePanel() {
    closeViewer();
    panel.hidden = true;
    bubble.setAttribute("aria-expanded", "false");
    bubble.focus();
  }

  function focusables(container) {
    return Array.prototype.filter.call(
      container.querySelectorAll("button, textarea, select, input, a[href], [tabindex='0']"),
      function (node) { return !node.disabled && node.getClientRects().length > 0; });
  }

  function onPanelKey(event) {
    if (event.key === "Tab" && !event.defaultPrevented && viewer.hidden) {
      // Tab and Shift+Tab cycle within the panel instead of leaving it for the page behind.
      var stops = focusables(panel);
      if (!stops.length) return;
      var index = stops.indexOf(shadow.activeElement);
      var next = event.shiftKey ? (index <= 0 ? stops.length - 1 : index - 1) : (index < 0 || index === stops.length - 1 ? 0 : index + 1);
      if ((event.shiftKey && index <= 0) || (!event.shiftKey && (index < 0 || index === stops.length - 1))) {
        event.preventDefault();
        stops[next].focus();
      }
      return;
    }
    if (event.key === "Escape") {
      event.stopPropagation();
      if (!viewer.hidden) closeViewer(); else closePanel();
    }
  }

  function switchLanguage() {
    state.lang = state.lang === "vi" ? "en" : "vi";
    refreshText();
    save();
  }

  function newConversation() {
    state.conversationId = null;
    state.asked = 0;
    state.history = [];
    save();
    log.textContent = "";
    i18n = i18n.filter(function (entry) { return entry[0].isConnected; }); // drop the cleared messages
    intro();
    input.focus();
  }

  // ------------------------------------------------------------------ asking

  function onSubmit(event) {
    event.preventDefault();
    ask(input.value);
  }

  function ask(raw, page) {
    var question = (raw || "").trim();
    if (!question || state.busy) return;
    if (question.length > MAX_QUESTION) {
      showError(addBotMessage(), t("tooLong").replace("{n}", MAX_QUESTION));
      return;
    }
    input.value = "";
    state.asked += 1;
    renderStarters();
    log.appendChild(el("div", { class: "msg user" }, [
      el("span", { class: "sr-only", text: t("you") + ": " }), el("p", { text: question })
    ]));
    var message = addBotMessage();
    message.question = question;
    setBusy(true);
    streamAnswer(question, message, page).catch(function () {
      showError(message, t("networkError"));
    }).then(function () {
      setBusy(false);
      input.focus();
    });
  }

  function setBusy(busy) {
    state.busy = busy;
    sendButton.disabled = busy;
  }

  function addBotMessage() {
    var answer = el("div", { class: "answer" }, [el("span", { class: "typing", text: t("thinking") })]);
    var article = el("article", { class: "msg bot", "aria-busy": "true", "aria-label": t("bot") }, [answer]);
    log.appendChild(article);
    scrollLog();
    return { article: article, answer: answer, text: "", started: false, deltas: 0 };
  }

  function scrollLog() { log.scrollTop = log.scrollHeight; }

  // A new answer is read from its first line: put the top of its message at the top of the log.
  function scrollToMessage(message) {
    var top = message.article.offsetTop - log.offsetTop - 8;
    var question = message.article.previousElementSibling;
    // Keep the question in view too when it fits with the answer's start.
    if (question && question.classList.contains("user") && message.article.offsetHeight + question.offsetHeight < log.clientHeight * 0.8) {
      top = question.offsetTop - log.offsetTop - 8;
    }
    log.scrollTop = Math.max(0, top);
  }

  function showError(message, text) {
    message.article.classList.add("error");
    message.article.setAttribute("aria-busy", "false");
    message.answer.textContent = text;
    scrollLog();
  }

  async function streamAnswer(question, message, page) {
    var body = { question: question };
    if (page && page > 1) body.page = page;
    if (state.conversationId) body.conversation_id = state.conversationId;
    if (state.docId) body.doc_id = state.docId;
    var response = await fetch(config.api + "/v1/ask/stream", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "text/event-stream" },
      body: JSON.stringify(body)
    });
    if (!response.ok) {
      showError(message, await errorText(response));
      return;
    }
    var handle = function (name, payload) { onEvent(message, name, payload); };
    if (!response.body || !response.body.getReader) {
      parseEvents(await response.text() + "\n\n", handle);
      return;
    }
    var reader = response.body.getReader();
    var decoder = new TextDecoder();
    var buffer = "";
    for (;;) {
      var chunk = await reader.read();
      if (chunk.done) break;
      buffer = parseEvents(buffer + decoder.decode(chunk.value, { stream: true }), handle);
    }
    parseEvents(buffer + decoder.decode() + "\n\n", handle);
  }

  // Parses complete events out of `buffer` (SSE wire format); returns the unfinished rest.
  function parseEvents(buffer, handle) {
    buffer = buffer.replace(/\r\n/g, "\n");
    var end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      var block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      var name = "message";
      var lines = [];
      block.split("\n").forEach(function (line) {
        if (!line || line.charAt(0) === ":") return;
        var colon = line.indexOf(":");
        var field = colon < 0 ? line : line.slice(0, colon);
        var value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "event") name = value;
        else if (field === "data") lines.push(value);
      });
      if (lines.length) {
        try { handle(name, JSON.parse(lines.join("\n"))); } catch (e) { /* ignore a malformed event */ }
      }
    }
    return buffer;
  }

  function onEvent(message, name, payload) {
    if (name === "delta") {
      if (!message.started) { message.answer.textContent = ""; message.started = true; }
      message.text += payload.text;
      message.deltas += 1;
      message.article.setAttribute("data-deltas", String(message.deltas)); // how many streamed pieces
      message.answer.appendChild(document.createTextNode(payload.text));
      scrollToMessage(message);
    } else if (name === "citations") {
      message.citations = payload.citations || [];
    } else if (name === "done") {
      finishAnswer(message, payload);
    }
  }

  async function errorText(response) {
    if (response.status === 429) {
      return t("rateLimited").replace("{s}", response.headers.get("Retry-After") || "60");
    }
    try {
      var body = await response.json();
      if (body && body.error && body.error.message) return body.error.message;
    } catch (e) { /* not JSON */ }
    return t("networkError");
  }

  // ------------------------------------------------------------------ answers, footnotes, feedback

  function finishAnswer(message, body) {
    state.conversationId = body.conversation_id || state.conversationId;
    var citations = body.citations || message.citations || [];
    message.answer.textContent = "";
    renderAnswerText(message.answer, body.answer || message.text, citations);
    message.body = body;
    if (body.status === "not_found" && !message.restored) message.article.appendChild(renderSuggestions(message.question || ""));
    else message.article.appendChild(el("div", { class: "tools" }, [copyButton("copyAnswer", function () { return answerForCopy(body); })]));
    if (!message.restored && ((body.suggestions || []).length || (body.page && body.page.next))) {
      message.article.appendChild(renderNarrowing(message.question || "", body));
    }
    if (citations.length) message.article.appendChild(renderCitations(citations, body));
    if (body.answer_id) message.article.appendChild(renderRating(body.answer_id));
    message.article.setAttribute("aria-busy", "false");
    if (!message.restored) {
      state.history.push({ q: message.question || "", body: body });
      save();
    }
    scrollToMessage(message);
  }

  // Turns "[n]" markers into footnote buttons; without markers, footnotes follow the text.
  function renderAnswerText(target, text, citations) {
    var marker = /\[(\d{1,2})\]/g;
    var last = 0;
    var used = false;
    var match;
    while ((match = marker.exec(text)) !== null) {
      var n = parseInt(match[1], 10);
      if (n < 1 || n > citations.length) continue;
      target.appendChild(document.createTextNode(text.slice(last, match.index)));
      target.appendChild(footnote(n, citations[n - 1]));
      last = match.index + match[0].length;
      used = true;
    }
    target.appendChild(document.createTextNode(text.slice(last)));
    if (!used) citations.forEach(function (c, i) { target.appendChild(footnote(i + 1, c)); });
  }

  // "KH 27/KH-UBND · Đồi Mây · II.1 Sở Văn hóa": type code and number, place, last heading levels.
  function docCode(number) {
    // JavaScript's \b knows only ASCII letters: "QĐ" must not end at "Q".
    var m = /\/\s*([A-ZĐ]{1,6})(?![A-Za-zĐđ])/.exec(number || "");
    return m ? m[1] + " " + number : number;
  }

  var LABEL = /^\s*((?:Điều|Chương|Phần|Mục)\s+[0-9IVXLC]+|[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.):]\s*(.*)$/i;

  function headingParts(section) {
    return (section || "").split(/\s*›\s*/).filter(Boolean);
  }

  // The last one or two heading levels: "IV. TỔ CHỨC THỰC HIỆN › 2. Sở Tư pháp" -> "IV.2 Sở Tư pháp".
  function shortSection(section) {
    var parts = headingParts(section);
    if (!parts.length) return "";
    var last = LABEL.exec(parts[parts.length - 1]);
    var prev = parts.length > 1 ? LABEL.exec(parts[parts.length - 2]) : null;
    if (!last) return clip(parts[parts.length - 1], 48);
    var label = last[1];
    if (prev && !(label.indexOf(prev[1] + ".") === 0)) label = prev[1] + "." + label;
    return clip(label + " " + last[2].replace(/[.:;]\s*$/, ""), 56);
  }

  function clip(text, n) {
    text = (text || "").replace(/\s+/g, " ").trim();
    if (text.length <= n) return text;
    var cut = text.slice(0, n);
    var space = cut.lastIndexOf(" ");
    return (space > n / 2 ? cut.slice(0, space) : cut) + "…";
  }

  function compactLabel(citation) {
    var parts = [citation.doc_number ? docCode(citation.doc_number) : clip(citation.title || citation.source, 40)];
    if (citation.place) parts.push(citation.place);
    var where = shortSection(citation.section);
    if (where) parts.push(where);
    if (citation.page) parts.push(t("pageLabel") + " " + citation.page);
    return parts.join(" · ");
  }

  function describe(citation) {
    var parts = [citation.title || citation.source];
    if (citation.doc_number) parts.push(citation.doc_number);
    if (citation.section) parts.push(citation.section);
    if (citation.page) parts.push(t("page") + " " + citation.page);
    return parts.join(" · ");
  }

  function footnote(n, citation) {
    var button = el("button", {
      type: "button", class: "fn", text: "[" + n + "]",
      "aria-label": t("citation") + " " + n + ": " + describe(citation),
      onclick: function () { openViewer(citation, n, button); }
    });
    return button;
  }

  function isPhone() {
    return window.matchMedia ? window.matchMedia("(max-width: 520px)").matches : window.innerWidth <= 520;
  }

  function renderCitations(citations, body) {
    var list = el("ol");
    citations.forEach(function (citation, i) {
      var details = el("div", { class: "cdetail", hidden: true }, [
        el("blockquote", { text: citation.excerpt || citation.quote || "" }),
        el("dl", {}, [
          el("dt", { text: t("breadcrumb") }), el("dd", { text: citation.section || "—" }),
          el("dt", { text: t("fileName") }), el("dd", { class: "file", text: citation.source })
        ]),
        el("div", { class: "cactions" }, [
          el("button", { type: "button", class: "open", text: t("openDocument"),
                         onclick: function (event) { openViewer(citation, i + 1, event.currentTarget); } }),
          copyButton("copyCitation", function () { return citationForCopy(body, citation); })
        ])
      ]);
      var toggle = el("button", {
        type: "button", class: "cite", "aria-expanded": "false", title: compactLabel(citation),
        "aria-label": t("citation") + " " + (i + 1) + ": " + compactLabel(citation),
        onclick: function () {
          var open = details.hidden;
          details.hidden = !open;
          toggle.setAttribute("aria-expanded", String(open));
        }
      }, [
        el("span", { class: "num", text: "[" + (i + 1) + "]" }),
        el("span", { class: "label", text: compactLabel(citation) })
      ]);
      list.appendChild(el("li", {}, [toggle, details]));
    });
    var box = el("div", { class: "cites" }, [tr(el("h3"), "sources"), list]);
    if (isPhone() && citations.length > 2) {
      // On a phone the answer comes first: more than two sources wait behind one button.
      list.hidden = true;
      box.firstChild.hidden = true;
      var more = el("button", {
        type: "button", class: "more", "aria-expanded": "false",
        text: t("sourcesN").replace("{n}", citations.length),
        onclick: function () {
          var open = list.hidden;
          list.hidden = !open;
          more.setAttribute("aria-expanded", String(open));
        }
      });
      box.insertBefore(more, list);
    }
    return box;
  }

  // ------------------------------------------------------------------ after "not found"

  // An answer over many plans: narrower questions (place, level, year) and the next page, as buttons.
  function renderNarrowing(question, body) {
    var box = el("div", { class: "suggest narrow" });
    if ((body.suggestions || []).length) box.appendChild(el("h3", { text: t("narrow") }));
    (body.suggestions || []).forEach(function (s) {
      box.appendChild(el("button", {
        type: "button", class: "starter", text: s.label, title: s.question,
        onclick: function () { ask(s.question); }
      }));
    });
    if (body.page && body.page.next) {
      box.appendChild(el("button", {
        type: "button", class: "starter next-page", text: t("nextPlans"),
        onclick: function () { ask(question, body.page.next); }
      }));
    }
    return box;
  }

  function renderSuggestions(question) {
    var box = el("div", { class: "suggest" });
    fetch(config.api + "/v1/suggestions?question=" + encodeURIComponent(question), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { documents: [], questions: [] }; })
      .then(function (found) {
        var docs = (found.documents || []).filter(function (d) { return d.score > 0; });
        if (docs.length) {
          box.appendChild(el("h3", { text: t("suggestDocs") }));
          docs.forEach(function (d) {
            var label = docLabel(d);
            box.appendChild(el("button", {
              type: "button", class: "sdoc", text: t("askIn") + ": " + label,
              onclick: function () { selectDocument(d.doc_id); input.focus(); }
            }));
          });
        }
        var questions = (found.questions || []).filter(function (q) {
          return docs.some(function (d) { return d.doc_id === q.doc_id; });
        });
        if (questions.length) {
          box.appendChild(el("h3", { text: t("suggestQuestions") }));
          questions.forEach(function (q) {
            box.appendChild(el("button", {
              type: "button", class: "starter", text: q.question,
              onclick: function () { selectDocument(q.doc_id); ask(q.question); }
            }));
          });
        }
      }, function () { /* suggestions are a help, not a need */ });
    return box;
  }

  function docLabel(d) {
    var parts = [d.doc_number ? docCode(d.doc_number) : clip(d.title || d.source, 50)];
    if (d.place) parts.push(d.place);
    return parts.join(" · ");
  }

  function selectDocument(docId) {
    state.docId = docId || null;
    picker.value = docId || "";
    save();
  }

  function renderPicker(docs) {
    picker.textContent = "";
    picker.appendChild(tr(el("option", { value: "" }), "allDocs"));
    docs.forEach(function (d) {
      picker.appendChild(el("option", { value: d.doc_id, text: docLabel(d) + (d.title ? " — " + clip(d.title, 60) : "") }));
    });
    refreshText();
    if (state.docId && !state.documents[state.docId]) state.docId = null;
    picker.value = state.docId || "";
  }

  // ------------------------------------------------------------------ kept across a reload

  var STORE_KEY = "planqa-widget:" + config.api;

  function save() {
    try {
      sessionStorage.setItem(STORE_KEY, JSON.stringify({
        conversationId: state.conversationId, docId: state.docId, lang: state.lang,
        history: state.history.slice(-20)
      }));
    } catch (e) { /* storage off or full: the conversation just is not kept */ }
  }

  function restore() {
    var saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(STORE_KEY) || "null"); } catch (e) { saved = null; }
    if (!saved) return;
    state.conversationId = saved.conversationId || null;
    state.docId = saved.docId || state.docId;
    if (saved.lang === "vi" || saved.lang === "en") state.lang = saved.lang;
    (saved.history || []).forEach(function (item) {
      state.asked += 1;
      log.appendChild(el("div", { class: "msg user" }, [
        el("span", { class: "sr-only", text: t("you") + ": " }), el("p", { text: item.q })
      ]));
      var message = addBotMessage();
      message.restored = true;
      message.question = item.q;
      finishAnswer(message, item.body);
      state.history.push(item);
    });
    refreshText();
  }

  // ------------------------------------------------------------------ copying

  function documentInfo(docId) { return state.documents[docId] || {}; }

  function formatDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? m[3] + "/" + parseInt(m[2], 10) + "/" + m[1] : "";
  }

  // "Kế hoạch số 27/KH-UBND ngày 12/5/2022 của UBND tỉnh Đồi Mây, mục II.1"
  function reference(citation) {
    var doc = documentInfo(citation.doc_id);
    var text = doc.doc_type || t("docTypeDefault");
    if (citation.doc_number) text += " " + t("numbered") + " " + citation.doc_number;
    else if (citation.title) text += " “" + clip(citation.title, 90) + "”";
    var date = formatDate(doc.date);
    if (date) text += " " + t("dated") + " " + date;
    var issuer = (doc.issuer || "").replace(/^(Ủy|Uỷ) ban nhân dân\b/i, "UBND");
    if (issuer) text += " " + t("of") + " " + issuer;
    var where = shortSection(citation.section).split(" ")[0];
    if (where && LABEL.test(headingParts(citation.section).slice(-1)[0] || "")) text += ", " + t("section") + " " + where;
    if (citation.page) text += ", " + t("pageLabel").toLowerCase() + " " + citation.page;
    return text;
  }

  function plainAnswer(body) { return (body.answer || "").replace(/\s*\[\d{1,2}\]/g, ""); }

  function answerForCopy(body) {
    var lines = [plainAnswer(body)];
    (body.citations || []).forEach(function (c, i) { lines.push("[" + (i + 1) + "] " + reference(c)); });
    return lines.join("\n");
  }

  function citationForCopy(body, citation) {
    return plainAnswer(body) + "\n\n“" + (citation.excerpt || citation.quote || "") + "”\n(" + reference(citation) + ")";
  }

  function copyButton(key, textOf) {
    var button = el("button", { type: "button", class: "copy", text: t(key) });
    button.addEventListener("click", function () {
      copyText(textOf()).then(function () {
        button.textContent = t("copied");
        button.setAttribute("data-copied", "true");
        setTimeout(function () { button.textContent = t(key); }, 1500);
      });
    });
    return button;
  }

  function copyText(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).catch(function () { return legacyCopy(text); });
    }
    return Promise.resolve(legacyCopy(text));
  }

  function legacyCopy(text) {
    var area = el("textarea", { class: "sr-only" });
    area.value = text;
    shadow.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing more to try */ }
    area.remove();
  }

  function renderRating(answerId) {
    var thanks = el("span", { class: "thanks", role: "status" });
    var up = tr(el("button", { type: "button", class: "up", "aria-pressed": "false" }, [icon(ICON_UP)]), "up", "aria-label");
    var down = tr(el("button", { type: "button", class: "down", "aria-pressed": "false" }, [icon(ICON_DOWN)]), "down", "aria-label");
    var group = tr(el("div", { class: "rate", role: "group" }, [up, down, thanks]), "rate", "aria-label");
    var comment = null;

    function vote(rating) {
      up.setAttribute("aria-pressed", String(rating === "up"));
      down.setAttribute("aria-pressed", String(rating === "down"));
      sendFeedback({ answer_id: answerId, rating: rating }).then(function (ok) {
        thanks.textContent = ok ? t("thanks") : t("networkError");
      });
      if (rating === "down" && !comment) {
        var field = tr(el("input", { type: "text", maxlength: "2000" }), "commentLabel", "aria-label");
        tr(field, "commentLabel", "placeholder");
        comment = el("form", {
          class: "comment",
          onsubmit: function (event) {
            event.preventDefault();
            if (!field.value.trim()) return;
            sendFeedback({ answer_id: answerId, rating: "down", comment: field.value.trim() }).then(function (ok) {
              thanks.textContent = ok ? t("thanks") : t("networkError");
              if (ok) comment.remove();
            });
          }
        }, [field, tr(el("button", { type: "submit" }), "commentSend")]);
        refreshText();
        group.appendChild(comment);
        field.focus();
      }
    }
    up.addEventListener("click", function () { vote("up"); });
    down.addEventListener("click", function () { vote("down"); });
    refreshText();
    return group;
  }

  function sendFeedback(body) {
    return fetch(config.api + "/v1/feedback", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
    }).then(function (r) { return r.ok; }, function () { return false; });
  }

  // ------------------------------------------------------------------ the quoted passage

  function openViewer(citation, n, trigger) {
    state.lastFocus = trigger;
    viewer.hidden = false;
    panel.classList.add("wide");
    var docPart = citation.doc_number ? docCode(citation.doc_number) : clip(citation.title || citation.source, 40);
    viewerTitle.textContent = "[" + n + "] " + docPart + (citation.place ? " · " + citation.place : "");
    state.viewerWhere = [shortSection(citation.section), citation.source].filter(Boolean).join(" · ");
    viewerMeta.textContent = state.viewerWhere + (citation.page ? " · " + t("pageLabel") + " " + citation.page : "");
    viewerText.textContent = t("loadingDocument");
    viewerImage.hidden = true;
    viewerImageButton.hidden = true;
    viewerClose.focus();
    loadDocument(citation.doc_id).then(function (doc) { showDocument(doc, citation); }, function () {
      showPassageFallback(citation);
    });
  }

  function loadDocument(docId) {
    if (!state.texts[docId]) {
      state.texts[docId] = fetch(config.api + "/v1/documents/" + encodeURIComponent(docId) + "/text",
        { headers: { "Accept": "application/json" } })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r); });
      state.texts[docId].catch(function () { delete state.texts[docId]; });
    }
    return state.texts[docId];
  }

  // The whole document, page by page ("Trang N" headings for paged sources), the quote marked.
  function showDocument(doc, citation) {
    var text = doc.text || "";
    var start = citation.char_start, end = citation.char_end;
    if (!(start >= 0 && end > start && end <= text.length)) { showPassageFallback(citation); return; }
    viewerText.textContent = "";
    var pages = (doc.pages && doc.pages.length) ? doc.pages : [{ page: null, start: 0, end: text.length }];
    var mark = null;
    var citedPage = citation.page;
    pages.forEach(function (p) {
      var section = el("section", { class: "vpage", "data-page": p.page === null ? "" : String(p.page) });
      if (p.page !== null) section.appendChild(el("h4", { class: "pageno", text: t("pageLabel") + " " + p.page }));
      var body = el("div", { class: "ptext" });
      var a = p.start, b = p.end;
      if (end <= a || start >= b) {
        body.textContent = text.slice(a, b);
      } else {
        var s0 = Math.max(a, start), e0 = Math.min(b, end);
        body.appendChild(document.createTextNode(text.slice(a, s0)));
        var m = el("mark", { text: text.slice(s0, e0) });
        body.appendChild(m);
        body.appendChild(document.createTextNode(text.slice(e0, b)));
        if (!mark) { mark = m; if (!citedPage && p.page !== null) citedPage = p.page; }
      }
      section.appendChild(body);
      viewerText.appendChild(section);
    });
    if (citedPage) viewerMeta.textContent = state.viewerWhere + " · " + t("pageLabel") + " " + citedPage;
    viewer.setAttribute("data-page", citedPage ? String(citedPage) : "");
    if (doc.page_images && citedPage) {
      viewerImageButton.hidden = false;
      viewerImageButton.textContent = t("pageImage");
      viewerImageButton.onclick = function () {
        var showing = !viewerImage.hidden;
        viewerImage.hidden = showing;
        viewerText.hidden = !showing;
        viewerImageButton.textContent = showing ? t("pageImage") : t("pageText");
        if (!showing) {
          viewerImage.textContent = "";
          viewerImage.appendChild(el("img", {
            src: config.api + "/v1/documents/" + encodeURIComponent(doc.doc_id) + "/pages/" + citedPage + ".png",
            alt: t("pageLabel") + " " + citedPage + " — " + doc.source
          }));
        }
      };
    }
    viewerText.hidden = false;
    if (mark && mark.scrollIntoView) mark.scrollIntoView({ block: "center" });
  }

  function showPassageFallback(citation) {
    viewerText.textContent = "";
    viewerText.appendChild(el("p", { text: t("quoteNotFound") }));
    viewerText.appendChild(el("blockquote", {}, [el("mark", { text: citation.quote || "" })]));
  }

  function closeViewer() {
    if (viewer.hidden) return;
    viewer.hidden = true;
    panel.classList.remove("wide");
    if (state.lastFocus && state.lastFocus.isConnected) state.lastFocus.focus();
  }

  function trapViewerFocus(event) {
    if (event.key !== "Tab") return;
    var stops = [viewerImageButton, viewerClose, viewerText].filter(function (b) { return !b.hidden; });
    var current = shadow.activeElement;
    var index = stops.indexOf(current);
    event.preventDefault();
    var next = (index + (event.shiftKey ? -1 : 1) + stops.length) % stops.length;
    stops[index < 0 ? 0 : next].focus();
  }

  // ------------------------------------------------------------------ start

  function loadDocuments() {
    return fetch(config.api + "/v1/documents", { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { documents: [] }; })
      .then(function (body) {
        (body.documents || []).forEach(function (d) { state.documents[d.doc_id] = d; });
        renderPicker(body.documents || []);
        return body.documents || [];
      }, function () { return []; });
  }

  function mount() {
    document.body.appendChild(host);
    intro();
    restore();
    loadDocuments();
    if (data.open === "true") openPanel();
  }

  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
