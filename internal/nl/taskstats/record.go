package taskstats

import (
	"fmt"

	"github.com/gip-suite/gip/internal/nl"
)

// The family's name, commands and attributes (<linux/taskstats.h>).
const (
	FamilyName = "TASKSTATS" // TASKSTATS_GENL_NAME

	CmdGet = 1 // TASKSTATS_CMD_GET
	CmdNew = 2 // TASKSTATS_CMD_NEW

	typePID      = 1 // TASKSTATS_TYPE_PID
	typeTGID     = 2 // TASKSTATS_TYPE_TGID
	typeStats    = 3 // TASKSTATS_TYPE_STATS
	typeAggrPID  = 4 // TASKSTATS_TYPE_AGGR_PID
	typeAggrTGID = 5 // TASKSTATS_TYPE_AGGR_TGID

	attrPID        = 1 // TASKSTATS_CMD_ATTR_PID
	attrTGID       = 2 // TASKSTATS_CMD_ATTR_TGID
	attrRegister   = 3 // TASKSTATS_CMD_ATTR_REGISTER_CPUMASK
	attrDeregister = 4 // TASKSTATS_CMD_ATTR_DEREGISTER_CPUMASK
)

// Scope says what a record's statistics are of.
type Scope uint8

// The scopes.
const (
	ScopePID  Scope = iota + 1 // one task (a thread)
	ScopeTGID                  // a thread group (a process), summed over its threads
)

func (s Scope) String() string {
	switch s {
	case ScopePID:
		return "pid"
	case ScopeTGID:
		return "tgid"
	}
	return fmt.Sprintf("scope(%d)", uint8(s))
}

// Record is one set of statistics the kernel sent: of the task or thread
// group ID, in reply to a request or as it exited.
type Record struct {
	Scope Scope
	ID    uint32
	Stats Stats
}

// ParseRecords decodes the attributes of a TASKSTATS_CMD_NEW message:
// one record for a task and, for the exit of a thread group's last task,
// one more for the group.
func ParseRecords(attrs []byte) ([]Record, error) {
	var out []Record
	d := nl.NewAttrDecoder(attrs)
	for d.Next() {
		var scope Scope
		switch d.Type() {
		case typeAggrPID:
			scope = ScopePID
		case typeAggrTGID:
			scope = ScopeTGID
		default:
			continue
		}
		r := Record{Scope: scope}
		var have bool
		var perr error
		d.Decode(func(a *nl.AttrDecoder) error {
			for a.Next() {
				switch a.Type() {
				case typePID, typeTGID:
					r.ID = a.Uint32()
				case typeStats:
					r.Stats, perr = ParseStats(a.Bytes())
					have = perr == nil
				}
			}
			return nil
		})
		if perr != nil {
			return out, perr
		}
		if !have {
			return out, fmt.Errorf("taskstats: a %s record without statistics", scope)
		}
		out = append(out, r)
	}
	if err := d.Err(); err != nil {
		return out, fmt.Errorf("taskstats: decoding a record: %w", err)
	}
	return out, nil
}

// AppendRecord encodes r as the kernel sends it, for tests and fakes.
func AppendRecord(b []byte, r Record) ([]byte, error) {
	e := nl.NewAttrEncoder(b)
	aggr, id := uint16(typeAggrPID), uint16(typePID)
	if r.Scope == ScopeTGID {
		aggr, id = typeAggrTGID, typeTGID
	}
	e.Nest(aggr)
	e.Uint32(id, r.ID)
	e.Bytes(typeStats, r.Stats.Append(nil))
	e.Unnest()
	return e.Encode()
}
