/*
 * ShopDesk agent panel. No framework, no build step; every piece of shopper, agent or model
 * text goes in through textContent. It talks to /panel/login, /panel/logout and /panel/api/*
 * (the login cookie is HttpOnly: this script never sees it). Live updates come from the
 * server-sent events of /panel/api/events; each event re-reads the list (and the open
 * conversation when it is the one that changed), so the page always shows the stored state.
 */
(function () {
  "use strict";

  var API = "/panel/api";
  var REFRESH_DELAY_MS = 150; // events come in bursts (a turn publishes 2-3): read once
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
  var state = { agent: "", view: "conversations", selected: "", owner: "", source: null,
                listTimer: 0, detailTimer: 0, product: "" };

  function $(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /* ---------- talking to the service ---------- */

  function PanelError(message, status) { this.message = message; this.status = status; }

  function call(method, path, body) {
    var options = { method: method, credentials: "same-origin", headers: {} };
    if (method === "POST") {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body || {});
    }
    return fetch(path, options).then(function (response) {
      if (response.status === 204) return {};
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (response.status === 401 && path.indexOf(API) === 0) {
          showLogin(state.agent ? "Your login has ended; please log in again." : "");
        }
        if (!response.ok) throw new PanelError(data.error || "Request failed (" + response.status + ")", response.status);
        return data;
      });
    });
  }

  function failed(target) {
    return function (error) {
      target.textContent = error instanceof PanelError ? error.message : "The service is unreachable.";
    };
  }

  /* ---------- logging in and out ---------- */

  function showLogin(message) {
    stopEvents();
    state.agent = "";
    document.querySelector(".tabs").hidden = true;
    document.querySelector(".who").hidden = true;
    $("conversations-view").hidden = true;
    $("products-view").hidden = true;
    $("login-view").hidden = false;
    $("login-error").textContent = message || "";
    $("login-name").focus();
  }

  function loggedIn(agent) {
    state.agent = agent;
    $("login-view").hidden = true;
    document.querySelector(".tabs").hidden = false;
    document.querySelector(".who").hidden = false;
    document.querySelector(".agent-name").textContent = agent;
    show(state.view);
    startEvents();
    refreshList();
  }

  $("login-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var name = $("login-name").value.trim();
    var password = $("login-password").value;
    if (!name || !password) { $("login-error").textContent = "Enter your name and password."; return; }
    call("POST", "/panel/login", { username: name, password: password }).then(function (data) {
      $("login-password").value = "";
      loggedIn(data.agent);
    }, failed($("login-error")));
  });

  $("logout").addEventListener("click", function () {
    call("POST", "/panel/logout").then(function () { showLogin("Logged out."); },
      function () { showLogin(); });
  });

  /* ---------- sections ---------- */

  function show(view) {
    state.view = view;
    $("conversations-view").hidden = view !== "conversations";
    $("products-view").hidden = view !== "products";
    Array.prototype.forEach.call(document.querySelectorAll(".tab"), function (tab) {
      if (tab.getAttribute("data-view") === view) tab.setAttribute("aria-current", "page");
      else tab.removeAttribute("aria-current");
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll(".tab"), function (tab) {
    tab.addEventListener("click", function () { show(tab.getAttribute("data-view")); });
  });

  /* ---------- live events ---------- */

  function startEvents() {
    stopEvents();
    var source = new EventSource(API + "/events");
    state.source = source;
    source.onopen = function () { setLive("Live"); };
    source.onerror = function () {
      setLive("Reconnecting…");
      if (source.readyState === EventSource.CLOSED) { // refused (logged out?): ask the service
        call("GET", API + "/me").then(function () { startEvents(); }, function () {});
      }
    };
    ["message", "handoff", "takeover", "handback"].forEach(function (kind) {
      source.addEventListener(kind, function (event) {
        var data = {};
        try { data = JSON.parse(event.data); } catch (e) { return; }
        scheduleList();
        if (data.session_id === state.selected) scheduleDetail();
      });
    });
  }

  function stopEvents() {
    if (state.source) state.source.close();
    state.source = null;
    setLive("");
  }

  function setLive(text) {
    var live = document.querySelector(".live");
    live.textContent = text;
    live.className = "live" + (text === "Live" ? " live--on" : text ? " live--off" : "");
  }

  function scheduleList() {
    clearTimeout(state.listTimer);
    state.listTimer = setTimeout(refreshList, REFRESH_DELAY_MS);
  }

  function scheduleDetail() {
    clearTimeout(state.detailTimer);
    state.detailTimer = setTimeout(refreshDetail, REFRESH_DELAY_MS);
  }

  /* ---------- the conversation list ---------- */

  function refreshList() {
    return call("GET", API + "/conversations").then(function (data) {
      renderList(data.conversations || []);
    }, function () {});
  }

  function ownerLabel(owner) {
    if (owner === "queue") return "Waiting for an agent";
    if (!owner) return "Bot";
    return owner === state.agent ? "You" : owner;
  }

  function renderList(rows) {
    var list = $("conversation-list");
    list.textContent = "";
    $("conversation-empty").hidden = rows.length > 0;
    rows.forEach(function (row) {
      var item = el("li", "conversation" + (row.handoff_owner === "queue" ? " conversation--queue" : ""));
      item.setAttribute("data-session-id", row.id);
      var button = el("button", "conversation-button");
      button.type = "button";
      if (row.id === state.selected) button.setAttribute("aria-current", "true");
      var top = el("span", "conversation-top");
      top.appendChild(el("span", "badge badge--" + (row.handoff_owner === "queue" ? "queue"
        : row.handoff_owner ? "agent" : "bot"), ownerLabel(row.handoff_owner)));
      top.appendChild(el("span", "conversation-channel", row.channel));
      top.appendChild(el("span", "conversation-time", time(row.updated)));
      button.appendChild(top);
      var last = row.last_message;
      button.appendChild(el("span", "conversation-text",
        last ? (last.role === "user" ? "Shopper: " : last.role === "agent" ? "Agent: " : "") + last.text : ""));
      var facts = [];
      if (row.last_intent) facts.push(row.last_intent.replace(/_/g, " "));
      if (row.last_sentiment) facts.push(row.last_sentiment.label);
      button.appendChild(el("span", "conversation-nlu", facts.join(" · ")));
      button.addEventListener("click", function () { select(row.id); });
      item.appendChild(button);
      list.appendChild(item);
    });
  }

  /* ---------- one conversation ---------- */

  function select(id) {
    if (id !== state.selected) {
      $("reply-text").value = "";
      $("suggestion-sources").hidden = true;
      $("reply-error").textContent = "";
    }
    state.selected = id;
    Array.prototype.forEach.call(document.querySelectorAll(".conversation-button"), function (b) {
      if (b.parentNode.getAttribute("data-session-id") === id) b.setAttribute("aria-current", "true");
      else b.removeAttribute("aria-current");
    });
    refreshDetail();
  }

  function refreshDetail() {
    var id = state.selected;
    if (!id) return Promise.resolve();
    return call("GET", API + "/conversations/" + encodeURIComponent(id)).then(function (data) {
      if (id === state.selected) renderDetail(data);
    }, failed($("reply-error")));
  }

  function renderDetail(data) {
    $("detail-empty").hidden = true;
    $("detail-body").hidden = false;
    state.owner = data.handoff_owner;
    $("detail-title").textContent = "Conversation " + data.id;
    $("detail-meta").textContent = data.channel + " · " + ownerLabel(data.handoff_owner) +
      " · " + data.messages + " messages · updated " + time(data.updated);
    var mine = data.handoff_owner === state.agent;
    $("take-over").disabled = mine;
    $("hand-back").disabled = !data.handoff_owner;
    $("send").disabled = !mine;
    $("send").title = mine ? "" : "Take the conversation over to reply";

    var lines = $("summary-lines");
    lines.textContent = "";
    (data.summary.lines || []).forEach(function (line) { lines.appendChild(el("li", "", line)); });

    var transcript = $("transcript");
    var atEnd = transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight < 40;
    transcript.textContent = "";
    data.transcript.forEach(function (entry) { transcript.appendChild(renderEntry(entry)); });
    if (atEnd) transcript.scrollTop = transcript.scrollHeight;
  }

  function renderEntry(entry) {
    var item = el("li", "entry entry--" + entry.role);
    var who = entry.role === "user" ? "Shopper" : entry.role === "assistant" ? "Bot"
      : entry.role === "agent" ? "Agent " + (entry.agent || "") : "";
    if (who) item.appendChild(el("p", "entry-who", who + " · " + time(entry.at)));
    if (entry.text || entry.role !== "assistant") item.appendChild(el("p", "entry-text", entry.text));
    else item.appendChild(el("p", "entry-text entry-text--none", "(no reply: an agent has the conversation)"));
    if (entry.role === "user" && entry.nlu) item.appendChild(renderNlu(entry.nlu));
    if (entry.role === "user" && entry.facts && entry.facts.length) {
      item.appendChild(renderFacts("Facts given to the bot", entry.facts));
    }
    if (entry.reply) {
      if (entry.reply.citations.length) {
        item.appendChild(renderFacts("Sources cited", entry.reply.citations.map(function (c) {
          return { id: c.id, text: c.title + (c.snippet ? ": " + c.snippet : "") };
        })));
      }
      if (entry.reply.products.length) item.appendChild(renderProducts(entry.reply.products));
    }
    return item;
  }

  function renderNlu(nlu) {
    var row = el("ul", "nlu");
    row.setAttribute("aria-label", "What the bot understood");
    function chip(label, value, extra) {
      var li = el("li", "chip" + (extra ? " " + extra : ""));
      li.appendChild(el("span", "chip-label", label));
      li.appendChild(document.createTextNode(" " + value));
      row.appendChild(li);
    }
    chip("Intent", (nlu.out_of_scope ? "out of scope (" : "") + String(nlu.intent).replace(/_/g, " ") +
      (nlu.out_of_scope ? ")" : "") + " " + Math.round((nlu.confidence || 0) * 100) + "%");
    if (nlu.sentiment) {
      chip("Sentiment", nlu.sentiment.label + " " + Math.round(nlu.sentiment.score * 100) + "%",
        "chip--" + nlu.sentiment.label);
    }
    var entities = nlu.entities || {};
    Object.keys(entities).forEach(function (kind) {
      chip(kind.replace(/_/g, " "), entityText(entities[kind]));
    });
    if (nlu.action) chip("Action", nlu.action.replace(/_/g, " ") + (nlu.reason ? " — " + nlu.reason : ""));
    if (nlu.guard) chip("Guard", nlu.guard);
    return row;
  }

  function entityText(value) {
    if (Array.isArray(value)) return value.map(entityText).join(", ");
    if (value && typeof value === "object") {
      if (value.text && value.sku) return value.text + " (" + value.sku + ")";
      if ("min" in value || "max" in value) {
        return (value.min !== null && value.min !== undefined ? "from $" + value.min + " " : "") +
          (value.max !== null && value.max !== undefined ? "up to $" + value.max : "");
      }
      if ("value" in value && "item" in value) return value.value + " × " + value.item;
      return JSON.stringify(value);
    }
    return String(value);
  }

  function renderFacts(title, facts) {
    var box = el("details", "facts");
    box.appendChild(el("summary", "", title + " (" + facts.length + ")"));
    var list = el("ul");
    facts.forEach(function (fact) {
      var li = el("li");
      li.appendChild(el("code", "fact-id", fact.id));
      li.appendChild(el("span", "fact-text", fact.text));
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  function renderProducts(products) {
    var list = el("ul", "products");
    list.setAttribute("aria-label", "Products shown");
    products.forEach(function (p) {
      var price = p.special_price !== null && p.special_price !== undefined && p.special_price < p.price
        ? p.special_price : p.price;
      list.appendChild(el("li", "product-chip", p.name + " · " + p.sku + " · " + money.format(price, p.currency) +
        (p.in_stock ? "" : " · out of stock")));
    });
    return list;
  }

  /* ---------- acting on a conversation ---------- */

  function act(path, body) {
    $("reply-error").textContent = "";
    return call("POST", API + "/conversations/" + encodeURIComponent(state.selected) + path, body)
      .then(function (data) { renderDetail(data); scheduleList(); return data; });
  }

  $("take-over").addEventListener("click", function () {
    act("/takeover").then(function () { $("reply-text").focus(); }, failed($("reply-error")));
  });

  $("hand-back").addEventListener("click", function () {
    act("/handback").catch(failed($("reply-error")));
  });

  $("reply-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var text = $("reply-text").value.trim();
    if (!text) { $("reply-error").textContent = "Write a reply first."; return; }
    $("send").disabled = true;
    act("/reply", { text: text }).then(function () {
      $("reply-text").value = "";
      $("suggestion-sources").hidden = true;
    }, function (error) {
      $("send").disabled = state.owner !== state.agent;
      failed($("reply-error"))(error);
    });
  });

  $("reply-text").addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      $("reply-form").requestSubmit();
    }
  });

  $("suggest").addEventListener("click", function () {
    var button = $("suggest");
    var id = state.selected;
    button.disabled = true;
    button.textContent = "Suggesting…";
    $("reply-error").textContent = "";
    call("POST", API + "/conversations/" + encodeURIComponent(id) + "/suggestion").then(function (reply) {
      if (id !== state.selected) return;
      $("reply-text").value = reply.text;
      var sources = $("suggestion-sources");
      sources.textContent = "";
      if (reply.citations && reply.citations.length) {
        sources.appendChild(renderFacts("Suggestion's sources", reply.citations.map(function (c) {
          return { id: c.id, text: c.title + (c.snippet ? ": " + c.snippet : "") };
        })));
      }
      sources.hidden = !sources.firstChild;
      $("reply-text").focus();
    }, failed($("reply-error"))).then(function () {
      button.disabled = false;
      button.textContent = "Suggest a reply";
    });
  });

  /* ---------- store staff tools ---------- */

  $("product-search").addEventListener("submit", function (event) {
    event.preventDefault();
    var q = $("product-query").value.trim();
    if (!q) return;
    call("GET", API + "/products?q=" + encodeURIComponent(q)).then(function (data) {
      var list = $("product-list");
      list.textContent = "";
      $("product-empty").hidden = data.products.length > 0;
      data.products.forEach(function (p) {
        var item = el("li", "conversation");
        var button = el("button", "conversation-button");
        button.type = "button";
        button.appendChild(el("span", "conversation-text", p.name));
        button.appendChild(el("span", "conversation-nlu", p.sku + " · " + money.format(p.price, p.currency) +
          " · " + p.reviews + " reviews" + (p.in_stock ? "" : " · out of stock")));
        button.addEventListener("click", function () {
          Array.prototype.forEach.call(list.querySelectorAll("button"), function (b) { b.removeAttribute("aria-current"); });
          button.setAttribute("aria-current", "true");
          openProduct(p);
        });
        item.appendChild(button);
        list.appendChild(item);
      });
    }, failed($("product-empty")));
  });

  function openProduct(p) {
    state.product = p.sku;
    $("product-detail-empty").hidden = true;
    $("product-detail").hidden = false;
    $("product-title").textContent = p.name;
    $("product-meta").textContent = p.sku + " · " + money.format(p.price, p.currency);
    $("copy-result").hidden = true;
    $("copy-status").textContent = "";
    loadReviews(p.sku);
  }

  $("draft-copy").addEventListener("click", function () {
    var sku = state.product;
    var button = $("draft-copy");
    button.disabled = true;
    $("copy-status").textContent = "Writing drafts…";
    call("POST", API + "/products/" + encodeURIComponent(sku) + "/copy").then(function (data) {
      if (sku !== state.product) return;
      $("copy-status").textContent = "Drafts ready; edit them before use.";
      $("copy-result").hidden = false;
      $("copy-description").value = data.description.text;
      $("copy-tagline").value = data.tagline.text;
      $("copy-description-guard").textContent = guardText(data.description);
      $("copy-tagline-guard").textContent = guardText(data.tagline);
      var facts = $("copy-facts");
      facts.textContent = "";
      data.facts.forEach(function (fact) {
        var li = el("li");
        li.appendChild(el("code", "fact-id", fact.id));
        li.appendChild(el("span", "fact-text", fact.text));
        facts.appendChild(li);
      });
    }, failed($("copy-status"))).then(function () { button.disabled = false; });
  });

  function guardText(draft) {
    var text = draft.guard === "passed" ? "Checked against the facts: every sentence holds."
      : draft.guard === "trimmed" ? "Checked: " + draft.removed.length + " unsupported sentence(s) removed."
      : "No generated sentence held up; this is the product's own description.";
    return text + (draft.cited.length ? " Draws on: " + draft.cited.join(", ") + "." : "");
  }

  function loadReviews(sku) {
    $("reviews-status").textContent = "Reading reviews…";
    $("review-counts").textContent = "";
    $("review-list").textContent = "";
    call("GET", API + "/products/" + encodeURIComponent(sku) + "/reviews").then(function (data) {
      if (sku !== state.product) return;
      $("reviews-status").textContent = data.total + " reviews, labelled by the sentiment model.";
      var counts = $("review-counts");
      Object.keys(data.counts).forEach(function (label) {
        var li = el("li", "count count--" + label);
        li.appendChild(el("span", "count-number", data.counts[label]));
        li.appendChild(el("span", "count-label", label));
        counts.appendChild(li);
      });
      var list = $("review-list");
      data.reviews.forEach(function (r) {
        var li = el("li", "review");
        var head = el("p", "review-head");
        head.appendChild(el("span", "badge badge--" + r.label, r.label));
        var stars = el("span", "stars", "★★★★★".slice(0, r.rating) + "☆☆☆☆☆".slice(0, 5 - r.rating));
        stars.setAttribute("aria-label", r.rating + " of 5 stars");
        head.appendChild(stars);
        head.appendChild(el("strong", "", r.title));
        li.appendChild(head);
        li.appendChild(el("p", "review-text", r.text));
        if (r.reviewer) li.appendChild(el("p", "review-by", "— " + r.reviewer));
        list.appendChild(li);
      });
    }, failed($("reviews-status")));
  }

  /* ---------- helpers and start ---------- */

  function time(seconds) {
    if (!seconds) return "";
    var date = new Date(seconds * 1000);
    var today = new Date().toDateString() === date.toDateString();
    return today ? date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })
      : date.toLocaleString([], { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
  }

  call("GET", API + "/me").then(function (data) { loggedIn(data.agent); }, function (error) {
    if (!(error instanceof PanelError && error.status === 401)) showLogin("The service is unreachable.");
  });
})();
