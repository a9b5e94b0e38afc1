package ipset

import (
	"fmt"
	"maps"
)

// Component is one dimension of a set type's element.
type Component int

// Element components, named after how ipset parses them.
const (
	// CompIPSingle6: IPv4 address, IPv4 range or IPv4 CIDR (expanded by the
	// kernel); a single IPv6 address.
	CompIPSingle6 Component = iota + 1
	// CompNet: an IPv4 or IPv6 network (address with optional /cidr), or an
	// IPv4 range.
	CompNet
	// CompIP: address, range or CIDR, IPv4 only (bitmap:ip).
	CompIP
	// CompSingleIP: one address and nothing else.
	CompSingleIP
	// CompProtoPort: [proto:]port[-port], or icmp:type/code.
	CompProtoPort
	// CompPort: a TCP/UDP port or port range (bitmap:port).
	CompPort
	// CompIface: an interface name, optionally prefixed "physdev:".
	CompIface
	// CompEther: a MAC address.
	CompEther
	// CompMark: a 32-bit packet mark.
	CompMark
	// CompSetName: a set name (list:set members).
	CompSetName
)

// Option names a keyword of create or of add, in the order ipset prints
// them.
type Option string

// Create and add/del/test keywords.
const (
	OptFamily     Option = "family"
	OptHashSize   Option = "hashsize"
	OptMaxElem    Option = "maxelem"
	OptNetmask    Option = "netmask"
	OptBitmask    Option = "bitmask"
	OptMarkMask   Option = "markmask"
	OptTimeout    Option = "timeout"
	OptCounters   Option = "counters"
	OptComment    Option = "comment"
	OptForceAdd   Option = "forceadd"
	OptSkbInfo    Option = "skbinfo"
	OptBucketSize Option = "bucketsize"
	OptInitVal    Option = "initval"
	OptRange      Option = "range"
	OptSize       Option = "size"
	// Accepted and ignored at create, for old scripts.
	OptProbes Option = "probes"
	OptResize Option = "resize"
	OptGC     Option = "gc"

	OptNoMatch  Option = "nomatch"
	OptWildcard Option = "wildcard"
	OptPackets  Option = "packets"
	OptBytes    Option = "bytes"
	OptSkbMark  Option = "skbmark"
	OptSkbPrio  Option = "skbprio"
	OptSkbQueue Option = "skbqueue"
	OptBefore   Option = "before"
	OptAfter    Option = "after"
)

// TypeInfo describes a set type as userspace knows it: its element, its
// options and the revisions ipset 7.17 speaks.
type TypeInfo struct {
	Name     string
	Revision uint8 // newest revision known here
	// MinRevision is the oldest revision known here.
	MinRevision uint8
	// Family is FamilyUnspec for types without a family (bitmap:port,
	// list:set, hash:mac), FamilyINET for IPv4-only types, and
	// familyBoth for types that take "family inet|inet6".
	Family uint8
	Elem   []Component
	Create []Option // create keywords, in print order
	Add    []Option // add keywords, in print order
	Del    []Option // keywords del accepts
	Test   []Option // keywords test accepts
	// CreateSince and ADTSince give the revision that brought each
	// create and add/del/test keyword newer than MinRevision, as ipset
	// 7.17's type table has them; the others are in every revision.
	CreateSince map[Option]uint8
	ADTSince    map[Option]uint8
}

// Keywords returns the keywords cmd (CmdCreate, CmdAdd, CmdDel or
// CmdTest) takes in the newest revision.
func (t *TypeInfo) Keywords(cmd Cmd) []Option {
	switch cmd {
	case CmdCreate:
		return t.Create
	case CmdAdd:
		return t.Add
	case CmdDel:
		return t.Del
	case CmdTest:
		return t.Test
	}
	return nil
}

// Since reports whether command cmd takes keyword o in some revision of
// the type, and from which revision on.
func (t *TypeInfo) Since(cmd Cmd, o Option) (uint8, bool) {
	if !hasOpt(t.Keywords(cmd), o) {
		return 0, false
	}
	since := t.ADTSince
	if cmd == CmdCreate {
		since = t.CreateSince
	}
	if r, ok := since[o]; ok {
		return r, true
	}
	return t.MinRevision, true
}

// DefaultFamily is the family a set of the type gets unless create says
// otherwise, and the one ipset asks the kernel's type revisions for.
func (t *TypeInfo) DefaultFamily() uint8 {
	if t.HasFamily() {
		return FamilyINET
	}
	return t.Family
}

