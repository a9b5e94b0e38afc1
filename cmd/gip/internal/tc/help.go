package tc

import (
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
)

// helpVerb is tc's "help" (its usage, on stderr, exit 0) and gip's own
// "help json", which says how gip tc's JSON differs from tc's.
func helpVerb() command.Verb {
	return command.Verb{Use: "help [ json ]", Short: "tc's usage; with json: gip tc's JSON, its units and where it differs from tc's",
		Run: func(e *env.Env, args []string) error {
			if len(args) == 1 && args[0] == "json" {
				_, err := fmt.Fprint(e.Stdout, jsonHelp)
				return err
			}
			return usageAnswer()
		}}
}

// burstNote says where gip tc's burst and buffer arithmetic knowingly
// differs from tc 6.1's; gip-tc(8) prints it.
const burstNote = `Bursts at high rates: gip tc turns a burst into scheduler ticks (htb's
buffer and cbuffer, tbf's buffer and mtu, police's burst) as tc 6.15 and
later do, rounding the exact time up. tc 6.1 first drops the fraction of
a microsecond, so at high rates the bursts it sends shrink or vanish, and
it shows ticks as bytes the same way. For "htb rate 10gbit" (default
burst 1601 bytes), gip sends 21 ticks and shows "burst 1680b" (whole
ticks of 80 bytes), which tc 6.1 shows as "burst 1250b"; tc 6.1 itself
sends 15 ticks and shows "burst 0b" (gip shows that class as 1200b). At
1gbit gip sends 200 ticks ("burst 1600b"), tc 6.1 187 ("burst 1375b").
Where the time is whole microseconds (1600 bytes at 1mbit and slower
rates) both send and show the same. JSON carries the same bytes as gip's
text.
`

// notes is gip-tc(8)'s NOTES section.
const notes = burstNote + "\n" + jsonHelp

const jsonHelp = `gip tc -j: JSON on every path

gip tc -j prints one JSON document per command (an array of objects, one
per qdisc, class, filter, chain or action), with tc's keys wherever tc 6.1's
own output is valid JSON, and valid JSON where tc's is not. -p indents it.

Units (as tc's JSON has them, whatever -iec, -raw or the text says):
  rates            bytes per second ("rate", "ceil", "peakrate", ...),
                   while the text says bits
  sizes            bytes ("burst", "cburst", "limit" of bfifo, "mtu", ...)
  times            microseconds ("lat", "delay", "target", "interval", ...),
                   except where tc's key names another unit
  action times     "installed", "last_used", "first_used", "expires":
                   seconds, as tc prints them
  handles, ids     strings as tc prints them ("1:", "800::800", "0x5")
  u32 values       unpadded hexadecimal strings ("value":"a000001")

Where gip tc differs from tc 6.1:
  u32 filters      the keys of a node are one array, "match":[{...},{...}],
                   where tc repeats the key "match" in one object; under -s
                   each key's hit count "success" is inside its element
                   (tc prints it beside, repeating "success" too). -j -p
                   works (tc 6.1 aborts on u32 with an assertion).
  u32 selectors    gip adds "selectors" beside "match": the node's keys
                   (and its mark) decoded back to the words of "match",
                   one string each ("ip dst 10.0.0.0/8", "ip dport 80
                   0xffff", "tcp src 1024 0xfc00"), so that
                   "u32 match S1 match S2 ..." builds the same keys. Fields
                   are named by the filter's protocol (ip, ip6) and, after
                   nexthdr+, by the transport protocol the node matches
                   (tcp, udp, icmp); other bits stay "u32 0xVALUE 0xMASK at
                   [nexthdr+]OFF". tc decodes only with -p, as text.
  bursts           "burst", "cburst" and tbf's "burst" are the bytes of
                   buffer ticks computed as tc 6.15 and later compute them,
                   not as tc 6.1 does (see the burst note in gip-tc(8)): a
                   10gbit htb class shows burst 1680 where tc 6.1 shows
                   1250 for the same class, and 0 for one it made itself.
  classes          -j class show prints JSON (tc 6.1 prints its text).
  monitor          -j monitor prints one JSON object per event and line
                   (tc prints its text): {"object":"qdisc"|"class"|"filter"|
                   "chain"|"action","action":"new"|"del","data":{...}},
                   with "timestamp" under -t/-ts.
  -echo            prints the kernel's echo of each change as tc 6.2 and
                   later do (tc 6.1 has no -echo): the listing's object,
                   marked "added", "replaced" or "deleted", in an array of
                   its own per echo under -j.
  fw, route, flow  their options are keys of "options" (tc writes parts of
                   them as text into its JSON).
  filter policers  a filter's own "police" (u32, fw, route, basic, flow,
                   bpf): its fields are keys of "options", as tc's; its
                   statistics under -s are the filter's "stats" object
                   (tc writes them as text into its JSON).
  unknown kinds    a qdisc, filter or action kind gip does not know lists
                   with its name and its options' length, never an error.

gip tc show dev DEV (gip's own) prints a device's whole traffic control in
one document: qdiscs, classes, and the filters of every qdisc and block by
chain, with their actions and BPF programs.
`
