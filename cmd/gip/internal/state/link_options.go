package state

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// The options of link kinds a document carries: one line per option,
// naming it as ip link add's keyword, where gip -d -j link show puts it
// in info_data (or info_slave_data for a port), its kernel default (left
// out of a document), and how its value becomes words again.

// linkOption is one option of a link kind.
type linkOption struct {
	name string
	// view is its key in info_data when not name.
	view string
	typ  fieldType
	// def is the kernel's default, which a document leaves out.
	def string
	// words turns a value into the words of ip link add; nil is
	// "NAME VALUE".
	words func(name, v string) []string
	// read takes the value from info_data (and the link's view); nil
	// reads the key view (or name).
	read func(data, link view) string
	// fixed says the kernel does not change the option of a link
	// (macsec's sci), so that a change replaces the link.
	fixed bool
	// late says the option is set once every link has joined its
	// master (a bond's primary, which names a port).
	late bool
}

// linkKindOptions are a kind's options, and whether ip link set ...
// type KIND changes them in place (or the link is replaced).
type linkKindOptions struct {
	options   []linkOption
	changesOK bool
}

// Ways an option's value becomes words.

// orNo: a flag written as NAME or noNAME (learning, nolearning).
func orNo(name, v string) []string {
	if v == "false" {
		return []string{"no" + name}
	}
	return []string{name}
}

// onOff: NAME on or NAME off.
func onOff(name, v string) []string {
	if v == "false" || v == "0" {
		return []string{name, "off"}
	}
	return []string{name, "on"}
}

// ifSet: a flag written as NAME when true and not at all when false (a
// tunnel's seq, which has no negation).
func ifSet(name, v string) []string {
	if v == "true" {
		return []string{name}
	}
	return nil
}

// bare: the value is the word (ipvlan's bridge, private, vepa).
func bare(_, v string) []string { return []string{v} }

// Ways an option's value is read from info_data.

// listed reads whether info_data's list key holds word (a vlan's flags).
func listed(key, word string) func(view, view) string {
	return func(d, _ view) string { return boolText(d.flagged(key, word)) }
}

// firstOf reads the first of keys info_data has (an IPv4 or IPv6 form).
func firstOf(keys ...string) func(view, view) string {
	return func(d, _ view) string {
		for _, k := range keys {
			if d.has(k) {
				return d.str(k)
			}
		}
		return ""
	}
}

// ipvlanFlag is the flag after an ipvlan's mode: private, vepa or bridge.
func ipvlanFlag(d, _ view) string {
	for _, f := range []string{"private", "vepa"} {
		if d.str(f) == "true" {
			return f
		}
	}
	return "bridge"
}

// A macsec's sci is its address and a port: a document writes the port
// where the address is the link's (the kernel makes the sci of it, and
// refuses an sci without send_sci), the sci otherwise.

func macsecPort(d, link view) string {
	if sci := d.str("sci"); len(sci) == 16 && sciOfAddress(sci, link.str("address")) {
		if n, err := strconv.ParseUint(sci[12:], 16, 16); err == nil {
			return strconv.FormatUint(n, 10)
		}
	}
	return ""
}

func macsecSCI(d, link view) string {
	if sci := d.str("sci"); !sciOfAddress(sci, link.str("address")) {
		return sci
	}
	return ""
}

func sciOfAddress(sci, address string) bool {
	return len(sci) == 16 && sci[:12] == strings.ReplaceAll(address, ":", "")
}

func vlanFlag(name, word string) linkOption {
	def := "false"
	if name == "reorder_hdr" {
		def = "true"
	}
	return linkOption{name: name, typ: flag, def: def, words: onOff, read: listed("flags", word)}
}

// ipTunnel are the options of the IPv4 tunnels; gre adds keys.
func ipTunnel(extra ...linkOption) []linkOption {
	return append([]linkOption{
		{name: "local", typ: text}, {name: "remote", typ: text},
		{name: "dev", view: "link", typ: text}, {name: "ttl", typ: text}, // no default: sit's is 64
		{name: "tos", typ: text, def: "0"}, {name: "pmtudisc", typ: flag, def: "true", words: orNo},
		tunnelMark,
	}, slices.Concat(extra, tunnelEncap, []linkOption{encapCsum6("false")})...)
}

