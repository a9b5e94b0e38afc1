package bridge

import (
	"errors"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
)

// Object is the bridge tool: its verbs are bridge's objects.
func Object() *command.Object {
	return &command.Object{
		Name:  "bridge",
		Short: "bridge ports, forwarding database and vlans (iproute2's bridge tool)",
		Match: [][2]string{{"link", "link"}, {"fdb", "fdb"}, {"mdb", "mdb"}, {"vlan", "vlan"}, {"vni", "vni"}},
		Usage: usage,
		Unknown: func(w string) error {
			return fail.Usagef("Object %q is unknown, try \"%s bridge help\".", w, command.Prog)
		},
		Options: options,
		Verbs: []command.Verb{
			objectVerb("link { show | set } ...", "bridge ports", linkObject()),
			objectVerb("fdb { add | append | del | replace | show | get | flush } ...", "forwarding database", fdbObject()),
			objectVerb("mdb { add | del | replace | show | get | flush } ...", "multicast group memberships", mdbObject()),
			objectVerb("vlan { add | del | set | show | tunnelshow | global } ...", "bridge vlans, their options and tunnel ids", vlanObject()),
			objectVerb("vni { add | del | show } ...", "vnis of vxlan devices (vnifilter)", vniObject()),
		},
	}
}

const usage = `Usage: gip bridge OBJECT { COMMAND | help }
where  OBJECT := { link | fdb | mdb | vlan | vni }
       gip bridge link set dev DEV [ cost COST ] [ priority PRIO ] [ state STATE ]
                                   [ { guard | hairpin | fastleave | root_block | learning |
                                       flood | mcast_flood | bcast_flood | mcast_to_unicast |
                                       neigh_suppress | vlan_tunnel | isolated | locked } { on | off } ]
                                   [ mcast_router MULTICAST_ROUTER ] [ hwmode { vepa | veb } ] [ self ]
       gip bridge link show [ dev DEV ]
       gip bridge fdb { add | append | del | replace } LLADDR dev DEV [ dst IPADDR ] [ vlan VID ]
                    [ self ] [ master ] [ router ] [ use ] [ extern_learn ] [ sticky ]
                    [ local | static | dynamic ] [ port PORT ] [ vni VNI ] [ via DEV ]
       gip bridge fdb show [ br BRDEV ] [ brport DEV ] [ vlan VID ] [ state STATE ]
       gip bridge fdb get [ to ] LLADDR [ br BRDEV ] { brport | dev } DEV [ vlan VID ] [ vni VNI ] [ self ] [ master ] [ dynamic ]
       gip bridge fdb flush dev DEV [ brport DEV ] [ vlan VID ] [ self ] [ master ] [ [no]permanent | [no]static | [no]dynamic ]
                    [ [no]added_by_user ] [ [no]extern_learn ] [ [no]sticky ] [ [no]offloaded ]
       gip bridge mdb { add | del | replace } dev DEV port PORT grp GROUP [ src SOURCE ] [ permanent | temp ] [ vid VID ]
       gip bridge mdb show [ dev DEV ] [ vid VID ]
       gip bridge vlan { add | del } vid VLAN_ID[-VLAN_END] dev DEV [ tunnel_info id TUNNEL_ID[-TUNNEL_END] ]
                                     [ pvid ] [ untagged ] [ self ] [ master ]
       gip bridge vlan set vid VLAN_ID[-VLAN_END] dev DEV [ state STP_STATE ] [ mcast_router MULTICAST_ROUTER ]
       gip bridge vlan { show | tunnelshow } [ dev DEV ] [ vid VLAN_ID ]
       gip bridge vlan global set vid VLAN_ID[-VLAN_END] dev DEV [ mcast_snooping MULTICAST_SNOOPING ]
                      [ mcast_querier MULTICAST_QUERIER ] [ mcast_igmp_version IGMP_VERSION ] [ mcast_mld_version MLD_VERSION ]
                      [ mcast_last_member_count LAST_MEMBER_COUNT ] [ mcast_last_member_interval LAST_MEMBER_INTERVAL ]
                      [ mcast_startup_query_count STARTUP_QUERY_COUNT ] [ mcast_startup_query_interval STARTUP_QUERY_INTERVAL ]
                      [ mcast_membership_interval MEMBERSHIP_INTERVAL ] [ mcast_querier_interval QUERIER_INTERVAL ]
                      [ mcast_query_interval QUERY_INTERVAL ] [ mcast_query_response_interval QUERY_RESPONSE_INTERVAL ]
       gip bridge vlan global show [ dev DEV ] [ vid VLAN_ID ]
       gip bridge vni { add | del } vni VNI[-VNI_END][,...] dev DEV [ { group | remote } IP_ADDRESS ]
       gip bridge vni show [ dev DEV ]`

// options reads bridge's own options after its name: ip's global ones.
func options(e *env.Env, words []string) ([]string, bool, error) {
	if len(words) == 0 || len(words[0]) < 2 || words[0][0] != '-' {
		return words, false, nil
	}
	rest, err := e.G.Parse(command.Prog, words)
	return rest, false, err
}

// objectVerb is the verb of the bridge object that runs one of bridge's
// objects, with bridge's exit status.
func objectVerb(use, short string, o *command.Object) command.Verb {
	return command.Verb{Use: use, Short: short, Run: func(e *env.Env, args []string) error {
		return exitStatus(o.Run(e, args))
	}, CannotUndo: o.NoUndo}
}

// object is one of bridge's objects: show when no verb is given, bridge's
// usage for help (abbreviated too), and bridge's message for a word that
// is no verb of it.
func object(name string, match [][2]string, verbs ...command.Verb) *command.Object {
	return &command.Object{
		Name:    name,
		Match:   match,
		Default: "show",
		Usage:   usage,
		Verbs:   verbs,
		Unknown: func(w string) error {
			if grammar.Matches(w, "help") {
				return fail.Usagef("%s", usage)
			}
			return fail.Usagef("Command %q is unknown, try \"%s bridge %s help\".", w, command.Prog, name)
		},
	}
}

// garbage is bridge's complaint about a word an object's verb does not
// take.
func garbage(object, w string) error {
	return fail.Usagef("Garbage instead of arguments %q. Try \"%s bridge %s help\".", w, command.Prog, object)
}

// exitStatus gives every failure bridge's exit status, 255, keeping its
// message and cause, except where bridge exits with another.
func exitStatus(err error) error {
	if err == nil || fail.IsFatal(err) {
		return err // bridge's exit() calls keep their status (get_addr's 1)
	}
	var se *statusError
	if errors.As(err, &se) {
		return &fail.Error{Msg: se.Error(), Code: se.code, Err: err}
	}
	var ce *fail.Error
	if errors.As(err, &ce) {
		return &fail.Error{Msg: ce.Msg, Code: fail.ExitUsage, Err: ce.Err}
	}
	var ke *fail.KernelError
	if errors.As(err, &ke) {
		return &fail.Error{Msg: ke.Error(), Code: fail.ExitUsage, Err: err}
	}
	return err
}

// statusError is a failure bridge reports with an exit status of its own
// (254 for a refused get, 1 for a refused dump) where its other failures
// give 255.
type statusError struct {
	err  error
	code int
}

func (s *statusError) Error() string { return s.err.Error() }
func (s *statusError) Unwrap() error { return s.err }

// noUndo is v marked as a change an atomic batch cannot undo (what).
func noUndo(what string, v command.Verb) command.Verb {
	v.NoUndo = what
	return v
}