// FamilyUpper names a family as ipset's revision messages do.
func familyUpper(f uint8) string {
	switch f {
	case FamilyINET:
		return "INET"
	case FamilyINET6:
		return "INET6"
	}
	return "UNSPEC"
}

// RevisionError is the refusal to create a set of a type of which the
// kernel and ipset 7.17 have no revision in common, worded as ipset
// words it.
type RevisionError struct {
	Type                 string // the type as the user named it
	Family               uint8
	KernelMin, KernelMax uint8
	Min, Max             uint8 // the revisions known here
}

func (e *RevisionError) Error() string {
	if e.KernelMin > e.Max {
		return fmt.Sprintf("Kernel supports %s type, family %s with minimal revision %d while ipset program with maximal revision %d.\nYou need to upgrade your ipset program.",
			e.Type, familyUpper(e.Family), e.KernelMin, e.Max)
	}
	return fmt.Sprintf("Kernel supports %s type, family %s with maximal revision %d while ipset program with minimal revision %d.\nYou need to upgrade your kernel.",
		e.Type, familyUpper(e.Family), e.KernelMax, e.Min)
}

// ChooseRevision picks the revision of the type to create a set with when
// the kernel has revisions kmin to kmax of it for family: the newest one
// both sides know, as ipset picks it. With none in common it returns a
// *RevisionError naming the type as typeName (what the user wrote).
func (t *TypeInfo) ChooseRevision(typeName string, family, kmin, kmax uint8) (uint8, error) {
	if max(kmin, t.MinRevision) > min(kmax, t.Revision) {
		return 0, &RevisionError{Type: typeName, Family: family, KernelMin: kmin, KernelMax: kmax, Min: t.MinRevision, Max: t.Revision}
	}
	return min(kmax, t.Revision), nil
}

// KnowsRevision reports whether rev is one of the type's revisions known
// here.
func (t *TypeInfo) KnowsRevision(rev uint8) bool {
	return rev >= t.MinRevision && rev <= t.Revision
}

// familyBoth marks a type with a family option (NFPROTO_IPSET_IPV46).
const familyBoth = 255

// HasFamily reports whether the type takes "family inet|inet6".
func (t *TypeInfo) HasFamily() bool { return t.Family == familyBoth }

// Takes reports whether the create keywords include o.
func (t *TypeInfo) Takes(o Option) bool { return hasOpt(t.Create, o) }

// TakesADT reports whether the add keywords include o.
func (t *TypeInfo) TakesADT(o Option) bool { return hasOpt(t.Add, o) }

func hasOpt(list []Option, o Option) bool {
	for _, x := range list {
		if x == o {
			return true
		}
	}
	return false
}

var (
	hashExt = []Option{OptTimeout, OptCounters, OptComment, OptForceAdd, OptSkbInfo, OptBucketSize, OptInitVal}
	addExt  = []Option{OptTimeout, OptPackets, OptBytes, OptComment, OptSkbMark, OptSkbPrio, OptSkbQueue}
	addNet  = []Option{OptTimeout, OptNoMatch, OptPackets, OptBytes, OptComment, OptSkbMark, OptSkbPrio, OptSkbQueue}
)

