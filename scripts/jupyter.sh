#!/usr/bin/env bash
# jupyter.sh starts Jupyter Notebook (Debian's jupyter-notebook, installed on
# first use) for the notebooks/ folder, listening on 127.0.0.1 only.
#
# Usage: scripts/jupyter.sh [JUPYTER_NOTEBOOK_ARGS...]
#
# PORT picks the port (default 8888). The URL with its login token is
# printed on start. Stop it with Ctrl-C.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$repo/scripts/notebooks-setup.sh" --server

gobin=$(go env GOBIN)
if [[ -z "$gobin" ]]; then
	gobin="$(go env GOPATH)/bin"
fi
export PATH="$gobin:$PATH"

args=(--no-browser --ip=127.0.0.1 --port="${PORT:-8888}"
	--notebook-dir="$repo/notebooks")
if [[ $(id -u) -eq 0 ]]; then
	args+=(--allow-root)
fi
exec jupyter notebook "${args[@]}" "$@"
