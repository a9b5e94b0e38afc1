package atomic

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Txn is an atomic batch's pre-image, taken type by type as the batch
// first touches each, and its way back to it.
type Txn struct {
	conn *nl.Conn
	pre  [numKinds]state // nil until taken
	// Refused lists the restoring requests the kernel refused, as
	// "restoring DESC: ERROR".
	Refused []string
}

// New starts a transaction whose dumps and restoring requests go through
// conn, a socket of its own in the batch's namespace.
func New(conn *nl.Conn) *Txn { return &Txn{conn: conn} }

// Touch takes, unless taken, the pre-image of the type m changes and of
// those it can change as a side effect. It refuses changes an atomic
// batch cannot undo.
func (t *Txn) Touch(m nl.Message) error {
	k, err := kindOf(m)
	if err != nil {
		return err
	}
	return t.take(k)
}

// TouchAll takes the pre-image of every type: for a line whose changes
// gip does not see before it runs.
func (t *Txn) TouchAll() error {
	for k := range numKinds {
		if err := t.take(k); err != nil {
			return err
		}
	}
	return nil
}

func (t *Txn) take(k kindID) error {
	if t.pre[k] != nil {
		return nil
	}
	s, err := t.dump(k)
	if err != nil {
		return err
	}
	t.pre[k] = s
	for _, a := range kinds[k].affects {
		if err := t.take(a); err != nil {
			return err
		}
	}
	return nil
}

// kindOf is the type of object a request changes.
func kindOf(m nl.Message) (kindID, error) {
	fam := uint8(0)
	if len(m.Data) > 0 {
		fam = m.Data[0]
	}
	switch m.Header.Type {
	case unix.RTM_NEWLINK, unix.RTM_DELLINK, unix.RTM_SETLINK:
		if fam == unix.AF_BRIDGE && len(m.Data) >= unix.SizeofIfInfomsg {
			if spec, ok := parseAttrs(m.Data, unix.SizeofIfInfomsg)[unix.IFLA_AF_SPEC]; ok {
				return bridgeSpecKind(spec)
			}
		}
		return kLink, nil
	case unix.RTM_NEWADDR, unix.RTM_DELADDR:
		return kAddr, nil
	case unix.RTM_NEWROUTE, unix.RTM_DELROUTE:
		if fam != unix.AF_INET && fam != unix.AF_INET6 {
			return 0, Unsupported("route of family " + familyName(fam))
		}
		return kRoute, nil
	case unix.RTM_NEWNEIGH, unix.RTM_DELNEIGH:
		if fam == unix.AF_BRIDGE {
			return kFdb, nil
		}
		return kNeigh, nil
	case unix.RTM_NEWRULE, unix.RTM_DELRULE:
		return kRule, nil
	case unix.RTM_NEWNEXTHOP, unix.RTM_DELNEXTHOP:
		return kNexthop, nil
	case unix.RTM_NEWQDISC, unix.RTM_DELQDISC:
		return kQdisc, nil
	case unix.RTM_NEWTCLASS, unix.RTM_DELTCLASS:
		return kClass, nil
	case unix.RTM_NEWTFILTER, unix.RTM_DELTFILTER:
		if len(m.Data) >= 8 && int32(ne.Uint32(m.Data[4:])) == -1 {
			return 0, Unsupported("filter of a shared block")
		}
		return kFilter, nil
	}
	return 0, Unsupported(objectName(m.Header.Type))
}

// objectName names the object a request of type typ changes, for one
// that an atomic batch cannot undo.
func objectName(typ uint16) string {
	switch {
	case typ >= unix.RTM_NEWQDISC && typ <= unix.RTM_GETTFILTER, typ >= unix.RTM_NEWCHAIN && typ <= unix.RTM_GETCHAIN,
		typ >= unix.RTM_NEWACTION && typ <= unix.RTM_GETACTION:
		return "tc"
	case typ >= unix.RTM_NEWADDRLABEL && typ <= unix.RTM_GETADDRLABEL:
		return "addrlabel"
	case typ >= unix.RTM_NEWNETCONF && typ <= unix.RTM_GETNETCONF:
		return "netconf"
	case typ >= unix.RTM_NEWNSID && typ <= unix.RTM_GETNSID:
		return "netns id"
	}
	return fmt.Sprintf("message type %d", typ)
}

// Unsupported is the error of a change an atomic batch cannot undo: what
// names its object.
func Unsupported(what string) error {
	return fail.Localf("An atomic batch cannot undo this change (%s).", what)
}

// dump reads the objects of one type.
func (t *Txn) dump(k kindID) (state, error) {
	var err error
	for range nl.DumpRetries {
		s := state{}
		if err = t.dumpInto(k, s); !errors.Is(err, nl.ErrDumpInterrupted) {
			return s, err
		}
	}
	return nil, err
}

func (t *Txn) dumpInto(k kindID, s state) error {
	return t.scanOnce(k, func(o object) { s[o.key] = o })
}

// scan streams the objects of type k to fn, keeping none: a rollback
// reads tables of any size. A dump the kernel interrupts is read again
// (fn must then forget what it saw: reset is called first).
func (t *Txn) scan(k kindID, reset func(), fn func(o object)) error {
	var err error
	for range nl.DumpRetries {
		reset()
		if err = t.scanOnce(k, fn); !errors.Is(err, nl.ErrDumpInterrupted) {
			return err
		}
	}
	return err
}

func (t *Txn) scanOnce(k kindID, fn func(o object)) error {
	reqs := kinds[k].dumps
	if kinds[k].requests != nil {
		var err error
		if reqs, err = kinds[k].requests(t); err != nil {
			return fmt.Errorf("reading the %ss: %w", kinds[k].name, err)
		}
	}
	for _, req := range reqs {
		for m, err := range t.conn.Dump(req) {
			if err != nil {
				return fmt.Errorf("reading the %ss: %w", kinds[k].name, err)
			}
			for _, o := range kinds[k].objects(m) {
				fn(o)
			}
		}
	}
	return nil
}

