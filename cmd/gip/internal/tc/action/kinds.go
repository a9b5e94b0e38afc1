package action

import (
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/qdisc"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// kinds lists every action kind gip configures or prints: the one place
// a kind is registered, built on first use.
var kinds = sync.OnceValue(func() map[string]*Kind {
	return map[string]*Kind{
		"gact":     withWords(gactKind(), gactWords),
		"mirred":   withWords(mirredKind(), mirredWords),
		"police":   withWords(policeKind(), policeWords),
		"vlan":     withWords(vlanKind(), vlanWords),
		"skbedit":  withWords(skbeditKind(), skbeditWords),
		"csum":     withWords(csumKind(), csumWords),
		"nat":      withWords(natKind(), natWords),
		"connmark": withWords(connmarkKind(), connmarkWords),
		"pedit":    withWords(peditKind(), peditWords),
		"mpls":     withWords(mplsKind(), mplsOptionWords),
		"skbmod":   withWords(skbmodKind(), skbmodWords),
		"bpf":      withWords(bpfKind(), bpfWords),

		"tunnel_key": withWords(tunnelKeyKind(), tunnelKeyWords),
		"ct":         withWords(ctKind(), ctWords),
		"sample":     withWords(sampleKind(), sampleWords),
	}
})

// Kind is one action kind: its typed options, the grammar after its name,
// and the printing of what the kernel reports.
type Kind struct {
	Name  string
	Usage string
	New   func() rtnl.TCOptions
	// Parse reads the kind's words (its name is the current word, not
	// yet taken) into o.
	Parse func(p *Parser, o rtnl.TCOptions) error
	// Print prints the options as tc does, starting with the kind's name.
	Print func(f *format.Fields, o rtnl.TCOptions, v *View)
	// Words writes decoded options as the words Parse takes after the
	// kind's name (see ListWords); nil for a kind gip state cannot carry.
	Words func(o rtnl.TCOptions, names DeviceName, c sched.Clock) (qdisc.Words, error)
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
// options and prints the length of its own, as tc does.
func Lookup(name string) *Kind {
	if k, ok := kinds()[name]; ok {
		return k
	}
	return &Kind{
		Name: name,
		New:  func() rtnl.TCOptions { return &rtnl.UnknownOptions{} },
		Parse: func(p *Parser, _ rtnl.TCOptions) error {
			p.Next()
			if p.More() {
				return p.Fail(`Unknown action "` + name + `", hence option "` + p.Peek() + `" is unparsable`)
			}
			return nil
		},
		Print: func(f *format.Fields, o rtnl.TCOptions, _ *View) {
			f.String("kind", "%s ", name)
			if n := o.(*rtnl.UnknownOptions).Len; n > 0 {
				f.Uint("optlen", "[Unknown action, optlen=%u] ", uint64(n))
			}
		},
	}
}

// typed adapts functions over a kind's options type P to a Kind's fields.
func typed[T any, P interface {
	*T
	rtnl.TCOptions
}](parse func(*Parser, P) error, print func(*format.Fields, P, *View)) (func() rtnl.TCOptions, func(*Parser, rtnl.TCOptions) error, func(*format.Fields, rtnl.TCOptions, *View)) {
	return func() rtnl.TCOptions { return P(new(T)) },
		func(ps *Parser, o rtnl.TCOptions) error { return parse(ps, o.(P)) },
		func(f *format.Fields, o rtnl.TCOptions, v *View) { print(f, o.(P), v) }
}

// Parser reads actions from the command line's cursor, which the filter
// shares: an action list ends where the filter's own words resume.
type Parser struct {
	*grammar.Args
	Usage string // of the kind being read
	// Index resolves a device name, as tc does while it parses.
	Index func(name string) (int32, error)
	// Stderr takes what a kind reports while it parses (what skbmod
	// read, a program's verifier log); nil drops it.
	Stderr io.Writer
	// abort is an error on which tc exits at once, met where the kind
	// cannot return it (a verdict cut short).
	abort error
}

// Clock is the packet scheduler's clock (policers send their buckets in
// its ticks).
func (p *Parser) Clock() sched.Clock {
	c, _ := sched.ReadClock()
	return c
}

// Flag reads the current word if it is w exactly.
func (p *Parser) Flag(w string) bool {
	if p.More() && p.Peek() == w {
		p.Next()
		return true
	}
	return false
}

// Fail is a kind's grammar error: its lines, exit 1 (the filter adds
// tc's "bad action parsing" report).
func (p *Parser) Fail(lines ...string) error {
	return fail.Localf("%s", strings.Join(lines, "\n"))
}

// Usage is the kind's usage as an error, as tc's explain() and exit.
func (p *Parser) UsageError(lines ...string) error {
	return fail.Localf("%s", strings.Join(append(lines, strings.TrimRight(p.Usage, "\n")), "\n"))
}

// View is what printing actions needs: the output options, device names
// and the kernel's clock tick for times.
type View struct {
	Stats   bool
	Brief   bool
	Details bool
	Raw     bool
	IEC     bool
	Name    func(ifindex int32) string
	HZ      uint64
	Clock   sched.Clock
}

// Rate is a rate as tc prints it under the view's options.
func (v *View) Rate(bps uint64) string { return sched.RateText(bps, v.IEC) }

// NewView is the printing options of e's command line.
func NewView(e *env.Env) *View {
	q := qdisc.NewView(e)
	return &View{
		Stats: e.G.Stats > 0, Brief: e.G.Brief, Details: e.G.Details > 0, Raw: e.G.Raw, IEC: e.G.IEC,
		Name: e.Links().Name, HZ: env.UserHZ, Clock: q.Clock,
	}
}
