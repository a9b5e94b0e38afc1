package sr

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
)

const usage = "Usage: ip sr { COMMAND | help }\n" +
	"          ip sr hmac show\n" +
	"          ip sr hmac set KEYID ALGO\n" +
	"          ip sr tunsrc show\n" +
	"          ip sr tunsrc set ADDRESS\n" +
	"where  ALGO := { sha1 | sha256 }"

var usageText = strings.ReplaceAll(usage, "ip sr", command.Prog+" sr")

// unknown is ip's answer to a word it does not know where a command or
// a verb should be.
func unknown(word string) error { return fail.Invalid("unknown", word) }

// Object is `gip sr`.
func Object() *command.Object {
	o := &command.Object{
		Name:  "sr",
		Short: "IPv6 segment routing: the tunnel source address and the HMAC keys",
		// ip tries help first: "ip sr h" is help.
		Match:   [][2]string{{"help", "help"}, {"hmac", "hmac"}, {"tunsrc", "tunsrc"}},
		Usage:   usageText,
		Unknown: unknown,
	}
	hmac, tunsrc := hmacObject(), tunsrcObject()
	o.Verbs = []command.Verb{
		{Use: "hmac { show | set KEYID ALGO }", Short: "the HMAC keys: list them, or set one (ALGO sha1 or sha256) to the secret read from the terminal, or from standard input without one (blank deletes the key)",
			Sub: hmac, Run: needVerb(hmac)},
		{Use: "tunsrc { show | set ADDRESS }", Short: "the source address of the packets segment routing encapsulates", Sub: tunsrc, Run: needVerb(tunsrc)},
		{Use: "help", Short: "print the usage", Run: func(*env.Env, []string) error { return o.UsageError() }},
	}
	return o
}

// needVerb runs a sub-object, whose verb ip requires (and where "help"
// is no verb).
func needVerb(o *command.Object) func(e *env.Env, args []string) error {
	return func(e *env.Env, args []string) error {
		switch {
		case len(args) == 0:
			return fail.Incomplete()
		case args[0] == "help":
			return unknown(args[0])
		}
		return o.Run(e, args)
	}
}

func hmacObject() *command.Object {
	o := &command.Object{Name: "hmac", HelpName: "sr", Match: [][2]string{{"show", "show"}, {"set", "set"}}, Usage: usageText, Unknown: unknown}
	o.Verbs = []command.Verb{
		{Use: "show", Short: "list the HMAC keys", Run: runHMACShow},
		command.Planned("set KEYID ALGO", "set or delete an HMAC key", planHMACSet),
	}
	return o
}

func tunsrcObject() *command.Object {
	o := &command.Object{Name: "tunsrc", HelpName: "sr", Match: [][2]string{{"show", "show"}, {"set", "set"}}, Usage: usageText, Unknown: unknown}
	o.Verbs = []command.Verb{
		{Use: "show", Short: "print the tunnel source address", Run: runTunSrcShow},
		command.Planned("set ADDRESS", "set the tunnel source address", planTunSrcSet),
	}
	return o
}
