package env

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"golang.org/x/sys/unix"
)

// Iproute2ConfDir holds the name databases ip reads (rt_tables, rt_protos,
// ...); Iproute2UsrDir the distribution's, read when the first has no
// such file (and both for FILE.d). Variables so tests can point them
// elsewhere.
var (
	Iproute2ConfDir = "/etc/iproute2"
	Iproute2UsrDir  = "/usr/share/iproute2"
)

// nameDB maps ids to names as one of iproute2's databases does: built-in
// names first, then the lines of the file (and of FILE.d/*.conf), read on
// first use. Later lines win, as they do for ip.
type nameDB struct {
	file    string
	withDir bool
	builtin map[uint32]string
	numeric bool

	loaded bool
	byID   map[uint32]string
	order  []uint32 // ids in the order names were defined, for name lookups
}

func NewNameDB(file string, withDir bool, builtin map[uint32]string) *nameDB {
	return &nameDB{file: file, withDir: withDir, builtin: builtin}
}

func (db *nameDB) load() {
	if db.loaded {
		return
	}
	db.loaded = true
	db.byID = make(map[uint32]string, len(db.builtin)+8)
	ids := make([]uint32, 0, len(db.builtin))
	for id := range db.builtin {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		db.Set(id, db.builtin[id])
	}
	if !db.readFile(filepath.Join(Iproute2ConfDir, db.file)) {
		db.readFile(filepath.Join(Iproute2UsrDir, db.file))
	}
	if !db.withDir {
		return
	}
	for _, dir := range []string{Iproute2UsrDir, Iproute2ConfDir} {
		ents, _ := os.ReadDir(filepath.Join(dir, db.file+".d"))
		for _, e := range ents {
			n := e.Name()
			if strings.HasPrefix(n, ".") || len(n) <= 5 || !strings.HasSuffix(n, ".conf") {
				continue
			}
			db.readFile(filepath.Join(dir, db.file+".d", n))
		}
	}
}

// names lists every name db knows, in the order they were defined.
func (db *nameDB) names() []string {
	db.load()
	names := make([]string, 0, len(db.order))
	for _, id := range db.order {
		names = append(names, db.byID[id])
	}
	return names
}

func (db *nameDB) Set(id uint32, name string) {
	if _, ok := db.byID[id]; !ok {
		db.order = append(db.order, id)
	}
	db.byID[id] = name
}

// readFile reads "ID NAME" lines; ids may be decimal or 0x hex, '#' starts
// a comment. A malformed line ends the file, as it does for ip. It
// reports whether the file could be opened.
func (db *nameDB) readFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimLeft(sc.Text(), " \t")
		if line == "" || line[0] == '#' {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 2 {
			return true
		}
		var id uint64
		if strings.HasPrefix(fields[0], "0x") {
			id, err = strconv.ParseUint(fields[0][2:], 16, 32)
		} else {
			id, err = strconv.ParseUint(fields[0], 10, 32)
		}
		if err != nil {
			return true
		}
		db.Set(uint32(id), fields[1])
	}
	return true
}

// name returns the name of id, or "" if it has none (or -N was given).
func (db *nameDB) Name(id uint32) string {
	if db.numeric {
		return ""
	}
	if n, ok := db.builtin[id]; ok && !db.loaded {
		return n
	}
	db.load()
	return db.byID[id]
}

// lookup returns the id named s.
func (db *nameDB) Lookup(s string) (uint32, bool) {
	db.load()
	for _, id := range db.order {
		if db.byID[id] == s {
			return id, true
		}
	}
	return 0, false
}

// routeNames holds the databases route, rule and nexthop commands use. One
// is made per command line, so -N applies to that line only.
type Names struct {
	tables, protos, scopes, realms, dsfield, groups *nameDB
	numeric                                         bool
}

