package nft

import (
	"bytes"
	"slices"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/nftables"
)

// set is a set or map with its types resolved and its elements.
type set struct {
	nftables.Set
	keyTypes []*dtype
	data     *dtype // a map's data type; nil for a verdict map
	elems    []nftables.Element
}

func newSet(s nftables.Set) *set {
	st := &set{Set: s, keyTypes: concatTypes(s.KeyType, s.KeyLen)}
	if s.IsMap() && s.DataType != dataVerdict {
		st.data = typeByID(s.DataType)
		if st.data == nil {
			st.data = &dtype{id: typeInteger, name: "integer", size: int(s.DataLen)}
		}
	}
	return st
}

// typeExpr is the set's key type as nft declares it: "ipv4_addr",
// "ipv4_addr . inet_service".
func (s *set) typeExpr() expr {
	if len(s.keyTypes) == 1 {
		return expr{s.keyTypes[0].name, s.keyTypes[0].name}
	}
	names := make([]string, len(s.keyTypes))
	js := make([]any, len(s.keyTypes))
	for i, t := range s.keyTypes {
		names[i], js[i] = t.name, t.name
	}
	return expr{strings.Join(names, " . "), js}
}

// listsAsMap says nft lists the set as a map: of data, verdicts or
// objects.
func (s *set) listsAsMap() bool { return s.IsMap() || s.Flags&nftables.SetObject != 0 }

func (s *set) dataName() string {
	if s.Flags&nftables.SetObject != 0 {
		return objTypeNames[s.ObjType]
	}
	if s.data == nil {
		return "verdict"
	}
	return s.data.name
}

// reference is how a rule names the set: its elements for an anonymous
// set, @name for a named one.
func (s *set) reference() expr {
	if !s.IsAnonymous() {
		return expr{"@" + s.Name, "@" + s.Name}
	}
	els := s.elements()
	e := expr{text: "{ "}
	js := make([]any, len(els))
	for i, el := range els {
		if i > 0 {
			e.text += ", "
		}
		e.text += el.text
		js[i] = el.json
	}
	e.text += " }"
	e.json = obj("set", js)
	return e
}

// elemExpr is one element as listed, intervals joined into prefixes or
// ranges.
type elemExpr struct {
	expr
}

// member is one value of the key: split the key into its members' values.
func (s *set) members(key []byte) [][]byte {
	if len(s.keyTypes) == 1 {
		return [][]byte{key}
	}
	out := make([][]byte, 0, len(s.keyTypes))
	for _, t := range s.keyTypes {
		n := t.size
		room := regSize(n)
		if room > len(key) {
			return nil
		}
		out = append(out, key[:n])
		key = key[room:]
	}
	return out
}

// compare orders two keys as nft sorts elements: member by member, each
// as a number in its type's byte order.
func (s *set) compare(a, b []byte) int {
	ma, mb := s.members(a), s.members(b)
	if ma == nil || mb == nil || len(ma) != len(mb) {
		return bytes.Compare(a, b)
	}
	for i, t := range s.keyTypes {
		x, y := ma[i], mb[i]
		if t.host {
			x, y = reversed(x), reversed(y)
		}
		if c := bytes.Compare(x, y); c != 0 {
			return c
		}
	}
	return 0
}

func reversed(b []byte) []byte {
	r := slices.Clone(b)
	slices.Reverse(r)
	return r
}

// elements returns the set's elements in nft's order and form.
func (s *set) elements() []elemExpr {
	els := s.elems // sorted in place: the set is read for this listing
	interval := s.Flags&nftables.SetInterval != 0 && len(s.keyTypes) == 1
	// The kernel orders intervals by their bytes.
	cmp := bytes.Compare
	if !interval {
		cmp = s.compare
	}
	sortElements(els, cmp)
	var out []elemExpr
	for i := range els {
		el := &els[i]
		if el.Flags&nftables.ElemIntervalEnd != 0 {
			continue
		}
		var key expr
		switch {
		case el.Flags&nftables.ElemCatchall != 0:
			key = expr{"*", "*"}
		case interval:
			key = intervalExpr(s.keyTypes[0], el.Key, intervalEnd(els, i))
		case el.KeyEnd != nil:
			lo, hi := s.members(el.Key), s.members(el.KeyEnd)
			if lo == nil || hi == nil {
				key = expr{"?", "?"}
				break
			}
			parts := make([]expr, len(lo))
			for j, t := range s.keyTypes {
				parts[j] = intervalExpr(t, lo[j], hi[j])
			}
			key = concatExpr(parts)
		default:
			ms := s.members(el.Key)
			if ms == nil {
				key = expr{"?", "?"}
				break
			}
			parts := make([]expr, len(ms))
			for j, t := range s.keyTypes {
				parts[j] = valueExpr(t, ms[j])
			}
			key = concatExpr(parts)
		}
		out = append(out, elemExpr{s.element(key, el)})
	}
	return out
}

