package nft

import (
	"fmt"

	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/nftables"
)

// Named stateful objects: counters and quotas a table holds and rules
// use by name ("counter name \"c1\"").

// objTypeNames are nft's names of the object types gip lists.
var objTypeNames = map[uint32]string{nftables.ObjCounter: "counter", nftables.ObjQuota: "quota"}

// objTypes are the object types by nft's name.
var objTypes = map[string]uint32{"counter": nftables.ObjCounter, "quota": nftables.ObjQuota}

// Object user data (NFTNL_UDATA_OBJ_COMMENT).
const udataObjComment = 0

// object prints a named object as nft lists it in its table.
func (p *printer) object(o *nftables.Obj) {
	if p.json {
		p.objs = append(p.objs, objectJSON(o))
		return
	}
	kind := objTypeNames[o.Type]
	fmt.Fprintf(&p.b, "\t%s %s {%s\n", kind, o.Name, p.handle(o.Handle))
	if c, ok := udata(o.UserData, udataObjComment); ok {
		fmt.Fprintf(&p.b, "\t\tcomment %q\n", udataString(c))
	}
	switch st := o.State.(type) {
	case *nftables.Counter:
		fmt.Fprintf(&p.b, "\t\tpackets %d bytes %d\n", st.Packets, st.Bytes)
	case *nftables.Quota:
		fmt.Fprintf(&p.b, "\t\t%s\n", quotaText(st))
	}
	p.b.WriteString("\t}\n")
}

func objectJSON(o *nftables.Obj) *format.Obj {
	j := new(format.Obj).Set("family", o.Family.String()).Set("name", o.Name).Set("table", o.Table).Set("handle", o.Handle)
	if c, ok := udata(o.UserData, udataObjComment); ok {
		j.Set("comment", udataString(c))
	}
	switch st := o.State.(type) {
	case *nftables.Counter:
		j.Set("packets", st.Packets).Set("bytes", st.Bytes)
	case *nftables.Quota:
		j.Set("bytes", st.Bytes).Set("used", st.Consumed).Set("inv", st.Flags&nftables.QuotaInvert != 0)
	}
	return obj(objTypeNames[o.Type], j)
}

// objref reads a rule's use of a named object: by its name, or by the
// name a map gives for a key ("counter name tcp dport map { 22 : \"c1\" }").
func (d *decoder) objref(x *nftables.Objref) {
	kind, ok := objTypeNames[x.Type]
	if x.Set == "" {
		if !ok {
			d.unknown("objref")
			return
		}
		d.add(stmt{text: fmt.Sprintf("%s name %q", kind, x.Name), json: obj(kind, x.Name)})
		return
	}
	s := d.table.setNamed(x.Set)
	if s == nil || objTypeNames[s.ObjType] == "" {
		d.unknown("objref")
		return
	}
	kind = objTypeNames[s.ObjType]
	key, ok := d.key(s, x.SReg)
	if !ok {
		d.unknown("objref")
		return
	}
	m := s.reference()
	d.add(stmt{
		text: kind + " name " + key.text + " map " + m.text,
		json: obj(kind, obj("map", new(format.Obj).Set("key", key.json).Set("data", m.json))),
	})
}

// addObject reads [FAMILY] TABLE NAME [{ STATE }] of a counter (packets
// N bytes N) or a quota ([over] N UNIT [used N UNIT]).
func (c *change) addObject(kind string, create bool) error {
	p := c.p
	o := &nftables.Obj{Family: c.family(), Type: objTypes[kind]}
	table, err := p.name()
	if err != nil {
		return err
	}
	name, err := p.name()
	if err != nil {
		return err
	}
	o.Table, o.Name = table.s, name.s
	counter := &nftables.Counter{}
	o.State = counter
	if kind == "quota" {
		if err := p.expect("{"); err != nil {
			return err
		}
		q, err := (&compiler{p: p}).quotaSpec()
		if err != nil {
			return err
		}
		o.State = q
		for p.accept(";") {
		}
		if err := p.expect("}"); err != nil {
			return err
		}
	} else if p.accept("{") {
		for p.accept(";") {
		}
		if p.accept("packets") {
			cc := &compiler{p: p}
			n, _, err := cc.number(1<<63 - 1)
			if err != nil {
				return err
			}
			if err := p.expect("bytes"); err != nil {
				return err
			}
			b, _, err := cc.number(1<<63 - 1)
			if err != nil {
				return err
			}
			counter.Packets, counter.Bytes = n, b
		}
		for p.accept(";") {
		}
		if err := p.expect("}"); err != nil {
			return err
		}
	}
	if err := c.needTable(o.Family, table); err != nil {
		return err
	}
	c.tx.AddObj(o, exclusive(create))
	c.note(name)
	return c.end()
}
