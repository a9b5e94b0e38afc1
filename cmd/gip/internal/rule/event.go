package rule

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// EventRecord decodes a rule notification and returns its line as rule
// list prints it; deleted starts it with "Deleted ", as ip monitor does.
func EventRecord(e *env.Env, m nl.Message, deleted bool) (format.FieldRecord, error) {
	r, err := rtnl.DecodeRule(m)
	if err != nil {
		return nil, err
	}
	return record{view{Env: e, Rule: &r, Deleted: deleted}}, nil
}

// DumpRequest asks for every rule of family (AF_UNSPEC: all).
func DumpRequest(family uint8) nl.Message { return rtnl.RuleDumpRequest(family) }