// element adds an element's timeouts and a map's data to its key.
func (s *set) element(key expr, el *nftables.Element) expr {
	e := key
	if el.Timeout != 0 || el.Expiration != 0 {
		o := new(format.Obj).Set("val", key.json)
		if el.Timeout != 0 {
			e.text += " timeout " + duration(el.Timeout)
			o.Set("timeout", el.Timeout/1000)
		}
		if el.Expiration != 0 {
			e.text += " expires " + duration(el.Expiration)
			o.Set("expires", el.Expiration/1000)
		}
		e.json = obj("elem", o)
	}
	if el.ObjRef != "" { // an object map's
		return expr{e.text + " : " + strconv.Quote(el.ObjRef), []any{e.json, el.ObjRef}}
	}
	if !s.IsMap() || el.Data == nil {
		return e
	}
	var data expr
	switch {
	case el.Data.Verdict != nil:
		data = verdictExpr(*el.Data.Verdict)
	case s.data != nil:
		data = valueExpr(s.data, el.Data.Value)
	}
	return expr{e.text + " : " + data.text, []any{e.json, data.json}}
}

// intervalExpr is [lo, hi] as nft shows it: a value, a prefix or a range.
func intervalExpr(t *dtype, lo, hi []byte) expr {
	if bytes.Equal(lo, hi) {
		return valueExpr(t, lo)
	}
	if t == tIfname || t == tString {
		if w, ok := wildcard(lo, hi); ok {
			return expr{strconvQuote(w), w}
		}
	}
	if n, ok := prefixOf(lo, hi); ok && !t.host && (t == tIPv4 || t == tIPv6) {
		return prefixExpr(valueExpr(t, lo), n)
	}
	return rangeExpr(valueExpr(t, lo), valueExpr(t, hi))
}

// prefixOf reports whether [lo, hi] is exactly a prefix, and its length.
func prefixOf(lo, hi []byte) (int, bool) {
	if len(lo) != len(hi) {
		return 0, false
	}
	mask := make([]byte, len(lo))
	for i := range lo {
		mask[i] = ^(lo[i] ^ hi[i])
	}
	n, ok := prefixLen(mask)
	if !ok {
		return 0, false
	}
	for i := range lo {
		if lo[i]&^mask[i] != 0 || hi[i]|mask[i] != 0xff {
			return 0, false
		}
	}
	return n, true
}

// decrement returns b-1, b a big-endian number as interval keys are.
func decrement(b []byte) []byte {
	r := slices.Clone(b)
	for i := len(r) - 1; i >= 0; i-- {
		r[i]--
		if r[i] != 0xff {
			break
		}
	}
	return r
}

// duration prints milliseconds as nft does: 1h, 59m59s920ms, 1d2h.
func duration(ms uint64) string {
	if ms == 0 {
		return "0s"
	}
	var b strings.Builder
	for _, u := range []struct {
		n    uint64
		unit string
	}{{86400000, "d"}, {3600000, "h"}, {60000, "m"}, {1000, "s"}, {1, "ms"}} {
		if v := ms / u.n; v > 0 {
			b.WriteString(itoa(int(v)) + u.unit)
			ms %= u.n
		}
	}
	return b.String()
}

// elementDelim is what nft puts between a named set's elements: a few
// short values share a line, others get a line each.
func (s *set) elementDelim(count *int) string {
	const newline = ",\n\t\t\t     "
	if len(s.keyTypes) != 1 {
		return newline
	}
	per := 0
	switch s.keyTypes[0].id {
	case typeNFProto, typeInteger, typeInetProto, typeInetService, typeMark, typeUID, typeGID, 20, 23, 27, 11, 15, 16:
		per = 5
	case typeIPv4, typeCtState, 28, 31:
		per = 2
	}
	if per == 0 {
		return newline
	}
	if *count < per {
		return ", "
	}
	*count = 0
	return newline
}

// Set user data (NFTNL_UDATA_SET_*), type-length-value records.
const (
	udataSetKeyOrder  = 0
	udataSetDataOrder = 1
	udataSetMerge     = 2
	udataSetComment   = 7
)

// udata returns the value of record typ in user data b.
func udata(b []byte, typ byte) ([]byte, bool) {
	for len(b) >= 2 {
		t, n := b[0], int(b[1])
		if 2+n > len(b) {
			return nil, false
		}
		if t == typ {
			return b[2 : 2+n], true
		}
		b = b[2+n:]
	}
	return nil, false
}

func udataString(v []byte) string {
	if i := bytes.IndexByte(v, 0); i >= 0 {
		v = v[:i]
	}
	return string(v)
}

// wildcard reads the interval of every name starting with a prefix as
// nft's "eth*".
func wildcard(lo, hi []byte) (string, bool) {
	n := bytes.IndexByte(lo, 0)
	if n < 0 || !allZero(lo[n:]) {
		return "", false
	}
	if !bytes.Equal(lo[:n], hi[:n]) || len(bytes.Trim(hi[n:], "\xff")) != 0 {
		return "", false
	}
	return string(lo[:n]) + "*", true
}

func strconvQuote(s string) string { return `"` + s + `"` }
