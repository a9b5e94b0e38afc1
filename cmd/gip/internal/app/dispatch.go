package app

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
)

// dispatch runs one command line, OBJECT VERB ARGS..., resolving ip's
// abbreviations through the registry. It builds only the object the line
// names.
func dispatch(e *env.Env, words []string) error {
	if len(words) == 0 {
		return fail.Usagef("%s", globalUsage())
	}
	switch words[0] {
	case "completion":
		return writeCompletion(e.Stdout, words[1:])
	case completeCommand:
		return complete(e, words[1:])
	case manCommand:
		if len(words) != 2 {
			return fail.Usagef("Usage: %s %s DIRECTORY", command.Prog, manCommand)
		}
		return writeManPages(e, words[1])
	}
	name, o, ok := lookupObject(words[0])
	switch {
	case !ok:
		return fail.Localf("Object %q is unknown, try \"%s help\".", words[0], command.Prog)
	case name == "help":
		return fail.Usagef("%s", globalUsage())
	case o == nil:
		return fail.Localf("Object %q is not provided by %s yet, try \"%s help\".", name, command.Prog, command.Prog)
	}
	rest := words[1:]
	if len(rest) > 0 && (rest[0] == "--help" || rest[0] == "-help") {
		return writeHelp(e.Stdout, o.Name)
	}
	if o.Options != nil {
		// The object's own options after its name (bridge's, tc's).
		r, done, err := o.Options(e, rest)
		if err != nil || done {
			return err
		}
		rest = r
	}
	v, args, err := o.Resolve(rest)
	if err != nil {
		return err
	}
	for _, w := range args {
		if w == "--help" {
			return writeHelp(e.Stdout, o.Name, v.Name())
		}
	}
	return v.Run(e, args)
}