// Rollback brings every touched type back to its pre-image: what the
// batch created goes, dependents first; then links are restored, then
// what they hold.
func (t *Txn) Rollback() {
	t.Refused = t.Refused[:0]
	for _, k := range []kindID{kFilter, kClass, kQdisc, kRule, kRoute, kNeigh, kFdb, kNexthop, kAddr} {
		if t.pre[k] != nil {
			t.deleteExtra(k)
		}
	}
	if t.pre[kLink] != nil {
		t.restoreLinks()
	}
	// A port enslaved again has its master's default pvid by then.
	if t.pre[kBrVlan] != nil {
		t.deleteExtra(kBrVlan)
	}
	for _, k := range []kindID{kAddr, kNexthop, kRoute, kNeigh, kFdb, kRule, kQdisc, kClass, kFilter, kBrVlan} {
		if t.pre[k] != nil {
			t.putBack(k)
		}
	}
}

// deleteExtra deletes the objects of type k the pre-image lacks, those
// that hold others first.
func (t *Txn) deleteExtra(k kindID) {
	var extra []object
	err := t.scan(k, func() { extra = extra[:0] }, func(o object) {
		if _, ok := t.pre[k][o.key]; !ok {
			extra = append(extra, object{desc: o.desc, data: o.data, order: o.order})
		}
	})
	if err != nil {
		t.refused(kinds[k].name+"s", err)
		return
	}
	slices.SortStableFunc(extra, func(a, b object) int { return b.order - a.order })
	for _, o := range extra {
		t.exec(o.desc, kinds[k].del(o), true)
	}
}

// putBack re-creates the objects of type k the batch deleted and
// restores those it changed, those held by others first.
func (t *Txn) putBack(k kindID) {
	same := map[string]bool{}
	err := t.scan(k, func() { clear(same) }, func(o object) {
		if p, ok := t.pre[k][o.key]; ok && p.body == o.body {
			same[o.key] = true
		}
	})
	if err != nil {
		t.refused(kinds[k].name+"s", err)
		return
	}
	var missing []object
	for key, o := range t.pre[k] {
		if !same[key] {
			missing = append(missing, o)
		}
	}
	slices.SortFunc(missing, func(a, b object) int {
		if a.order != b.order {
			return a.order - b.order
		}
		return strings.Compare(a.key, b.key)
	})
	for pass := kinds[k].passes; ; pass-- {
		var again []object
		for _, o := range missing {
			m := kinds[k].put(o)
			if m.Header.Type == 0 {
				continue // comes back with others
			}
			if pass > 0 {
				if err := t.execute(m); err != nil {
					again = append(again, o)
				}
				continue
			}
			if err := t.execute(m); err != nil && !t.remade(k, o) {
				t.refused(o.desc, err)
			}
		}
		if len(again) == 0 || pass <= 0 {
			return
		}
		missing = again
	}
}

// remade deletes o and creates it again, where its type allows it (see
// kind.remake); false when it does not or the kernel refuses either.
func (t *Txn) remade(k kindID, o object) bool {
	if !kinds[k].remake {
		return false
	}
	if err := t.execute(kinds[k].del(o)); err != nil {
		return false
	}
	return t.execute(message(kinds[k].put(o).Header.Type, nl.Create|nl.Excl, o.data)) == nil
}

// exec sends one restoring request; gone says a refusal because the
// object is gone already (a deletion) is no failure.
func (t *Txn) exec(desc string, m nl.Message, gone bool) bool {
	err := t.execute(m)
	if err == nil || gone && (fail.IsGone(err) || errors.Is(err, unix.ENODEV)) {
		return true
	}
	t.refused(desc, err)
	return false
}

func (t *Txn) refused(desc string, err error) {
	t.Refused = append(t.Refused, fmt.Sprintf("restoring %s: %s", desc, (&fail.KernelError{Err: err, Prefix: "the kernel answers"}).Error()))
}

// Verify dumps every touched type and lists what differs from the
// pre-image ("- " missing, "+ " extra, "~ " changed), trying again for a
// while: carrier and IPv6 addresses follow a link's state late.
func (t *Txn) Verify(tries int, wait time.Duration) []string {
	for i := 1; ; i++ {
		d := t.diff()
		if len(d) == 0 || i >= tries {
			return d
		}
		time.Sleep(wait)
	}
}

func (t *Txn) diff() []string {
	var out []string
	for k := range numKinds {
		if t.pre[k] == nil {
			continue
		}
		seen := map[string]bool{}
		var found []string
		err := t.scan(k, func() { clear(seen); found = found[:0] }, func(c object) {
			o, ok := t.pre[k][c.key]
			if !ok {
				found = append(found, "+ "+c.desc)
				return
			}
			seen[c.key] = true
			if c.body != o.body {
				found = append(found, "~ "+o.desc+changeNote(k, o, c))
			}
		})
		if err != nil {
			out = append(out, fmt.Sprintf("? %ss: %s", kinds[k].name, fail.Strerror(err)))
			continue
		}
		out = append(out, found...)
		for key, o := range t.pre[k] {
			if !seen[key] {
				out = append(out, "- "+o.desc)
			}
		}
	}
	slices.Sort(out)
	return out
}

// changeNote says how a link changed; other objects print whole.
func changeNote(k kindID, was, now object) string {
	if k == kLink {
		return fmt.Sprintf(": was %s, is %s", was.body, now.body)
	}
	return ""
}
