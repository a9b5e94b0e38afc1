#!/usr/bin/env bash
# gip nft beside nft on a ruleset with a 100k-element interval set and 1k
# rules: list ruleset, -j list ruleset, and the JSON applied with -f (gip
# nft -f beside nft -j -f), each ROUNDS times, alternating; prints the
# medians and their ratios. Checks that both list the same text and that
# the JSON applied by gip lists as nft's. Needs root and nft.
# Usage: bench/gip-nft/run.sh [GIP] (ELEMS=100000 RULES=1000 ROUNDS=3)
set -euo pipefail
gip=${1:-bin/gip}
elems=${ELEMS:-100000}
rules=${RULES:-1000}
rounds=${ROUNDS:-3}
ns=gipbench-nft-$$
ns2=gipbench-nft2-$$
dir=$(mktemp -d)
cleanup() { ip netns del "$ns" 2>/dev/null || true; ip netns del "$ns2" 2>/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT
ip netns add "$ns"
ip netns add "$ns2"
{
	echo "table inet bench {"
	echo "	set big { type ipv4_addr; flags interval; elements = {"
	seq 0 $((elems - 1)) | awk '{ a = 167772160 + $1 * 4; printf "%s%d.%d.%d.%d/30", (NR > 1 ? ",\n" : ""), int(a / 16777216) % 256, int(a / 65536) % 256, int(a / 256) % 256, a % 256 }'
	echo " } }"
	echo "	chain c { type filter hook input priority 0; policy accept;"
	seq 1 "$rules" | awk '{ printf "\t\tip saddr @big tcp dport %d counter accept\n", 1000 + $1 }'
	echo "	}"
	echo "}"
} > "$dir/ruleset.nft"
ip netns exec "$ns" nft -f "$dir/ruleset.nft"
ip netns exec "$ns" nft -j list ruleset > "$dir/ruleset.json"

# secs CMD...: the wall time of one run, in seconds.
secs() {
	local t0 t1
	t0=$(date +%s.%N)
	"$@" > /dev/null
	t1=$(date +%s.%N)
	echo "$t1 - $t0" | bc -l
}
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

compare() { # name, nft command, gip command (as strings run by bash -c)
	local name=$1 a=() b=()
	for _ in $(seq "$rounds"); do
		a+=("$(secs bash -c "$2")")
		b+=("$(secs bash -c "$3")")
	done
	local ma mb
	ma=$(printf '%s\n' "${a[@]}" | median)
	mb=$(printf '%s\n' "${b[@]}" | median)
	printf '%-22s nft %7.2f s   gip %7.2f s   gip/nft %.2f\n' "$name" "$ma" "$mb" "$(echo "$mb / $ma" | bc -l)"
}

in=(ip netns exec "$ns")
cmp <("${in[@]}" nft list ruleset) <("${in[@]}" "$gip" nft list ruleset) || { echo "list ruleset: gip differs from nft" >&2; exit 1; }
compare "list ruleset" "ip netns exec $ns nft list ruleset" "ip netns exec $ns $gip nft list ruleset"
compare "-j list ruleset" "ip netns exec $ns nft -j list ruleset" "ip netns exec $ns $gip nft -j list ruleset"
compare "-f JSON" "ip netns exec $ns2 nft flush ruleset; ip netns exec $ns2 nft -j -f $dir/ruleset.json" \
	"ip netns exec $ns2 nft flush ruleset; ip netns exec $ns2 $gip nft -f $dir/ruleset.json"
cmp <("${in[@]}" nft list ruleset) <(ip netns exec "$ns2" nft list ruleset) || { echo "-f: gip's ruleset differs" >&2; exit 1; }