// tunnelMark is the firewall mark a tunnel's packets get ("0x5"),
// printed when not 0.
var tunnelMark = linkOption{name: "fwmark", typ: text, def: "0"}

// greIgnoreDF are the IPv4 GRE tunnels' options beyond their keys.
var greIgnoreDF = linkOption{name: "ignore-df", view: "ignore_df", typ: flag, def: "false", words: orNo}

// tunnelEncap is the UDP encapsulation of the GRE and IP tunnels (and
// encapCsum6's switch),
// which gip -j prints as an object "encap" when there is one.
var tunnelEncap = []linkOption{
	{name: "encap", typ: text, def: "none", read: inObject("encap", "type")},
	{name: "encap-sport", typ: text, def: "auto", read: func(d, _ view) string {
		if p := d.obj("encap").str("sport"); p != "0" {
			return p
		}
		return ""
	}},
	{name: "encap-dport", typ: number, def: "0", read: inObject("encap", "dport")},
	{name: "encap-csum", typ: flag, def: "false", words: orNo, read: inObject("encap", "csum")},
	{name: "encap-remcsum", typ: flag, def: "false", words: orNo, read: inObject("encap", "remcsum")},
}

// encapCsum6 is the IPv6 checksum switch of a tunnel's encapsulation:
// gip link add, as ip, turns it on for a new IPv6 tunnel.
func encapCsum6(def string) linkOption {
	return linkOption{name: "encap-udp6-csum", typ: flag, def: def, words: orNo, read: inObject("encap", "csum6")}
}

// inObject reads key sub of info_data's object key.
func inObject(key, sub string) func(view, view) string {
	return func(d, _ view) string { return d.obj(key).str(sub) }
}

var greKeys = []linkOption{
	{name: "ikey", typ: text}, {name: "okey", typ: text},
	{name: "iseq", typ: flag, def: "false", words: ifSet}, {name: "oseq", typ: flag, def: "false", words: ifSet},
	{name: "icsum", typ: flag, def: "false", words: ifSet}, {name: "ocsum", typ: flag, def: "false", words: ifSet},
	// external: the tunnel takes its parameters from each packet (ip
	// sends the flag alone)
	{name: "external", typ: flag, def: "false", words: ifSet},
}

// ip6Tunnel are the options of the IPv6 tunnels.
func ip6Tunnel(extra ...linkOption) []linkOption {
	return append([]linkOption{
		{name: "local", typ: text}, {name: "remote", typ: text},
		{name: "dev", view: "link", typ: text}, {name: "hoplimit", view: "ttl", typ: number, def: "64"},
		{name: "encaplimit", view: "encap_limit", typ: text, def: "4"},
		{name: "tclass", typ: text, def: "0x00"}, {name: "flowlabel", typ: text, def: "0x00000"},
		tunnelMark,
	}, slices.Concat(extra, tunnelEncap, []linkOption{encapCsum6("true")})...)
}

var tunnelMode = linkOption{name: "mode", view: "proto", typ: text}

var erspanOptions = []linkOption{
	{name: "erspan", view: "erspan_index", typ: number}, {name: "erspan_ver", typ: number},
	{name: "erspan_dir", typ: text}, {name: "erspan_hwid", typ: text},
}

var vtiOptions = []linkOption{
	{name: "local", typ: text}, {name: "remote", typ: text}, {name: "dev", view: "link", typ: text},
	{name: "ikey", typ: text}, {name: "okey", typ: text}, tunnelMark,
}