func cat(parts ...[]Option) []Option {
	var out []Option
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// since maps keywords to the revision that brought them.
type since = map[Option]uint8

// extSince gives, for a type's create keywords and for its add keywords,
// the revisions that brought counters (with packets and bytes), comment,
// forceadd (create only) and skbinfo (with skbmark, skbprio and
// skbqueue); 0 leaves a keyword out, for those in every revision.
func extSince(counters, comment, forceAdd, skbInfo uint8) (create, adt since) {
	create, adt = since{}, since{}
	set := func(m since, r uint8, opts ...Option) {
		if r != 0 {
			for _, o := range opts {
				m[o] = r
			}
		}
	}
	set(create, counters, OptCounters)
	set(adt, counters, OptPackets, OptBytes)
	set(create, comment, OptComment)
	set(adt, comment, OptComment)
	set(create, forceAdd, OptForceAdd)
	set(create, skbInfo, OptSkbInfo)
	set(adt, skbInfo, OptSkbMark, OptSkbPrio, OptSkbQueue)
	return create, adt
}

// newType fills in a type's revision tables: the extensions' revisions
// as extSince takes them, and the revision that brought bucketsize and
// initval (0 when the type has them in every revision).
// Entries t has already are kept.
func newType(t *TypeInfo, counters, comment, forceAdd, skbInfo, bucket uint8) *TypeInfo {
	create, adt := extSince(counters, comment, forceAdd, skbInfo)
	if bucket != 0 {
		create[OptBucketSize], create[OptInitVal] = bucket, bucket
	}
	maps.Copy(create, t.CreateSince)
	maps.Copy(adt, t.ADTSince)
	t.CreateSince, t.ADTSince = create, adt
	return t
}

// types lists the set types, keyed by name. The create lists follow the
// order in which ipset prints a set's header; the revisions are those of
// ipset 7.17's lib/ipset_*.c.
var types = map[string]*TypeInfo{
	"hash:ip": newType(&TypeInfo{Name: "hash:ip", MinRevision: 0, Revision: 6, Family: familyBoth, Elem: []Component{CompIPSingle6},
		Create: cat([]Option{OptFamily, OptHashSize, OptMaxElem, OptNetmask, OptBitmask}, hashExt, []Option{OptProbes, OptResize, OptGC}),
		Add:    addExt, CreateSince: since{OptBitmask: 6}}, 1, 2, 3, 4, 5),
	"hash:net": newType(&TypeInfo{Name: "hash:net", MinRevision: 0, Revision: 7, Family: familyBoth, Elem: []Component{CompNet},
		Create: cat([]Option{OptFamily, OptHashSize, OptMaxElem}, hashExt, []Option{OptProbes, OptResize}),
		Add:    addNet, Test: []Option{OptNoMatch}, ADTSince: since{OptNoMatch: 2}}, 3, 4, 5, 6, 7),
	"hash:ip,port": newType(&TypeInfo{Name: "hash:ip,port", MinRevision: 1, Revision: 7, Family: familyBoth, Elem: []Component{CompIPSingle6, CompProtoPort},
		Create: cat([]Option{OptFamily, OptHashSize, OptMaxElem}, hashExt, []Option{OptNetmask, OptBitmask, OptProbes, OptResize}),
		Add:    addExt, CreateSince: since{OptNetmask: 7, OptBitmask: 7}}, 2, 3, 4, 5, 6),
	"hash:net,port": newType(&TypeInfo{Name: "hash:net,port", MinRevision: 1, Revision: 8, Family: familyBoth, Elem: []Component{CompNet, CompProtoPort},
		Create: cat([]Option{OptFamily, OptHashSize, OptMaxElem}, hashExt),
		Add:    addNet, Test: []Option{OptNoMatch}, ADTSince: since{OptNoMatch: 3}}, 4, 5, 6, 7, 8),
	"hash:ip,port,ip": newType(&TypeInfo{Name: "hash:ip,port,ip", MinRevision: 1, Revision: 6, Family: familyBoth, Elem: []Component{CompIPSingle6, CompProtoPort, CompSingleIP},
		Create: cat([]Option{OptFamily, OptHashSize, OptMaxElem}, hashExt, []Option{OptProbes, OptResize}),
		Add:    addExt}, 2, 3, 4, 5, 6),
	"hash:ip,port,net": newType(&TypeInfo{Name: "hash:ip,port,net", MinRevision: 1, Revision: 8, Family: familyBoth, Elem: []Component{CompIPSingle6, CompProtoPort, CompNet},
		Create: cat([]Option{OptFamily, OptHashSize, OptMaxElem}, hashExt, []Option{OptProbes, OptResize}),
		Add:    addNet, Test: []Option{OptNoMatch}, ADTSince: since{OptNoMatch: 3}}, 4, 5, 6, 7, 8),
	"hash:net,port,net": newType(&TypeInfo{Name: "hash:net,port,net", MinRevision: 0, Revision: 3, Family: familyBoth, Elem: []Component{CompNet, CompProtoPort, CompNet},
		Create: cat([]Option{OptFamily, OptHashSize, OptMaxElem}, hashExt),
		Add:    addNet, Test: []Option{OptNoMatch}}, 0, 0, 1, 2, 3),
	"hash:net,net": newType(&TypeInfo{Name: "hash:net,net", MinRevision: 0, Revision: 4, Family: familyBoth, Elem: []Component{CompNet, CompNet},
		Create: cat([]Option{OptFamily, OptHashSize, OptMaxElem}, hashExt, []Option{OptBitmask, OptNetmask}),
		Add:    addNet, Test: []Option{OptNoMatch}, CreateSince: since{OptBitmask: 4, OptNetmask: 4}}, 0, 0, 1, 2, 3),
	"hash:net,iface": newType(&TypeInfo{Name: "hash:net,iface", MinRevision: 0, Revision: 8, Family: familyBoth, Elem: []Component{CompNet, CompIface},
		Create: cat([]Option{OptFamily, OptHashSize, OptMaxElem}, hashExt),
		Add:    []Option{OptTimeout, OptNoMatch, OptWildcard, OptPackets, OptBytes, OptComment, OptSkbMark, OptSkbPrio, OptSkbQueue},
		Test:   []Option{OptNoMatch}, ADTSince: since{OptNoMatch: 1, OptWildcard: 7}}, 3, 4, 5, 6, 8),
	"hash:ip,mac": newType(&TypeInfo{Name: "hash:ip,mac", MinRevision: 0, Revision: 1, Family: familyBoth, Elem: []Component{CompIPSingle6, CompEther},
		Create: cat([]Option{OptFamily, OptHashSize, OptMaxElem}, hashExt),
		Add:    addExt}, 0, 0, 0, 0, 1),
	"hash:ip,mark": newType(&TypeInfo{Name: "hash:ip,mark", MinRevision: 0, Revision: 3, Family: familyBoth, Elem: []Component{CompIPSingle6, CompMark},
		Create: cat([]Option{OptFamily, OptMarkMask, OptHashSize, OptMaxElem}, hashExt, []Option{OptProbes, OptResize}),
		Add:    addExt}, 0, 0, 1, 2, 3),
	"hash:mac": newType(&TypeInfo{Name: "hash:mac", MinRevision: 0, Revision: 1, Family: FamilyUnspec, Elem: []Component{CompEther},
		Create: cat([]Option{OptHashSize, OptMaxElem}, hashExt),
		Add:    addExt}, 0, 0, 0, 0, 1),
	"bitmap:ip": newType(&TypeInfo{Name: "bitmap:ip", MinRevision: 0, Revision: 3, Family: FamilyINET, Elem: []Component{CompIP},
		Create: []Option{OptRange, OptNetmask, OptTimeout, OptCounters, OptComment, OptSkbInfo},
		Add:    addExt}, 1, 2, 0, 3, 0),
	"bitmap:ip,mac": newType(&TypeInfo{Name: "bitmap:ip,mac", MinRevision: 0, Revision: 3, Family: FamilyINET, Elem: []Component{CompSingleIP, CompEther},
		Create: []Option{OptRange, OptTimeout, OptCounters, OptComment, OptSkbInfo},
		Add:    addExt}, 1, 2, 0, 3, 0),
	"bitmap:port": newType(&TypeInfo{Name: "bitmap:port", MinRevision: 0, Revision: 3, Family: FamilyUnspec, Elem: []Component{CompPort},
		Create: []Option{OptRange, OptTimeout, OptCounters, OptComment, OptSkbInfo},
		Add:    addExt}, 1, 2, 0, 3, 0),
	"list:set": newType(&TypeInfo{Name: "list:set", MinRevision: 0, Revision: 3, Family: FamilyUnspec, Elem: []Component{CompSetName},
		Create: []Option{OptSize, OptTimeout, OptCounters, OptComment, OptSkbInfo},
		Add:    []Option{OptTimeout, OptBefore, OptAfter, OptPackets, OptBytes, OptComment, OptSkbMark, OptSkbPrio, OptSkbQueue},
		Del:    []Option{OptBefore, OptAfter}, Test: []Option{OptBefore, OptAfter}}, 1, 2, 0, 3, 0),
}

// typeAliases are the old names ipset still accepts.
var typeAliases = map[string]string{
	"iphash": "hash:ip", "nethash": "hash:net", "ipporthash": "hash:ip,port",
	"ipportiphash": "hash:ip,port,ip", "ipportnethash": "hash:ip,port,net",
	"ipmap": "bitmap:ip", "macipmap": "bitmap:ip,mac", "portmap": "bitmap:port",
	"setlist": "list:set",
}

// LookupType returns the type called name (or by one of its old aliases).
func LookupType(name string) (*TypeInfo, bool) {
	if a, ok := typeAliases[name]; ok {
		name = a
	}
	t, ok := types[name]
	return t, ok
}

// TypeNames returns the known type names in ipset's help order.
func TypeNames() []string {
	return []string{"list:set", "hash:mac", "hash:ip,mac", "hash:net,iface", "hash:net,port",
		"hash:net,port,net", "hash:net,net", "hash:net", "hash:ip,port,net", "hash:ip,port,ip",
		"hash:ip,mark", "hash:ip,port", "hash:ip", "bitmap:port", "bitmap:ip,mac", "bitmap:ip"}
}
