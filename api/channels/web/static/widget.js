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
    lastFocus: null
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
  var viewer = el("div", {
    class: "viewer", role: "dialog", "aria-modal": "true", "aria-labelledby": "planqa-viewer-title", hidden: true,
    onkeydown: trapViewerFocus
  }, [el("div", { class: "vhead" }, [viewerTitle, viewerClose]), viewerMeta, viewerText]);

  var panel = el("section", {
    class: "panel", id: "planqa-panel", role: "dialog", "aria-modal": "false", "aria-labelledby": "planqa-title",
    hidden: true, onkeydown: onPanelKey
  }, [el("div", { class: "head" }, [titleNode, langButton, newButton, closeButton]), log, starterBox, form, viewer]);

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
    bubble.setAttribute("aria-expanded", "true");
    input.focus();
  }

  function closePanel() {
    closeViewer();
    panel.hidden = true;
    bubble.setAttribute("aria-expanded", "false");
    bubble.focus();
  }

  function onPanelKey(event) {
    if (event.key === "Escape") {
      event.stopPropagation();
      if (!viewer.hidden) closeViewer(); else closePanel();
    }
  }

  function switchLanguage() {
    state.lang = state.lang === "vi" ? "en" : "vi";
    refreshText();
  }

  function newConversation() {
    state.conversationId = null;
    state.asked = 0;
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

  function ask(raw) {
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
    setBusy(true);
    streamAnswer(question, message).catch(function () {
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

  function showError(message, text) {
    message.article.classList.add("error");
    message.article.setAttribute("aria-busy", "false");
    message.answer.textContent = text;
    scrollLog();
  }

  async function streamAnswer(question, message) {
    var body = { question: question };
    if (state.conversationId) body.conversation_id = state.conversationId;
    if (config.docId) body.doc_id = config.docId;
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
      scrollLog();
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
    if (citations.length) message.article.appendChild(renderCitations(citations));
    if (body.answer_id) message.article.appendChild(renderRating(body.answer_id));
    message.article.setAttribute("aria-busy", "false");
    scrollLog();
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

  function renderCitations(citations) {
    var list = el("ol");
    citations.forEach(function (citation, i) {
      var button = el("button", {
        type: "button", class: "cite", "aria-label": t("citation") + " " + (i + 1) + ": " + describe(citation),
        onclick: function () { openViewer(citation, i + 1, button); }
      }, [
        el("span", { class: "num", text: "[" + (i + 1) + "]" }),
        el("span", {}, [
          el("span", { text: citation.source }),
          el("span", { class: "where", text: describe(citation) })
        ])
      ]);
      list.appendChild(el("li", {}, [button]));
    });
    return el("div", { class: "cites" }, [tr(el("h3"), "sources"), list]);
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
    viewerTitle.textContent = "[" + n + "] " + citation.source;
    viewerMeta.textContent = describe(citation);
    viewerText.textContent = t("loadingPassage");
    viewerClose.focus();
    var ref = citation.citation_id || citation.chunk_id;
    if (!ref) { showPassage({ text: "" }, citation); return; }
    fetch(config.api + "/v1/sources/" + encodeURIComponent(ref), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r); })
      .then(function (passage) { showPassage(passage, citation); }, function () { showPassage({ text: "" }, citation); });
  }

  function showPassage(passage, citation) {
    var text = passage.text || "";
    var span = locateQuote(text, passage.highlight, citation.quote || "");
    viewerText.textContent = "";
    if (span) {
      var mark = el("mark", { text: text.slice(span[0], span[1]) });
      viewerText.appendChild(document.createTextNode(text.slice(0, span[0])));
      viewerText.appendChild(mark);
      viewerText.appendChild(document.createTextNode(text.slice(span[1])));
      if (mark.scrollIntoView) mark.scrollIntoView({ block: "center" });
    } else {
      if (text) viewerText.appendChild(document.createTextNode(text));
      viewerText.appendChild(el("p", { text: t("quoteNotFound") }));
      viewerText.appendChild(el("blockquote", {}, [el("mark", { text: citation.quote || "" })]));
    }
  }

  // The server's offsets when they cover the quote; else the quote found ignoring whitespace.
  function locateQuote(text, highlight, quote) {
    var squash = function (s) { return s.replace(/\s+/g, " ").trim(); };
    if (highlight && squash(text.slice(highlight.start, highlight.end)) === squash(quote)) {
      return [highlight.start, highlight.end];
    }
    var words = quote.trim().split(/\s+/).filter(Boolean).map(function (w) {
      return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    });
    if (words.length) {
      var found = new RegExp(words.join("\\s+")).exec(text);
      if (found) return [found.index, found.index + found[0].length];
    }
    return highlight && highlight.end > highlight.start ? [highlight.start, highlight.end] : null;
  }

  function closeViewer() {
    if (viewer.hidden) return;
    viewer.hidden = true;
    if (state.lastFocus && state.lastFocus.isConnected) state.lastFocus.focus();
  }

  function trapViewerFocus(event) {
    if (event.key !== "Tab") return;
    var stops = [viewerClose, viewerText];
    var current = shadow.activeElement;
    var index = stops.indexOf(current);
    event.preventDefault();
    var next = (index + (event.shiftKey ? -1 : 1) + stops.length) % stops.length;
    stops[index < 0 ? 0 : next].focus();
  }

  // ------------------------------------------------------------------ start

  function mount() {
    document.body.appendChild(host);
    intro();
    if (data.open === "true") openPanel();
  }

  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