// linkKinds lists the kinds whose options a document carries. Kinds
// without options (dummy, ifb, wireguard, vcan, nlmon) need no entry;
// veth and vxcan carry their peer as a field of its own. The table is
// built on first use, not at every start-up of gip.
var linkKinds = sync.OnceValue(func() map[string]linkKindOptions {
	return map[string]linkKindOptions{
		"bridge":  {changesOK: true, options: bridgeOptions},
		"vxlan":   {options: vxlanOptions},
		"macvlan": {changesOK: true, options: []linkOption{{name: "mode", typ: text}}},
		"macvtap": {changesOK: true, options: []linkOption{{name: "mode", typ: text}}},
		"vlan": {options: []linkOption{
			{name: "id", typ: number}, {name: "protocol", typ: text, def: "802.1Q"},
			vlanFlag("reorder_hdr", "REORDER_HDR"), vlanFlag("gvrp", "GVRP"), vlanFlag("mvrp", "MVRP"),
			vlanFlag("loose_binding", "LOOSE_BINDING"), vlanFlag("bridge_binding", "BRIDGE_BINDING"),
		}},
		"vrf":  {options: []linkOption{{name: "table", typ: number}}},
		"bond": {changesOK: true, options: bondOptions},
		"geneve": {options: []linkOption{
			{name: "id", typ: number, read: vniUnlessExternal}, {name: "remote", read: firstOf("remote", "remote6"), typ: text},
			{name: "ttl", typ: text, def: "0"}, {name: "tos", typ: text},
			{name: "df", typ: text, def: "unset"}, {name: "flowlabel", view: "label", typ: text, def: "0"},
			{name: "dstport", view: "port", typ: number, def: "6081"},
			{name: "external", typ: flag, def: "false", words: orNo},
			{name: "innerprotoinherit", view: "inner_proto_inherit", typ: flag, def: "false", words: ifSet},
		}},
		"ipvlan": {changesOK: true, options: []linkOption{
			{name: "mode", typ: text, def: "l3"}, {name: "flag", read: ipvlanFlag, typ: text, def: "bridge", words: bare},
		}},
		"ipvtap": {changesOK: true, options: []linkOption{
			{name: "mode", typ: text, def: "l3"}, {name: "flag", read: ipvlanFlag, typ: text, def: "bridge", words: bare},
		}},
		"macsec": {changesOK: true, options: []linkOption{
			{name: "port", read: macsecPort, typ: number, fixed: true}, {name: "sci", read: macsecSCI, typ: text, fixed: true}, {name: "cipher", view: "cipher_suite", typ: text, def: "GCM-AES-128", fixed: true},
			{name: "icvlen", view: "icv_len", typ: number, def: "16", fixed: true}, {name: "encodingsa", view: "encoding_sa", typ: number, def: "0"},
			{name: "validate", view: "validation", typ: text, def: "strict"},
			{name: "encrypt", typ: flag, def: "false", words: onOff}, {name: "send_sci", view: "inc_sci", typ: flag, def: "true", words: onOff},
			{name: "end_station", view: "es", typ: flag, def: "false", words: onOff}, {name: "scb", typ: flag, def: "false", words: onOff},
			{name: "protect", typ: flag, def: "true", words: onOff}, {name: "replay", view: "replay_protect", typ: flag, def: "false", words: onOff},
			{name: "window", typ: number, def: "0"},
		}},
		"gre":       {options: ipTunnel(slices.Concat(greKeys, []linkOption{greIgnoreDF})...)},
		"gretap":    {options: ipTunnel(slices.Concat(greKeys, []linkOption{greIgnoreDF})...)},
		"erspan":    {options: ipTunnel(slices.Concat(greKeys, erspanOptions, []linkOption{greIgnoreDF})...)},
		"ipip":      {options: ipTunnel(tunnelMode)},
		"sit":       {options: ipTunnel(tunnelMode)},
		"ip6tnl":    {options: ip6Tunnel(tunnelMode)},
		"ip6gre":    {options: ip6Tunnel(greKeys...)},
		"ip6gretap": {options: ip6Tunnel(greKeys...)},
		"ip6erspan": {options: ip6Tunnel(slices.Concat(greKeys, erspanOptions)...)},
		"vti":       {options: vtiOptions},
		"vti6":      {options: vtiOptions},
	}
})

// pairKinds are the kinds made in pairs, the peer named at creation
// (peer name NAME) and deleted with its peer.
var pairKinds = map[string]bool{"veth": true, "vxcan": true, "netkit": true}

// portKinds are the kinds of ports whose options a document carries,
// under "port": a port's options say which kind of master it has (the
// names of the two tables differ).
var portKinds = []struct {
	kind    string // the kind of ip link set ... type KIND
	options []linkOption
}{{"bridge_slave", bridgePortOptions}, {"bond_slave", bondPortOptions}}

