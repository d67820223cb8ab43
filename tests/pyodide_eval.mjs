// Evaluates profiles with site_tools on Pyodide under Node, from the same bundle the site ships.
// Usage: node tests/pyodide_eval.mjs BUNDLE.zip PROFILES.json [QUESTIONS_FOR_FIRST_N [SNAPSHOT.bin.gz]]
//   -> JSON answers on stdout. With a snapshot, Python is restored from it (as the browser does) instead of booted.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { loadPyodide } from "pyodide";

const [bundlePath, profilesPath, questionsLimit = "0", snapshotPath] = process.argv.slice(2);
const pyodide = snapshotPath
  ? await loadPyodide({ _loadSnapshot: new Uint8Array(gunzipSync(readFileSync(snapshotPath))) })
  : await loadPyodide();
pyodide.unpackArchive(new Uint8Array(readFileSync(bundlePath)), "zip", { extractDir: "/home/pyodide/checker" });
pyodide.runPython("import sys\nif '/home/pyodide/checker' not in sys.path: sys.path.insert(0, '/home/pyodide/checker')");
const browser = pyodide.pyimport("site_tools.browser");
const profiles = JSON.parse(readFileSync(profilesPath, "utf8"));
const answers = profiles.map((profile, index) =>
  JSON.parse(browser.handle(JSON.stringify({ profile, questions: index < Number(questionsLimit) }))),
);
process.stdout.write(JSON.stringify({ python: pyodide.runPython("import sys; sys.version"), answers }));
