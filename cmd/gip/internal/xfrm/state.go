package xfrm

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/internal/nl/xfrm"
)

const stateUsage = `Usage: ip xfrm state { add | update } ID [ ALGO-LIST ] [ mode MODE ]
        [ mark MARK [ mask MASK ] ] [ reqid REQID ] [ seq SEQ ]
        [ replay-window SIZE ] [ replay-seq SEQ ] [ replay-oseq SEQ ]
        [ replay-seq-hi SEQ ] [ replay-oseq-hi SEQ ]
        [ flag FLAG-LIST ] [ sel SELECTOR ] [ LIMIT-LIST ] [ encap ENCAP ]
        [ coa ADDR[/PLEN] ] [ ctx CTX ] [ extra-flag EXTRA-FLAG-LIST ]
        [ offload [dev DEV] dir DIR ]
        [ output-mark OUTPUT-MARK [ mask MASK ] ]
        [ if_id IF_ID ] [ tfcpad LENGTH ]
Usage: ip xfrm state allocspi ID [ mode MODE ] [ mark MARK [ mask MASK ] ]
        [ reqid REQID ] [ seq SEQ ] [ min SPI max SPI ]
Usage: ip xfrm state { delete | get } ID [ mark MARK [ mask MASK ] ]
Usage: ip xfrm state deleteall [ ID ] [ mode MODE ] [ reqid REQID ]
        [ flag FLAG-LIST ]
Usage: ip xfrm state list [ nokeys ] [ ID ] [ mode MODE ] [ reqid REQID ]
        [ flag FLAG-LIST ]
Usage: ip xfrm state flush [ proto XFRM-PROTO ]
Usage: ip xfrm state count
ID := [ src ADDR ] [ dst ADDR ] [ proto XFRM-PROTO ] [ spi SPI ]
XFRM-PROTO := esp | ah | comp | route2 | hao
ALGO-LIST := [ ALGO-LIST ] ALGO
ALGO := { enc | auth } ALGO-NAME ALGO-KEYMAT |
        auth-trunc ALGO-NAME ALGO-KEYMAT ALGO-TRUNC-LEN |
        aead ALGO-NAME ALGO-KEYMAT ALGO-ICV-LEN |
        comp ALGO-NAME
MODE := transport | tunnel | beet | ro | in_trigger
FLAG-LIST := [ FLAG-LIST ] FLAG
FLAG := noecn | decap-dscp | nopmtudisc | wildrecv | icmp | af-unspec | align4 | esn
EXTRA-FLAG-LIST := [ EXTRA-FLAG-LIST ] EXTRA-FLAG
EXTRA-FLAG := dont-encap-dscp | oseq-may-wrap
SELECTOR := [ src ADDR[/PLEN] ] [ dst ADDR[/PLEN] ] [ dev DEV ] [ UPSPEC ]
UPSPEC := proto { { tcp | udp | sctp | dccp } [ sport PORT ] [ dport PORT ] |
                  { icmp | ipv6-icmp | mobility-header } [ type NUMBER ] [ code NUMBER ] |
                  gre [ key { DOTTED-QUAD | NUMBER } ] | PROTO }
LIMIT-LIST := [ LIMIT-LIST ] limit LIMIT
LIMIT := { time-soft | time-hard | time-use-soft | time-use-hard } SECONDS |
         { byte-soft | byte-hard } SIZE | { packet-soft | packet-hard } COUNT
ENCAP := { espinudp | espinudp-nonike | espintcp } SPORT DPORT OADDR
DIR := in | out`

// stateMatch is ip's order of the state verbs.
var stateMatch = [][2]string{
	{"add", "add"}, {"update", "update"}, {"allocspi", "allocspi"}, {"delete", "delete"},
	{"deleteall", "deleteall"}, {"delall", "deleteall"}, {"list", "list"}, {"show", "list"}, {"lst", "list"},
	{"get", "get"}, {"flush", "flush"}, {"count", "count"},
}

func stateVerbs() []command.Verb {
	return []command.Verb{
		command.Planned("add ID [ ALGO-LIST ] [ ATTRIBUTES ]", "add a state", planStateModify(xfrm.MsgNewSA)),
		command.Planned("update ID [ ALGO-LIST ] [ ATTRIBUTES ]", "add or replace a state", planStateModify(xfrm.MsgUpdSA)),
		{Use: "allocspi ID [ mode MODE ] [ mark MARK [ mask MASK ] ] [ reqid REQID ] [ seq SEQ ] [ min SPI max SPI ]",
			Short: "make a larval state with a free SPI, and print it", Run: runStateAllocSPI},
		command.Planned("delete ID [ mark MARK [ mask MASK ] ]", "delete a state", planStateDelete),
		{Use: "deleteall [ ID ] [ mode MODE ] [ reqid REQID ] [ flag FLAG-LIST ]", Short: "delete the states that match", Run: runStateDeleteAll},
		{Use: "list [ nokeys ] [ ID ] [ mode MODE ] [ reqid REQID ] [ flag FLAG-LIST ]", Short: "list the states that match", Run: runStateList},
		{Use: "get ID [ mark MARK [ mask MASK ] ]", Short: "print one state", Run: runStateGet},
		command.Planned("flush [ proto XFRM-PROTO ]", "delete every state (of one protocol)", planStateFlush),
		{Use: "count", Short: "count the states", Run: runStateCount},
	}
}
