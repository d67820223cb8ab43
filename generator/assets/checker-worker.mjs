// The checker's Web Worker (a module worker): starts this site's own copy of Pyodide, restoring the
// memory snapshot made at build time (Python with the rules already imported) when it can, and booting
// Python plainly when it cannot (a snapshot from another build, a broken download). Then it answers
// {profile} -> {verdict} messages. Nothing here talks to any other origin, and nothing the page sends
// leaves this worker.

const BUNDLE_DIR = "/home/pyodide/checker";
let browser = null;
let startedFrom = null;

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} could not be loaded (${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

async function gunzip(url) {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`${url} could not be loaded (${response.status})`);
  const stream = response.body.pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const timings = {};
const note = (name) => { timings[name] = Math.round(performance.timeOrigin + performance.now()); };

async function boot({ pyodide: indexURL, bundle, snapshot }) {
  note("worker");
  // Start every download at once: the snapshot and the rules bundle while the runtime's script loads.
  const memory = snapshot ? gunzip(snapshot).then((bytes) => (note("snapshot"), bytes)) : null;
  memory?.catch(() => {});
  const files = fetchBytes(bundle);
  // The runtime's big script, imported now so that loadPyodide finds it in the module map.
  const runtime = import(new URL("pyodide.asm.mjs", indexURL).href).catch(() => {});
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  await runtime;
  note("script");
  // loadPyodide needs the whole snapshot before it starts anyway; a snapshot that cannot be read
  // sends us straight to a plain start.
  const bytes = memory ? await memory.catch(() => null) : null;
  let pyodide = null;
  if (bytes) {
    try {
      pyodide = await loadPyodide({ indexURL, _loadSnapshot: bytes });
      startedFrom = "snapshot";
    } catch (error) {
      pyodide = null;  // fall back to a plain start below
    }
  }
  if (!pyodide) {
    pyodide = await loadPyodide({ indexURL });
    startedFrom = "plain";
  }
  // The snapshot holds the imported modules, not the files: write them (again) for anything read later.
  pyodide.unpackArchive(await files, "zip", { extractDir: BUNDLE_DIR });
  pyodide.runPython(`import sys\nif ${JSON.stringify(BUNDLE_DIR)} not in sys.path: sys.path.insert(0, ${JSON.stringify(BUNDLE_DIR)})`);
  browser = pyodide.pyimport("site_tools.browser");
  note("python");
  return pyodide.version;
}

self.addEventListener("message", async (event) => {
  const message = event.data;
  try {
    if (message.type === "start") {
      const version = await boot(message);
      self.postMessage({ type: "ready", version, startedFrom, timings });
    } else if (message.type === "check") {
      const answer = JSON.parse(browser.handle(JSON.stringify({ profile: message.profile, questions: Boolean(message.questions) })));
      self.postMessage({ type: "answer", id: message.id, answer });
    }
  } catch (error) {
    self.postMessage({ type: "failed", id: message.id, error: String((error && error.message) || error) });
  }
});
