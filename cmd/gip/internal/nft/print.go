package nft

import (
	"fmt"
	"io"
	"strings"

	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/nftables"
)

// printer writes nft's listing of ruleset parts: text blocks, or the JSON
// array of objects after the metainfo.
type printer struct {
	w       io.Writer
	handles bool // -a: show handles
	json    bool
	objs    []any
	b       strings.Builder
}

func (p *printer) handle(h uint64) string {
	if !p.handles {
		return ""
	}
	return fmt.Sprintf(" # handle %d", h)
}

// metainfo is the first object of nft's JSON output.
func metainfo() *format.Obj {
	return obj("metainfo", new(format.Obj).Set("version", "1.0.6").
		Set("release_name", "Lester Gooch #5").Set("json_schema_version", 1))
}

// flush writes the output.
func (p *printer) flush() error {
	if !p.json {
		_, err := io.WriteString(p.w, p.b.String())
		return err
	}
	w := format.NewJSONWriter(false)
	w.Object(obj("nftables", append([]any{metainfo()}, p.objs...)))
	_, err := p.w.Write(append(w.Bytes(), '\n'))
	return err
}

func tableJSON(t *table) *format.Obj {
	o := new(format.Obj).Set("family", t.Family.String()).Set("name", t.Name).Set("handle", t.Handle)
	if t.Flags&nftables.TableDormant != 0 {
		// nft 1.0.6 prints stray memory here; gip says what it means.
		o.Set("flags", "dormant")
	}
	return obj("table", o)
}

// block prints a table with the parts given: each part prints itself
// into the block and says whether it printed anything. sep puts an empty
// line between the table's items, as full listings do.
func (p *printer) openTable(t *table) {
	fmt.Fprintf(&p.b, "table %s %s {%s\n", t.Family, t.Name, p.handle(t.Handle))
	if t.Flags&nftables.TableDormant != 0 {
		p.b.WriteString("\tflags dormant\n")
	}
}

func (p *printer) closeTable() { p.b.WriteString("}\n") }

func (p *printer) set(t *table, s *set) {
	if p.json {
		p.objs = append(p.objs, setJSON(s))
		return
	}
	kind := "set"
	if s.listsAsMap() {
		kind = "map"
	}
	fmt.Fprintf(&p.b, "\t%s %s {%s\n", kind, s.Name, p.handle(s.Handle))
	typ := s.typeExpr().text
	if s.listsAsMap() {
		typ += " : " + s.dataName()
	}
	fmt.Fprintf(&p.b, "\t\ttype %s\n", typ)
	// A default timeout says the flag, unless others are declared.
	declared := s.Flags&(nftables.SetConstant|nftables.SetEval|nftables.SetInterval) != 0 ||
		(s.Flags&nftables.SetTimeout != 0 && s.Timeout == 0)
	if fl := setFlags(s.Flags); declared && len(fl) > 0 {
		fmt.Fprintf(&p.b, "\t\tflags %s\n", strings.Join(fl, ","))
	}
	if s.Size != 0 && s.Flags&nftables.SetConstant == 0 {
		fmt.Fprintf(&p.b, "\t\tsize %d\n", s.Size)
	}
	if s.Timeout != 0 {
		fmt.Fprintf(&p.b, "\t\ttimeout %s\n", duration(s.Timeout))
	}
	if s.GCInterval != 0 {
		fmt.Fprintf(&p.b, "\t\tgc-interval %s\n", duration(uint64(s.GCInterval)))
	}
	if _, ok := udata(s.UserData, udataSetMerge); ok {
		p.b.WriteString("\t\tauto-merge\n")
	}
	if els := s.elements(); len(els) > 0 {
		p.b.WriteString("\t\telements = { ")
		count := 0
		for i, el := range els {
			if i > 0 {
				p.b.WriteString(s.elementDelim(&count))
			}
			p.b.WriteString(el.text)
			count++
		}
		p.b.WriteString(" }\n")
	}
	if c, ok := udata(s.UserData, udataSetComment); ok {
		fmt.Fprintf(&p.b, "\t\tcomment %q\n", udataString(c))
	}
	p.b.WriteString("\t}\n")
}

// setFlags are the flags nft declares, in its order.
func setFlags(f uint32) []string {
	var out []string
	for _, fl := range []struct {
		bit  uint32
		name string
	}{{nftables.SetConstant, "constant"}, {nftables.SetEval, "dynamic"}, {nftables.SetInterval, "interval"}, {nftables.SetTimeout, "timeout"}} {
		if f&fl.bit != 0 {
			out = append(out, fl.name)
		}
	}
	return out
}

