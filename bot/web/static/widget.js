/*
 * ShopDesk chat widget. Embed with one tag:
 *   <script src="https://chat.example.com/widget.js" data-shopdesk-url="https://chat.example.com"></script>
 * data-shopdesk-url is optional (default: the origin this script came from).
 *
 * Three ways it runs (docs/EMBED.md):
 * - on a page of the service itself: the widget here, its token in the service's cookie;
 * - on a page of another origin (the shop's own site): only a frame of the service's /embed
 *   page here, sized to the launcher or the open panel (the frame says which); the shop must
 *   be listed in SHOPDESK_EMBED_ORIGINS, or the browser refuses the frame;
 * - in that frame (data-shopdesk-frame): the widget, its token sent as a bearer token (a
 *   cookie would be a third-party one there, never sent). Browsers deny a third-party frame
 *   its storage too, so the shop's page keeps the conversation's id and token in its own
 *   storage for the frame: handed over by postMessage, only between the frame and the shop
 *   origin the service lists, never to any other page.
 *
 * No framework, no build step. Every piece of user or model text goes in through textContent.
 * It talks to the ShopDesk /v1 API: POST /v1/chat/stream (server-sent events read from a fetch
 * body), POST /v1/chat (fallback), GET /v1/sessions/{id} (transcript after a reload).
 * The service issues the conversation's id (kept in localStorage) and its owner token (an
 * HttpOnly cookie this script never sees); messages travel only in request bodies.
 */