func NewNames(numeric bool) *Names {
	n := &Names{
		tables: NewNameDB("rt_tables", true, map[uint32]string{
			unix.RT_TABLE_DEFAULT: "default", unix.RT_TABLE_MAIN: "main", unix.RT_TABLE_LOCAL: "local"}),
		protos: NewNameDB("rt_protos", true, map[uint32]string{
			0: "unspec", 1: "redirect", 2: "kernel", 3: "boot", 4: "static", 8: "gated", 9: "ra",
			10: "mrt", 11: "zebra", 12: "bird", 13: "dnrouted", 14: "xorp", 15: "ntk", 16: "dhcp",
			18: "keepalived", 42: "babel", 186: "bgp", 187: "isis", 188: "ospf", 189: "rip", 192: "eigrp"}),
		scopes: NewNameDB("rt_scopes", false, map[uint32]string{
			unix.RT_SCOPE_UNIVERSE: "global", unix.RT_SCOPE_NOWHERE: "nowhere", unix.RT_SCOPE_HOST: "host",
			unix.RT_SCOPE_LINK: "link", unix.RT_SCOPE_SITE: "site"}),
		realms:  NewNameDB("rt_realms", false, map[uint32]string{0: "unknown"}),
		dsfield: NewNameDB("rt_dsfield", false, map[uint32]string{}),
		groups:  NewNameDB("group", true, map[uint32]string{0: "default"}),
		numeric: numeric,
	}
	for _, db := range []*nameDB{n.tables, n.protos, n.scopes, n.realms, n.groups} {
		db.numeric = numeric
	}
	return n
}

// TableNames, ProtoNames, ScopeNames and RealmNames list the names of
// rt_tables, rt_protos, rt_scopes and rt_realms, for completion.
func (n *Names) TableNames() []string { return n.tables.names() }
func (n *Names) ProtoNames() []string { return n.protos.names() }
func (n *Names) ScopeNames() []string { return n.scopes.names() }
func (n *Names) RealmNames() []string { return n.realms.names() }

// Numeric reports -N: numbers instead of names everywhere.
func (n *Names) Numeric() bool { return n.numeric }

// Scope is a scope's name (rt_scopes), or its number.
func (n *Names) Scope(id uint8) string { return string(n.AppendScope(nil, id)) }

// Group is a link group's name (group), or its number.
func (n *Names) Group(id uint32) string {
	if s := n.groups.Name(id); s != "" {
		return s
	}
	return strconv.FormatUint(uint64(id), 10)
}

// ParseGroup reads a link group name or number, as rtnl_group_a2n does.
func (n *Names) ParseGroup(s string) (uint32, bool) {
	if id, ok := n.groups.Lookup(s); ok {
		return id, true
	}
	v, ok := grammar.ParseCUint(s, 32)
	return uint32(v), ok
}

// appendTable appends a table's name or number.
func (n *Names) AppendTable(b []byte, id uint32) []byte {
	if s := n.tables.Name(id); s != "" {
		return append(b, s...)
	}
	return strconv.AppendUint(b, uint64(id), 10)
}

func (n *Names) AppendProto(b []byte, id uint8) []byte {
	if s := n.protos.Name(uint32(id)); s != "" {
		return append(b, s...)
	}
	return strconv.AppendUint(b, uint64(id), 10)
}

func (n *Names) AppendScope(b []byte, id uint8) []byte {
	if s := n.scopes.Name(uint32(id)); s != "" {
		return append(b, s...)
	}
	return strconv.AppendUint(b, uint64(id), 10)
}

func (n *Names) AppendRealm(b []byte, id uint32) []byte {
	if s := n.realms.Name(id); s != "" && id < 256 {
		return append(b, s...)
	}
	return strconv.AppendUint(b, uint64(id), 10)
}

// appendDSField appends a TOS value: its rt_dsfield name, or 0x%02x.
func (n *Names) AppendDSField(b []byte, v uint8) []byte {
	if !n.tables.numeric {
		if s := n.dsfield.Name(uint32(v)); s != "" {
			return append(b, s...)
		}
	}
	b = append(b, "0x"...)
	if v < 16 {
		b = append(b, '0')
	}
	return strconv.AppendUint(b, uint64(v), 16)
}

// parseTable reads a table name or number (at most 2^32-1), as
// rtnl_rttable_a2n does.
func (n *Names) ParseTable(s string) (uint32, bool) {
	if id, ok := n.tables.Lookup(s); ok {
		return id, true
	}
	v, ok := grammar.ParseCUint(s, 32)
	return uint32(v), ok
}

