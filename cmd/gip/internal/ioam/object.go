package ioam

import (
	"slices"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
)

const usage = "Usage:\tip ioam { COMMAND | help }\n" +
	"\tip ioam namespace show\n" +
	"\tip ioam namespace add ID [ data DATA32 ] [ wide DATA64 ]\n" +
	"\tip ioam namespace del ID\n" +
	"\tip ioam schema show\n" +
	"\tip ioam schema add ID DATA\n" +
	"\tip ioam schema del ID\n" +
	"\tip ioam namespace set ID schema { ID | none }"

var usageText = strings.ReplaceAll(usage, "ip ioam", command.Prog+" ioam")

// unknown is ip's answer to a word it does not know.
func unknown(word string) error { return fail.Invalid("Unknown", word) }

// Object is `gip ioam`.
func Object() *command.Object {
	o := &command.Object{
		Name:    "ioam",
		Short:   "IPv6 In-situ OAM: namespaces and schemas",
		Match:   [][2]string{{"help", "help"}, {"namespace", "namespace"}, {"schema", "schema"}},
		Usage:   usageText,
		Unknown: unknown,
	}
	o.Options = func(e *env.Env, args []string) ([]string, bool, error) {
		if len(args) == 0 || args[0] == "help" {
			return nil, false, o.UsageError()
		}
		return whole("namespace", "schema")(e, args)
	}
	ns, sc := namespaceObject(), schemaObject()
	o.Verbs = []command.Verb{
		{Use: "namespace { show | add ID [ data DATA32 ] [ wide DATA64 ] | del ID | set ID schema { ID | none } }",
			Short: "the IOAM namespaces: list them, add one with its data (DATA32 a number, DATA64 hexadecimal), delete one, or bind a schema to one",
			Sub:   ns, Run: ns.Run},
		{Use: "schema { show | add ID DATA | del ID }",
			Short: "the IOAM schemas: list them (under -j the data is an array of its bytes, where ip repeats an empty key for each), add one with its data, or delete one",
			Sub:   sc, Run: sc.Run},
		{Use: "help", Short: "print the usage", Run: func(*env.Env, []string) error { return o.UsageError() }},
	}
	return o
}

// whole makes an object read its first word as ip does here: whole
// words only, and one is required.
func whole(words ...string) func(e *env.Env, args []string) ([]string, bool, error) {
	return func(_ *env.Env, args []string) ([]string, bool, error) {
		switch {
		case len(args) == 0:
			return nil, false, fail.Incomplete()
		case !slices.Contains(words, args[0]):
			return nil, false, unknown(args[0])
		}
		return args, false, nil
	}
}

func namespaceObject() *command.Object {
	o := &command.Object{
		Name: "namespace", HelpName: "ioam", Usage: usageText, Unknown: unknown,
		Match:   [][2]string{{"show", "show"}, {"add", "add"}, {"del", "del"}, {"set", "set"}},
		Options: whole("show", "add", "del", "set"),
	}
	o.Verbs = []command.Verb{
		{Use: "show", Short: "list the namespaces", Run: runNamespaceShow},
		command.Planned("add ID [ data DATA32 ] [ wide DATA64 ]", "add a namespace", planNamespaceAdd),
		command.Planned("del ID", "delete a namespace", planNamespaceDel),
		command.Planned("set ID schema { ID | none }", "bind a schema to a namespace, or none", planNamespaceSet),
	}
	return o
}

func schemaObject() *command.Object {
	o := &command.Object{
		Name: "schema", HelpName: "ioam", Usage: usageText, Unknown: unknown,
		Match:   [][2]string{{"show", "show"}, {"add", "add"}, {"del", "del"}},
		Options: whole("show", "add", "del"),
	}
	o.Verbs = []command.Verb{
		{Use: "show", Short: "list the schemas", Run: runSchemaShow},
		command.Planned("add ID DATA", "add a schema (DATA its bytes, at most 1020)", planSchemaAdd),
		command.Planned("del ID", "delete a schema", planSchemaDel),
	}
	return o
}
