package nexthop

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// EventRecord decodes a nexthop notification and returns its line as
// nexthop show prints it; deleted starts it with "Deleted ", as ip
// monitor does.
func EventRecord(e *env.Env, m nl.Message, deleted bool) (format.FieldRecord, error) {
	n, err := rtnl.DecodeNexthop(m)
	if err != nil {
		return nil, err
	}
	return record{View{Env: e, Nexthop: &n, Deleted: deleted}}, nil
}
