package ioam

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/genlcmd"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/ioam6"
)

// planSchemaAdd is add ID DATA: the data is the word's bytes.
func planSchemaAdd(_ *env.Env, args []string) ([]plan.Step, error) {
	a := grammar.NewArgs(args)
	id, err := schemaID(a)
	if err != nil {
		return nil, err
	}
	data, err := a.Value()
	if err != nil {
		return nil, err
	}
	if len(data) > ioam6.MaxSchemaData {
		return nil, fail.Invalid("Schema DATA too big", data)
	}
	attrs, err := (&ioam6.Schema{ID: id, Data: []byte(data)}).Attrs()
	if err != nil {
		return nil, err
	}
	return change(ioam6.CmdAddSchema, attrs), nil
}

func planSchemaDel(_ *env.Env, args []string) ([]plan.Step, error) {
	id, err := schemaID(grammar.NewArgs(args))
	if err != nil {
		return nil, err
	}
	return change(ioam6.CmdDelSchema, ioam6.SchemaID(id)), nil
}

// runSchemaShow is schema show: ip reads nothing after it.
func runSchemaShow(e *env.Env, _ []string) error {
	return genlcmd.List(e, ioam6.FamilyName, ioam6.CmdDumpSchemas, ioam6.ParseSchema,
		func(s *ioam6.Schema) format.FieldRecord { return &schemaView{s: s} })
}