(function () {
  "use strict";
  if (window.ShopDeskWidget) return; // embedded twice: keep the first

  var script = document.currentScript || document.querySelector("script[src*='widget.js']");
  var scriptUrl = new URL(script ? script.src : "/widget.js", location.href);
  var BASE = ((script && script.getAttribute("data-shopdesk-url")) || scriptUrl.origin)
    .replace(/\/+$/, "");
  var KEY = "shopdesk:" + BASE + ":";  // localStorage keys, one set per service
  var FRAMED = !!(script && script.hasAttribute("data-shopdesk-frame"));
  if (!FRAMED && new URL(BASE, location.href).origin !== location.origin) {
    hostFrame(new URL(BASE, location.href).origin);
    return;
  }
  var SHOP = FRAMED ? shopOrigin() : "";  // the listed shop framing us: its links are its pages
  var CREDENTIALS = FRAMED ? "omit" : "same-origin";
  var HOST_WAIT_MS = 3000;
  var GREETING = "Hi! I can help with orders, returns, shipping and our products. What can I do for you?";
  var STARTERS = ["Track my order", "What is your return policy?", "How much is shipping?"];
  var HANDOFF_POLL_MS = 4000;
  var IDLE_POLL_MS = 15000;
  var ICON_CHAT = "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z";
  var ICON_CLOSE = "M6 6l12 12M18 6L6 18";
  var ICON_SEND = "M3 20l18-8L3 4v6l12 2-12 2z";
  // A card carries its store's currency (ISO 4217; "" for bare amounts).
  var money = {
    format: function (amount, currency) {
      if (!currency) { return Number(amount).toFixed(2); }
      try {
        return new Intl.NumberFormat("en-US", { style: "currency", currency: currency }).format(amount);
      } catch (e) {
        return Number(amount).toFixed(2) + " " + currency;
      }
    }
  };

  /* ---------- on a shop's own site: the chat is a frame of ours ---------- */

  function hostFrame(origin) {
    var frame = document.createElement("iframe");
    frame.src = BASE + "/embed#shop=" + encodeURIComponent(location.origin);
    frame.title = "Customer service chat";
    var look = frame.style;  // (CSSOM, which a shop's style-src policy allows; attributes not)
    look.position = "fixed"; look.right = "0"; look.bottom = "0"; look.border = "0";
    look.zIndex = "2147483000"; look.background = "transparent"; look.colorScheme = "normal";
    look.maxWidth = "100vw"; look.maxHeight = "100vh";
    size(false);
    function size(open) {
      var phone = window.innerWidth <= 480;
      look.width = open ? (phone ? "100vw" : "440px") : "100px";
      look.height = open ? (phone ? "100vh" : "760px") : "100px";
    }
    var KEPT = ["session", "token", "open"];  // what the frame keeps here, by name
    window.addEventListener("message", function (event) {
      if (event.source !== frame.contentWindow || event.origin !== origin) return;
      var data = event.data || {};
      if (data.shopdesk === "size") size(!!data.open);
      else if (data.shopdesk === "ready") {
        var kept = {};
        KEPT.forEach(function (name) { kept[name] = store(name); });
        frame.contentWindow.postMessage({ shopdesk: "kept", kept: kept }, origin);
      } else if (data.shopdesk === "store" && KEPT.indexOf(data.name) >= 0) {
        store(data.name, typeof data.value === "string" ? data.value : null);
      }
    });
    document.body.appendChild(frame);
    function tell(what) {
      if (frame.contentWindow) frame.contentWindow.postMessage({ shopdesk: what }, origin);
    }
    window.ShopDeskWidget = {
      open: function () { tell("open"); },
      close: function () { tell("close"); }
    };
  }

  /* The origin of the shop page framing us, when the service lists it (then its links and
     messages go there); "" otherwise. CSP frame-ancestors already kept every other site out. */
  function shopOrigin() {
    var listed = (script.getAttribute("data-shop-origins") || "").split(" ");
    var named = "";
    try { named = new URLSearchParams(location.hash.slice(1)).get("shop") || ""; } catch (e) {}
    return window.parent !== window && named && listed.indexOf(named) >= 0 ? named : "";
  }

  var state, ui;  // set by start()
  var hostKept = null;  // in a shop's frame: what the shop's page keeps for us

  function start() {
    state = { sessionId: store("session"), busy: false, syncing: false, handoff: false,
              synced: 0, poll: 0 };
    ui = buildUi();
    restore();
  }

  function store(name, value) {
    if (hostKept) {  // kept by the shop's page (this frame's own storage is a third party's)
      if (value === undefined) return hostKept[name] || "";
      hostKept[name] = value === null ? "" : value;
      window.parent.postMessage({ shopdesk: "store", name: name, value: value }, SHOP);
      return "";
    }
    try {
      if (value === undefined) return localStorage.getItem(KEY + name) || "";
      if (value === null) localStorage.removeItem(KEY + name);
      else localStorage.setItem(KEY + name, value);
    } catch (e) { /* storage disabled: the widget still works, it just forgets on reload */ }
    return "";
  }

  /* ---------- DOM helpers ---------- */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function icon(pathData, className) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    if (className) svg.setAttribute("class", className);
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", pathData);
    svg.appendChild(path);
    return svg;
  }

  function buildUi() {
    var root = el("div", "shopdesk-root");
    root.hidden = true; // until widget.css is in, so the page never flashes unstyled controls
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = BASE + "/widget.css";
    css.onload = css.onerror = function () { root.hidden = false; };
    document.head.appendChild(css);

    var launcher = el("button", "shopdesk-launcher");
    launcher.type = "button";
    launcher.setAttribute("aria-label", "Open chat");
    launcher.setAttribute("aria-controls", "shopdesk-panel");
    launcher.setAttribute("aria-expanded", "false");
    launcher.appendChild(icon(ICON_CHAT, "shopdesk-icon-chat"));
    launcher.appendChild(icon(ICON_CLOSE, "shopdesk-icon-close"));

    var panel = el("section", "shopdesk-panel");
    panel.id = "shopdesk-panel";
    panel.hidden = true;
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-labelledby", "shopdesk-title");

    var header = el("div", "shopdesk-header");
    var titles = el("div", "shopdesk-titles");
    var title = el("h2", "shopdesk-title", "Customer service");
    title.id = "shopdesk-title";
    titles.appendChild(title);
    titles.appendChild(el("p", "shopdesk-subtitle", "Answers from our help pages and catalog"));
    var close = el("button", "shopdesk-close");
    close.type = "button";
    close.setAttribute("aria-label", "Close chat");
    close.appendChild(icon(ICON_CLOSE, "shopdesk-icon-close"));
    header.appendChild(titles);
    header.appendChild(close);

    var log = el("div", "shopdesk-log");
    log.setAttribute("role", "log");
    log.setAttribute("aria-live", "polite");
    log.setAttribute("aria-label", "Conversation");
    log.tabIndex = 0; // scrollable by keyboard

    var form = el("form", "shopdesk-form");
    var label = el("label", "shopdesk-sr-only", "Message");
    label.htmlFor = "shopdesk-input";
    var input = el("input", "shopdesk-input");
    input.id = "shopdesk-input";
    input.type = "text";
    input.autocomplete = "off";
    input.maxLength = 1000;
    input.placeholder = "Type your question";
    var send = el("button", "shopdesk-send");
    send.type = "submit";
    send.setAttribute("aria-label", "Send");
    send.appendChild(icon(ICON_SEND, "shopdesk-icon-send"));
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(send);

    panel.appendChild(header);
    panel.appendChild(log);
    panel.appendChild(form);
    root.appendChild(panel);
    root.appendChild(launcher);
    document.body.appendChild(root);

    launcher.addEventListener("click", function () { setOpen(panel.hidden, true); });
    close.addEventListener("click", function () { setOpen(false, true); });
    root.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !panel.hidden) { event.stopPropagation(); setOpen(false, true); }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (submit(input.value)) input.value = "";
    });
    return { root: root, launcher: launcher, panel: panel, log: log, input: input, send: send };
  }

  /* ---------- opening and closing ---------- */

  function setOpen(open, moveFocus) {
    ui.panel.hidden = !open;
    ui.root.classList.toggle("shopdesk-open", open);
    ui.launcher.setAttribute("aria-expanded", String(open));
    ui.launcher.setAttribute("aria-label", open ? "Close chat" : "Open chat");
    store("open", open ? "1" : "0");
    if (FRAMED && window.parent !== window) {  // the host sizes the frame (a boolean, no more)
      window.parent.postMessage({ shopdesk: "size", open: open }, SHOP || "*");
    }
    if (open) {
      scrollToEnd();
      if (moveFocus) ui.input.focus();
    } else if (moveFocus) {
      ui.launcher.focus();
    }
    schedulePoll();
  }

  function scrollToEnd() { ui.log.scrollTop = ui.log.scrollHeight; }

  /* ---------- rendering ---------- */

  function addMessage(role, text) {
    var row = el("div", "shopdesk-msg shopdesk-msg--" + role);
    if (role === "agent") row.appendChild(el("span", "shopdesk-who", "Agent"));
    var bubble = el("div", "shopdesk-bubble");
    var body = el("p", "shopdesk-text", text);
    bubble.appendChild(body);
    row.appendChild(bubble);
    ui.log.appendChild(row);
    scrollToEnd();
    return { row: row, bubble: bubble, body: body };
  }

  function addNotice(text, kind) {
    var note = el("p", "shopdesk-notice" + (kind ? " shopdesk-notice--" + kind : ""), text);
    ui.log.appendChild(note);
    scrollToEnd();
    return note;
  }

  function typing(view) {
    var dots = el("span", "shopdesk-typing");
    dots.appendChild(el("span", "shopdesk-sr-only", "Typing"));
    for (var i = 0; i < 3; i++) dots.appendChild(el("span", "shopdesk-dot"));
    view.body.appendChild(dots);
  }

  function renderReply(view, reply, withQuickReplies) {
    view.body.textContent = reply.text || "";
    view.bubble.hidden = !reply.text;
    if (reply.citations && reply.citations.length) view.row.appendChild(sources(reply.citations));
    if (reply.products && reply.products.length) {
      var cards = el("ul", "shopdesk-cards");
      cards.setAttribute("aria-label", "Products");
      reply.products.forEach(function (p) { cards.appendChild(productCard(p)); });
      view.row.appendChild(cards);
    }
    if (reply.handoff && !state.handoff) {
      view.row.appendChild(el("p", "shopdesk-notice shopdesk-notice--handoff",
        "A member of our team will continue this conversation here."));
    }
    state.handoff = !!reply.handoff;
    if (withQuickReplies && reply.text && !reply.handoff) view.row.appendChild(feedbackButtons());
    if (withQuickReplies && reply.quick_replies && reply.quick_replies.length) {
      ui.log.appendChild(quickReplies(reply.quick_replies));
    }
    scrollToEnd();
  }

  // Thumbs up/down under the newest reply (the service rates the session's newest reply, so
  // older buttons go away); the store sees them as CSAT in the panel's analytics.
  function feedbackButtons() {
    var old = ui.log.querySelector(".shopdesk-feedback");
    if (old) old.remove();
    var box = el("div", "shopdesk-feedback");
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "Was this helpful?");
    [["up", "\uD83D\uDC4D", "Helpful"], ["down", "\uD83D\uDC4E", "Not helpful"]].forEach(function (choice) {
      var button = el("button", "shopdesk-feedback-button", choice[1]);
      button.type = "button";
      button.setAttribute("aria-label", choice[2]);
      button.setAttribute("data-rating", choice[0]);
      button.addEventListener("click", function () {
        fetch(BASE + "/v1/feedback", {
          method: "POST", credentials: CREDENTIALS,
          headers: authorized({ "Content-Type": "application/json" }),
          body: JSON.stringify({ session_id: state.sessionId, rating: choice[0] })
        }).then(function (response) {
          box.textContent = response.ok ? "Thanks for your feedback." : "Feedback not saved.";
        }, function () { box.textContent = "Feedback not saved."; });
      });
      box.appendChild(button);
    });
    return box;
  }

  function sources(citations) {
    var box = el("div", "shopdesk-sources");
    var chips = el("div", "shopdesk-chips");
    chips.appendChild(el("span", "shopdesk-sources-label", "Sources:"));
    var detail = el("div", "shopdesk-source-text");
    detail.hidden = true;
    detail.id = "shopdesk-src-" + Math.random().toString(36).slice(2);
    var current = null;
    citations.forEach(function (c) {
      var chip = el("button", "shopdesk-chip", c.title || c.id);
      chip.type = "button";
      if (c.snippet) chip.title = c.snippet;
      chip.setAttribute("aria-expanded", "false");
      chip.setAttribute("aria-controls", detail.id);
      chip.addEventListener("click", function () {
        if (current) current.setAttribute("aria-expanded", "false");
        if (current === chip) { current = null; detail.hidden = true; return; }
        current = chip;
        chip.setAttribute("aria-expanded", "true");
        detail.textContent = "";
        detail.appendChild(el("p", "shopdesk-source-title", c.title || c.id));
        detail.appendChild(el("p", "shopdesk-source-snippet", excerpt(c.snippet)));
        // Absolute links, or paths on the store's own site ("/customer-service").
        if (/^(https?:\/\/|\/(?!\/))/i.test(c.url || "")) {
          var link = el("a", "shopdesk-source-link", "Open page");
          link.href = (/^\/(?!\/)/.test(c.url) ? SHOP : "") + c.url;
          link.target = "_blank";
          link.rel = "noopener";
          detail.appendChild(link);
        }
        detail.hidden = false;
      });
      chips.appendChild(chip);
    });
    box.appendChild(chips);
    box.appendChild(detail);
    return box;
  }

  /* A source excerpt, marked as cut when it stops mid-sentence. */
  function excerpt(snippet) {
    var text = String(snippet || "").trim();
    if (!text) return "No excerpt available.";
    return /[.!?:)"'\u201d]$/.test(text) ? text : text + "\u2026";
  }

  function initials(name) {
    return String(name || "?").split(/\s+/).filter(function (w) { return /^[A-Za-z0-9]/.test(w); })
      .slice(0, 2).map(function (w) { return w[0].toUpperCase(); }).join("") || "?";
  }

  function hash(text) {
    var h = 0;
    for (var i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
    return h;
  }

  function productCard(p) {
    var card = el("li", "shopdesk-card");
    var thumb = el("div", "shopdesk-thumb shopdesk-thumb--" + (hash(p.sku || p.name || "") % 6),
      initials(p.name));
    thumb.setAttribute("aria-hidden", "true");
    var info = el("div", "shopdesk-card-info");
    var name = el(p.url_key ? "a" : "span", "shopdesk-card-name", p.name);
    if (p.url_key) { name.href = SHOP + "/" + encodeURIComponent(p.url_key) + ".html"; name.target = "_top"; }
    info.appendChild(name);

    var price = el("p", "shopdesk-price");
    var special = p.special_price !== null && p.special_price !== undefined && p.special_price < p.price;
    if (special) {
      price.appendChild(el("span", "shopdesk-price-now shopdesk-price-now--special", money.format(p.special_price, p.currency)));
      var was = el("s", "shopdesk-price-was", money.format(p.price, p.currency));
      was.setAttribute("aria-label", "was " + money.format(p.price, p.currency));
      price.appendChild(was);
    } else {
      price.appendChild(el("span", "shopdesk-price-now", money.format(p.price, p.currency)));
    }
    info.appendChild(price);
    info.appendChild(el("p", "shopdesk-stock " + (p.in_stock ? "shopdesk-stock--in" : "shopdesk-stock--out"),
      p.in_stock ? "In stock" : "Out of stock"));
    if (p.sizes && p.sizes.length) info.appendChild(el("p", "shopdesk-options", "Sizes: " + p.sizes.join(", ")));
    if (p.colors && p.colors.length) info.appendChild(el("p", "shopdesk-options", "Colors: " + p.colors.join(", ")));
    card.appendChild(thumb);
    card.appendChild(info);
    return card;
  }

  function quickReplies(options) {
    var row = el("div", "shopdesk-quick");
    options.forEach(function (text) {
      var button = el("button", "shopdesk-quick-btn", text);
      button.type = "button";
      button.addEventListener("click", function () { submit(text); });
      row.appendChild(button);
    });
    return row;
  }

  function clearQuickReplies() {
    var rows = ui.log.querySelectorAll(".shopdesk-quick");
    for (var i = 0; i < rows.length; i++) rows[i].remove();
  }

  function greet() {
    addMessage("assistant", GREETING);
    ui.log.appendChild(quickReplies(STARTERS));
  }

  function renderTranscript(entries) {
    ui.log.textContent = "";
    if (!entries.length) return greet();
    entries.forEach(function (entry, i) {
      if (entry.role === "system") return addNotice(entry.text);
      if (entry.role !== "assistant") return addMessage(entry.role === "agent" ? "agent" : "user", entry.text);
      var reply = entry.reply || { text: entry.text };
      renderReply(addMessage("assistant", ""), reply, i === entries.length - 1);
    });
  }

  /* ---------- talking to the service ---------- */

  function ChatError(message, status, retryAfter) {
    this.message = message; this.status = status || 0; this.retryAfter = retryAfter || 0;
  }

  // 503 "busy" (every reply slot taken, or the session store briefly away) saved nothing: the
  // same message is sent again after the service's Retry-After, a few times, and the shopper
  // sees that it is being retried rather than an error.
  var BUSY_RETRIES = 3;

  function replyWithRetries(text, view, attempt) {
    return streamReply(text, view).catch(function (error) {
      if (!(error instanceof ChatError) || error.status !== 503 || attempt >= BUSY_RETRIES) throw error;
      var wait = Math.min(Math.max(error.retryAfter || 2, 1), 30);
      view.body.textContent = "The assistant is busy, retrying in " + wait + " s\u2026";
      view.row.classList.add("shopdesk-msg--retrying");
      return new Promise(function (resolve) { setTimeout(resolve, wait * 1000); }).then(function () {
        view.row.classList.remove("shopdesk-msg--retrying");
        view.body.textContent = "";
        typing(view);
        return replyWithRetries(text, view, attempt + 1);
      });
    });
  }

  function submit(raw) {
    var text = String(raw || "").trim();
    if (!text || state.busy) return false;
    state.busy = true;
    ui.send.disabled = true;
    clearQuickReplies();
    var oldError = ui.log.querySelector(".shopdesk-notice--error");
    if (oldError) oldError.remove();
    addMessage("user", text);
    var view = addMessage("assistant", "");
    typing(view);
    ui.log.setAttribute("aria-busy", "true"); // read the finished reply, not every token
    replyWithRetries(text, view, 0).then(function (body) {
      if (body.session_id && body.session_id !== state.sessionId) {
        state.sessionId = body.session_id;
        store("session", state.sessionId);
      }
      if (FRAMED && body.session_token) store("token", body.session_token);
      renderReply(view, body.reply || { text: "" }, true);
    }, function (error) {
      view.row.remove();
      addNotice(error instanceof ChatError ? error.message
        : "Sorry, the chat is unreachable right now. Please try again.", "error");
    }).then(function () {
      state.busy = false;
      ui.send.disabled = false;
      ui.log.removeAttribute("aria-busy");
      syncCount();
    });
    return true;
  }

  /* The conversation is gone for this browser (expired, or its cookie was cleared). */
  function isLost(error) { return error instanceof ChatError && (error.status === 404 || error.status === 401); }

  function forgetSession() {
    state.sessionId = ""; state.synced = 0; store("session", null); store("token", null);
  }

  /* In the frame, the conversation's token as a bearer token (kept by the listed shop's page,
     `store`); on the service's own pages the cookie carries it. */
  function authorized(headers) {
    var token = FRAMED ? store("token") : "";
    if (token) headers.Authorization = "Bearer " + token;
    return headers;
  }

  function chatBody(text) {
    var page = FRAMED ? (document.referrer || SHOP) : location.href;
    var body = { message: text, channel: "web", metadata: { page: page } };
    if (state.sessionId) body.session_id = state.sessionId;
    return JSON.stringify(body);
  }

  /* A turn, streamed; a conversation this browser lost is started afresh once. */
  function streamReply(text, view) {
    return streamOnce(text, view).catch(function (error) {
      if (!isLost(error) || !state.sessionId) throw error;
      forgetSession();
      return streamOnce(text, view);
    });
  }

  function streamOnce(text, view) {
    if (!window.fetch || !window.ReadableStream || !window.TextDecoder) return postReply(text);
    return fetch(BASE + "/v1/chat/stream", {
      method: "POST", credentials: CREDENTIALS, body: chatBody(text),
      headers: authorized({ "Content-Type": "application/json", "Accept": "text/event-stream" })
    }).then(function (response) {
      if (!response.ok || !response.body) return failed(response);
      return readEvents(response.body.getReader(), view);
    }, function () { return postReply(text); }); // no connection at all: try plain POST once
  }

  /* Server-sent events from a fetch body: `token`..., then `reply` or `error`. */
  function readEvents(reader, view) {
    var decoder = new TextDecoder();
    var buffer = "";
    var streamed = "";
    return new Promise(function (resolve, reject) {
      function handle(block) {
        var name = "message", data = "";
        block.split("\n").forEach(function (line) {
          if (line.indexOf("event: ") === 0) name = line.slice(7);
          else if (line.indexOf("data: ") === 0) data += line.slice(6);
        });
        var body = {};
        try { body = JSON.parse(data || "{}"); } catch (e) { /* a torn event: ignored */ }
        if (name === "token") {
          if (!streamed) view.body.textContent = ""; // drop the typing indicator
          streamed += body.text || "";
          view.body.textContent = streamed;
          scrollToEnd();
        } else if (name === "reply") {
          resolve(body);
          return true;
        } else if (name === "error") {
          reject(new ChatError(body.error || "Something went wrong.", body.status, body.retry_after));
          return true;
        }
        return false;
      }
      function pump() {
        reader.read().then(function (chunk) {
          if (chunk.done) return reject(new ChatError("The connection dropped mid-answer. Please try again."));
          buffer += decoder.decode(chunk.value, { stream: true });
          var end;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            var block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (handle(block)) { reader.cancel().catch(function () {}); return; }
          }
          pump();
        }, function () { reject(new ChatError("The connection dropped mid-answer. Please try again.")); });
      }
      pump();
    });
  }

  function failed(response) {
    return response.json().catch(function () { return {}; }).then(function (body) {
      throw new ChatError(body.error || "Request failed (" + response.status + ").", response.status,
        Number(response.headers.get("Retry-After")) || 0);
    });
  }

  function postReply(text) {
    return fetch(BASE + "/v1/chat", {
      method: "POST", credentials: CREDENTIALS, body: chatBody(text),
      headers: authorized({ "Content-Type": "application/json" })
    }).then(function (response) {
      if (!response.ok) return failed(response);
      return response.json();
    });
  }

  function fetchSession() {
    return fetch(BASE + "/v1/sessions/" + encodeURIComponent(state.sessionId),
                 { credentials: CREDENTIALS, headers: authorized({}) }).then(function (response) {
      if (response.status === 404 || response.status === 401) return null;
      if (!response.ok) throw new ChatError("Request failed (" + response.status + ").", response.status);
      return response.json();
    });
  }

  /* After a turn: the shopper's message and the reply are on screen already; an agent's message
     or notice stored meanwhile is not, so show those, then count the whole transcript as shown. */
  function syncCount() {
    if (!state.sessionId) return;
    state.syncing = true; // until done, a poll would take this turn's entries for new ones
    fetchSession().then(function (session) {
      if (!session) return;
      session.transcript.slice(state.synced).forEach(function (entry) {
        if (entry.role === "agent") addMessage("agent", entry.text);
        else if (entry.role === "system") addNotice(entry.text);
      });
      state.synced = session.transcript.length;
      state.handoff = state.handoff || !!session.handoff_owner;
    }).catch(function () {}).then(function () {
      state.syncing = false;
      schedulePoll();
    });
  }

  /* A human agent's messages arrive only in the transcript: poll it while the panel is open,
     often once a person owns the chat, now and then otherwise (an agent may take over first). */
  function schedulePoll() {
    clearTimeout(state.poll);
    if (ui.panel.hidden || !state.sessionId) return;
    state.poll = setTimeout(function () {
      if (state.busy || state.syncing) return schedulePoll();
      fetchSession().then(function (session) {
        var fresh = session ? session.transcript.slice(state.synced) : [];
        if (session) {
          state.synced = session.transcript.length;
          state.handoff = !!session.handoff_owner;
        }
        fresh.forEach(function (entry) {
          if (entry.role === "system") addNotice(entry.text);
          else if (entry.role === "assistant") renderReply(addMessage("assistant", ""), entry.reply || { text: entry.text }, true);
          else addMessage(entry.role === "agent" ? "agent" : "user", entry.text);
        });
      }).catch(function () {}).then(schedulePoll);
    }, state.handoff ? HANDOFF_POLL_MS : IDLE_POLL_MS);
  }

  function restore() {
    if (!state.sessionId) { greet(); return setOpen(store("open") === "1", false); }
    fetchSession().then(function (session) {
      if (!session) { // unknown or expired: start afresh, silently
        forgetSession();
        greet();
      } else {
        state.synced = session.transcript.length;
        renderTranscript(session.transcript);
        state.handoff = state.handoff || !!session.handoff_owner;
      }
    }, function () {
      greet();
    }).then(function () { setOpen(store("open") === "1", false); });
  }

  /* In a listed shop's frame: ask the shop's page for what it keeps for us, then start (after
     a while without an answer, a page that framed us without widget.js: start with nothing). */
  function startFramed() {
    var waiting = setTimeout(function () { hostKept = {}; start(); }, HOST_WAIT_MS);
    window.addEventListener("message", function (event) {
      if (event.source !== window.parent || event.origin !== SHOP) return;
      var data = event.data || {};
      if (data.shopdesk === "kept" && !hostKept) {
        clearTimeout(waiting);
        hostKept = {};
        ["session", "token", "open"].forEach(function (name) {
          var value = data.kept && data.kept[name];
          hostKept[name] = typeof value === "string" ? value : "";
        });
        start();
      } else if ((data.shopdesk === "open" || data.shopdesk === "close") && ui) {
        setOpen(data.shopdesk === "open", true);  // the shop's own button
      }
    });
    window.parent.postMessage({ shopdesk: "ready" }, SHOP);
  }

  if (FRAMED && SHOP) startFramed();
  else start();
  window.ShopDeskWidget = {  // (in a frame still waiting for the shop's page: nothing to open)
    open: function () { if (ui) setOpen(true, true); },
    close: function () { if (ui) setOpen(false, true); }
  };
})();
