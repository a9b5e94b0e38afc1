package link

import "strings"

// The ip tunnels' words: each of ip's parsers' words, abbreviated where
// ip takes an abbreviation, bad values, unknown words and help.
func init() {
	for _, k := range []string{"gre", "gretap", "erspan"} {
		kindWordCases[k] = tunnelWordCases(greWords, k == "erspan")
	}
	for _, k := range []string{"ip6gre", "ip6gretap", "ip6erspan"} {
		kindWordCases[k] = tunnelWordCases(gre6Words, true)
	}
	kindWordCases["ipip"] = tunnelWordCases(iptnlWords, false)
	kindWordCases["sit"] = tunnelWordCases(iptnlWords+"|"+sitWords, false)
	kindWordCases["ip6tnl"] = tunnelWordCases(ip6tnlWords, false)
}

// tunnelWordCases are the cases of words (separated by |), with the
// ERSPAN words when erspan, and the words every tunnel refuses.
func tunnelWordCases(words string, erspan bool) []wordCase {
	all := words + "|" + encapWords + "|" + repeatedWords + "|bogus|help|he|e|remote|ttl 5 bogus"
	if erspan {
		all += "|" + erspanWords
	}
	var cs []wordCase
	for _, w := range strings.Split(all, "|") {
		cs = append(cs, wordCase{words: w})
	}
	return cs
}

// repeatedWords give an option twice: ip keeps the last.
const repeatedWords = "ttl 5 ttl 6|fwmark 5 fwmark 6|encap fou encap gue|encap-dport 5 encap-dport 6"

const encapWords = "noencap|encap fou|encap gue|encap none|encap x|encap-sport 5|encap-sport auto|encap-sport x|" +
	"encap-dport 5|encap-dport 70000|encap-csum|noencap-csum|encap-udp6-csum|noencap-udp6-csum|encap-remcsum|" +
	"noencap-remcsum|encap fou encap-sport 5 encap-dport 6 encap-csum|external|external remote 10.0.0.1"

const erspanWords = "erspan 5|erspan 0|erspan 0x100000|erspan x|erspan_ver 2|erspan_ver 3|erspan_ver 0|erspan_ver x|" +
	"erspan_dir egress|erspan_dir e|erspan_dir i|erspan_dir up|erspan_ver 2 erspan_dir egress erspan_hwid 7|" +
	"erspan_hwid 70000|erspan_ver 1 erspan 9|erspan_v 2"

const greWords = "remote 10.0.0.1 local 10.0.0.2|r 10.0.0.1 l 10.0.0.2|remote any|remote x|remote 2001:db8::1|" +
	"remote 239.1.1.1 local 10.0.0.2|remote 239.1.1.1|remote 239.1.1.1 key 5 local 10.0.0.2|" +
	"key 5|k 1.2.3.4|key x|ikey 5|i 5|okey 6|o 6|nokey|no|key 5 nokey|noikey|nookey|seq|s|noseq|iseq|noiseq|oseq|nooseq|" +
	"csum|c|nocsum|icsum|noicsum|ocsum|noocsum|pmtudisc|p|nopmtudisc|nop|dev eth7|d eth7|dev nosuch|" +
	"ttl 5|t 5|hoplimit 5|h 5|hlim 5|ttl inherit|ttl 300|ttl x|tos 10|tos inherit|tclass 0x10|dsfield af11|tos x|" +
	"ignore-df|noignore-df|ignore|fwmark 5|fwmark x|fw 5|ttl|key 5 key 6|remote 10.0.0.1 remote 10.0.0.3|" +
	"seq noseq|csum nocsum icsum|ikey 5 nokey"

const gre6Words = "remote 2001:db8::1 local 2001:db8::2|r 2001:db8::1|remote any|remote 10.0.0.1|local x|" +
	"key 5|k 5|ikey 5|okey 6|nokey|no|noikey|nookey|seq|noseq|iseq|noiseq|oseq|nooseq|csum|nocsum|icsum|noicsum|" +
	"ocsum|noocsum|dev eth7|d eth7|dev nosuch|ttl 5|hoplimit 5|h 5|hlim 5|ttl inherit|ttl 300|" +
	"tos 0x10|tclass 10|t 10|dsfield 10|tos inherit|tos x|flowlabel 0x12345|fl 5|flowlabel inherit|flowlabel 0x100000|" +
	"flowlabel x|dscp inherit|dscp x|fwmark 5|fwmark inherit|fwmark x|allow-localremote|noallow-localremote|" +
	"encaplimit 5|encaplimit none|encaplimit x|pmtudisc|ignore-df|key 5 key 6|tclass 10 tclass inherit|" +
	"flowlabel 5 flowlabel 6|encaplimit none encaplimit 3|remote 2001:db8::1 remote 2001:db8::3"

const iptnlWords = "mode ipip|mode ip6ip|mode ipv6/ipv4|mode ipv4/ipv4|mode ip4ip4|mode mpls/ipv4|mode mplsip|" +
	"mode any/ipv4|mode any|mode x|mode ipip6|m ipip|remote 10.0.0.1 local 10.0.0.2|remote any|remote x|" +
	"r 10.0.0.1|dev eth7|d eth7|dev nosuch|ttl 5|hoplimit 5|hlim 5|ttl inherit|ttl x|ttl 300|t 5|" +
	"tos 10|tclass 10|tc 10|dsfield 10|ds 10|tos inherit|tos x|pmtudisc|nopmtudisc|p|fwmark 5|fwmark x|" +
	"key 5|ttl 5 nopmtudisc|ttl 0 nopmtudisc|isatap|6rd-prefix 2001:db8::/32|mode ipip mode any|" +
	"remote 10.0.0.1 remote 10.0.0.3|tos 10 tos inherit|nopmtudisc pmtudisc ttl 5"

const sitWords = "isatap|6rd-prefix 2001:db8::/32|6rd-prefix x|6rd-relay_prefix 10.0.0.0/8|6rd-relay_prefix x|" +
	"6rd-prefix 2001:db8::/32 6rd-relay_prefix 10.0.0.0/8|mode any|mode ip6ip"

const ip6tnlWords = "mode ip6ip6|mode ipv6/ipv6|mode ip/ipv6|mode ipv4/ipv6|mode ipip6|mode ip4ip6|mode any/ipv6|" +
	"mode any|mode x|mode ipip|m ip6ip6|remote 2001:db8::1 local 2001:db8::2|remote any|remote 10.0.0.1|r 2001:db8::1|" +
	"dev eth7|d eth7|dev nosuch|ttl 5|hoplimit 5|hlim 5|ttl inherit|ttl x|t 5|encaplimit 5|encaplimit none|" +
	"encaplimit x|tos 10|tclass 10|tc 10|dsfield 10|ds 10|tos inherit|tos x|flowlabel 5|fl 5|flowlabel inherit|" +
	"flowlabel x|dscp inherit|dscp x|fwmark 5|fwmark inherit|fwmark x|allow-localremote|noallow-localremote|key 5|pmtudisc|" +
	"mode ipip6 mode ip6ip6|fwmark inherit fwmark 5|tclass inherit tclass 10|flowlabel inherit flowlabel 7"