// parseProto reads a protocol name or number (0-255).
func (n *Names) ParseProto(s string) (uint8, bool) {
	if id, ok := n.protos.Lookup(s); ok && id < 256 {
		return uint8(id), true
	}
	v, ok := grammar.ParseCUint(s, 8)
	return uint8(v), ok
}

// parseScope reads a scope name or number (0-255).
func (n *Names) ParseScope(s string) (uint8, bool) {
	if id, ok := n.scopes.Lookup(s); ok && id < 256 {
		return uint8(id), true
	}
	v, ok := grammar.ParseCUint(s, 8)
	return uint8(v), ok
}

// ParseRealm reads a realm name or number (0-255), as rtnl_rtrealm_a2n
// does.
func (n *Names) ParseRealm(s string) (uint32, bool) { return n.parseRealm(s) }

// parseRealm reads a realm name or number (0-255).
func (n *Names) parseRealm(s string) (uint32, bool) {
	if id, ok := n.realms.Lookup(s); ok && id < 256 {
		return id, true
	}
	v, ok := grammar.ParseCUint(s, 8)
	return uint32(v), ok
}

// parseRealms reads [FROM/]TO realms into RTA_FLOW's layout.
func (n *Names) ParseRealms(s string) (uint32, bool) {
	var out uint32
	if i := strings.IndexByte(s, '/'); i >= 0 {
		from, ok := n.parseRealm(s[:i])
		if !ok {
			return 0, false
		}
		out = from << 16
		s = s[i+1:]
	}
	if s != "" {
		to, ok := n.parseRealm(s)
		if !ok {
			return 0, false
		}
		out |= to
	}
	return out, true
}

// parseDSField reads a TOS: an rt_dsfield name or a hexadecimal number.
func (n *Names) ParseDSField(s string) (uint8, bool) {
	if id, ok := n.dsfield.Lookup(s); ok && id < 256 {
		return uint8(id), true
	}
	v, err := strconv.ParseUint(strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X"), 16, 8)
	return uint8(v), err == nil && s != ""
}

// Route types (rtnl_rtntype_n2a).
var routeTypeNames = [...]string{
	unix.RTN_UNSPEC: "none", unix.RTN_UNICAST: "unicast", unix.RTN_LOCAL: "local",
	unix.RTN_BROADCAST: "broadcast", unix.RTN_ANYCAST: "anycast", unix.RTN_MULTICAST: "multicast",
	unix.RTN_BLACKHOLE: "blackhole", unix.RTN_UNREACHABLE: "unreachable", unix.RTN_PROHIBIT: "prohibit",
	unix.RTN_THROW: "throw", unix.RTN_NAT: "nat", unix.RTN_XRESOLVE: "xresolve",
}

func AppendRouteType(b []byte, t uint8, numeric bool) []byte {
	if !numeric && int(t) < len(routeTypeNames) {
		return append(b, routeTypeNames[t]...)
	}
	return strconv.AppendUint(b, uint64(t), 10)
}

// parseRouteType reads a route type as rtnl_rtntype_a2n does: some names
// exactly, others by any prefix, or a number.
func ParseRouteType(s string) (uint8, bool) {
	switch {
	case s == "local":
		return unix.RTN_LOCAL, true
	case s == "nat":
		return unix.RTN_NAT, true
	case grammar.Matches(s, "broadcast") || s == "brd":
		return unix.RTN_BROADCAST, true
	case grammar.Matches(s, "anycast"):
		return unix.RTN_ANYCAST, true
	case grammar.Matches(s, "multicast"):
		return unix.RTN_MULTICAST, true
	case grammar.Matches(s, "prohibit"):
		return unix.RTN_PROHIBIT, true
	case grammar.Matches(s, "unreachable"):
		return unix.RTN_UNREACHABLE, true
	case grammar.Matches(s, "blackhole"):
		return unix.RTN_BLACKHOLE, true
	case grammar.Matches(s, "xresolve"):
		return unix.RTN_XRESOLVE, true
	case grammar.Matches(s, "unicast"):
		return unix.RTN_UNICAST, true
	case s == "throw":
		return unix.RTN_THROW, true
	}
	v, ok := grammar.ParseCUint(s, 8)
	return uint8(v), ok
}
