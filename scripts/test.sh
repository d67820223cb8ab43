#!/usr/bin/env bash
# Install everything the tests need (system packages, Python packages) and run every test.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
require chromium-headless-shell chromium-headless-shell
require pdftotext poppler-utils
node_env
python_env test
export NO_MKDOCS_2_WARNING=1
.venv/bin/python -m generator.schema --check
.venv/bin/python -m generator.export --check
exec .venv/bin/python -m pytest "$@"
