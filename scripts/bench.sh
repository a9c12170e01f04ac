#!/usr/bin/env bash
# Benchmarks of the calling stack, on this machine and 127.0.0.1 only, in
# one run with a summary table at the end:
#
#   (a) a five-budget sweep against the emulator, with the time scale set
#       so that the slowest call lasts about a second: wall time over that
#       second (1.0 is no overhead), at concurrency 5 and 1;
#   (b) what claudeutils.Client.Invoke costs per call over a bare
#       bedrockruntime Converse call to the same emulator;
#   (c) the emulator's throughput under a load generator, served by
#       "thinkbudget serve" in its own process.
#
# Usage: scripts/bench.sh   (or: make bench)
# Environment: WORKERS (16), CALLS (20000), DURATION (10s), COUNT (5).
set -euo pipefail
cd "$(dirname "$0")/.."

WORKERS=${WORKERS:-16}
CALLS=${CALLS:-20000}
DURATION=${DURATION:-10s}
COUNT=${COUNT:-5}

export AWS_EC2_METADATA_DISABLED=true
tmp=$(mktemp -d)
serve_pid=""
cleanup() {
	if [[ -n "$serve_pid" ]]; then
		kill -INT "$serve_pid" 2>/dev/null || true
		wait "$serve_pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT

# Test binaries are run directly, so that the SDK's warnings on stderr
# cannot split the benchmark lines on stdout.
go test -c -o "$tmp/runner.test" ./runner
go test -c -o "$tmp/claudeutils.test" ./claudeutils

echo "== (a) sweep wall time against the slowest call" >&2
"$tmp/runner.test" -test.run '^$' -test.bench '^BenchmarkSweepWall$' -test.benchtime 3x \
	2>>"$tmp/stderr.log" | tee "$tmp/a.txt" >&2

echo "== (b) Client.Invoke over a bare Converse call, $COUNT runs each" >&2
"$tmp/claudeutils.test" -test.run '^$' -test.bench '^BenchmarkInvokeOverhead$' -test.benchtime 2s \
	-test.count "$COUNT" 2>>"$tmp/stderr.log" | tee "$tmp/b.txt" >&2

echo "== (c) emulator throughput on loopback" >&2
go build -o "$tmp/thinkbudget" ./cmd/thinkbudget
go build -o "$tmp/loadgen" ./scripts/loadgen
"$tmp/thinkbudget" serve --addr 127.0.0.1:0 2>"$tmp/serve.log" &
serve_pid=$!
url=""
for _ in $(seq 100); do
	url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$tmp/serve.log" | head -1 || true)
	[[ -n "$url" ]] && break
	sleep 0.1
done
if [[ -z "$url" ]]; then
	echo "bench: thinkbudget serve printed no URL" >&2
	cat "$tmp/serve.log" >&2
	exit 1
fi
"$tmp/loadgen" -url "$url" -workers "$WORKERS" -calls "$CALLS" -duration "$DURATION" | tee "$tmp/c.txt" >&2
"$tmp/loadgen" -url "$url" -workers "$WORKERS" -calls "$CALLS" -duration "$DURATION" -stream | tee "$tmp/c-stream.txt" >&2

# field FILE PATTERN UNIT: the value before UNIT on the line matching
# PATTERN (a benchmark line).
field() {
	awk -v pat="$2" -v unit="$3" '$0 ~ pat { for (i = 2; i <= NF; i++) if ($i == unit) print $(i-1) }' "$1" | head -1
}
# median FILE PATTERN UNIT: the median value before UNIT on the lines
# matching PATTERN.
median() {
	awk -v pat="$2" -v unit="$3" '$0 ~ pat { for (i = 2; i <= NF; i++) if ($i == unit) print $(i-1) }' "$1" |
		sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
kv() { grep -o "$2=[0-9.]*" "$1" | cut -d= -f2; }

a5=$(field "$tmp/a.txt" 'concurrency=5' 'wall/slowest')
a1=$(field "$tmp/a.txt" 'concurrency=1' 'wall/slowest')
slow=$(field "$tmp/a.txt" 'concurrency=5' 'slowest-sim-s')
scale=$(field "$tmp/a.txt" 'concurrency=5' 'time-scale')
client=$(median "$tmp/b.txt" 'InvokeOverhead/client' ns/op)
bare=$(median "$tmp/b.txt" 'InvokeOverhead/bare' ns/op)
paired=$(median "$tmp/b.txt" 'InvokeOverhead/paired' overhead-ns/call)
client_b=$(median "$tmp/b.txt" 'InvokeOverhead/client' B/op)
bare_b=$(median "$tmp/b.txt" 'InvokeOverhead/bare' B/op)
client_allocs=$(median "$tmp/b.txt" 'InvokeOverhead/client' allocs/op)
bare_allocs=$(median "$tmp/b.txt" 'InvokeOverhead/bare' allocs/op)

echo
echo "Summary ($(go env GOOS)/$(go env GOARCH), $(nproc) CPUs, $(date -u +%Y-%m-%dT%H:%MZ))"
printf '%-58s %s\n' "measure" "value"
printf '%-58s %s\n' "(a) slowest simulated call / time scale" "${slow} s / ${scale}"
printf '%-58s %s  (target <= 1.1)\n' "(a) sweep wall / slowest scaled call, concurrency 5" "$a5"
printf '%-58s %s\n' "(a) sweep wall / slowest scaled call, concurrency 1" "$a1"
printf '%-58s %s ns\n' "(b) Client.Invoke per call (median of $COUNT)" "$client"
printf '%-58s %s ns\n' "(b) bare Converse per call (median of $COUNT)" "$bare"
printf '%-58s %s ns\n' "(b) difference of the two medians" "$(awk -v c="$client" -v b="$bare" 'BEGIN { printf "%.0f", c - b }')"
printf '%-58s %s ns\n' "(b) Invoke overhead, interleaved calls (median of $COUNT)" "$paired"
printf '%-58s %s B, %s allocs\n' "(b) Invoke extra memory per call (medians)" \
	"$((client_b - bare_b))" "$((client_allocs - bare_allocs))"
printf '%-58s %s calls/s, p50 %s ms, p99 %s ms\n' "(c) Converse, $WORKERS workers, separate serve process" \
	"$(kv "$tmp/c.txt" calls_per_s)" "$(kv "$tmp/c.txt" p50_ms)" "$(kv "$tmp/c.txt" p99_ms)"
printf '%-58s %s calls/s, p50 %s ms, p99 %s ms\n' "(c) ConverseStream, $WORKERS workers, separate serve process" \
	"$(kv "$tmp/c-stream.txt" calls_per_s)" "$(kv "$tmp/c-stream.txt" p50_ms)" "$(kv "$tmp/c-stream.txt" p99_ms)"
