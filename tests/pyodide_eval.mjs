// Evaluates profiles with site_tools on Pyodide under Node, from the same bundle the site ships.
// Usage: node tests/pyodide_eval.mjs BUNDLE.zip PROFILES.json [QUESTIONS_FOR_FIRST_N]  -> JSON answers on stdout
import { readFileSync } from "node:fs";
import { loadPyodide } from "pyodide";

const [bundlePath, profilesPath, questionsLimit = "0"] = process.argv.slice(2);
const pyodide = await loadPyodide();
pyodide.unpackArchive(new Uint8Array(readFileSync(bundlePath)), "zip", { extractDir: "/home/pyodide/checker" });
pyodide.runPython("import sys\nsys.path.insert(0, '/home/pyodide/checker')");
const browser = pyodide.pyimport("site_tools.browser");
const profiles = JSON.parse(readFileSync(profilesPath, "utf8"));
const answers = profiles.map((profile, index) =>
  JSON.parse(browser.handle(JSON.stringify({ profile, questions: index < Number(questionsLimit) }))),
);
process.stdout.write(JSON.stringify({ python: pyodide.runPython("import sys; sys.version"), answers }));