func setJSON(s *set) *format.Obj {
	o := new(format.Obj).Set("family", s.Family.String()).Set("name", s.Name).Set("table", s.Table).
		Set("type", s.typeExpr().json).Set("handle", s.Handle)
	kind := "set"
	if s.listsAsMap() {
		kind = "map"
		o.Set("map", s.dataName())
	}
	// nft 1.0.6's JSON does not say dynamic.
	if fl := setFlags(s.Flags &^ nftables.SetEval); len(fl) > 0 {
		o.Set("flags", fl)
	}
	if s.Timeout != 0 {
		o.Set("timeout", s.Timeout/1000)
	}
	if s.GCInterval != 0 {
		o.Set("gc-interval", s.GCInterval/1000)
	}
	if s.Size != 0 && s.Flags&nftables.SetConstant == 0 {
		o.Set("size", s.Size)
	}
	if c, ok := udata(s.UserData, udataSetComment); ok {
		o.Set("comment", udataString(c))
	}
	if els := s.elements(); len(els) > 0 {
		js := make([]any, len(els))
		for i, el := range els {
			js[i] = el.json
		}
		o.Set("elem", js)
	}
	return obj(kind, o)
}

// chain prints a chain, with its rules when rules is set.
func (p *printer) chain(t *table, c *chain, rules bool) {
	if p.json {
		p.objs = append(p.objs, chainJSON(c))
		if rules {
			p.rules(t, c)
		}
		return
	}
	fmt.Fprintf(&p.b, "\tchain %s {%s\n", c.Name, p.handle(c.Handle))
	if c.Hook != nil {
		hook := hookName(c.Family, c.Hook.Num)
		fmt.Fprintf(&p.b, "\t\ttype %s hook %s", c.Type, hook)
		switch len(c.Hook.Devices) {
		case 0:
		case 1:
			fmt.Fprintf(&p.b, " device %q", c.Hook.Devices[0])
		default:
			p.b.WriteString(" devices = { " + strings.Join(c.Hook.Devices, ", ") + " }")
		}
		fmt.Fprintf(&p.b, " priority %s;", prioText(c.Family, hook, c.Hook.Priority))
		if c.Policy != nil {
			fmt.Fprintf(&p.b, " policy %s;", policyName(*c.Policy))
		}
		p.b.WriteString("\n")
	}
	if rules {
		for i := range c.rules {
			p.b.WriteString("\t\t" + ruleText(t, &c.rules[i]) + p.handle(c.rules[i].Handle) + "\n")
		}
	}
	p.b.WriteString("\t}\n")
}

// rules adds a chain's rules to the JSON output.
func (p *printer) rules(t *table, c *chain) {
	for i := range c.rules {
		p.objs = append(p.objs, ruleJSON(t, &c.rules[i]))
	}
}

func chainJSON(c *chain) *format.Obj {
	o := new(format.Obj).Set("family", c.Family.String()).Set("table", c.Table).
		Set("name", c.Name).Set("handle", c.Handle)
	if c.Hook != nil {
		hook := hookName(c.Family, c.Hook.Num)
		o.Set("type", c.Type).Set("hook", hook).Set("prio", c.Hook.Priority)
		if c.Policy != nil {
			o.Set("policy", policyName(*c.Policy))
		}
		// nft 1.0.6 leaves a netdev chain's devices out of its JSON.
	}
	return obj("chain", o)
}

// Rule user data (NFTNL_UDATA_RULE_COMMENT).
const udataRuleComment = 0

func ruleText(t *table, r *nftables.Rule) string {
	stmts := decodeRule(t, r)
	parts := make([]string, 0, len(stmts)+1)
	for _, s := range stmts {
		parts = append(parts, s.text)
	}
	if c, ok := udata(r.UserData, udataRuleComment); ok {
		parts = append(parts, fmt.Sprintf("comment %q", udataString(c)))
	}
	return strings.Join(parts, " ")
}

func ruleJSON(t *table, r *nftables.Rule) *format.Obj {
	stmts := decodeRule(t, r)
	js := make([]any, len(stmts))
	for i, s := range stmts {
		js[i] = s.json
	}
	o := new(format.Obj).Set("family", r.Family.String()).Set("table", r.Table).
		Set("chain", r.Chain).Set("handle", r.Handle)
	if c, ok := udata(r.UserData, udataRuleComment); ok {
		o.Set("comment", udataString(c))
	}
	o.Set("expr", js)
	return obj("rule", o)
}
