#!/usr/bin/env bash
# run-notebooks.sh executes notebooks headless with jupyter nbconvert and
# writes the executed copies, outputs included, to OUTDIR.
#
# Usage: scripts/run-notebooks.sh [OUTDIR [NOTEBOOK...]]
#
# OUTDIR defaults to build/notebooks; NOTEBOOKs default to every
# notebooks/*.ipynb. The environment passes through to the cells
# (os.Getenv). Each notebook's wall time goes to stderr. A notebook whose
# cell fails is reported and the others still run; the exit status is then 1.
# Failing `!` shell lines do not fail a cell: `go test ./notebooks` checks
# the outputs for those.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
outdir=${1:-$repo/build/notebooks}
shift || true
if (($# > 0)); then
	notebooks=("$@")
else
	notebooks=("$repo"/notebooks/*.ipynb)
fi

gobin=$(go env GOBIN)
if [[ -z "$gobin" ]]; then
	gobin="$(go env GOPATH)/bin"
fi
export PATH="$gobin:$PATH"
for tool in jupyter gonb goimports; do
	if ! command -v "$tool" >/dev/null; then
		echo "run-notebooks: $tool not found; run scripts/notebooks-setup.sh" >&2
		exit 1
	fi
done

mkdir -p "$outdir"
failed=0
for nb in "${notebooks[@]}"; do
	name=$(basename "$nb")
	start=$(date +%s%N)
	# --log-level=WARN drops nbconvert's progress lines; GoNB's own log goes
	# to files (its kernel spec has -logtostderr=false).
	if jupyter nbconvert --to notebook --execute \
		--ExecutePreprocessor.timeout=900 --log-level=WARN \
		--output-dir "$outdir" "$nb"; then
		status=ok
	else
		status=FAIL
		failed=1
	fi
	ms=$((($(date +%s%N) - start) / 1000000))
	printf 'run-notebooks: %-4s %s %d.%03ds\n' \
		"$status" "$name" $((ms / 1000)) $((ms % 1000)) >&2
done
echo "run-notebooks: executed notebooks are in $outdir" >&2
exit "$failed"
