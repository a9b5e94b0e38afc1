package netns

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
)

// validName reports whether name can be a file of /run/netns.
func validName(name string) bool {
	return name != "" && !strings.ContainsRune(name, '/') && name != "." && name != ".." && len(name) < 256
}

// nameArg is the namespace name a verb takes as its first argument.
func nameArg(args []string) (string, error) {
	if len(args) == 0 {
		return "", fail.Localf("No netns name specified")
	}
	if !validName(args[0]) {
		return "", fail.Usagef("Invalid netns name %q", args[0])
	}
	return args[0], nil
}
