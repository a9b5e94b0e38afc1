package state

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
)

const usage = `Usage: ip state show [ OBJECT... ]
       ip state plan FILE|-
       ip state apply [ --detailed-exitcode ] [ --confirm DURATION ] FILE|-
       ip state confirm
       ip state rollback
OBJECT := { links | addresses | routes | rules | nexthops | neighbours |
           qdiscs | classes | filters }
FILE is YAML (or JSON) with those sections. Only the objects FILE names are
managed, and of those only the fields it gives; a section written as
{ purge: true, config: [ ... ] } also deletes the objects of its type that
FILE does not name; an object with "state: absent" is deleted.
A link's kind options go under "options", its bridge or bond port options
under "port", a bridge's or bridge port's vlans in the list "vlans" (each
"VID[-VID] [pvid] [untagged]", the device's whole set); "master: \"\"" takes a
link off its master. A qdisc's, class's or
filter's options are the words tc takes after its kind.
With --confirm, a watchdog in a session of its own rolls the changes back
unless "ip state confirm" comes within DURATION; "ip state rollback" undoes
them at once. One such apply may be pending per namespace; its undo log is
kept under /run/gip/state.
`

// Object is gip state: the namespace's configuration as a document, and
// the plan and atomic apply that make a namespace what a document says.
func Object() *command.Object {
	o := &command.Object{
		Name:  "state",
		Short: "declarative configuration: show, plan, apply (atomic, verified, confirmable)",
		Match: [][2]string{
			{"show", "show"}, {"list", "show"}, {"plan", "plan"}, {"apply", "apply"},
			{"confirm", "confirm"}, {"rollback", "rollback"}, {"watchdog", "watchdog"}, {"help", "help"},
		},
		Default: "show",
		Usage:   strings.ReplaceAll(usage, "ip state", command.Prog+" state"),
	}
	o.Verbs = []command.Verb{
		{Use: "show [ OBJECT... ]", Short: "print the namespace's links, addresses, routes, rules, nexthops, permanent neighbours, qdiscs, classes and filters as a state document (YAML; JSON with -j), without what the kernel makes by itself", Run: runShow},
		{Use: "plan FILE|-", Short: "print what apply would change: + create, ~ change, - delete, -/+ replace, and a summary line, or No changes. (-j: the plan as JSON)", Run: runPlan},
		{Use: "apply [ --detailed-exitcode ] [ --confirm DURATION ] FILE|-", Short: "make the namespace what FILE says, as one atomic batch verified by reading it back; any failure rolls everything back (-j: {\"changed\",\"diff\":{\"before\",\"after\"}})", Run: runApply},
		{Use: "confirm", Short: "keep the changes of an apply --confirm before its time runs out", Run: runConfirm},
		{Use: "rollback", Short: "undo the changes of an apply --confirm now", Run: runRollback},
		{Use: "watchdog KEY TOKEN", Short: "the detached process apply --confirm starts, which rolls back unless confirmed in time", Run: runWatchdog},
		{Use: "help", Short: "print the usage", Run: func(*env.Env, []string) error { return o.UsageError() }},
	}
	return o
}
