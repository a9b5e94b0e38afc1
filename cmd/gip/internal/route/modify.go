package route

import (
	"errors"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// planModify is the plan of add, change, replace, prepend, append and
// delete (op), and of test: one step, the request for the route.
func planModify(op rtnl.RouteOp, test bool) func(e *env.Env, args []string) ([]plan.Step, error) {
	return func(e *env.Env, args []string) ([]plan.Step, error) {
		s, err := ParseSpec(args, op, e.G.Family, e.Names())
		if err != nil {
			return nil, usageOr(err)
		}
		return []plan.Step{s.Step(test)}, nil
	}
}

// Step is the change the spec makes: its request, built once the devices
// it names resolve, and for an addition the deletion that undoes it. test
// makes it ip route test's request, which only asks whether the route
// could be added.
func (s *Spec) Step(test bool) plan.Step {
	step := plan.Step{Build: func(e *env.Env) (nl.Message, error) {
		if err := s.Resolve(e); err != nil {
			return nl.Message{}, err
		}
		return s.Message(test, nil)
	}}
	if s.Op == rtnl.RouteAdd && !test {
		step.Undo = undoAdd
	}
	return step
}

// undoAdd deletes the route an addition created: the kernel finds it by
// the same key, type, scope, protocol and paths. An IPv6 deletion without
// a metric takes the route of lowest metric, so the undo names the metric
// the kernel gave the new route (IP6_RT_PRIO_USER when none was asked).
func undoAdd(req nl.Message, _ *nl.Message) (nl.Message, bool) {
	data := req.Data
	if len(data) > 0 && data[0] == unix.AF_INET6 && !hasPriority(data) {
		e := nl.NewAttrEncoder(append([]byte(nil), data...))
		e.Uint32(unix.RTA_PRIORITY, ip6DefaultMetric)
		var err error
		if data, err = e.Encode(); err != nil {
			return nl.Message{}, false
		}
	}
	return nl.Message{Header: nl.Header{Type: unix.RTM_DELROUTE}, Data: data}, true
}

// ip6DefaultMetric is the metric the kernel gives an IPv6 route added
// without one (IP6_RT_PRIO_USER).
const ip6DefaultMetric = 1024

// hasPriority reports an RTA_PRIORITY in an encoded route request.
func hasPriority(data []byte) bool {
	if len(data) < unix.SizeofRtMsg {
		return false
	}
	d := nl.NewAttrDecoder(data[unix.SizeofRtMsg:])
	for d.Next() {
		if d.Type() == unix.RTA_PRIORITY {
			return true
		}
	}
	return false
}

// Resolve turns the spec's interface names into indexes.
func (s *Spec) Resolve(e *env.Env) error {
	for i, d := range s.hopDevs {
		if d == "" {
			continue
		}
		idx, err := e.Links().Index(d)
		if err != nil {
			var ce *fail.Error
			if errors.As(err, &ce) {
				return &fail.Error{Code: fail.ExitUsage, Msg: ce.Msg + "\nError: cannot parse nexthop", Err: ce}
			}
			return err
		}
		s.Route.Nexthops[i].IfIndex = idx
	}
	if s.dev != "" {
		idx, err := e.Links().Index(s.dev)
		if err != nil {
			return err
		}
		s.Route.OIF = idx
	}
	return nil
}

// Message encodes the resolved spec into buf; test makes it ip route
// test's request (NLM_F_EXCL alone).
func (s *Spec) Message(test bool, buf []byte) (nl.Message, error) {
	b, err := s.Route.AppendRequestAsIs(buf[:0], s.Op)
	if err != nil {
		return nl.Message{}, err
	}
	h := s.Op.Header()
	if test {
		h.Flags = nl.Excl
	}
	return nl.Message{Header: h, Data: b}, nil
}
