package command

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/version"
)

// Prog is the program's name in messages and usage texts.
const Prog = "gip"

// Version is what gip -V and tc -V print after "gip-suite": the suite's
// version, commit and Go release (package internal/version, which the
// Makefile sets at link time). It is read when asked for: without the
// Makefile's flags it parses the build information, which no other
// command line needs.
func Version() string { return version.Get().String() }

// Object is one of gip's objects (link, address, route, ...): its verbs,
// the order in which ip matches abbreviations of them, and its usage.
type Object struct {
	Name    string   // the full name: "neighbour"
	Aliases []string // other names help and completion accept: "neigh"
	Short   string   // one line for gip help and the man page
	// HelpName is the name "try ... help" messages use, if not Name.
	HelpName string
	// Match lists the words ip tries, in its order, with the verb each
	// selects: {"set", "set"}, {"change", "set"}, ... The order settles
	// abbreviations ("s" is set for a link, show for an address).
	Match   [][2]string
	Default string // the verb run when none is given ("" : print usage)
	// HelpOK makes "help" print the usage with exit 0 (tc's objects), not
	// ip's 255.
	HelpOK bool
	Usage  string // iproute2-style usage, printed by "gip OBJECT help"
	// UsageFunc, when set instead of Usage, builds the usage when it is
	// needed (link's lists every kind: too costly for every command
	// line). Read the usage through UsageText.
	UsageFunc func() string
	Notes     string // plain text for the NOTES section of the object's man page
	Verbs     []Verb
	// Unknown, if set, makes the error for a word that is not a verb
	// (bridge says "Object ... is unknown").
	Unknown func(word string) error
	// Options, if set, reads the object's own options before its verb
	// (tc's -s, -j, ... after "tc") into e and returns the words left.
	// done reports that an option answered the command line itself
	// (tc -V).
	Options func(e *env.Env, words []string) (rest []string, done bool, err error)
}

// Verb is one verb of an object.
type Verb struct {
	Use   string // "add ROUTE": the verb's name, then its arguments, for help
	Short string
	Run   func(e *env.Env, args []string) error
	// Plan, when set, parses the arguments into steps without running
	// them (a change such as neigh add); Run is then plan.Run of the
	// steps, and a batch pipelines them with other lines' steps.
	Plan func(e *env.Env, args []string) ([]plan.Step, error)
	// Sub, when set, is the object this verb runs (tc's qdisc, class):
	// a batch looks through it for a verb with a plan.
	Sub *Object
	// NoUndo, when set, names what the verb changes without a plan and
	// outside rtnetlink (nft's transactions): an atomic batch, which has
	// no pre-image of it, refuses the line.
	NoUndo string
	// CannotUndo, when set, names what this line of the verb changes that
	// an atomic batch has no pre-image of ("" when it has one): e holds
	// the object's options, args the verb's arguments.
	CannotUndo func(e *env.Env, args []string) string
	// Overlap says that in a batch the verb may start while work an
	// earlier line left to Env.Background still runs (it waits itself
	// for the work that concerns it); any other line waits for that work
	// first.
	Overlap bool
}

// Planned is a verb that changes the kernel through the steps its plan
// function makes from the arguments.
func Planned(use, short string, p func(e *env.Env, args []string) ([]plan.Step, error)) Verb {
	return Verb{Use: use, Short: short, Plan: p, Run: func(e *env.Env, args []string) error {
		steps, err := p(e, args)
		if err != nil {
			return err
		}
		return plan.Run(e, steps)
	}}
}

// Name is the verb's name, the first word of Use.
func (v *Verb) Name() string {
	name, _, _ := strings.Cut(v.Use, " ")
	return name
}

// Verb returns the verb called name, or nil.
func (o *Object) Verb(name string) *Verb {
	for i := range o.Verbs {
		if o.Verbs[i].Name() == name {
			return &o.Verbs[i]
		}
	}
	return nil
}

// Lookup resolves a word, possibly abbreviated, to a verb as ip does.
func (o *Object) Lookup(word string) (*Verb, bool) {
	name, ok := MatchWord(word, o.Match)
	if !ok {
		return nil, false
	}
	v := o.Verb(name)
	return v, v != nil
}

// UsageText is the object's usage.
func (o *Object) UsageText() string {
	if o.UsageFunc != nil {
		return o.UsageFunc()
	}
	return o.Usage
}

// UsageError is the object's usage text as a usage error (exit 255).
func (o *Object) UsageError() error {
	return fail.Usagef("%s", strings.TrimRight(o.UsageText(), "\n"))
}

// Run runs a command line of the object: VERB ARGS..., or the default
// verb when words is empty. "help" prints the usage, as ip does, unless
// the object has a verb of that name.
func (o *Object) Run(e *env.Env, words []string) error {
	if o.Options != nil {
		rest, done, err := o.Options(e, words)
		if err != nil || done {
			return err
		}
		words = rest
	}
	v, args, err := o.Resolve(words)
	if err != nil {
		return err
	}
	return v.Run(e, args)
}

// NoUndo is what the object's command line (VERB ARGS...) changes that
// an atomic batch cannot undo: its verb's CannotUndo or NoUndo, looking
// through Sub; "" for a line that does not resolve.
func (o *Object) NoUndo(e *env.Env, words []string) string {
	v, args, err := o.Resolve(words)
	switch {
	case err != nil:
		return ""
	case v.CannotUndo != nil:
		return v.CannotUndo(e, args)
	case v.Sub != nil:
		return v.Sub.NoUndo(e, args)
	}
	return v.NoUndo
}

// Resolve finds the verb a command line of the object names and the words
// after it.
func (o *Object) Resolve(words []string) (*Verb, []string, error) {
	if len(words) == 0 {
		if v := o.Verb(o.Default); v != nil {
			return v, nil, nil
		}
		return nil, nil, o.UsageError()
	}
	if words[0] == "help" && o.Verb("help") == nil {
		if o.HelpOK {
			return nil, nil, &fail.Error{Msg: strings.TrimRight(o.UsageText(), "\n"), Code: fail.ExitOK}
		}
		return nil, nil, o.UsageError()
	}
	v, ok := o.Lookup(words[0])
	if !ok {
		if o.Unknown != nil {
			return nil, nil, o.Unknown(words[0])
		}
		hn := o.Name
		if o.HelpName != "" {
			hn = o.HelpName
		}
		return nil, nil, fail.Usagef("Command %q is unknown, try \"%s %s help\".", words[0], Prog, hn)
	}
	return v, words[1:], nil
}

// MatchWord resolves a word, possibly abbreviated, against a table of
// {word ip tries, name} pairs in ip's order.
func MatchWord(word string, table [][2]string) (string, bool) {
	for _, m := range table {
		if grammar.Matches(word, m[0]) {
			return m[1], true
		}
	}
	return "", false
}
