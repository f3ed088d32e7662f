/* planqa admin page: upload (drag and drop, several files) as background jobs with per-file
 * progress, list and delete documents, review what was extracted (identity and indicators, each
 * row linked to its source passage) and export it. Every data request carries the admin key. */
(function () {
  "use strict";

  var KEY = "planqa-admin-key";
  var STAGES = {
    queued: "Đang chờ", reading: "Đang đọc tệp", ocr: "Đang nhận dạng chữ (OCR)", parsing: "Đang phân tích",
    embedding: "Đang tạo chỉ mục tìm kiếm", saving: "Đang lưu chỉ mục", loading: "Đang nạp lại",
    done: "Xong", unchanged: "Không thay đổi (đã có)", failed: "Lỗi"
  };
  var ORDER = ["queued", "reading", "ocr", "parsing", "embedding", "saving", "loading", "done"];
  var $ = function (id) { return document.getElementById(id); };
  var state = { key: sessionStorage.getItem(KEY) || "", docs: [], current: null, texts: {} };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var v = attrs[name];
      if (v === null || v === undefined || v === false) return;
      if (name === "text") node.textContent = v;
      else if (name === "class") node.className = v;
      else if (name.slice(0, 2) === "on") node.addEventListener(name.slice(2), v);
      else node.setAttribute(name, v === true ? "" : v);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  function api(path, options) {
    options = options || {};
    options.headers = Object.assign({ "Authorization": "Bearer " + state.key }, options.headers || {});
    return fetch(path, options).then(function (r) {
      if (r.ok) return r;
      return r.json().then(function (body) {
        var error = new Error(body && body.error ? body.error.message : "HTTP " + r.status);
        error.status = r.status;
        throw error;
      }, function () { var e = new Error("HTTP " + r.status); e.status = r.status; throw e; });
    });
  }

  // ------------------------------------------------------------ login

  function login(key) {
    state.key = key;
    // An unknown job id answers 404 with a valid key, 401 without one, 403 when admin is off.
    return api("/v1/jobs/check").catch(function (error) {
      if (error.status === 404) return null;
      throw error;
    }).then(function () {
      sessionStorage.setItem(KEY, key);
      $("login").hidden = true;
      $("app").hidden = false;
      $("logout").hidden = false;
      loadDocuments();
    });
  }

  $("login-form").addEventListener("submit", function (event) {
    event.preventDefault();
    $("login-error").textContent = "";
    login($("key").value.trim()).catch(function (error) {
      $("login-error").textContent = error.status === 403
        ? "Máy chủ đang tắt chức năng quản trị (PLANQA_ENABLE_ADMIN)." : "Khóa không đúng: " + error.message;
    });
  });
  $("logout").addEventListener("click", function () { sessionStorage.removeItem(KEY); location.reload(); });

  // ------------------------------------------------------------ upload jobs

  var drop = $("drop"), input = $("files");
  drop.addEventListener("click", function () { input.click(); });
  drop.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); input.click(); } });
  input.addEventListener("change", function () { upload(input.files); input.value = ""; });
  ["dragenter", "dragover"].forEach(function (name) {
    drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    drop.addEventListener(name, function () { drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (e) {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length) upload(e.dataTransfer.files);
  });

  function upload(files) {
    if (!files || !files.length) return;
    var form = new FormData();
    Array.prototype.forEach.call(files, function (f) { form.append("file", f, f.name); });
    var rows = Array.prototype.map.call(files, function (f) { return fileRow(f.name); });
    api("/v1/jobs", { method: "POST", body: form }).then(function (r) { return r.json(); }).then(function (job) {
      job.files.forEach(function (f, i) { if (rows[i]) rows[i].name.textContent = f.name; });
      poll(job.id, rows);
    }, function (error) {
      rows.forEach(function (row) { showStage(row, { stage: "failed", error: error.message }); });
    });
  }

  function fileRow(name) {
    var row = {
      name: el("span", { class: "name", text: name }),
      stage: el("span", { class: "stage", "data-stage": "queued", text: STAGES.queued }),
      bar: el("progress", { max: String(ORDER.length - 1), value: "0" })
    };
    row.li = el("li", { class: "job-file" }, [row.name, row.stage, row.bar]);
    $("jobs").appendChild(row.li);
    return row;
  }

  function showStage(row, file) {
    var text = STAGES[file.stage] || file.stage;
    if (file.page && file.stage !== "failed") text += " – OCR " + file.page + "/" + file.pages + " trang";
    if (file.stage === "failed" && file.error) text += ": " + file.error;
    row.stage.textContent = text;
    row.stage.setAttribute("data-stage", file.stage);
    var step = file.stage === "unchanged" || file.stage === "failed" ? ORDER.length - 1 : Math.max(0, ORDER.indexOf(file.stage));
    row.bar.value = step;
    row.li.setAttribute("data-stage", file.stage);
  }

  function poll(jobId, rows) {
    api("/v1/jobs/" + encodeURIComponent(jobId)).then(function (r) { return r.json(); }).then(function (job) {
      job.files.forEach(function (f, i) { if (rows[i]) showStage(rows[i], f); });
      if (job.state === "done" || job.state === "failed") loadDocuments();
      else setTimeout(function () { poll(jobId, rows); }, 400);
    }, function () { setTimeout(function () { poll(jobId, rows); }, 1500); });
  }

  // ------------------------------------------------------------ documents

  function loadDocuments() {
    return api("/v1/documents").then(function (r) { return r.json(); }).then(function (body) {
      state.docs = body.documents || [];
      renderDocuments();
    }, function (error) { $("docs-status").textContent = error.message; });
  }

  function renderDocuments() {
    var body = $("docs").tBodies[0];
    body.textContent = "";
    state.docs.forEach(function (d) {
      var del = el("button", { type: "button", class: "danger", text: "Xóa", "aria-label": "Xóa " + d.source });
      del.addEventListener("click", function () {
        if (del.getAttribute("data-confirm") !== "true") {
          del.setAttribute("data-confirm", "true");
          del.textContent = "Bấm lần nữa để xóa";
          return;
        }
        api("/v1/documents/" + encodeURIComponent(d.doc_id), { method: "DELETE" }).then(function () {
          $("docs-status").textContent = "Đã xóa " + d.source + ".";
          if (state.current === d.doc_id) { $("review").hidden = true; $("source").hidden = true; }
          loadDocuments();
        }, function (error) { $("docs-status").textContent = error.message; });
      });
      var view = el("button", { type: "button", text: "Kiểm tra", "aria-label": "Kiểm tra " + d.source,
                                onclick: function () { review(d.doc_id); } });
      body.appendChild(el("tr", { "data-doc": d.doc_id, class: state.current === d.doc_id ? "selected" : "" }, [
        el("td", { text: d.doc_number || "—" }), el("td", { text: d.doc_type || "—" }),
        el("td", { text: formatDate(d.date) || "—" }), el("td", { text: d.issuer || "—" }),
        el("td", { text: d.place || "—" }), el("td", { text: d.title || "—" }), el("td", { text: d.source }),
        el("td", { text: String(d.indicators || 0) }), el("td", {}, [view, " ", del])
      ]));
    });
    $("docs-status").textContent = state.docs.length + " văn bản.";
  }

  function formatDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? m[3] + "/" + m[2] + "/" + m[1] : (iso || "");
  }

  // ------------------------------------------------------------ review

  function review(docId) {
    state.current = docId;
    renderDocuments();
    api("/v1/admin/documents/" + encodeURIComponent(docId) + "/indicators").then(function (r) { return r.json(); })
      .then(showReview, function (error) { $("docs-status").textContent = error.message; });
  }

  function number(value) { return String(value).replace(".", ","); }

  function targetText(t) {
    var parts = [];
    if (t.qualifier) parts.push(t.qualifier);
    if (t.value !== null && t.value !== undefined) parts.push(number(t.value) + (t.unit || ""));
    if (t.year) parts.push("(" + t.year + ")");
    return parts.join(" ");
  }

  function showReview(body) {
    var d = body.document;
    var identity = $("identity");
    identity.textContent = "";
    [["Số hiệu", d.doc_number], ["Loại văn bản", d.doc_type], ["Ngày ban hành", formatDate(d.date)],
     ["Cơ quan ban hành", d.issuer], ["Địa bàn", d.place], ["Tên văn bản", d.title], ["Tệp", d.source]]
      .forEach(function (pair) {
        identity.appendChild(el("dt", { text: pair[0] }));
        identity.appendChild(el("dd", { text: pair[1] || "—" }));
      });
    var rows = body.indicators || [];
    var missing = rows.filter(function (r) { return r.lead_missing; }).length;
    $("review-summary").textContent = rows.length + " chỉ tiêu" + (missing ? ", " + missing + " chỉ tiêu chưa có cơ quan chủ trì." : ".");
    var tbody = $("indicators").tBodies[0];
    tbody.textContent = "";
    rows.forEach(function (r) {
      var cite = r.citation;
      var link = el("button", { type: "button", class: "source-link",
        text: (cite.section || "Nguồn") + (cite.page ? " (trang " + cite.page + ")" : ""),
        onclick: function () { showSource(d, cite); } });
      tbody.appendChild(el("tr", { class: r.lead_missing ? "no-lead" : "" }, [
        el("td", { class: "number", text: r.number !== null ? String(r.number) : "(" + r.ordinal + ")" }),
        el("td", { class: "text", text: r.text }),
        el("td", { class: "targets", text: (r.targets || []).map(targetText).join("; ") || "—" }),
        el("td", { class: "leads", text: r.leads.join("; ") || "CHƯA CÓ" }),
        el("td", { class: "supports", text: r.supports.join("; ") || "—" }),
        el("td", {}, [link])
      ]));
    });
    $("review-title").textContent = "Kiểm tra nội dung trích xuất: " + (d.doc_number || d.source);
    $("review").hidden = false;
  }

  function showSource(doc, cite) {
    var pane = $("source");
    pane.hidden = false;
    $("source-meta").textContent = (doc.doc_number || doc.source) + " · " + (cite.section || "") + (cite.page ? " · trang " + cite.page : "");
    var box = $("source-text");
    box.textContent = "Đang tải…";
    if (!state.texts[doc.doc_id]) {
      state.texts[doc.doc_id] = api("/v1/documents/" + encodeURIComponent(doc.doc_id) + "/text").then(function (r) { return r.json(); });
    }
    state.texts[doc.doc_id].then(function (body) {
      var text = body.text || "";
      box.textContent = "";
      box.appendChild(document.createTextNode(text.slice(0, cite.char_start)));
      var mark = el("mark", { text: text.slice(cite.char_start, cite.char_end) });
      box.appendChild(mark);
      box.appendChild(document.createTextNode(text.slice(cite.char_end)));
      pane.scrollIntoView({ block: "start" });
      box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - 60);
      box.focus({ preventScroll: true });
    });
  }
  $("source-close").addEventListener("click", function () { $("source").hidden = true; });

  function download(fmt) {
    if (!state.current) return;
    api("/v1/admin/documents/" + encodeURIComponent(state.current) + "/indicators." + fmt)
      .then(function (r) { return r.blob(); }).then(function (blob) {
        var a = el("a", { href: URL.createObjectURL(blob), download: "chi-tieu-" + state.current + "." + fmt });
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      });
  }
  $("export-csv").addEventListener("click", function () { download("csv"); });
  $("export-xlsx").addEventListener("click", function () { download("xlsx"); });

  if (state.key) login(state.key).catch(function () { sessionStorage.removeItem(KEY); });
})();
