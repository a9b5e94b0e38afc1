// Gip manages links, addresses, neighbours, network namespaces and bridge
// ports with iproute2's syntax, text output, JSON and exit codes:
//
//	gip [ OPTIONS ] OBJECT { COMMAND | help }
//	gip bridge [ OPTIONS ] { link | fdb | vlan } ...   (iproute2's bridge tool)
//
// Objects and verbs may be abbreviated as ip allows ("gip a", "gip l sh";
// "gip l s" is "link set", as in ip). The objects are registered in one
// place, objects.go; each has its own file (link.go, addr.go, neigh.go,
// netns.go, bridge.go) with an options struct, a constructor and a run
// function per verb, and views (view_*.go) that own iproute2's text and
// JSON layout. main.go and run.go are the entry point; runLine runs one
// command line with state of its own, for a batch runner.
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
//     help texts are gip's own; `--help` anywhere prints cobra's help on
//     stdout and exits 0 (`gip help` and `gip OBJECT help` behave as ip).
//   - A refusal for lack of privilege adds a line naming the capability.
//   - -table (gip's own option) prints show output as a table.
//   - `gip bridge` exits 255 on every failure, as the bridge tool does.
package main
