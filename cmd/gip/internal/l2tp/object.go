package l2tp

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/genlcmd"
	"github.com/gip-suite/gip/internal/nl/l2tp"
)

const usage = `Usage: ip l2tp add tunnel
          remote ADDR local ADDR
          tunnel_id ID peer_tunnel_id ID
          [ encap { ip | udp } ]
          [ udp_sport PORT ] [ udp_dport PORT ]
          [ udp_csum { on | off } ]
          [ udp6_csum_tx { on | off } ]
          [ udp6_csum_rx { on | off } ]
Usage: ip l2tp add session [ name NAME ]
          tunnel_id ID
          session_id ID peer_session_id ID
          [ cookie HEXSTR ] [ peer_cookie HEXSTR ]
          [ seq { none | send | recv | both } ]
          [ l2spec_type L2SPEC ]
       ip l2tp del tunnel tunnel_id ID
       ip l2tp del session tunnel_id ID session_id ID
       ip l2tp show tunnel [ tunnel_id ID ]
       ip l2tp show session [ tunnel_id ID ] [ session_id ID ]

Where: NAME   := STRING
       ADDR   := { IP_ADDRESS | any }
       PORT   := { 0..65535 }
       ID     := { 1..4294967295 }
       HEXSTR := { 8 or 16 hex digits (4 / 8 bytes) }
       L2SPEC := { none | default }`

var usageText = strings.ReplaceAll(usage, "ip l2tp", command.Prog+" l2tp")

// Object is `gip l2tp`.
func Object() *command.Object {
	o := &command.Object{
		Name:  "l2tp",
		Short: "L2TPv3 tunnels and sessions (Ethernet pseudowires)",
		Match: [][2]string{{"help", "help"}, {"add", "add"}, {"delete", "delete"}, {"show", "show"}, {"lst", "show"},
			{"list", "show"}},
		Usage: usageText,
		// ip resolves the family before it reads a verb.
		Options: genlcmd.Require(l2tp.FamilyName),
	}
	o.Verbs = []command.Verb{
		command.Planned("add { tunnel | session } ...", "add a tunnel or a session, or both with the words of both (the tunnel first: "+
			"where the kernel refuses it, gip stops there, ip goes on to the session)", planAdd),
		command.Planned("delete { tunnel tunnel_id ID | session tunnel_id ID session_id ID }",
			"delete a tunnel (and its sessions) or a session", planDel),
		{Use: "show { tunnel [ tunnel_id ID ] | session [ tunnel_id ID ] [ session_id ID ] }",
			Short: "list the tunnels or the sessions (the kernel lists them all: the IDs select nothing, as with ip); " +
				"text and -j as ip's, except that each session shows its own cookies, where ip repeats the cookies " +
				"of the session listed before for one that has none",
			Run: runShow},
		{Use: "help", Short: "print the usage", Run: func(*env.Env, []string) error { return o.UsageError() }},
	}
	return o
}
