package ioam

import (
	"math"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/genlcmd"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/ioam6"
)

// change is one command of the family as a plan step.
func change(cmd uint8, attrs []byte) []plan.Step {
	return []plan.Step{genlcmd.Step(ioam6.FamilyName, ioam6.Version, cmd, attrs)}
}

// number reads the next word as C's strtoul in base, at most max, with
// ip's complaint (what) when it is not one.
func number(a *grammar.Args, base int, max uint64, what string) (uint64, error) {
	w, err := a.Value()
	if err != nil {
		return 0, err
	}
	v, ok := grammar.CUint(w, base, max)
	if !ok {
		return 0, fail.Invalid(what, w)
	}
	return v, nil
}

func namespaceID(a *grammar.Args) (uint16, error) {
	v, err := number(a, 0, math.MaxUint16, "Invalid namespace ID")
	return uint16(v), err
}

func schemaID(a *grammar.Args) (uint32, error) {
	v, err := number(a, 0, math.MaxUint32, "Invalid schema ID")
	return uint32(v), err
}

// wide reads wide data: hexadecimal, with or without 0x.
func wide(a *grammar.Args) (*uint64, error) {
	v, err := number(a, 16, math.MaxUint64, "Invalid wide data")
	return &v, err
}

// planNamespaceAdd reads "ID [ data DATA32 ] [ wide DATA64 ]" as ip does:
// wide may follow data, not the other way round; words after are not
// read.
func planNamespaceAdd(_ *env.Env, args []string) ([]plan.Step, error) {
	a := grammar.NewArgs(args)
	id, err := namespaceID(a)
	if err != nil {
		return nil, err
	}
	n := &ioam6.Namespace{ID: id}
	if a.More() {
		switch w := a.Next(); w {
		case "data":
			v, err := number(a, 0, math.MaxUint32, "Invalid data")
			if err != nil {
				return nil, err
			}
			d := uint32(v)
			n.Data = &d
		case "wide":
			if n.Wide, err = wide(a); err != nil {
				return nil, err
			}
		default:
			return nil, fail.Invalid("Invalid argument", w)
		}
	}
	if a.More() {
		if w := a.Next(); n.Data == nil || w != "wide" {
			return nil, fail.Invalid("Unexpected argument", w)
		}
		if n.Wide, err = wide(a); err != nil {
			return nil, err
		}
	}
	attrs, err := n.Attrs()
	if err != nil {
		return nil, err
	}
	return change(ioam6.CmdAddNamespace, attrs), nil
}

func planNamespaceDel(_ *env.Env, args []string) ([]plan.Step, error) {
	id, err := namespaceID(grammar.NewArgs(args))
	if err != nil {
		return nil, err
	}
	return change(ioam6.CmdDelNamespace, ioam6.NamespaceID(id)), nil
}

// planNamespaceSet is set ID schema { ID | none }.
func planNamespaceSet(_ *env.Env, args []string) ([]plan.Step, error) {
	a := grammar.NewArgs(args)
	id, err := namespaceID(a)
	if err != nil {
		return nil, err
	}
	w, err := a.Value()
	if err != nil {
		return nil, err
	}
	if w != "schema" {
		return nil, unknown(w)
	}
	if !a.More() {
		return nil, fail.Incomplete()
	}
	var sc *uint32
	if a.Next() != "none" {
		a.Back()
		v, err := schemaID(a)
		if err != nil {
			return nil, err
		}
		sc = &v
	}
	return change(ioam6.CmdNsSetSchema, ioam6.SetSchema(id, sc)), nil
}

// runNamespaceShow is namespace show: ip reads nothing after it.
func runNamespaceShow(e *env.Env, _ []string) error {
	return genlcmd.List(e, ioam6.FamilyName, ioam6.CmdDumpNamespaces, ioam6.ParseNamespace,
		func(n *ioam6.Namespace) format.FieldRecord { return &namespaceView{n: n} })
}
