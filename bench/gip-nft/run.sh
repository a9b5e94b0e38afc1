#!/usr/bin/env bash
# gip nft beside nft on a ruleset with a 100k-element interval set and 1k
# rules: list ruleset, -j list ruleset, and the JSON applied with -f (gip
# nft -f beside nft -j -f), each ROUNDS times, alternating; prints the
# medians of the wall time and of the CPU time (user + system, the
# kernel's dumping included: on a shared machine the steadier of the two)
# and their ratios. Checks that both list the same text and that the JSON
# applied by gip lists as nft's. With -check it exits 1 when a CPU ratio
# is above 1.0, the target. Needs root, nft and GNU time.
# Usage: bench/gip-nft/run.sh [-check] [GIP] (ELEMS=100000 RULES=1000 ROUNDS=3)
set -euo pipefail
check=0
if [ "${1:-}" = -check ]; then
	check=1
	shift
fi
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

# run CMD: the wall and CPU (user + system) seconds of one run of bash -c CMD.
run() {
	/usr/bin/time -f '%e %U %S' -o "$dir/time" bash -c "$1" > /dev/null
	awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$dir/time"
}
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

missed=0
compare() { # name, nft command, gip command (as strings run by bash -c)
	local name=$1 a=() b=()
	for _ in $(seq "$rounds"); do
		a+=("$(run "$2")")
		b+=("$(run "$3")")
	done
	local wa wb ca cb
	wa=$(printf '%s\n' "${a[@]}" | cut -d' ' -f1 | median)
	wb=$(printf '%s\n' "${b[@]}" | cut -d' ' -f1 | median)
	ca=$(printf '%s\n' "${a[@]}" | cut -d' ' -f2 | median)
	cb=$(printf '%s\n' "${b[@]}" | cut -d' ' -f2 | median)
	local ratio
	ratio=$(echo "$cb / $ca" | bc -l)
	printf '%-16s wall nft %6.2f s gip %6.2f s (%.2f)   cpu nft %6.2f s gip %6.2f s   gip/nft %.2f\n' \
		"$name" "$wa" "$wb" "$(echo "$wb / $wa" | bc -l)" "$ca" "$cb" "$ratio"
	if [ "$(echo "$ratio > 1.0" | bc -l)" = 1 ]; then
		missed=1
	fi
}

in=(ip netns exec "$ns")
cmp <("${in[@]}" nft list ruleset) <("${in[@]}" "$gip" nft list ruleset) || { echo "list ruleset: gip differs from nft" >&2; exit 1; }
compare "list ruleset" "ip netns exec $ns nft list ruleset" "ip netns exec $ns $gip nft list ruleset"
compare "-j list ruleset" "ip netns exec $ns nft -j list ruleset" "ip netns exec $ns $gip nft -j list ruleset"
compare "-f JSON" "ip netns exec $ns2 nft flush ruleset; ip netns exec $ns2 nft -j -f $dir/ruleset.json" \
	"ip netns exec $ns2 nft flush ruleset; ip netns exec $ns2 $gip nft -f $dir/ruleset.json"
cmp <("${in[@]}" nft list ruleset) <(ip netns exec "$ns2" nft list ruleset) || { echo "-f: gip's ruleset differs" >&2; exit 1; }
if [ "$check" = 1 ] && [ "$missed" = 1 ]; then
	echo "gip-nft: a CPU ratio is above the 1.0 target" >&2
	exit 1
fi
