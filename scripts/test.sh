#!/usr/bin/env bash
# Install everything the tests need (system packages, npm and Python packages) and run every test:
# content and rules in CPython, Pyodide under Node, and the built site in headless Chromium.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
require chromium-headless-shell chromium-headless-shell
require pdftotext poppler-utils
require java default-jre-headless   # the Nu Html Checker (npm vnu-jar) runs on Java
node_env
python_env test
export NO_MKDOCS_2_WARNING=1
.venv/bin/python -m generator.schema --check
.venv/bin/python -m generator.export --check
exec .venv/bin/python -m pytest "$@"
