package nexthop

import (
	"bufio"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

const nexthopUsage = `Usage: ip nexthop { list | flush } [ protocol ID ] SELECTOR
       ip nexthop { add | replace } id ID NH [ protocol ID ]
       ip nexthop { get | del } id ID
SELECTOR := [ id ID ] [ dev DEV ] [ vrf NAME ] [ master DEV ]
            [ groups ] [ fdb ]
NH := { blackhole | [ via ADDRESS ] [ dev DEV ] [ onlink ]
        [ encap ENCAPTYPE ENCAPHDR ] |
        group GROUP [ fdb ] [ type TYPE [ TYPE_ARGS ] ] }
GROUP := [ <id[,weight]>/<id[,weight]>/... ]
TYPE := { mpath | resilient }
TYPE_ARGS := [ RESILIENT_ARGS ]
RESILIENT_ARGS := [ buckets BUCKETS ] [ idle_timer IDLE ]
                  [ unbalanced_timer UNBALANCED ]
ENCAPTYPE := [ mpls ]
ENCAPHDR := [ MPLSLABEL ]`

// nexthopVerbs are ip nexthop's verbs in ip's matching order.
var nexthopVerbs = [][2]string{
	{"add", "add"}, {"replace", "replace"}, {"delete", "delete"}, {"show", "show"}, {"list", "show"},
	{"lst", "show"}, {"get", "get"}, {"flush", "flush"},
}

func Object() *command.Object {
	return &command.Object{
		Name:    "nexthop",
		Short:   "nexthop objects and groups",
		Match:   nexthopVerbs,
		Default: "show",
		Usage:   strings.ReplaceAll(nexthopUsage, "ip nexthop", command.Prog+" nexthop"),
		Verbs:   nexthopVerbList(),
	}
}

func nexthopUsageError() error {
	return fail.Usagef("%s", strings.ReplaceAll(nexthopUsage, "ip nexthop", command.Prog+" nexthop"))
}

func nexthopVerbList() []command.Verb {
	var vs []command.Verb
	vs = append(vs, command.Verb{Use: "add id ID NH", Short: "add a nexthop object", Run: func(e *env.Env, args []string) error {
		return runNexthopModify(e, &nexthopModifyOptions{op: rtnl.NexthopAdd, words: args})
	}})
	vs = append(vs, command.Verb{Use: "replace id ID NH", Short: "add or replace a nexthop object", Run: func(e *env.Env, args []string) error {
		return runNexthopModify(e, &nexthopModifyOptions{op: rtnl.NexthopReplace, words: args})
	}})
	vs = append(vs, command.Verb{Use: "delete id ID", Short: "delete a nexthop object", Run: func(e *env.Env, args []string) error {
		return runNexthopModify(e, &nexthopModifyOptions{op: rtnl.NexthopDelete, words: args})
	}})
	vs = append(vs, command.Verb{Use: "get id ID", Short: "show one nexthop object", Run: func(e *env.Env, args []string) error {
		return runNexthopModify(e, &nexthopModifyOptions{op: rtnl.NexthopGet, words: args})
	}})
	vs = append(vs, command.Verb{Use: "show SELECTOR", Short: "list nexthop objects", Run: func(e *env.Env, args []string) error {
		return runNexthopShow(e, &nexthopShowOptions{words: args})
	}})
	vs = append(vs, command.Verb{Use: "flush SELECTOR", Short: "delete the selected nexthop objects", Run: func(e *env.Env, args []string) error {
		return runNexthopShow(e, &nexthopShowOptions{words: args, flush: true})
	}})
	return vs
}

// nexthopModifyOptions is `nexthop add|replace|del|get`.
type nexthopModifyOptions struct {
	op    rtnl.NexthopOp
	words []string
}

// parseNexthopSpec reads ip's NH grammar (ipnh_modify).
func parseNexthopSpec(e *env.Env, words []string, family uint8) (*rtnl.NexthopObject, error) {
	n := &rtnl.NexthopObject{Family: family}
	a := grammar.NewArgs(words)
	for a.More() {
		w := a.Next()
		switch {
		case w == "id":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			id, ok := grammar.ParseCUint(v, 32)
			if !ok {
				return nil, fail.Invalid("invalid id value", v)
			}
			n.ID = uint32(id)
		case w == "dev":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			idx, err := e.Links().Index(v)
			if err != nil {
				var ce *fail.Error
				if errors.As(err, &ce) {
					return nil, fail.Invalid("Device does not exist\n", v)
				}
				return nil, err
			}
			n.OIF = idx
			if n.Family == unix.AF_UNSPEC {
				n.Family = unix.AF_INET
			}
		case w == "via":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			fam := grammar.ReadFamily(v)
			if fam == unix.AF_UNSPEC {
				fam = n.Family
			} else if v, err = a.Value(); err != nil {
				return nil, err
			}
			p, err := grammar.ParseAddr(v, fam)
			if err != nil {
				return nil, err
			}
			if n.Family == unix.AF_UNSPEC {
				n.Family = p.Family
			} else if n.Family != p.Family {
				return nil, fail.Invalid("address family mismatch\n", v)
			}
			n.Gateway = p.Addr
		case w == "encap":
			typ, encap, err := ParseEncap(a, n.Family)
			if err != nil {
				return nil, err
			}
			n.EncapType, n.Encap = typ, encap
		case w == "blackhole":
			n.Blackhole = true
			if n.Family == unix.AF_UNSPEC {
				n.Family = unix.AF_INET
			}
		case w == "fdb":
			n.FDB = true
		case w == "onlink":
			n.Flags |= unix.RTNH_F_ONLINK
		case w == "group":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			g, err := parseNexthopGroup(v)
			if err != nil {
				return nil, err
			}
			n.Group = g
		case w == "type":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			switch v {
			case "mpath":
				n.GroupType, n.HasGroupType = rtnl.GroupMultipath, true
			case "resilient":
				n.GroupType, n.HasGroupType = rtnl.GroupResilient, true
				rg, err := parseResilientArgs(a)
				if err != nil {
					return nil, err
				}
				n.Resilient = rg
			default:
				return nil, fail.Invalid("\"type\" value is invalid\n", v)
			}
		case grammar.Matches(w, "protocol"):
			p, err := grammar.ParseValue(a, e.Names().ParseProto, "\"protocol\" value is invalid\n")
			if err != nil {
				return nil, err
			}
			n.Protocol = p
		case w == "help":
			return nil, nexthopUsageError()
		default:
			return nil, fail.Invalid("", w)
		}
	}
	return n, nil
}

// parseNexthopGroup reads "ID[,WEIGHT]/ID[,WEIGHT]/...".
func parseNexthopGroup(s string) ([]rtnl.GroupMember, error) {
	var out []rtnl.GroupMember
	for part := range strings.SplitSeq(s, "/") {
		idStr, wStr, hasW := strings.Cut(part, ",")
		id, ok := grammar.ParseCUint(idStr, 32)
		if !ok {
			return nil, fail.Invalid("\"group\" value is invalid\n", s)
		}
		m := rtnl.GroupMember{ID: uint32(id), Weight: 1}
		if hasW {
			w, ok := grammar.ParseCUint(wStr, 32)
			if !ok || w == 0 || w > 256 {
				return nil, fail.Invalid("\"weight\" is invalid\n", wStr)
			}
			m.Weight = int(w)
		}
		out = append(out, m)
	}
	return out, nil
}

// parseResilientArgs reads [buckets N] [idle_timer S] [unbalanced_timer S].
func parseResilientArgs(a *grammar.Args) (*rtnl.ResilientGroup, error) {
	rg := &rtnl.ResilientGroup{}
	for a.More() {
		w := a.Next()
		switch w {
		case "buckets":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			n, ok := grammar.ParseCUint(v, 16)
			if !ok {
				return nil, fail.Invalid("invalid buckets value", v)
			}
			rg.Buckets = uint16(n)
		case "idle_timer", "unbalanced_timer":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			n, ok := grammar.ParseCUint(v, 32)
			if !ok || n >= (1<<32-1)/100 {
				what := "idle timer"
				if w == "unbalanced_timer" {
					what = "unbalanced timer"
				}
				return nil, fail.Invalid("invalid "+what+" value", v)
			}
			if w == "idle_timer" {
				rg.IdleTimer = uint32(n) * env.UserHZ
			} else {
				rg.UnbalancedTimer = uint32(n) * env.UserHZ
			}
		default:
			a.Back()
			return rg, nil
		}
	}
	return rg, nil
}

func runNexthopModify(e *env.Env, o *nexthopModifyOptions) error {
	var n *rtnl.NexthopObject
	var err error
	switch o.op {
	case rtnl.NexthopAdd, rtnl.NexthopReplace:
		n, err = parseNexthopSpec(e, o.words, e.G.Family)
	default:
		n, err = parseNexthopID(o.words, o.op == rtnl.NexthopGet)
	}
	if err != nil {
		return err
	}
	m, err := n.MessageAsIs(o.op)
	if err != nil {
		return err
	}
	if o.op == rtnl.NexthopAdd || o.op == rtnl.NexthopReplace {
		m.Data[0] = n.Family
	}
	c, err := e.Conn()
	if err != nil {
		return err
	}
	replies, err := c.Execute(m)
	if err != nil || o.op != rtnl.NexthopGet {
		return err
	}
	if err := e.Links().Preload(); err != nil {
		return err
	}
	w := newNexthopWriter(e)
	for _, r := range replies {
		if r.Header.Type != unix.RTM_NEWNEXTHOP {
			continue
		}
		obj, err := rtnl.DecodeNexthop(r)
		if err != nil {
			return err
		}
		w.nexthop(&obj, false)
	}
	return w.finish()
}

// parseNexthopID reads `id ID` for get and del; get insists on it.
func parseNexthopID(words []string, get bool) (*rtnl.NexthopObject, error) {
	n := &rtnl.NexthopObject{}
	a := grammar.NewArgs(words)
	for a.More() {
		w := a.Next()
		if w != "id" {
			if get {
				return nil, nexthopUsageError()
			}
			return nil, fail.Invalid("", w)
		}
		v, err := a.Value()
		if err != nil {
			return nil, err
		}
		id, ok := grammar.ParseCUint(v, 32)
		if !ok {
			return nil, fail.Invalid("invalid id value", v)
		}
		n.ID = uint32(id)
	}
	if n.ID == 0 && get {
		return nil, nexthopUsageError()
	}
	return n, nil
}

// nexthopShowOptions is `nexthop show|flush SELECTOR`.
type nexthopShowOptions struct {
	words []string
	flush bool
}

func runNexthopShow(e *env.Env, o *nexthopShowOptions) error {
	var f rtnl.NexthopDumpFilter
	var proto uint32
	all := len(o.words) == 0
	a := grammar.NewArgs(o.words)
	for a.More() {
		w := a.Next()
		switch {
		case grammar.Matches(w, "dev") || grammar.Matches(w, "master"):
			v, err := a.Value()
			if err != nil {
				return err
			}
			idx, err := e.Links().Index(v)
			if err != nil {
				return fail.Invalid("Device does not exist\n", v)
			}
			if grammar.Matches(w, "dev") {
				f.OIF = idx
			} else {
				f.Master = idx
			}
		case grammar.Matches(w, "groups"):
			f.Groups = true
		case grammar.Matches(w, "vrf"):
			return fail.Usagef("Error: \"vrf\" is not supported by %s nexthop yet", command.Prog)
		case w == "id":
			v, err := a.Value()
			if err != nil {
				return err
			}
			id, ok := grammar.ParseCUint(v, 32)
			if !ok {
				return fail.Invalid("invalid id value", v)
			}
			op := rtnl.NexthopGet
			if o.flush {
				op = rtnl.NexthopDelete
			}
			return runNexthopModify(e, &nexthopModifyOptions{op: op, words: []string{"id", strconv.FormatUint(id, 10)}})
		case grammar.Matches(w, "protocol"):
			v, err := a.Value()
			if err != nil {
				return err
			}
			p, ok := grammar.ParseCUint(v, 32)
			if !ok {
				return fail.Invalid("invalid protocol value", v)
			}
			proto = uint32(p)
		case grammar.Matches(w, "fdb"):
			f.FDB = true
		case grammar.Matches(w, "help"):
			return nexthopUsageError()
		default:
			return fail.Invalid("", w)
		}
	}
	c, err := e.Conn()
	if err != nil {
		return err
	}
	if o.flush {
		return flushNexthops(e, c, f, proto, all)
	}
	if err := e.Links().Preload(); err != nil {
		return err
	}
	w := newNexthopWriter(e)
	for m, err := range c.Dump(rtnl.NexthopDumpRequestFiltered(e.G.Family, f)) {
		if err != nil {
			if errors.Is(err, nl.ErrDumpInterrupted) {
				fmt.Fprintln(e.Stderr, "Dump was interrupted and may be inconsistent.")
				break
			}
			w.abort()
			return env.DumpError(err, "Dump terminated")
		}
		n, err := rtnl.DecodeNexthop(m)
		if err != nil {
			return err
		}
		if proto != 0 && uint32(n.Protocol) != proto {
			continue
		}
		if err := w.nexthop(&n, m.Header.Type == unix.RTM_DELNEXTHOP); err != nil {
			return err
		}
	}
	return w.finish()
}

// flushNexthops deletes the selected objects (groups first when flushing
// everything, as ip does) and says how many went.
func flushNexthops(e *env.Env, c *nl.Conn, f rtnl.NexthopDumpFilter, proto uint32, all bool) error {
	if all {
		f = rtnl.NexthopDumpFilter{Groups: true}
	}
	flushed := 0
	for pass := 0; pass < 2; pass++ {
		msgs, err := c.DumpAll(rtnl.NexthopDumpRequestFiltered(e.G.Family, f))
		if err != nil && !errors.Is(err, nl.ErrDumpInterrupted) {
			fmt.Fprintln(e.Stderr, "Dump terminated. Failed to flush nexthops")
			break
		}
		for _, m := range msgs {
			n, err := rtnl.DecodeNexthop(m)
			if err != nil || n.ID == 0 || proto != 0 && uint32(n.Protocol) != proto {
				continue
			}
			del := rtnl.NexthopObject{ID: n.ID}
			dm, _ := del.MessageAsIs(rtnl.NexthopDelete)
			if _, err := c.Execute(dm); err == nil {
				flushed++
			} else {
				fmt.Fprintf(e.Stderr, "Failed to delete nexthop %d: %s\n", n.ID, fail.Strerror(err))
			}
		}
		if !all || !f.Groups {
			break
		}
		f.Groups = false
	}
	if flushed == 0 {
		fmt.Fprintln(e.Stdout, "Nothing to flush")
	} else {
		fmt.Fprintf(e.Stdout, "Flushed %d nexthops\n", flushed)
	}
	return nil
}

// nexthopWriter prints nexthop objects as ip's __print_nexthop_entry does.
type nexthopWriter struct {
	re   *env.Env
	out  *bufio.Writer
	Json *format.JSONWriter
	b    []byte
	any  bool
}

func newNexthopWriter(e *env.Env) *nexthopWriter {
	w := &nexthopWriter{re: e, out: bufio.NewWriterSize(e.Stdout, 64<<10)}
	if e.G.JSON {
		w.Json = format.NewJSONWriter(e.G.Pretty)
		w.Json.StartArray()
	}
	return w
}

func (w *nexthopWriter) nexthop(n *rtnl.NexthopObject, deleted bool) error {
	w.any = true
	if w.Json != nil {
		NexthopJSON(w.Json, w.re, n, deleted)
		return nil
	}
	w.b = AppendNexthopText(w.b[:0], w.re, n, deleted)
	w.b = append(w.b, '\n')
	_, err := w.out.Write(w.b)
	return err
}

func (w *nexthopWriter) finish() error {
	if w.Json != nil {
		w.Json.EndArray()
		if err := w.Json.StreamTo(w.out); err != nil {
			return err
		}
		w.out.WriteByte('\n')
	}
	return w.out.Flush()
}

func (w *nexthopWriter) abort() {
	if w.Json == nil {
		w.out.Flush()
	}
}

// appendNexthopText appends one object's line, without its newline.
func AppendNexthopText(b []byte, e *env.Env, n *rtnl.NexthopObject, deleted bool) []byte {
	if deleted {
		b = append(b, "Deleted "...)
	}
	b = append(b, "id "...)
	b = strconv.AppendUint(b, uint64(n.ID), 10)
	b = append(b, ' ')
	if len(n.Group) > 0 {
		b = append(b, "group "...)
		for i, m := range n.Group {
			if i > 0 {
				b = append(b, '/')
			}
			b = strconv.AppendUint(b, uint64(m.ID), 10)
			if m.Weight > 1 {
				b = append(b, ',')
				b = strconv.AppendInt(b, int64(m.Weight), 10)
			}
		}
		b = append(b, ' ')
	}
	if n.GroupType != rtnl.GroupMultipath {
		b = append(b, "type "...)
		b = append(b, groupTypeName(n.GroupType)...)
		b = append(b, ' ')
	}
	if rg := n.Resilient; rg != nil {
		b = append(b, "buckets "...)
		b = strconv.AppendUint(b, uint64(rg.Buckets), 10)
		b = append(b, " idle_timer "...)
		b = appendSeconds(b, uint64(rg.IdleTimer))
		b = append(b, " unbalanced_timer "...)
		b = appendSeconds(b, uint64(rg.UnbalancedTimer))
		b = append(b, " unbalanced_time "...)
		b = appendSeconds(b, rg.UnbalancedTime)
		b = append(b, ' ')
	}
	if n.EncapType != 0 {
		b = AppendEncapText(b, n.EncapType, n.Encap)
	}
	if n.Gateway.IsValid() {
		b = append(b, "via "...)
		b = n.Gateway.AppendTo(b)
		b = append(b, ' ')
	}
	if n.OIF != 0 {
		b = append(b, "dev "...)
		b = append(b, e.Links().Name(n.OIF)...)
		b = append(b, ' ')
	}
	if n.Scope != unix.RT_SCOPE_UNIVERSE || e.G.Details > 0 {
		b = append(b, "scope "...)
		b = e.Names().AppendScope(b, n.Scope)
		b = append(b, ' ')
	}
	if n.Blackhole {
		b = append(b, "blackhole "...)
	}
	if n.Protocol != unix.RTPROT_UNSPEC || e.G.Details > 0 {
		b = append(b, "proto "...)
		b = e.Names().AppendProto(b, n.Protocol)
		b = append(b, ' ')
	}
	b = AppendFlagWords(b, n.Flags)
	if n.FDB {
		b = append(b, "fdb"...)
	}
	return b
}

func groupTypeName(t uint16) string {
	switch t {
	case rtnl.GroupMultipath:
		return "mpath"
	case rtnl.GroupResilient:
		return "resilient"
	}
	return "<unknown type>"
}

// appendSeconds prints clock ticks (USER_HZ) as seconds with %g.
func appendSeconds(b []byte, ticks uint64) []byte {
	return strconv.AppendFloat(b, float64(ticks)/env.UserHZ, 'g', 6, 64)
}

// nexthopJSON writes one object with ip's keys.
func NexthopJSON(j *format.JSONWriter, e *env.Env, n *rtnl.NexthopObject, deleted bool) {
	j.StartObject()
	nexthopJSONMembers(j, e, n, deleted)
	j.EndObject()
}

func nexthopJSONMembers(j *format.JSONWriter, e *env.Env, n *rtnl.NexthopObject, deleted bool) {
	if deleted {
		j.Name("deleted")
		j.BoolValue(true)
	}
	j.Name("id")
	j.UintValue(uint64(n.ID))
	if len(n.Group) > 0 {
		j.Name("group")
		j.StartArray()
		for _, m := range n.Group {
			j.StartObject()
			j.Name("id")
			j.UintValue(uint64(m.ID))
			if m.Weight > 1 {
				j.Name("weight")
				j.UintValue(uint64(m.Weight))
			}
			j.EndObject()
		}
		j.EndArray()
	}
	if n.GroupType != rtnl.GroupMultipath {
		j.Name("type")
		j.StringValue(groupTypeName(n.GroupType))
	}
	if rg := n.Resilient; rg != nil {
		j.Name("resilient_args")
		j.StartObject()
		j.Name("buckets")
		j.UintValue(uint64(rg.Buckets))
		for _, t := range []struct {
			k string
			v uint64
		}{{"idle_timer", uint64(rg.IdleTimer)}, {"unbalanced_timer", uint64(rg.UnbalancedTimer)}, {"unbalanced_time", rg.UnbalancedTime}} {
			j.Name(t.k)
			j.FloatValue(float64(t.v) / env.UserHZ)
		}
		j.EndObject()
	}
	if n.Gateway.IsValid() {
		j.Name("gateway")
		j.StringValue(n.Gateway.String())
	}
	if n.OIF != 0 {
		j.Name("dev")
		j.StringValue(e.Links().Name(n.OIF))
	}
	if n.Scope != unix.RT_SCOPE_UNIVERSE || e.G.Details > 0 {
		j.Name("scope")
		j.StringValue(string(e.Names().AppendScope(nil, n.Scope)))
	}
	if n.Blackhole {
		j.Name("blackhole")
		j.NullValue()
	}
	if n.Protocol != unix.RTPROT_UNSPEC || e.G.Details > 0 {
		j.Name("protocol")
		j.StringValue(string(e.Names().AppendProto(nil, n.Protocol)))
	}
	FlagsJSON(j, n.Flags)
	if n.FDB {
		j.Name("fdb")
		j.NullValue()
	}
}
