#!/usr/bin/env bash
# Benchmarks gip beside ip in the same run, on a throw-away namespace.
#
#   bench/run.sh [GIP_BINARY]
#
# 1. A namespace with 2000 interfaces (1000 veth pairs) and 10000 IPv4
#    addresses: `-br link`, `-j addr show` and `link show`, each run
#    $REPS times by both tools, alternating.
# 2. Start-up: one `-br link` on a small namespace, 1000 times from a
#    shell loop, as scripts call it.
# Prints wall times and the ratio gip/ip (target: at most 1.0). Needs root.
set -euo pipefail
cd "$(dirname "$0")/.."
GIP=${1:-bin/gip}
REPS=${REPS:-20}
LOOP=${LOOP:-1000}
if [ ! -x "$GIP" ]; then
	CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o "$GIP" ./cmd/gip
fi
NS=gipbench-$$
SMALL=gipbench-small-$$
cleanup() { ip netns del "$NS" 2>/dev/null || true; ip netns del "$SMALL" 2>/dev/null || true; rm -f "/tmp/$NS.batch"; }
trap cleanup EXIT
ip netns add "$NS"
ip netns add "$SMALL"
{
	for i in $(seq 0 999); do echo "link add a$i type veth peer name b$i"; done
	for i in $(seq 0 999); do
		x=$((i / 250)); y=$((i % 250))
		for j in 1 2 3 4 5; do echo "addr add 10.$x.$y.$j/24 dev a$i"; done
		for j in 1 2 3 4 5; do echo "addr add 10.$((x + 100)).$y.$j/24 dev b$i"; done
	done
} > "/tmp/$NS.batch"
ip -n "$NS" -batch "/tmp/$NS.batch"
echo "namespace: $(ip -n "$NS" -br link | wc -l) links, $(ip -n "$NS" -br -4 addr | wc -w) words of -br addr"

# time_cmd N CMD...: seconds for N runs of CMD.
time_cmd() {
	local n=$1; shift
	local s e
	s=$(date +%s.%N)
	for _ in $(seq "$n"); do "$@" >/dev/null; done
	e=$(date +%s.%N)
	echo "$e - $s" | bc -l
}

compare() {
	local label=$1 n=$2; shift 2
	local ti tg
	ti=$(time_cmd "$n" ip "$@")
	tg=$(time_cmd "$n" "$GIP" "$@")
	ti=$(time_cmd "$n" ip "$@" | awk -v a="$ti" '{print (a+$1)/2}')
	tg=$(time_cmd "$n" "$GIP" "$@" | awk -v a="$tg" '{print (a+$1)/2}')
	awk -v l="$label" -v n="$n" -v ti="$ti" -v tg="$tg" \
		'BEGIN { printf "%-34s ip %8.4fs  gip %8.4fs  per run  ratio %.2f\n", l, ti/n, tg/n, tg/ti }'
}

compare "-br link (2000 links)" "$REPS" -n "$NS" -br link
compare "-j addr show (10k addresses)" "$REPS" -n "$NS" -j addr show
compare "link show (2000 links)" "$REPS" -n "$NS" link show
compare "start-up: -br link, small ns" "$LOOP" -n "$SMALL" -br link
