#!/usr/bin/env bash
# Restore benchmark: `ipset restore` against `gipset restore` (ipset's
# semantics) and `gipset -atomic restore`, on the same generated files, each
# run in a fresh network namespace, alternating tools, in the same run; then
# `ipset save` against `gipset save` of the restored set. Prints the median
# wall time of each and the ratios to ipset.
#
# Usage (as root): bench/gipset/restore.sh [ENTRIES] [RUNS]
#   ENTRIES  elements per file (default 100000)
#   RUNS     runs per tool and workload (default 5)
# Needs: ipset, iproute2 (ip netns), go.
set -euo pipefail
cd "$(dirname "$0")/../.."

entries=${1:-100000}
runs=${2:-5}
work=$(mktemp -d)
ns=gipbench-$$
cleanup() {
	ip netns del "$ns" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

command -v ipset >/dev/null || { echo "ipset is not installed (apt-get install ipset)" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "run as root: namespaces are needed" >&2; exit 1; }

CGO_ENABLED=0 go build -trimpath -o "$work/gipset" ./cmd/gipset

# Workloads: plain addresses; and address,port pairs with timeouts,
# counters and comments (bigger elements, more attributes).
python3 - "$entries" "$work" <<'PY'
import sys
n, work = int(sys.argv[1]), sys.argv[2]
with open(f"{work}/hash_ip.restore", "w") as f:
    f.write(f"create bench hash:ip family inet hashsize 65536 maxelem {2*n}\n")
    for i in range(n):
        f.write(f"add bench 10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}\n")
with open(f"{work}/hash_ipport.restore", "w") as f:
    f.write(f"create bench hash:ip,port family inet hashsize 65536 maxelem {2*n} timeout 3600 counters comment\n")
    for i in range(n):
        f.write(f"add bench 10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255},tcp:{1 + i % 60000} "
                f"timeout 600 packets {i} bytes {i * 64} comment \"host{i}\"\n")
PY

# run_once TOOL... FILE: seconds (with ns resolution) for one restore into
# a fresh namespace.
run_once() {
	local file=${*: -1}
	local cmd=("${@:1:$#-1}")
	ip netns del "$ns" 2>/dev/null || true
	ip netns add "$ns"
	local t0 t1
	t0=$(date +%s%N)
	ip netns exec "$ns" "${cmd[@]}" restore -f "$file"
	t1=$(date +%s%N)
	local got
	got=$(ip netns exec "$ns" ipset list -t bench | sed -n 's/^Number of entries: //p')
	if [ "$got" != "$entries" ]; then
		echo "${cmd[*]}: $got entries restored, want $entries" >&2
		exit 1
	fi
	echo $(( (t1 - t0) / 1000 ))
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf '%-18s %-22s %12s %8s\n' workload tool median_ms ratio
for w in hash_ip hash_ipport; do
	file="$work/$w.restore"
	: >"$work/ipset.t"; : >"$work/gipset.t"; : >"$work/atomic.t"
	for _ in $(seq "$runs"); do
		run_once ipset "$file" >>"$work/ipset.t"
		run_once "$work/gipset" "$file" >>"$work/gipset.t"
		run_once "$work/gipset" -atomic "$file" >>"$work/atomic.t"
	done
	base=$(median <"$work/ipset.t")
	for tool in ipset gipset atomic; do
		m=$(median <"$work/$tool.t")
		name=$tool
		[ "$tool" = atomic ] && name="gipset -atomic"
		awk -v w="$w" -v t="$name" -v m="$m" -v b="$base" \
			'BEGIN {printf "%-18s %-22s %12.1f %8.2f\n", w, t, m/1000, m/b}'
	done
done
# Listing: save the restored set (output to /dev/null), same namespace.
time_save() {
	local t0 t1
	t0=$(date +%s%N)
	ip netns exec "$ns" "$@" save bench >/dev/null
	t1=$(date +%s%N)
	echo $(( (t1 - t0) / 1000 ))
}
for w in hash_ip hash_ipport; do
	ip netns del "$ns" 2>/dev/null || true
	ip netns add "$ns"
	ip netns exec "$ns" ipset restore -f "$work/$w.restore"
	: >"$work/ipset.t"; : >"$work/gipset.t"
	for _ in $(seq "$runs"); do
		time_save ipset >>"$work/ipset.t"
		time_save "$work/gipset" >>"$work/gipset.t"
	done
	base=$(median <"$work/ipset.t")
	for tool in ipset gipset; do
		m=$(median <"$work/$tool.t")
		awk -v w="save $w" -v t="$tool" -v m="$m" -v b="$base" \
			'BEGIN {printf "%-18s %-22s %12.1f %8.2f\n", w, t, m/1000, m/b}'
	done
done
echo "($entries entries per file, median of $runs runs; ratio = time / ipset's time)"
