#!/usr/bin/env bash
# Install what the site needs and serve it at http://127.0.0.1:8000/ (rebuilds when content/ changes).
set -euo pipefail
source "$(dirname "$0")/setup.sh"
node_env
python_env serve
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/mkdocs serve --dev-addr "${ADDR:-127.0.0.1:8000}" "$@"
