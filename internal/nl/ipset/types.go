package ipset

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
// options and the newest revision ipset 7.17 speaks.
type TypeInfo struct {
	Name     string
	Revision uint8 // newest revision known here
	// Family is FamilyUnspec for types without a family (bitmap:port,
	// list:set, hash:mac), FamilyINET for IPv4-only types, and
	// familyBoth for types that take "family inet|inet6".
	Family uint8
	Elem   []Component
	Create []Option // create keywords, in print order
	Add    []Option // add keywords, in print order
	Del    []Option // extra keywords del and test accept
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

// types lists the set types, keyed by name. The create lists follow the
// order in which ipset prints a set's header.
var types = map[string]*TypeInfo{
	"hash:ip": {Name: "hash:ip", Revision: 6, Family: familyBoth, Elem: []Component{CompIPSingle6},
		Create: cat([]Option{OptFamily, OptHashSize, OptMaxElem, OptNetmask, OptBitmask}, hashExt, []Option{OptProbes, OptResize, OptGC}),
		Add:    addExt},
	"hash:net": {Name: "hash:net", Revision: 7, Family: familyBoth, Elem: []Component{CompNet},
		Create: cat([]Option{OptFamily, OptHashSize, OptMaxElem}, hashExt, []Option{OptProbes, OptResize}),
		Add:    addNet, Del: []Option{OptNoMatch}},
	"hash:ip,port": {Name: "hash:ip,port", Revision: 7, Family: familyBoth, Elem: []Component{CompIPSingle6, CompProtoPort},
		Create: cat([]Option{OptFamily, OptHashSize, OptMaxElem}, hashExt, []Option{OptNetmask, OptBitmask, OptProbes, OptResize}),
		Add:    addExt},
	"hash:net,port": {Name: "hash:net,port", Revision: 8, Family: familyBoth, Elem: []Component{CompNet, CompProtoPort},
		Create: cat([]Option{OptFamily, OptHashSize, OptMaxElem}, hashExt),
		Add:    addNet, Del: []Option{OptNoMatch}},
	"hash:ip,port,ip": {Name: "hash:ip,port,ip", Revision: 6, Family: familyBoth, Elem: []Component{CompIPSingle6, CompProtoPort, CompSingleIP},
		Create: cat([]Option{OptFamily, OptHashSize, OptMaxElem}, hashExt, []Option{OptProbes, OptResize}),
		Add:    addExt},
	"hash:ip,port,net": {Name: "hash:ip,port,net", Revision: 8, Family: familyBoth, Elem: []Component{CompIPSingle6, CompProtoPort, CompNet},
		Create: cat([]Option{OptFamily, OptHashSize, OptMaxElem}, hashExt, []Option{OptProbes, OptResize}),
		Add:    addNet, Del: []Option{OptNoMatch}},
	"hash:net,port,net": {Name: "hash:net,port,net", Revision: 3, Family: familyBoth, Elem: []Component{CompNet, CompProtoPort, CompNet},
		Create: cat([]Option{OptFamily, OptHashSize, OptMaxElem}, hashExt),
		Add:    addNet, Del: []Option{OptNoMatch}},
	"hash:net,net": {Name: "hash:net,net", Revision: 4, Family: familyBoth, Elem: []Component{CompNet, CompNet},
		Create: cat([]Option{OptFamily, OptHashSize, OptMaxElem}, hashExt, []Option{OptBitmask, OptNetmask}),
		Add:    addNet, Del: []Option{OptNoMatch}},
	"hash:net,iface": {Name: "hash:net,iface", Revision: 8, Family: familyBoth, Elem: []Component{CompNet, CompIface},
		Create: cat([]Option{OptFamily, OptHashSize, OptMaxElem}, hashExt),
		Add:    []Option{OptTimeout, OptNoMatch, OptWildcard, OptPackets, OptBytes, OptComment, OptSkbMark, OptSkbPrio, OptSkbQueue},
		Del:    []Option{OptNoMatch}},
	"hash:ip,mac": {Name: "hash:ip,mac", Revision: 1, Family: familyBoth, Elem: []Component{CompIPSingle6, CompEther},
		Create: cat([]Option{OptFamily, OptHashSize, OptMaxElem}, hashExt),
		Add:    addExt},
	"hash:ip,mark": {Name: "hash:ip,mark", Revision: 3, Family: familyBoth, Elem: []Component{CompIPSingle6, CompMark},
		Create: cat([]Option{OptFamily, OptMarkMask, OptHashSize, OptMaxElem}, hashExt, []Option{OptProbes, OptResize}),
		Add:    addExt},
	"hash:mac": {Name: "hash:mac", Revision: 1, Family: FamilyUnspec, Elem: []Component{CompEther},
		Create: cat([]Option{OptHashSize, OptMaxElem}, hashExt),
		Add:    addExt},
	"bitmap:ip": {Name: "bitmap:ip", Revision: 3, Family: FamilyINET, Elem: []Component{CompIP},
		Create: []Option{OptRange, OptNetmask, OptTimeout, OptCounters, OptComment, OptSkbInfo},
		Add:    addExt},
	"bitmap:ip,mac": {Name: "bitmap:ip,mac", Revision: 3, Family: FamilyINET, Elem: []Component{CompSingleIP, CompEther},
		Create: []Option{OptRange, OptTimeout, OptCounters, OptComment, OptSkbInfo},
		Add:    addExt},
	"bitmap:port": {Name: "bitmap:port", Revision: 3, Family: FamilyUnspec, Elem: []Component{CompPort},
		Create: []Option{OptRange, OptTimeout, OptCounters, OptComment, OptSkbInfo},
		Add:    addExt},
	"list:set": {Name: "list:set", Revision: 3, Family: FamilyUnspec, Elem: []Component{CompSetName},
		Create: []Option{OptSize, OptTimeout, OptCounters, OptComment, OptSkbInfo},
		Add:    []Option{OptTimeout, OptBefore, OptAfter, OptPackets, OptBytes, OptComment, OptSkbMark, OptSkbPrio, OptSkbQueue},
		Del:    []Option{OptBefore, OptAfter}},
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
