/* Brief editor, speech doc and upload pages.
 *
 * Every change goes through the JSON API with the version the page was rendered from; the
 * server then renders the outline again and this script swaps it in. A 409 means someone else
 * changed the brief: the page says so and reloads the outline, it never retries the write.
 * Keys (as in Verbatim): Ctrl+Alt+Up/Down moves the focused item, ` sends it to speech.
 */
(() => {
  "use strict";

  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
  const HEADINGS = ["pocket", "hat", "block"];
  const DEPTH = { pocket: 0, hat: 1, block: 2 };

  function status(el, message, kind = "") {
    if (!el) return;
    el.textContent = message;
    el.dataset.kind = kind;
  }

  function toast(html) {
    const box = $("#toast");
    if (!box) return;
    box.innerHTML = html;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { box.innerHTML = ""; }, 4000);
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  }

  function fmt(seconds) {
    const total = Math.round(seconds);
    return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
  }

  async function call(method, url, body) {
    const options = { method, headers: { Accept: "application/json" } };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(url, options);
    } catch (err) {
      return { ok: false, status: 0, data: { detail: "The server cannot be reached; nothing was saved." } };
    }
    let data = null;
    if (response.status !== 204) {
      try { data = await response.json(); } catch (err) { data = null; }
    }
    return { ok: response.ok, status: response.status, data };
  }

  function detail(data) {
    if (!data) return "Something went wrong; nothing was saved.";
    if (typeof data.detail === "string") return data.detail;
    if (Array.isArray(data.detail)) return data.detail.map((d) => d.msg).join("; ");
    return "Something went wrong; nothing was saved.";
  }

  // ------------------------------------------------------------------------------------------
  // Brief page
  // ------------------------------------------------------------------------------------------
  function briefPage(root) {
    const briefId = root.dataset.briefId;
    const wpm = root.dataset.wpm;
    const statusEl = $("#brief-status");
    const conflictEl = $("#conflict");
    const api = `/api/briefs/${briefId}`;

    const version = () => Number($("#outline-state").dataset.version);
    const items = () => $$("#outline .item");
    const itemOf = (el) => el && el.closest(".item[data-node-id]");

    async function reload(focusId) {
      // Every write is committed before the API answers, so one fetch shows the edit just made.
      const response = await fetch(`/briefs/${briefId}/outline?wpm=${wpm}`, { headers: { Accept: "text/html" } });
      if (!response.ok) {
        status(statusEl, "Could not reload the outline; reload the page.", "error");
        return;
      }
      $("#outline-wrap").innerHTML = await response.text();
      fillWhere();
      if (focusId) {
        const el = document.getElementById(`node-${focusId}`);
        if (el) el.focus();
      }
    }

    function conflict(message) {
      conflictEl.hidden = false;
      conflictEl.innerHTML = `<p><strong>Not saved: this brief was changed elsewhere.</strong></p><p>${escapeHtml(message)}</p>` +
        `<p>The outline below has been reloaded with the latest version; make your change again if it is still needed.</p>` +
        `<button type="button" id="conflict-dismiss">Dismiss</button>`;
      $("#conflict-dismiss").addEventListener("click", () => { conflictEl.hidden = true; });
    }

    /** Run one outline write; on success reload (focusing `focusId`), on 409 explain and reload. */
    async function write(method, url, body, { focusId, done } = {}) {
      status(statusEl, "Saving…");
      const result = await call(method, url, body);
      if (result.ok) {
        conflictEl.hidden = true;
        const focus = typeof focusId === "function" ? focusId(result.data) : focusId;
        await reload(focus);
        status(statusEl, done || "Saved.", "ok");
        return result;
      }
      if (result.status === 409) {
        conflict(detail(result.data));
        status(statusEl, "Not saved: the brief changed elsewhere.", "error");
        await reload(focusId);
      } else {
        status(statusEl, detail(result.data), "error");
      }
      return result;
    }

    // "Put it in" selects: the brief's end or any heading, indented by level.
    function fillWhere() {
      const headings = items().filter((el) => HEADINGS.includes(el.dataset.type));
      for (const select of $$("select.where")) {
        const previous = select.value;
        select.innerHTML = "";
        select.append(new Option("End of the brief", ""));
        for (const h of headings) {
          const pad = "\u00a0\u00a0".repeat(DEPTH[h.dataset.type]);
          const title = $("[role=heading]", h).textContent.trim();
          select.append(new Option(`${pad}${h.dataset.type[0].toUpperCase()}${h.dataset.type.slice(1)}: ${title}`, h.dataset.nodeId));
        }
        if ([...select.options].some((o) => o.value === previous)) select.value = previous;
      }
    }

    const whereValue = (select) => (select.value === "" ? null : Number(select.value));

    // Adding -------------------------------------------------------------------------------
    $("#add-heading").addEventListener("submit", async (event) => {
      event.preventDefault();
      const form = event.target;
      const kind = form.kind.value;
      const body = {
        version: version(),
        type: kind === "block-at" ? "block" : kind,
        title: form.title.value.trim(),
        label: kind === "block-at" ? "answers-to" : (form.label.value.trim() || null),
        speech: form.speech.value.trim() || null,
        parent_id: whereValue(form.where),
      };
      const result = await write("POST", `${api}/nodes`, body, { focusId: (d) => d && d.id, done: "Heading added." });
      if (result.ok) { form.title.value = ""; form.label.value = ""; }
    });

    $("#add-analytic").addEventListener("submit", async (event) => {
      event.preventDefault();
      const form = event.target;
      const body = { version: version(), type: "analytic", text: form.text.value.trim(), parent_id: whereValue(form.where) };
      const result = await write("POST", `${api}/nodes`, body, { focusId: (d) => d && d.id, done: "Analytic added." });
      if (result.ok) form.text.value = "";
    });

    // Card picker --------------------------------------------------------------------------
    const pickerQ = $("#picker-q");
    let pickerTimer = null;
    async function search() {
      const response = await fetch(`/briefs/${briefId}/picker?q=${encodeURIComponent(pickerQ.value)}`);
      if (response.ok) $("#picker-results").innerHTML = await response.text();
    }
    pickerQ.addEventListener("input", () => { clearTimeout(pickerTimer); pickerTimer = setTimeout(search, 200); });
    $("#picker-form").addEventListener("submit", (event) => { event.preventDefault(); search(); });
    $("#picker-results").addEventListener("click", async (event) => {
      const add = event.target.closest("[data-pick]");
      const send = event.target.closest("[data-pick-speech]");
      if (add) {
        const body = { version: version(), type: "card", card_id: Number(add.dataset.pick), parent_id: whereValue($("#card-where")) };
        const result = await write("POST", `${api}/nodes`, body, { focusId: (d) => d && d.id, done: "Card added." });
        if (result.ok) search();
      } else if (send) {
        sendToSpeech({ card_id: Number(send.dataset.pickSpeech) });
      }
    });
    search();

    // Item actions -------------------------------------------------------------------------
    function siblings(item) {
      return Array.from(item.parentElement.children).filter((el) => el.matches(".item[data-node-id]"));
    }

    function parentHeading(item) {
      return item.parentElement.closest(".item.heading");
    }

    /** Verbatim's Ctrl+Alt+Up/Down: swap with the neighbour; a card at the edge of its heading
     * moves into the neighbouring heading. */
    function move(item, direction) {
      const sibs = siblings(item);
      const index = sibs.indexOf(item);
      const nodeId = item.dataset.nodeId;
      const parentId = item.dataset.parentId === "" ? null : Number(item.dataset.parentId);
      const target = sibs[index + direction];
      if (target) {
        const isHeadingNeighbour = HEADINGS.includes(target.dataset.type) && !HEADINGS.includes(item.dataset.type);
        if (isHeadingNeighbour) {
          // A card meeting a heading goes inside it: at its top going down, at its end going up.
          const body = { version: version(), parent_id: Number(target.dataset.nodeId), position: direction > 0 ? 0 : null };
          return write("POST", `${api}/nodes/${nodeId}/move`, body, { focusId: nodeId, done: "Moved." });
        }
        const body = { version: version(), parent_id: parentId, position: index + direction };
        return write("POST", `${api}/nodes/${nodeId}/move`, body, { focusId: nodeId, done: "Moved." });
      }
      const parent = parentHeading(item);
      if (parent && !HEADINGS.includes(item.dataset.type)) {
        // Leave the heading: just after it going down, just before it going up.
        const grand = parent.dataset.parentId === "" ? null : Number(parent.dataset.parentId);
        const pos = Number(parent.dataset.position) + (direction > 0 ? 1 : 0);
        const body = { version: version(), parent_id: grand, position: pos };
        return write("POST", `${api}/nodes/${nodeId}/move`, body, { focusId: nodeId, done: "Moved." });
      }
      status(statusEl, direction > 0 ? "Already the last item here." : "Already the first item here.", "warn");
      return null;
    }

    async function sendToSpeech(body) {
      const result = await call("POST", "/api/speech/current/items", body);
      if (result.ok) {
        const d = result.data;
        const over = d.over_seconds > 0 ? ` — over by ${fmt(d.over_seconds)}` : "";
        toast(`Sent to <a href="/speech/${d.id}">${escapeHtml(d.title)}</a>: ${fmt(d.read_seconds)} of ${fmt(d.limit_seconds)}${over}`);
        status(statusEl, `Sent to the speech doc (${fmt(d.read_seconds)} of ${fmt(d.limit_seconds)}).`, "ok");
      } else {
        status(statusEl, detail(result.data), "error");
      }
    }

    function remove(item) {
      const name = item.getAttribute("aria-label");
      const extra = HEADINGS.includes(item.dataset.type) ? " and everything under it" : "";
      if (!window.confirm(`Remove ${name}${extra} from this brief?`)) return;
      const sibs = siblings(item);
      const next = sibs[sibs.indexOf(item) + 1] || sibs[sibs.indexOf(item) - 1] || parentHeading(item);
      write("DELETE", `${api}/nodes/${item.dataset.nodeId}?version=${version()}`, undefined, {
        focusId: next ? next.dataset.nodeId : null,
        done: "Removed. (The card itself stays in My evidence.)",
      });
    }

    function edit(item, button) {
      const open = $(".inline-edit", item);
      if (open && open.parentElement.closest(".item") === item) { open.remove(); button.setAttribute("aria-expanded", "false"); return; }
      const form = document.createElement("form");
      form.className = "inline-edit";
      const id = item.dataset.nodeId;
      if (item.dataset.type === "analytic") {
        form.innerHTML = `<div class="field"><label for="edit-text-${id}">Analytic</label>` +
          `<textarea id="edit-text-${id}" name="text" rows="2" required></textarea></div>`;
        form.text.value = item.dataset.text;
      } else {
        form.innerHTML = `<div class="field"><label for="edit-title-${id}">Title</label><input id="edit-title-${id}" name="title" type="text" required size="40"></div>` +
          `<div class="field"><label for="edit-label-${id}">Argument</label><input id="edit-label-${id}" name="label" type="text" list="labels" placeholder="answers-to makes it “AT:”"></div>` +
          `<div class="field"><label for="edit-speech-${id}">Speech</label><input id="edit-speech-${id}" name="speech" type="text" size="5"></div>`;
        form.title.value = item.dataset.title;
        form.label.value = item.dataset.label;
        form.speech.value = item.dataset.speech;
      }
      form.insertAdjacentHTML("beforeend", `<button type="submit">Save</button> <button type="button" data-cancel>Cancel</button>`);
      const row = $(".heading-row, .item-row", item);
      row.after(form);
      button.setAttribute("aria-expanded", "true");
      $("input, textarea", form).focus();
      form.addEventListener("keydown", (e) => {
        if (e.key === "Escape") { e.stopPropagation(); form.remove(); item.focus(); }
        e.stopPropagation();  // typing here is not an outline shortcut
      });
      $("[data-cancel]", form).addEventListener("click", () => { form.remove(); item.focus(); });
      form.addEventListener("submit", (e) => {
        e.preventDefault();
        const body = { version: version() };
        if (item.dataset.type === "analytic") body.text = form.text.value.trim();
        else Object.assign(body, { title: form.title.value.trim(), label: form.label.value.trim() || null, speech: form.speech.value.trim() || null });
        write("PATCH", `${api}/nodes/${id}`, body, { focusId: id, done: "Saved." });
      });
    }

    function act(action, item, button) {
      if (action === "up") return move(item, -1);
      if (action === "down") return move(item, 1);
      if (action === "remove") return remove(item);
      if (action === "edit") return edit(item, button);
      if (action === "speech") return sendToSpeech({ brief_id: Number(briefId), node_id: Number(item.dataset.nodeId) });
      if (action === "copy") {
        return write("POST", `${api}/nodes/${item.dataset.nodeId}/copy`, { version: version() }, {
          focusId: (d) => d && d.id, done: "This brief now has its own copy of the card; edits to it no longer change the other briefs.",
        });
      }
      if (action === "add-here") {
        for (const select of $$("select.where")) select.value = item.dataset.nodeId;
        $("#heading-where").value = item.dataset.nodeId;
        const first = item.dataset.type === "block" ? $("#picker-q") : $("#heading-title");
        first.closest("details").open = true;
        first.focus();
        status(statusEl, `New items will go into “${$("[role=heading]", item).textContent.trim()}”.`);
      }
      return null;
    }

    const wrap = $("#outline-wrap");
    wrap.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-action]");
      if (!button) return;
      const item = itemOf(button);
      if (item) act(button.dataset.action, item, button);
    });

    wrap.addEventListener("keydown", (event) => {
      const item = itemOf(event.target);
      if (!item || event.target.closest("form")) return;
      const onItem = event.target === item;
      if (event.ctrlKey && event.altKey && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
        event.preventDefault();
        move(item, event.key === "ArrowUp" ? -1 : 1);
      } else if (event.key === "`" && !event.ctrlKey && !event.altKey && !event.metaKey) {
        event.preventDefault();
        act("speech", item);
      } else if (onItem && (event.key === "ArrowUp" || event.key === "ArrowDown") && !event.ctrlKey && !event.altKey) {
        event.preventDefault();
        const all = items();
        const next = all[all.indexOf(item) + (event.key === "ArrowUp" ? -1 : 1)];
        if (next) next.focus();
      } else if (onItem && event.key === "Delete") {
        event.preventDefault();
        remove(item);
      } else if (onItem && event.key === "Enter") {
        event.preventDefault();
        if (item.dataset.type === "card") window.location.href = `/cards/${item.dataset.cardId}`;
        else edit(item, $("[data-action=edit]", item));
      }
    });

    // Drag and drop ------------------------------------------------------------------------
    let dragged = null;
    const clearMarks = () => $$(".drop-before, .drop-into, .drop-over").forEach((el) => el.classList.remove("drop-before", "drop-into", "drop-over"));

    /** Where a drop on `target` puts the dragged item: inside a heading that can hold it, else before `target`. */
    function dropPlace(target) {
      const type = dragged.dataset.type;
      if (HEADINGS.includes(target.dataset.type) && (!HEADINGS.includes(type) || DEPTH[type] > DEPTH[target.dataset.type])) {
        return { into: true, parent_id: Number(target.dataset.nodeId), position: 0 };
      }
      const parentId = target.dataset.parentId === "" ? null : Number(target.dataset.parentId);
      let position = Number(target.dataset.position);
      if (dragged.dataset.parentId === target.dataset.parentId && Number(dragged.dataset.position) < position) position -= 1;
      return { into: false, parent_id: parentId, position };
    }

    wrap.addEventListener("dragstart", (event) => {
      dragged = itemOf(event.target);
      if (!dragged) return;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", dragged.dataset.nodeId);
      dragged.classList.add("dragging");
      root.classList.add("is-dragging");
      event.stopPropagation();
    });
    wrap.addEventListener("dragend", () => {
      if (dragged) dragged.classList.remove("dragging");
      root.classList.remove("is-dragging");
      clearMarks();
      dragged = null;
    });
    wrap.addEventListener("dragover", (event) => {
      if (!dragged) return;
      const end = event.target.closest("[data-drop=end]");
      const target = itemOf(event.target);
      if (!end && (!target || target === dragged || dragged.contains(target))) return;
      event.preventDefault();
      clearMarks();
      if (end) { end.classList.add("drop-over"); return; }
      target.classList.add(dropPlace(target).into ? "drop-into" : "drop-before");
    });
    wrap.addEventListener("drop", (event) => {
      if (!dragged) return;
      event.preventDefault();
      const end = event.target.closest("[data-drop=end]");
      const target = itemOf(event.target);
      const nodeId = dragged.dataset.nodeId;
      clearMarks();
      let place;
      if (end) place = { parent_id: null, position: null };
      else if (target && target !== dragged && !dragged.contains(target)) place = dropPlace(target);
      else return;
      write("POST", `${api}/nodes/${nodeId}/move`, { version: version(), parent_id: place.parent_id, position: place.position },
        { focusId: nodeId, done: "Moved." });
    });

    // Brief-level actions ------------------------------------------------------------------
    $("#rename-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      const form = event.target;
      const body = { version: version(), title: form.title.value.trim(), author: form.author.value.trim() || null };
      const result = await write("PATCH", api, body, { done: "Renamed." });
      if (result.ok) document.title = `${body.title} · evidence`;
    });

    $("#delete-brief").addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!window.confirm("Delete this brief? Its cards stay in My evidence.")) return;
      const result = await call("DELETE", api);
      if (result.ok) window.location.href = "/";
      else status(statusEl, detail(result.data), "error");
    });

    $("#download-form").addEventListener("submit", (event) => {
      // Leave out empty options so the URL stays readable (and the API applies its defaults).
      const form = event.target;
      for (const el of form.elements) if (el.name && el.value === "" && el.tagName === "SELECT") el.disabled = true;
      setTimeout(() => { for (const el of form.elements) el.disabled = false; }, 0);
    });

    fillWhere();
  }

  // ------------------------------------------------------------------------------------------
  // Speech doc page
  // ------------------------------------------------------------------------------------------
  function speechPage(root) {
    const docId = root.dataset.docId;
    const statusEl = $("#speech-status");
    const conflictEl = $("#conflict");
    const api = `/api/speech/${docId}`;
    const version = () => Number($("#speech-state").dataset.version);

    async function reload(focusIndex) {
      const response = await fetch(`/speech/${docId}/items`);
      if (!response.ok) { status(statusEl, "Could not reload; reload the page.", "error"); return; }
      $("#speech-wrap").innerHTML = await response.text();
      if (focusIndex !== undefined) {
        const all = $$("#speech-items .speech-item");
        const el = all[Math.max(0, Math.min(focusIndex, all.length - 1))];
        if (el) el.focus();
      }
    }

    async function write(method, url, body, focusIndex, done) {
      const result = await call(method, url, body);
      if (result.ok) {
        conflictEl.hidden = true;
        await reload(focusIndex);
        status(statusEl, done, "ok");
      } else if (result.status === 409) {
        conflictEl.hidden = false;
        conflictEl.innerHTML = `<p><strong>Not saved.</strong> ${escapeHtml(detail(result.data))}</p><p>The list has been reloaded.</p>`;
        await reload(focusIndex);
      } else {
        status(statusEl, detail(result.data), "error");
      }
      return result;
    }

    function act(action, item) {
      const index = Number(item.dataset.index);
      const id = item.dataset.itemId;
      if (action === "up" || action === "down") {
        const to = index + (action === "up" ? -1 : 1);
        const count = $$("#speech-items .speech-item").length;
        if (to < 0 || to >= count) { status(statusEl, "Already at the edge.", "warn"); return; }
        write("POST", `${api}/items/${id}/move`, { version: version(), position: to }, to, "Moved.");
      } else if (action === "remove") {
        write("DELETE", `${api}/items/${id}?version=${version()}`, undefined, index, "Removed from the speech doc.");
      }
    }

    const wrap = $("#speech-wrap");
    wrap.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-action]");
      const item = button && button.closest(".speech-item");
      if (item) act(button.dataset.action, item);
    });
    wrap.addEventListener("keydown", (event) => {
      const item = event.target.closest(".speech-item");
      if (!item || event.target !== item) return;
      if (event.ctrlKey && event.altKey && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
        event.preventDefault();
        act(event.key === "ArrowUp" ? "up" : "down", item);
      } else if (event.key === "ArrowUp" || event.key === "ArrowDown") {
        event.preventDefault();
        const all = $$("#speech-items .speech-item");
        const next = all[all.indexOf(item) + (event.key === "ArrowUp" ? -1 : 1)];
        if (next) next.focus();
      } else if (event.key === "Delete") {
        event.preventDefault();
        act("remove", item);
      }
    });

    $("#speech-settings").addEventListener("submit", async (event) => {
      event.preventDefault();
      const form = event.target;
      const body = { version: version(), title: form.title.value.trim(), minutes: Number(form.minutes.value) };
      await write("PATCH", api, body, undefined, "Saved.");
    });
    $("#speech-length").addEventListener("change", () => $("#speech-settings").requestSubmit());

    $("#new-speech").addEventListener("submit", async (event) => {
      event.preventDefault();
      const result = await call("POST", "/api/speech", { title: "Speech doc", minutes: Number($("#speech-length").value) });
      if (result.ok) window.location.href = `/speech/${result.data.id}`;
      else status(statusEl, detail(result.data), "error");
    });
  }

  // ------------------------------------------------------------------------------------------
  // Upload page
  // ------------------------------------------------------------------------------------------
  function importPage(form) {
    const input = $("#import-files");
    const zone = $("#dropzone");
    const submit = $("#import-submit");
    const statusEl = $("#import-status");
    let files = [];

    function show() {
      $("#import-chosen").innerHTML = files.map((f) => `<li>${escapeHtml(f.name)} <span class="muted">(${Math.ceil(f.size / 1024)} KB)</span></li>`).join("");
      submit.disabled = files.length === 0;
      submit.textContent = files.length > 1 ? `Import ${files.length} files` : "Import";
    }
    input.addEventListener("change", () => { files = Array.from(input.files); show(); });
    for (const type of ["dragenter", "dragover"]) {
      zone.addEventListener(type, (e) => { e.preventDefault(); zone.classList.add("over"); });
    }
    for (const type of ["dragleave", "drop"]) {
      zone.addEventListener(type, () => zone.classList.remove("over"));
    }
    zone.addEventListener("drop", (e) => {
      e.preventDefault();
      files = files.concat(Array.from(e.dataTransfer.files));
      show();
    });

    function report(result) {
      const r = result.report || { notes: [], skipped: [] };
      const list = (title, lines) => (lines && lines.length
        ? `<p><strong>${title}</strong></p><ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>` : "");
      if (!result.ok) {
        return `<article class="result failed"><h2>${escapeHtml(result.name)}: not imported</h2>` +
          `<p class="error">${escapeHtml(result.error)}</p><p class="muted">Nothing from this file was saved.</p>${list("Notes", r.notes)}</article>`;
      }
      const what = result.kind === "brief"
        ? `<a href="${result.url}">${escapeHtml(result.title)}</a>: a brief with ${result.cards} card${result.cards === 1 ? "" : "s"}`
        : `<a href="${result.url}">${escapeHtml(result.title)}</a> to cut cards from`;
      return `<article class="result ok"><h2>${escapeHtml(result.name)}</h2><p>Imported ${what}.</p>` +
        `${list("Skipped", r.skipped)}${list("Notes", r.notes)}</article>`;
    }

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!files.length) return;
      const data = new FormData();
      for (const f of files) data.append("files", f, f.name);
      submit.disabled = true;
      status(statusEl, `Importing ${files.length} file${files.length === 1 ? "" : "s"}…`);
      let response;
      try {
        response = await fetch("/api/imports", { method: "POST", body: data });
      } catch (err) {
        status(statusEl, "The server cannot be reached; nothing was imported.", "error");
        submit.disabled = false;
        return;
      }
      const body = await response.json().catch(() => null);
      if (!response.ok || !body) {
        status(statusEl, detail(body), "error");
        submit.disabled = false;
        return;
      }
      status(statusEl, `${body.imported} imported, ${body.failed} not imported.`, body.failed ? "warn" : "ok");
      $("#import-results").innerHTML = body.files.map(report).join("");
      files = [];
      input.value = "";
      show();
    });
  }

  const brief = $("#brief");
  if (brief) briefPage(brief);
  const speech = $("#speech");
  if (speech) speechPage(speech);
  const upload = $("#import-form");
  if (upload) importPage(upload);
})();
