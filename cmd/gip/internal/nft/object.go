package nft

import (
	"fmt"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl/nftables"
)

const usage = `Usage: gip nft [ -j | --json ] [ -a | --handle ] { list | add | create | insert | replace | delete | flush } ...
       gip nft -f FILE
where  list := list { ruleset [ FAMILY ] | tables [ FAMILY ] | table [ FAMILY ] NAME |
                      chains [ FAMILY ] | chain [ FAMILY ] TABLE NAME |
                      sets [ FAMILY ] | set [ FAMILY ] TABLE NAME |
                      maps [ FAMILY ] | map [ FAMILY ] TABLE NAME |
                      counters [ FAMILY ] | counter [ FAMILY ] TABLE NAME |
                      quotas [ FAMILY ] | quota [ FAMILY ] TABLE NAME }
       FAMILY := { ip | ip6 | inet | arp | bridge | netdev }`

// Object is `gip nft`.
func Object() *command.Object {
	o := &command.Object{
		Name:  "nft",
		Short: "nf_tables rulesets: tables, chains, sets, maps and rules, in nft's language",
		Match: [][2]string{
			{"list", "list"}, {"-f", "-f"}, {"add", "add"}, {"create", "create"}, {"insert", "insert"},
			{"replace", "replace"}, {"delete", "delete"}, {"flush", "flush"}, {"help", "help"},
		},
		Usage:   usage,
		HelpOK:  true,
		Options: options,
		Unknown: func(w string) error { return syntaxError([]string{w}, 0, "unexpected string") },
	}
	o.Verbs = []command.Verb{
		{Use: "list { ruleset | tables | table | chains | chain | sets | set | maps | map | counters | counter | quotas | quota } ...", Short: "list the ruleset or a part of it, as nft list does", Run: runList},
		{Use: "add { table | chain | set | map | element | rule | counter | quota } ...", Short: "add objects, elements or a rule (one transaction)", Run: runChange("add"), NoUndo: "nft"},
		{Use: "create { table | chain | set | map | element | counter | quota } ...", Short: "add objects that must not exist yet", Run: runChange("create"), NoUndo: "nft"},
		{Use: "insert rule [ FAMILY ] TABLE CHAIN [ position HANDLE ] STATEMENT...", Short: "insert a rule at the start of a chain, or before a rule", Run: runChange("insert"), NoUndo: "nft"},
		{Use: "replace rule [ FAMILY ] TABLE CHAIN handle HANDLE STATEMENT...", Short: "replace a rule", Run: runChange("replace"), NoUndo: "nft"},
		{Use: "delete { table | chain | set | map | element | rule | counter | quota } ...", Short: "delete objects, elements or a rule", Run: runChange("delete"), NoUndo: "nft"},
		{Use: "flush { ruleset | table | chain | set | map } ...", Short: "delete the rules of a table or chain, the elements of a set, or every table", Run: runChange("flush"), NoUndo: "nft"},
		{Use: "-f FILE", Short: "apply a ruleset in nft's JSON format (nft -j list ruleset, libnftables-json) as one transaction; - reads standard input", Run: runFile, NoUndo: "nft"},
		{Use: "help", Short: "print the usage", Run: func(*env.Env, []string) error {
			return &fail.Error{Msg: usage, Code: fail.ExitOK}
		}},
	}
	return o
}

// options reads nft's own options before the command.
func options(e *env.Env, words []string) ([]string, bool, error) {
	for len(words) > 0 && strings.HasPrefix(words[0], "-") {
		switch words[0] {
		case "-j", "--json":
			e.G.JSON = true
		case "-a", "--handle":
			e.G.All = true
		case "-f", "--file":
			return words, false, nil
		case "-h", "--help":
			return nil, true, &fail.Error{Msg: usage, Code: fail.ExitOK}
		default:
			return nil, true, &fail.Error{Msg: fmt.Sprintf("%s: unrecognized option '%s'", command.Prog, words[0]), Code: fail.ExitLocal}
		}
		words = words[1:]
	}
	return words, false, nil
}

// dial opens an nf_tables socket in the command's namespace.
func dial(e *env.Env) (*nftables.Conn, error) {
	c, err := nftables.Dial(e.G.NetNS, func(msg string) { fmt.Fprintf(e.Stderr, "Warning: %s\n", msg) })
	if err != nil {
		return nil, kernelError(err)
	}
	return c, nil
}
