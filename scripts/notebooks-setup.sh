#!/usr/bin/env bash
# notebooks-setup.sh installs the toolchain that runs the Go notebooks in
# notebooks/ on Debian 12: Jupyter's nbconvert and client from Debian,
# goimports, and the GoNB kernel, each at a pinned version. Tools already
# present at the pinned version are left alone, so a second run takes about a
# second.
#
# Usage: scripts/notebooks-setup.sh [--server] [--gopls]
#
#   --server  also installs Debian's jupyter-notebook, which scripts/jupyter.sh
#             needs for interactive work; headless runs do not.
#   --gopls   also installs gopls, which GoNB uses only for auto-complete
#             (about a minute of build on a new machine).
#
# Binaries go to GOBIN, or $(go env GOPATH)/bin when GOBIN is unset: put that
# folder on PATH before running notebooks. The GoNB kernel spec goes to
# $JUPYTER_DATA_DIR/kernels/gonb (default ~/.local/share/jupyter).
set -euo pipefail

# Pinned versions. The Debian ones are bookworm's; GONB_VERSION must match
# tools/gonb/go.mod, which holds GoNB's own dependencies.
readonly NBCONVERT_DEB=6.5.3-3
readonly JUPYTER_CLIENT_DEB=7.4.9-2
readonly NOTEBOOK_DEB=6.4.12-2.2
readonly GOIMPORTS_VERSION=v0.43.0
readonly GONB_VERSION=v0.11.4
readonly GOPLS_VERSION=v0.23.0

# Flags stored in GoNB's kernel spec: plain-text errors for headless runs, and
# the kernel's own log in files under $TMPDIR (gonb.*) instead of on stderr;
# cell errors still show in the cells. GONB_KERNEL_ARGV is how the spec
# writes them.
readonly GONB_KERNEL_FLAGS=(--raw_error --logtostderr=false --stderrthreshold=FATAL)
readonly GONB_KERNEL_ARGV=(-raw_error=true -logtostderr=false -stderrthreshold=3)

with_server=false
with_gopls=false
for arg in "$@"; do
	case "$arg" in
	--server) with_server=true ;;
	--gopls) with_gopls=true ;;
	*)
		echo "usage: $0 [--server] [--gopls]" >&2
		exit 2
		;;
	esac
done

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
gobin=$(go env GOBIN)
if [[ -z "$gobin" ]]; then
	gobin="$(go env GOPATH)/bin"
fi
export GOBIN="$gobin"
export PATH="$gobin:$PATH"

log() { echo "notebooks-setup: $*" >&2; }

# modversion prints the version of module MOD that the Go binary BIN was
# built from, or nothing when BIN is missing or was not built from MOD.
modversion() {
	local bin=$1 mod=$2
	[[ -x "$bin" ]] || return 0
	go version -m "$bin" 2>/dev/null |
		awk -v mod="$mod" '($1 == "mod" || $1 == "dep") && $2 == mod { print $3; exit }'
}

# Debian packages.
debs=("jupyter-nbconvert=$NBCONVERT_DEB" "jupyter-client=$JUPYTER_CLIENT_DEB")
if $with_server; then
	debs+=("jupyter-notebook=$NOTEBOOK_DEB")
fi
missing=()
for pin in "${debs[@]}"; do
	name=${pin%%=*}
	want=${pin#*=}
	have=$(dpkg-query -W -f='${Version}' "$name" 2>/dev/null || true)
	if [[ "$have" == "$want" ]]; then
		log "present $name $have"
	else
		missing+=("$pin")
	fi
done
if ((${#missing[@]} > 0)); then
	sudo=()
	if [[ $(id -u) -ne 0 ]]; then
		sudo=(sudo)
	fi
	log "installing ${missing[*]}"
	"${sudo[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq \
		--no-install-recommends "${missing[@]}" >/dev/null
	for pin in "${missing[@]}"; do
		log "installed ${pin%%=*} ${pin#*=}"
	done
fi

# goimports, which GoNB runs on every Go cell.
have=$(modversion "$gobin/goimports" golang.org/x/tools)
if [[ "$have" == "$GOIMPORTS_VERSION" ]]; then
	log "present goimports $have"
else
	go install "golang.org/x/tools/cmd/goimports@$GOIMPORTS_VERSION"
	log "installed goimports $GOIMPORTS_VERSION"
fi

# gopls, on request.
if $with_gopls; then
	have=$(modversion "$gobin/gopls" golang.org/x/tools/gopls)
	if [[ "$have" == "$GOPLS_VERSION" ]]; then
		log "present gopls $have"
	else
		go install "golang.org/x/tools/gopls@$GOPLS_VERSION"
		log "installed gopls $GOPLS_VERSION"
	fi
fi

# GoNB, built from the tools module: `go install ...@version` is refused by
# the module proxy for this module, and the tools module keeps GoNB's
# dependencies out of the main module.
tools_mod="$repo/tools/gonb/go.mod"
pinned=$(awk '$1 == "github.com/janpfeifer/gonb" { print $2; exit }' "$tools_mod")
if [[ "$pinned" != "$GONB_VERSION" ]]; then
	log "$tools_mod pins GoNB $pinned, this script $GONB_VERSION: make them agree"
	exit 1
fi
have=$(modversion "$gobin/gonb" github.com/janpfeifer/gonb)
if [[ "$have" == "$GONB_VERSION" ]]; then
	log "present gonb $have"
else
	(cd "$repo/tools/gonb" && go install github.com/janpfeifer/gonb)
	log "installed gonb $GONB_VERSION"
fi

# GoNB's kernel spec. --force_deps: gopls, which only serves auto-complete,
# may be missing.
spec="${JUPYTER_DATA_DIR:-$HOME/.local/share/jupyter}/kernels/gonb/kernel.json"
spec_ok=false
if [[ -f "$spec" ]] && grep -qF "\"$gobin/gonb\"" "$spec"; then
	spec_ok=true
	for arg in "${GONB_KERNEL_ARGV[@]}"; do
		grep -qF "\"$arg\"" "$spec" || spec_ok=false
	done
fi
if $spec_ok; then
	log "present kernel spec $spec"
else
	if ! out=$("$gobin/gonb" --install --force_deps "${GONB_KERNEL_FLAGS[@]}" 2>&1); then
		echo "$out" >&2
		log "gonb --install exited non-zero"
		exit 1
	fi
	if [[ ! -f "$spec" ]]; then
		log "gonb --install wrote no $spec"
		exit 1
	fi
	log "installed kernel spec $spec"
fi

# Check that Jupyter sees the kernel.
specs=$(jupyter kernelspec list 2>/dev/null)
if ! awk '$1 == "gonb" { found = 1 } END { exit !found }' <<<"$specs"; then
	log "jupyter kernelspec list does not show gonb"
	exit 1
fi
log "ready: jupyter $(jupyter nbconvert --version), GOBIN=$gobin (put it on PATH)"
