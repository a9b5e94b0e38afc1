// Gip manages links, addresses, routes, rules, nexthops, neighbours,
// network namespaces, bridge ports and MPLS with iproute2's syntax, text
// output, JSON and exit codes:
//
//	gip [ OPTIONS ] OBJECT { COMMAND | help }
//	gip bridge [ OPTIONS ] { link | fdb | vlan } ...   (iproute2's bridge tool)
//	gip tc [ OPTIONS ] { qdisc | class | filter | chain | actions | monitor } ...  (iproute2's tc tool)
//
// Objects and verbs may be abbreviated as ip allows ("gip a", "gip l sh";
// "gip l s" is "link set", as in ip). main.go only calls app.Main; all of
// gip lives under internal/: one package per object (link, addr, neigh,
// netns, bridge, route, rule, nexthop, mpls, and tc with its own
// packages tc/qdisc, tc/class, tc/filter, tc/action, tc/ematch,
// tc/bpfprog, tc/monitor and tc/sched), each registering a
// command.Object with its verbs, on four shared seams: app (the registry
// of objects, dispatch, help, completion, man pages, -batch), env (options,
// socket, link resolver, name tables), grammar (ip's argument language)
// and plan (changes as steps, pipelined by batches); fail maps every
// error to ip's text and exit code in one place.
//
// Where gip deliberately differs from ip 6.1:
//
//   - JSON is always a whole document or nothing: no "[" before an error,
//     no empty {} for links a selector rejected (ip -j link show type X),
//     JSON for `neigh get` (ip prints text there).
//   - `addr show label L` with -j or -br prints the selected addresses with
//     their links (ip prints {} placeholders, or rows without name and
//     state).
//   - Messages naming the program say gip ("try \"gip link help\"");
//     help texts are gip's own; `--help` anywhere prints gip's help page
//     on stdout and exits 0 (`gip help` and `gip OBJECT help` behave as ip).
//   - gip tc computes buffers and bursts in scheduler ticks as tc 6.15+
//     does, without tc 6.1's truncation to whole microseconds: an htb
//     class at 1gbit keeps its 1600-byte burst (tc 6.1 sends 1375 bytes'
//     worth, and at 10gbit none). Bursts and latencies derived from ticks
//     can show a byte or microsecond more than tc 6.1 prints.
//   - gip tc -j class show prints JSON (tc 6.1 prints text), with the keys
//     of newer tc; a u32 filter's keys are one "match" array (tc repeats a
//     "match" key per key, and with -p -j prints empty objects).
//   - gip tc show dev DEV (gip's own) lists a device's qdiscs, classes,
//     the filters on each of them and the BPF programs on its tcx hooks in
//     one listing, and with -j in one JSON document.
//   - gip tc help json says how gip tc's JSON differs from tc's and which
//     units it uses.
//   - gip tc -echo prints the kernel's echo of each change as tc 6.2 and
//     later do (tc 6.1 has no -echo).
//   - gip tc warns where tc is silently wrong: a tbf or htb bucket smaller
//     than the device's MTU, a batch's 4096th key into one u32 bucket.
//   - gip tc -batch parses the whole file before it sends anything: a
//     mistake on any line applies nothing (tc applies the lines before it).
//   - gip tc -j monitor prints one JSON object per event and line (tc
//     prints text): {"object", "action", "data"}, "timestamp" under -t.
//   - A refusal for lack of privilege adds a line naming the capability.
//   - -table (gip's own option) prints show output as a table.
//   - `gip bridge` exits 255 on every failure, as the bridge tool does.
//   - In a batch, a device name is looked up afresh after any line that may
//     have changed links; ip keeps the index it learnt earlier in the batch,
//     so after a link is deleted through its veth peer ip sends a stale index
//     (RTNETLINK answers: No such device) where gip says the device is gone
//     or finds the new one of that name.
package main
