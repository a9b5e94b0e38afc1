package filter

import (
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/action"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/qdisc"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// kinds lists every filter kind gip configures or prints: the one place a
// kind is registered, built on first use.
var kinds = sync.OnceValue(func() map[string]*Kind {
	return map[string]*Kind{
		"u32":      withWords(u32Kind(), u32Words),
		"matchall": withWords(matchallKind(), matchallWords),
		"fw":       withWords(fwKind(), fwWords),
		"route":    withWords(routeKind(), routeWords),
		"basic":    withWords(basicKind(), basicWords),
		"flow":     withWords(flowKind(), flowWords),
		"bpf":      withWords(bpfKind(), bpfWords),
		"flower":   withWords(flowerKind(), flowerOptionWords),
	}
})

// Kind is one filter kind: its typed options, the grammar after its name
// (and of the filter's handle), and the printing of what the kernel
// reports.
type Kind struct {
	Name  string
	Usage string
	New   func() rtnl.TCOptions
	// Parse reads the filter's handle word (p.Handle, "" if none) into
	// p.Msg.Handle and the kind's words into o.
	Parse func(p *Parser, o rtnl.TCOptions) error
	// Print prints the options of the filter with header h, text and
	// JSON alike (inside the "options" object).
	Print func(f *format.Fields, o rtnl.TCOptions, h rtnl.TCMsg, v *View)
	// Words writes decoded options as the words Parse takes (see
	// OptionWords), names naming the devices its actions send to; nil
	// for a kind gip state cannot carry.
	Words func(o rtnl.TCOptions, h rtnl.TCMsg, names action.DeviceName) (qdisc.Words, error)
}

// Kinds is the names of every registered kind, sorted.
func Kinds() []string {
	names := make([]string, 0, len(kinds()))
	for n := range kinds() {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Lookup returns the kind called name; one gip does not know refuses
// options and lists as tc lists a kind it has no module for.
func Lookup(name string) *Kind {
	if k, ok := kinds()[name]; ok {
		return k
	}
	return &Kind{
		Name: name,
		New:  func() rtnl.TCOptions { return &rtnl.UnknownOptions{} },
		Parse: func(p *Parser, _ rtnl.TCOptions) error {
			if p.More() {
				return p.Fail(`Unknown filter "` + name + `", hence option "` + p.Peek() + `" is unparsable`)
			}
			return nil
		},
		Print: func(f *format.Fields, o rtnl.TCOptions, _ rtnl.TCMsg, _ *View) {
			if n := o.(*rtnl.UnknownOptions).Len; n > 0 {
				f.Uint("optlen", "[Unknown filter, optlen=%u] ", uint64(n))
			}
		},
	}
}

// withWords sets k's Words from a function over its options type P.
func withWords[P rtnl.TCOptions](k *Kind, words func(P, rtnl.TCMsg, action.DeviceName) (qdisc.Words, error)) *Kind {
	k.Words = func(o rtnl.TCOptions, h rtnl.TCMsg, n action.DeviceName) (qdisc.Words, error) {
		return words(o.(P), h, n)
	}
	return k
}

// typed adapts functions over a kind's options type P to a Kind's fields.
func typed[T any, P interface {
	*T
	rtnl.TCOptions
}](parse func(*Parser, P) error, print func(*format.Fields, P, rtnl.TCMsg, *View)) (func() rtnl.TCOptions, func(*Parser, rtnl.TCOptions) error, func(*format.Fields, rtnl.TCOptions, rtnl.TCMsg, *View)) {
	return func() rtnl.TCOptions { return P(new(T)) },
		func(ps *Parser, o rtnl.TCOptions) error { return parse(ps, o.(P)) },
		func(f *format.Fields, o rtnl.TCOptions, h rtnl.TCMsg, v *View) { print(f, o.(P), h, v) }
}

// Parser reads a filter kind's words.
type Parser struct {
	*grammar.Args
	Kind   string
	Usage  string
	Handle string // the filter's handle as given, "" if none
	// Protocol is the filter's protocol (host order) as tc has it while
	// the kind parses: ETH_P_ALL by default when adding, 0 when unset.
	Protocol uint16
	Msg      *rtnl.TCMsg // the request's header: a kind sets Handle
	// Index resolves a device name (indev, mirred dev), as tc does while
	// it parses.
	Index func(name string) (int32, error)
	// Realm resolves a realm name (rt_realms) or number.
	Realm func(name string) (uint32, bool)
	// Stderr takes what a kind reports while it parses (a program's
	// verifier log).
	Stderr io.Writer
	// Held is every action the kind read: what they hold for the
	// request (a loaded program) is released once it is answered.
	Held []rtnl.Action
}

// Fail is a kind's grammar error, exit 1.
func (p *Parser) Fail(lines ...string) error {
	return fail.Localf("%s", strings.Join(lines, "\n"))
}

// WhatIs is a kind's answer to a word it does not take: the word, then
// the usage.
func (p *Parser) WhatIs(w string) error {
	return p.Fail(`What is "`+w+`"?`, strings.TrimRight(p.Usage, "\n"))
}

// Actions reads an action list after its keyword (the cursor is past
// "action"), reporting a failure as the kind does.
func (p *Parser) Actions(what string) ([]rtnl.Action, error) {
	return p.ActionsOr(`Illegal "` + what + `"`)
}

// ActionsOr is Actions for a kind whose complaint is the line illegal.
func (p *Parser) ActionsOr(illegal string) ([]rtnl.Action, error) {
	acts, err := action.ParseList(p.Args, p.Index, p.Stderr)
	p.Held = append(p.Held, acts...)
	if err != nil {
		if fe, ok := err.(*fail.Error); ok && fe.Code == fail.ExitLocal {
			return nil, fail.Localf("%s\n%s", fe.Msg, illegal)
		}
		return nil, err
	}
	return acts, nil
}

// Police reads a policer of the filter itself after its "police" (which
// the cursor has passed), as tc's parse_police does: the police action's
// grammar; its refusals of exit 1 end with tc's `Illegal "police"`.
func (p *Parser) Police() (*rtnl.Police, error) {
	p.Back()
	pol, err := action.ParseFilterPolice(p.Args)
	if err != nil {
		if fe, ok := err.(*fail.Error); ok && fe.Code == fail.ExitLocal && !fail.IsFatal(err) {
			if fe.Msg == "" {
				return nil, fail.Localf(`Illegal "police"`)
			}
			return nil, fail.Localf("%s\nIllegal \"police\"", fe.Msg)
		}
		return nil, err
	}
	return pol, nil
}

// ClassID reads the value of classid or flowid into dst, as every kind
// does: a class id, or tc's `Illegal "classid"`.
func (p *Parser) ClassID(dst *rtnl.Opt[uint32]) error {
	v, err := p.Value()
	if err != nil {
		return err
	}
	id, ok := sched.ParseClassID(v)
	if !ok {
		return p.Fail(`Illegal "classid"`)
	}
	*dst = rtnl.Some(id)
	return nil
}

// ParseHexHandle is the handle most kinds take: a number, hex by
// default.
func ParseHexHandle(s string) (uint32, bool) {
	v, err := strconv.ParseUint(strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X"), 16, 32)
	return uint32(v), err == nil
}

// View is what printing a filter's options needs.
type View struct {
	Q       *qdisc.View
	A       *action.View
	Pretty  bool
	Numeric bool
	// Realm is a realm's name (rt_realms) or number.
	Realm func(id uint32) string

	decoded map[string]rtnl.TCOptions // see options
}
