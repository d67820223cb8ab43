// The eligibility checker page. Loaded on every page but does nothing where there is no #checker.
// Python (site_tools, on this site's own Pyodide) runs in a module Web Worker so the page never freezes.
// Answers live only in the page's address after "#": no cookies, no storage, no requests carrying them.
(function () {
  "use strict";

  const STATUS = {
    eligible: ["\u2713", "Can be enrolled"],
    not_eligible: ["\u2717", "Not eligible"],
    must_choose: ["\u21c4", "Must choose"],
    through_icms: ["\u2192", "Through ICMS"],
    needs_info: ["?", "Needs an answer"],
  };
  const LISTS = ["populations_of_focus", "enrolled_in", "declined"];
  const BOOLEANS = [
    "meets_hntss_criteria", "can_live_independently", "changed_conditions_documented",
    "wpc_enrolled_on_2021_12_31", "hhp_enrolled_on_2021_12_31", "housed_on_2022_01_01",
  ];

  let worker = null;      // one worker per document, kept across Material's instant navigation
  let workerState = "off"; // off | starting | ready | failed
  let waiting = [];        // callbacks for "ready"
  let nextId = 1;
  const pending = new Map();
  let page = null;         // the current checker page's state

  // --- the worker ---------------------------------------------------------------------------------

  function startWorker(root) {
    if (workerState !== "off") return;
    if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
      workerState = "failed";
      return;
    }
    workerState = "starting";
    try {
      worker = new Worker(new URL(root.dataset.worker, location.href), { type: "module" });
    } catch (error) {
      workerState = "failed";
      return;
    }
    worker.onerror = () => fail("The checker could not start in this browser.");
    worker.onmessage = (event) => {
      const message = event.data;
      if (message.type === "ready") {
        workerState = "ready";
        const shown = document.getElementById("checker") || root;
        shown.dataset.startedFrom = message.startedFrom;
        // When each step of the start happened (for the benchmark), relative to this page's start.
        shown.dataset.timings = JSON.stringify(Object.fromEntries(Object.entries(message.timings || {}).map(([k, v]) => [k, Math.round(v - performance.timeOrigin)])));
        performance.mark("checker-python-ready");
        window.dispatchEvent(new Event("checker-ready"));
        if ("serviceWorker" in navigator) {
          // The exact addresses the worker used, so the copy comes from the browser's cache, not the network.
          const used = ["worker", "bundle", "snapshot"].map((key) => root.dataset[key]).filter(Boolean).map((url) => new URL(url, location.href).href);
          navigator.serviceWorker.ready.then((registration) => registration.active && registration.active.postMessage({ type: "keep-checker", urls: used })).catch(() => {});
        }
        waiting.splice(0).forEach((callback) => callback());
      } else if (message.type === "answer" && pending.has(message.id)) {
        pending.get(message.id)(message.answer);
        pending.delete(message.id);
      } else if (message.type === "failed") {
        if (message.id && pending.has(message.id)) pending.delete(message.id);
        fail("The checker stopped: " + message.error);
      }
    };
    worker.postMessage({
      type: "start",
      pyodide: new URL(root.dataset.pyodide, location.href).href,
      bundle: new URL(root.dataset.bundle, location.href).href,
      snapshot: root.dataset.snapshot ? new URL(root.dataset.snapshot, location.href).href : null,
    });
  }

  function fail(text) {
    workerState = "failed";
    window.dispatchEvent(new Event("checker-ready"));  // the rest of the site is still kept for offline use
    waiting = [];
    if (page) page.showFailure(text);
  }

  function whenReady(callback) {
    if (workerState === "ready") callback();
    else if (workerState !== "failed") waiting.push(callback);
  }

  function ask(profile, questions) {
    return new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      worker.postMessage({ type: "check", id, profile, questions });
    });
  }

  // --- answers <-> the address after "#" ------------------------------------------------------------

  function profileFromHash(hash) {
    const params = new URLSearchParams(hash.replace(/^#/, ""));
    const profile = {};
    for (const [key, value] of params) {
      if (LISTS.includes(key)) profile[key] = value === "" ? [] : value.split(",");
      else if (BOOLEANS.includes(key)) profile[key] = value === "true" ? true : value === "false" ? false : value;
      else if (key === "tenancy_services_received") profile[key] = /^\d+$/.test(value) ? Number(value) : value;
      else profile[key] = value;
    }
    return profile;
  }

  function hashFromProfile(profile) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(profile)) {
      params.set(key, Array.isArray(value) ? value.join(",") : String(value));
    }
    const text = params.toString().replace(/%2C/g, ",");
    return text ? "#" + text : "";
  }

  // --- the page ------------------------------------------------------------------------------------

  function CheckerPage(root) {
    const form = root.querySelector("#checker-form");
    const app = root.querySelector(".checker-app");
    const status = root.querySelector("#checker-status");
    const fallback = document.getElementById("checker-fallback");
    const verdictBox = root.querySelector("#checker-verdict");
    const errors = root.querySelector("#checker-errors");
    const announce = root.querySelector("#checker-announce");
    const summary = root.querySelector("#checker-summary");
    const groups = Array.from(root.querySelectorAll(".checker-group"));
    const steps = Array.from(root.querySelectorAll(".checker-step"));
    const siteRoot = new URL(root.dataset.siteRoot, location.href);
    let step = 0;
    let relevant = null;  // keys that can still change the verdict, from Python
    let latest = 0;

    this.showFailure = (text) => {
      status.textContent = text + " The rules it applies are shown below.";
      app.hidden = true;
      fallback.hidden = false;
    };

    function questions() {
      return Array.from(form.querySelectorAll(".checker-question"));
    }

    function readForm() {
      const profile = {};
      for (const fieldset of questions()) {
        const key = fieldset.dataset.key;
        if (LISTS.includes(key)) {
          const boxes = Array.from(fieldset.querySelectorAll("input[type=checkbox]"));
          const none = boxes.find((box) => box.hasAttribute("data-none"));
          const chosen = boxes.filter((box) => box.checked && !box.hasAttribute("data-none")).map((box) => box.value);
          if (chosen.length || none.checked) profile[key] = chosen;
        } else if (key === "as_of") {
          const input = fieldset.querySelector("input");
          if (input.value) profile[key] = input.value;
        } else {
          const chosen = fieldset.querySelector("input:checked");
          if (chosen && chosen.value !== "") {
            if (BOOLEANS.includes(key)) profile[key] = chosen.value === "true";
            else if (key === "tenancy_services_received") profile[key] = Number(chosen.value);
            else profile[key] = chosen.value;
          }
        }
      }
      return profile;
    }

    function writeForm(profile) {
      for (const fieldset of questions()) {
        const key = fieldset.dataset.key;
        const value = profile[key];
        if (key === "as_of") {
          fieldset.querySelector("input").value = typeof value === "string" ? value : "";
        } else if (LISTS.includes(key)) {
          for (const box of fieldset.querySelectorAll("input[type=checkbox]")) {
            box.checked = Array.isArray(value) && (box.hasAttribute("data-none") ? value.length === 0 : value.includes(box.value));
          }
        } else {
          const wanted = value === undefined ? "" : key === "tenancy_services_received" && value >= 2 ? "2" : String(value);
          for (const radio of fieldset.querySelectorAll("input[type=radio]")) radio.checked = value !== undefined && radio.value === wanted;
        }
      }
    }

    function answered(key, profile) {
      return Object.prototype.hasOwnProperty.call(profile, key);
    }

    function visibleGroups() {
      return groups.map((group) => Array.from(group.querySelectorAll(".checker-question")).some((q) => !q.hidden));
    }

    function showStep(index, focus) {
      step = Math.max(0, Math.min(index, groups.length - 1));
      groups.forEach((group, i) => { group.hidden = i !== step; });
      steps.forEach((button, i) => {
        if (i === step) button.setAttribute("aria-current", "step");
        else button.removeAttribute("aria-current");
      });
      const visible = visibleGroups();
      form.querySelector("[data-action=back]").disabled = !visible.slice(0, step).some(Boolean);
      form.querySelector("[data-action=next]").disabled = !visible.slice(step + 1).some(Boolean);
      if (focus) groups[step].querySelector(".checker-group__title").focus();
    }

    function move(direction) {
      const visible = visibleGroups();
      for (let i = step + direction; i >= 0 && i < groups.length; i += direction) {
        if (visible[i]) return showStep(i, true);
      }
    }

    function applyRelevance(profile) {
      for (const fieldset of questions()) {
        const key = fieldset.dataset.key;
        fieldset.hidden = relevant !== null && !relevant.includes(key) && !answered(key, profile);
      }
      const visible = visibleGroups();
      groups.forEach((group, i) => {
        group.querySelector(".checker-group__none").hidden = visible[i];
        steps[i].classList.toggle("checker-step--idle", !visible[i]);
      });
      showStep(step, false);
    }

    function sourceLink(source) {
      const link = document.createElement("a");
      link.href = new URL(source.url, siteRoot).href;
      link.textContent = source.label;
      return link;
    }

    function citation(source) {
      const span = document.createElement("span");
      span.className = "verdict__source";
      span.append(" (", sourceLink(source), ": ");
      const quote = document.createElement("q");
      quote.textContent = source.quote;
      span.append(quote, ")");
      return span;
    }

    function questionText(key) {
      const legend = form.querySelector(`#question-${key} legend`);
      return legend ? legend.textContent : key;
    }

    function renderProgram(article, result) {
      const [icon, label] = STATUS[result.status];
      article.className = `verdict verdict--${result.status}`;
      article.querySelector(".verdict__status").textContent = `${icon} ${label}`;
      const body = article.querySelector(".verdict__body");
      body.replaceChildren();
      if (result.grandfathered) {
        const p = document.createElement("p");
        p.className = "verdict__grandfathered";
        p.textContent = "Grandfathered: enrolled without a referral or new consent.";
        body.append(p);
      }
      const reasons = document.createElement("ul");
      reasons.className = "verdict__reasons";
      for (const reason of result.reasons) {
        const item = document.createElement("li");
        item.append(reason.text, citation(reason.source));
        reasons.append(item);
      }
      body.append(reasons);
      if (result.missing.length) {
        const p = document.createElement("p");
        p.textContent = "To decide, answer:";
        const list = document.createElement("ul");
        for (const key of result.missing) {
          const item = document.createElement("li");
          const link = document.createElement("a");
          link.href = `#question-${key}`;
          link.dataset.goto = key;
          link.textContent = questionText(key);
          item.append(link);
          list.append(item);
        }
        body.append(p, list);
      }
      const steps = result.next_steps.filter((s) => !s.text.startsWith("Answer: "));
      if (steps.length) {
        const heading = document.createElement("p");
        heading.className = "verdict__next";
        heading.textContent = "Next steps:";
        const list = document.createElement("ol");
        for (const next of steps) {
          const item = document.createElement("li");
          item.append(next.text);
          if (next.source) item.append(" (", sourceLink(next.source), ")");
          list.append(item);
        }
        body.append(heading, list);
      }
    }

    function renderSummary(profile, verdict) {
      summary.replaceChildren();
      const heading = document.createElement("h2");
      heading.textContent = "Eligibility check summary";
      const meta = document.createElement("p");
      meta.textContent = `Rules as of ${verdict.as_of}. Source: ${root.dataset.versionLabel} FAQ for CalAIM providers in LA County (content version ${verdict.content_version}).`;
      const answers = document.createElement("dl");
      for (const fieldset of questions()) {
        const key = fieldset.dataset.key;
        if (!answered(key, profile)) continue;
        const dt = document.createElement("dt");
        dt.textContent = questionText(key);
        const dd = document.createElement("dd");
        const chosen = Array.from(fieldset.querySelectorAll("input:checked")).map((input) => input.parentElement.textContent.trim());
        dd.textContent = key === "as_of" ? profile.as_of : chosen.join("; ") || "None of these";
        answers.append(dt, dd);
      }
      summary.append(heading, meta, answers);
      for (const article of verdictBox.querySelectorAll(".verdict")) {
        const copy = article.cloneNode(true);
        copy.removeAttribute("aria-labelledby");
        copy.querySelectorAll("[id]").forEach((element) => element.removeAttribute("id"));
        summary.append(copy);
      }
    }

    async function update(pushHash) {
      const profile = readForm();
      if (pushHash) history.replaceState(history.state, "", location.pathname + location.search + hashFromProfile(profile));
      await check(profile);
    }

    async function check(profile) {
      const ticket = ++latest;
      // The verdict first, painted at once; then which questions can still change it (a little slower).
      const answer = await ask(profile, false);
      if (ticket !== latest) return;  // a newer answer is on its way
      if (answer.errors) {
        errors.hidden = false;
        errors.textContent = "The answers in this address could not be read: " + answer.errors.join("; ");
        return;
      }
      errors.hidden = true;
      const said = [];
      for (const article of verdictBox.querySelectorAll(".verdict")) {
        const result = answer.verdict.programs[article.dataset.program];
        renderProgram(article, result);
        said.push(`${article.querySelector(".verdict__name").textContent}: ${STATUS[result.status][1]}`);
      }
      announce.textContent = said.join(". ") + ".";
      renderSummary(profile, answer.verdict);
      requestAnimationFrame(() => performance.mark("checker-verdict-painted"));
      const more = await ask(profile, true);
      if (ticket !== latest || more.errors) return;
      relevant = more.questions;
      applyRelevance(profile);
    }

    form.addEventListener("change", (event) => {
      const box = event.target;
      if (box.type === "checkbox") {
        const fieldset = box.closest(".checker-question");
        if (box.checked && box.hasAttribute("data-none")) {
          fieldset.querySelectorAll("input[type=checkbox]:not([data-none])").forEach((other) => { other.checked = false; });
        } else if (box.checked) {
          fieldset.querySelector("input[data-none]").checked = false;
        }
      }
      update(true);
    });
    form.addEventListener("submit", (event) => event.preventDefault());
    root.addEventListener("click", (event) => {
      const target = event.target.closest("[data-action], [data-step], [data-goto]");
      if (!target) return;
      if (target.dataset.step) {
        showStep(steps.indexOf(target), true);
      } else if (target.dataset.goto) {
        event.preventDefault();
        const fieldset = form.querySelector(`#question-${target.dataset.goto}`);
        showStep(groups.indexOf(fieldset.closest(".checker-group")), false);
        fieldset.hidden = false;
        fieldset.querySelector("input").focus();
      } else if (target.dataset.action === "next") move(1);
      else if (target.dataset.action === "back") move(-1);
      else if (target.dataset.action === "print") window.print();
      else if (target.dataset.action === "reset") {
        writeForm({});
        update(true);
        showStep(0, true);
      }
    });
    window.addEventListener("hashchange", this.onHash = () => {
      if (document.getElementById("checker") !== root) return;
      writeForm(profileFromHash(location.hash));
      check(profileFromHash(location.hash));
    });

    this.ready = () => {
      status.textContent = "The checker is ready. Answers stay in this browser.";
      app.hidden = false;
      fallback.hidden = true;
      const profile = profileFromHash(location.hash);
      writeForm(profile);
      showStep(0, false);
      check(profile);
    };
  }

  function init() {
    const root = document.getElementById("checker");
    if (page && page.onHash) window.removeEventListener("hashchange", page.onHash);
    page = null;
    if (!root) return;
    page = new CheckerPage(root);
    if (workerState === "failed") {
      page.showFailure(typeof WebAssembly !== "object" ? "This browser cannot run the checker (it has no WebAssembly)." : "The checker could not start in this browser.");
      return;
    }
    startWorker(root);
    if (workerState === "failed") {
      page.showFailure("This browser cannot run the checker (it has no WebAssembly or Web Workers).");
      return;
    }
    const current = page;
    whenReady(() => { if (page === current) current.ready(); });
  }

  // Python takes longest to start: on the checker page, start its worker before the page settles.
  const early = document.getElementById("checker");
  if (early) startWorker(early);
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
