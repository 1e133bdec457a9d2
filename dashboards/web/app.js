// aclog's web view: live rows, pause and resume, keys, in-place refresh. Served from /assets/app.js;
// the pages have no inline script (their Content-Security-Policy forbids it). Rows come from the
// server already escaped; nothing here turns log text into markup.
"use strict";

(function () {
  const body = document.body;

  // Keys, when no field has the focus: o l e r n open the pages, / the search field, p pauses.
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target && (target.tagName === "INPUT" || target.tagName === "SELECT" || target.tagName === "TEXTAREA")) {
      if (event.key === "Escape") target.blur();
      return;
    }
    if (event.key === "/") {
      const search = document.getElementById("q");
      if (search) { event.preventDefault(); search.focus(); search.select(); }
      return;
    }
    const link = document.querySelector('nav a[data-key="' + CSS.escape(event.key) + '"]');
    if (link) { link.click(); return; }
    const button = document.querySelector('button[data-key="' + CSS.escape(event.key) + '"]');
    if (button) button.click();
  });

  // Pages that are not live refresh their main part in place (the overview every 10 s).
  const refresh = Number(body.dataset.refresh || 0);
  if (refresh > 0) {
    setInterval(async () => {
      if (document.hidden) return;
      try {
        const response = await fetch(location.href, { headers: { "Accept": "text/html" } });
        if (!response.ok) return;
        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        const fresh = page.querySelector("main");
        const main = document.querySelector("main");
        if (!fresh || !main) return;
        // Keep what the user is typing in a form.
        const active = document.activeElement;
        if (active && main.contains(active) && active.form) return;
        main.replaceWith(fresh);
      } catch (e) { /* the server is restarting: try again at the next tick */ }
    }, refresh * 1000);
  }

  // The logs page: new rows as the collector stores them.
  const records = document.getElementById("records");
  if (!records || !records.dataset.stream) return;
  const state = document.getElementById("live-state");
  const pauseButton = document.getElementById("pause");
  const count = document.querySelector(".toolbar .count");
  let paused = false;
  let held = [];
  let source = null;
  const streamURL = records.dataset.stream;
  const largest = 5000;

  function atBottom() {
    return window.innerHeight + window.scrollY >= document.body.scrollHeight - 40;
  }

  function add(html) {
    const follow = atBottom();
    const template = document.createElement("template");
    template.innerHTML = html;
    for (const row of Array.from(template.content.children)) {
      // A row already shown (stored while the page loaded) is not shown twice.
      if (row.dataset.id && records.querySelector('[data-id="' + row.dataset.id + '"]')) continue;
      if (row.dataset.event && records.querySelector('[data-event="' + row.dataset.event + '"]')) continue;
      row.classList.add("new");
      records.appendChild(row);
    }
    while (records.children.length > largest) records.firstElementChild.remove();
    const empty = document.querySelector("p.empty");
    if (empty && records.children.length > 0) empty.remove();
    if (count) count.textContent = records.querySelectorAll(".rec").length + " rows";
    if (follow) window.scrollTo(0, document.body.scrollHeight);
  }

  function setState(text, live) {
    if (!state) return;
    state.textContent = text;
    state.classList.toggle("off", !live);
  }

  // The highest record or event id shown: where a catch-up starts.
  function newest(key) {
    let highest = 0;
    for (const row of records.querySelectorAll("[data-" + key + "]")) highest = Math.max(highest, Number(row.dataset[key]));
    return highest;
  }

  function notice(text) {
    const row = document.createElement("div");
    row.className = "gap new";
    row.textContent = text;
    records.appendChild(row);
  }

  function connect(url) {
    source = new EventSource(url);
    source.addEventListener("ready", () => setState(paused ? "paused" : "live", !paused));
    source.addEventListener("rows", (event) => {
      if (paused) { held.push(event.data); setState("paused: " + held.length + " updates waiting", false); return; }
      add(event.data);
    });
    // The server could not send as fast as records came: ask again from the last row shown,
    // and the catch-up sends what was missed.
    source.addEventListener("behind", () => {
      source.close();
      setState("catching up…", false);
      const next = new URL(streamURL, location.href);
      next.searchParams.set("after", String(newest("id")));
      next.searchParams.set("after_event", String(newest("event")));
      connect(next.pathname + next.search);
    });
    source.addEventListener("skipped", () => notice("Records are missing here: this page fell too far behind to catch up. Reload to see them."));
    source.onerror = () => setState("reconnecting…", false);
  }

  if (pauseButton) {
    pauseButton.addEventListener("click", () => {
      paused = !paused;
      pauseButton.textContent = paused ? "Resume" : "Pause";
      pauseButton.setAttribute("aria-pressed", String(paused));
      if (!paused) {
        for (const html of held) add(html);
        held = [];
        setState("live", true);
      } else {
        setState("paused", false);
      }
    });
  }
  connect(streamURL);
  if (atBottom() || window.scrollY === 0) window.scrollTo(0, document.body.scrollHeight);
})();
