// Makes the checker's Pyodide memory snapshot at build time, under Node, from the site's own runtime and
// rules bundle: Python started, site_tools imported and a profile evaluated, then the memory saved and
// gzipped. The browser restores it instead of booting Python (see assets/checker-worker.mjs).
// Usage: node snapshot.mjs PYODIDE_DIR BUNDLE.zip OUT.bin.gz   -> prints {"bytes", "gzipped", "ms"}
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const [pyodideDir, bundlePath, outPath] = process.argv.slice(2);
const started = performance.now();
const { loadPyodide } = await import(pathToFileURL(`${pyodideDir}/pyodide.mjs`).href);
const pyodide = await loadPyodide({ indexURL: `${pyodideDir}/`, _makeSnapshot: true });
pyodide.unpackArchive(new Uint8Array(readFileSync(bundlePath)), "zip", { extractDir: "/home/pyodide/checker" });
pyodide.runPython(`
import sys, json
sys.path.insert(0, "/home/pyodide/checker")
import site_tools.browser
site_tools.browser.handle(json.dumps({"profile": {"medi_cal": "managed_care"}, "questions": True}))
`);
const snapshot = pyodide.makeMemorySnapshot();
const gzipped = gzipSync(snapshot, { level: 6 });
writeFileSync(outPath, gzipped);
process.stdout.write(JSON.stringify({ bytes: snapshot.length, gzipped: gzipped.length, ms: Math.round(performance.now() - started) }));
