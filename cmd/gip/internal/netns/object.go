package netns

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
)

// Object is ip's netns object.
func Object() *command.Object {
	return &command.Object{
		Name:  "netns",
		Short: "network namespaces: list, add, delete, exec, identify, pids, set, list-id, attach",
		Match: [][2]string{
			{"list", "list"}, {"show", "list"}, {"lst", "list"}, {"list-id", "list-id"},
			{"add", "add"}, {"set", "set"}, {"delete", "delete"}, {"identify", "identify"},
			{"pids", "pids"}, {"exec", "exec"}, {"attach", "attach"},
		},
		Default: "list",
		Usage:   usage,
		Verbs: []command.Verb{
			{Use: "list", Short: "list named namespaces", Run: runList},
			{Use: "list-id", Short: "list the namespace ids this namespace assigned", Run: runListID},
			{Use: "add NAME", Short: "create a named namespace", Run: runAdd},
			{Use: "attach NAME PID", Short: "name the namespace of a process", Run: runAttach},
			{Use: "set NAME NETNSID", Short: "assign an id to a namespace", Run: runSet},
			{Use: "delete NAME", Short: "delete a namespace name (-all: every one)", Run: runDelete},
			{Use: "identify [PID]", Short: "name the namespace of a process", Run: runIdentify},
			{Use: "pids NAME", Short: "list processes in a namespace", Run: runPids},
			{Use: "exec NAME CMD ...", Short: "run a command in a namespace (-all: in every one)", Run: runExec},
		},
	}
}

const usage = `Usage:	gip netns list
	gip netns add NAME
	gip netns attach NAME PID
	gip netns set NAME NETNSID
	gip [-all] netns delete [NAME]
	gip netns identify [PID]
	gip netns pids NAME
	gip [-all] netns exec [NAME] cmd ...
	gip netns list-id
NETNSID := auto | POSITIVE-INT`