// portOptions are the options of every kind of port.
var portOptions = slices.Concat(bridgePortOptions, bondPortOptions)

// portPrefix is the prefix of a port option's field name.
const portPrefix = "port."

// optionFields are the fields of every kind's options, each name once,
// and a port's.
func optionFields() []field {
	var fs []field
	add := func(o linkOption, name, under string) {
		if slices.ContainsFunc(fs, func(f field) bool { return f.name == name }) {
			return
		}
		f := field{name: name, typ: o.typ, under: under, keepFalse: o.typ == flag}
		if o.typ == number {
			f.canon = canonNumber
		}
		fs = append(fs, f)
	}
	kinds := linkKinds()
	for _, k := range slices.Sorted(maps.Keys(kinds)) {
		for _, o := range kinds[k].options {
			add(o, o.name, "options")
		}
	}
	for _, o := range portOptions {
		add(o, portPrefix+o.name, "port")
	}
	return fs
}

// readOptions sets the fields of opts (their names after prefix) from
// data, a kind's info_data or a port's info_slave_data; an option the
// view leaves out (a flag printed only when on) has its default.
func readOptions(o *Item, opts []linkOption, prefix string, data, link view) {
	for _, opt := range opts {
		var v string
		switch {
		case opt.read != nil:
			v = opt.read(data, link)
		case opt.view != "":
			v = data.str(opt.view)
		default:
			v = data.str(opt.name)
		}
		if v == "" {
			v = opt.def
		}
		o.Set(prefix+opt.name, v)
	}
}

// optionWords are the words of ip link that set the options opts of o
// (their field names after prefix).
func optionWords(o *Item, opts []linkOption, prefix string) []string {
	var w []string
	for _, opt := range opts {
		v, ok := o.Fields[prefix+opt.name]
		if !ok {
			continue
		}
		if opt.words != nil {
			w = append(w, opt.words(opt.name, v)...)
		} else {
			w = append(w, opt.name, v)
		}
	}
	return w
}

// changed are the options of opts whose fields (after prefix) are in
// fields.
func changed(opts []linkOption, prefix string, fields []string) []linkOption {
	var out []linkOption
	for _, o := range opts {
		if slices.Contains(fields, prefix+o.name) {
			out = append(out, o)
		}
	}
	return out
}

// early and late split options into those set with the link and those
// set once every link has joined its master.
func early(opts []linkOption) []linkOption {
	return slices.DeleteFunc(slices.Clone(opts), func(o linkOption) bool { return o.late })
}

func late(opts []linkOption) []linkOption {
	return slices.DeleteFunc(slices.Clone(opts), func(o linkOption) bool { return !o.late })
}

// kindWords are the words of ip link add that set o's kind options.
func kindWords(o *Item) []string {
	return optionWords(o, early(linkKinds()[o.Get("kind")].options), "")
}

// kindLines set o's kind options of opts in place (ip link set ... type
// KIND): the early ones in one line, the late ones in another, marked to
// run after every link's settings.
func kindLines(o *Item, kind string, opts []linkOption) []line {
	var lines []line
	for _, part := range [][]linkOption{early(opts), late(opts)} {
		if w := optionWords(o, part, ""); len(w) > 0 {
			lines = append(lines, line{words: append([]string{"link", "set", "dev", o.Get("name"), "type", kind}, w...), late: part[0].late})
		}
	}
	return lines
}

// lateLines set o's late kind options once it exists.
func lateLines(o *Item) []line {
	return kindLines(o, o.Get("kind"), late(linkKinds()[o.Get("kind")].options))
}

// portLines set o's port options of opts, once it is a port: a line per
// kind of port whose options o has.
func portLines(o *Item, opts []linkOption) []line {
	var lines []line
	for _, pk := range portKinds {
		mine := slices.DeleteFunc(slices.Clone(opts), func(x linkOption) bool {
			return !slices.ContainsFunc(pk.options, func(y linkOption) bool { return y.name == x.name })
		})
		if w := optionWords(o, mine, portPrefix); len(w) > 0 {
			lines = append(lines, line{words: append([]string{"link", "set", "dev", o.Get("name"), "type", pk.kind}, w...)})
		}
	}
	return lines
}
