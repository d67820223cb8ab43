// Material for MkDocs keeps small bits of state (the colour palette chosen, tabs, whether the version
// banner was dismissed) through these global helpers. Its own versions write to localStorage and
// sessionStorage; these keep the state in memory for the visit instead, so nothing is stored on the
// device. Loaded as a file (not inline) so that a strict Content-Security-Policy needs no exception.
(function () {
  "use strict";
  const memory = new Map();
  const script = document.currentScript;
  // This file is served from <site>/assets/calaim/state.js: the site's root is two folders up.
  window.__md_scope = new URL("../../", script ? script.src : location.href);
  window.__md_hash = (value) => [...value].reduce((hash, char) => (hash << 5) - hash + char.charCodeAt(0), 0);
  window.__md_get = (key, _storage, scope = window.__md_scope) => {
    const stored = memory.get(scope.pathname + "." + key);
    return stored === undefined ? null : JSON.parse(stored);
  };
  window.__md_set = (key, value, _storage, scope = window.__md_scope) => {
    memory.set(scope.pathname + "." + key, JSON.stringify(value));
  };
  // The service worker keeps the site for offline use (and the checker's runtime once it is opened).
  // On the checker page it waits until Python has started, so as not to compete with it for the network.
  if ("serviceWorker" in navigator && /^https?:$/.test(location.protocol)) {
    const register = () => navigator.serviceWorker.register(new URL("sw.js", window.__md_scope).href).catch(() => {});
    window.addEventListener("load", () => {
      if (document.getElementById("checker")) window.addEventListener("checker-ready", register, { once: true });
      else register();
    });
  }
})();
