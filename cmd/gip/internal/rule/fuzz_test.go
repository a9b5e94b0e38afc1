package rule

import (
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// The rule grammars never panic; a rule that parses encodes, and a
// filter that parses can test any rule.
func FuzzParseRule(f *testing.F) {
	for _, s := range []string{
		"from 10.0.0.0/8 lookup 100", "pref 7 not to 2001:db8::/32 fwmark 0x10/0xff iif veth0 proto static",
		"uidrange 100-200 sport 1-2 dport 3 ipproto tcp goto 5", "l3mdev", "type blackhole suppress_prefixlength 0",
	} {
		f.Add(s)
	}
	names := env.NewNames(false)
	f.Fuzz(func(t *testing.T, line string) {
		words := strings.Fields(line)
		for _, add := range []bool{true, false} {
			if r, err := parseSpec(words, add, unix.AF_UNSPEC, names); err == nil {
				message(r, rtnl.RuleAdd)
			}
		}
		if fl, err := parseFilter(words, unix.AF_INET, names); err == nil {
			p := uint32(5)
			for _, r := range []rtnl.Rule{{Family: unix.AF_INET}, {Family: unix.AF_INET6, Priority: &p, Table: 100}} {
				fl.match(&r, unix.AF_UNSPEC)
			}
		}
	})
}
