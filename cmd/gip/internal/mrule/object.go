package mrule

import (
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/cmd/gip/internal/rule"
	"golang.org/x/sys/unix"
)

// The multicast routing families (RTNL_FAMILY_IPMR, RTNL_FAMILY_IP6MR).
const (
	familyIPMR  = 128
	familyIP6MR = 129
)

// Object is `gip mrule`: rule's object with each verb run on the
// multicast family of -4/-6. Its usage and messages are ip rule's, as
// ip's are.
func Object() *command.Object {
	o := *rule.Object()
	o.Name = "mrule"
	o.HelpName = "rule"
	o.Short = "multicast routing policy rules: ip rule's grammar on the IPMR (default, -4) and IP6MR (-6) families"
	o.Verbs = make([]command.Verb, len(o.Verbs))
	for i, v := range rule.Object().Verbs {
		o.Verbs[i] = multicast(v)
	}
	return &o
}

// multicast makes a rule verb act on the multicast family.
func multicast(v command.Verb) command.Verb {
	run := v.Run
	v.Run = func(e *env.Env, args []string) error {
		if err := useMulticastFamily(e); err != nil {
			return err
		}
		return run(e, args)
	}
	if p := v.Plan; p != nil {
		v.Plan = func(e *env.Env, args []string) ([]plan.Step, error) {
			if err := useMulticastFamily(e); err != nil {
				return nil, err
			}
			return p(e, args)
		}
	}
	return v
}

// useMulticastFamily sets the family the rule verbs read to the
// multicast one of -4 (or none) and -6, as ip's do_multirule does.
func useMulticastFamily(e *env.Env) error {
	switch e.G.Family {
	case unix.AF_UNSPEC, unix.AF_INET:
		e.G.Family = familyIPMR
	case unix.AF_INET6:
		e.G.Family = familyIP6MR
	case familyIPMR, familyIP6MR:
	default:
		return fail.AsFatal(fail.Usagef("%s", fmt.Sprintf("Multicast rules are only supported for IPv4/IPv6, was: %d", e.G.Family)))
	}
	return nil
}
