// The checker's Web Worker (a module worker): starts this site's own copy of Pyodide, unpacks the rules
// bundle (site_tools and its rules data) and answers {profile} -> {verdict} messages. Nothing here talks
// to any other origin, and nothing the page sends leaves this worker.

const BUNDLE_DIR = "/home/pyodide/checker";
let handle = null;

async function start({ pyodide: indexURL, bundle }) {
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  const pyodide = await loadPyodide({ indexURL });
  const response = await fetch(bundle);
  if (!response.ok) throw new Error(`the rules bundle could not be loaded (${response.status})`);
  pyodide.unpackArchive(await response.arrayBuffer(), "zip", { extractDir: BUNDLE_DIR });
  pyodide.runPython(`import sys\nif ${JSON.stringify(BUNDLE_DIR)} not in sys.path: sys.path.insert(0, ${JSON.stringify(BUNDLE_DIR)})`);
  const browser = pyodide.pyimport("site_tools.browser");
  handle = (request) => browser.handle(request);
  return pyodide.version;
}

self.addEventListener("message", async (event) => {
  const message = event.data;
  try {
    if (message.type === "start") {
      const version = await start(message);
      self.postMessage({ type: "ready", version });
    } else if (message.type === "check") {
      const answer = JSON.parse(handle(JSON.stringify({ profile: message.profile, questions: true })));
      self.postMessage({ type: "answer", id: message.id, answer });
    }
  } catch (error) {
    self.postMessage({ type: "failed", id: message.id, error: String(error && error.message || error) });
  }
});
