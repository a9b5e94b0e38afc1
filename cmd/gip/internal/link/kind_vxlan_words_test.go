package link

// vxlan's words: abbreviations resolved in ip's order, duplicates, the
// checks of the whole (vni, external, vnifilter, group and dev), address
// families, learning on every add, ip's warning without dstport, gpe's
// port, -4 and -6.
func init() { kindWordCases["vxlan"] = vxlanWordCases }

var vxlanWordCases = []wordCase{
	{words: "id 5 dstport 4789"}, {words: "id 5"}, {words: "dstport 4789"},
	{words: "external dstport 4789"}, {words: "external vnifilter dstport 4789"}, {words: "vnifilter dstport 4789"},
	{words: "id 5 dstport 4789 external"}, {words: "external learning dstport 4789"}, {words: "learning external dstport 4789"},
	{words: "id 5 dstport 4789 novnifilter"}, {words: "id 5 dstport 4789 noexternal"}, {words: "external noexternal id 5 dstport 0"},
	{words: "id 5 dstport 4789 group 239.1.1.1"}, {words: "id 5 dstport 4789 group 239.1.1.1 dev eth7"},
	{words: "id 5 dstport 4789 remote 10.0.0.1 group 239.1.1.1"}, {words: "id 5 dstport 4789 group 239.1.1.1 remote 10.0.0.1"},
	{words: "id 5 dstport 4789 remote 10.0.0.1 remote 10.0.0.2"}, {words: "id 5 dstport 4789 local 10.0.0.1 local 10.0.0.2"},
	{words: "id 5 dstport 4789 local 224.0.0.1"}, {words: "id 5 dstport 4789 local any"}, {words: "id 5 dstport 4789 remote 239.1.1.1"},
	{words: "id 5 dstport 4789 group 10.0.0.1"}, {words: "id 5 dstport 4789 remote 2001:db8::1 local 10.0.0.1"},
	{words: "id 5 dstport 4789 local 2001:db8::2 remote 2001:db8::1"},
	{words: "id 5 dstport 4789 id 6"}, {words: "vni 5 dstport 4789 i 6"}, {words: "id 5 dstport 4789 learning learning"},
	{words: "id 5 dstport 4789 nolearning learning"}, {words: "id 5 dstport 4789 no"}, {words: "id 5 dstport 4789 gbp gbp"},
	{words: "id 5 dstport 4789 udpcsum noudpcsum"}, {words: "id 5 dstport 4789 proxy rsc l2miss l3miss remcsumtx remcsumrx"},
	{words: "id 5 dstport 4789 noproxy norsc nol2miss nol3miss noremcsumtx noremcsumrx noudp6zerocsumtx udp6zerocsumrx"},
	{words: "id 5 dstport 4789 ttl 300"}, {words: "id 5 dstport 4789 ttl 64"}, {words: "id 5 dstport 4789 hoplimit auto"},
	{words: "id 5 dstport 4789 ttl inherit"}, {words: "id 5 dstport 4789 ttl x"}, {words: "id 5 dstport 4789 tos 0x20 tos 0x10"},
	{words: "id 5 dstport 4789 tos inherit"}, {words: "id 5 dstport 4789 dsfield 10"}, {words: "id 5 dstport 4789 df set df unset"},
	{words: "id 5 dstport 4789 df maybe"}, {words: "id 5 dstport 4789 flowlabel 0x12345"}, {words: "id 5 dstport 4789 label 0x123456"},
	{words: "id 5 dstport 4789 ageing none"}, {words: "id 5 dstport 4789 ageing x"}, {words: "id 5 dstport 4789 maxaddress unlimited"},
	{words: "id 5 dstport 4789 maxaddr 5"}, {words: "id 5 dstport 4789 maxaddress x"}, {words: "id 5 dstport 4789 srcport 10 20"},
	{words: "id 5 dstport 4789 srcport 0 0"}, {words: "id 5 dstport 4789 srcport x 1"}, {words: "id 5 dstport 4789 srcport 1 x"},
	{words: "id 5 port 4789"}, {words: "id 5 port 10 20 dstport 0"}, {words: "id 5 dstport 70000"}, {words: "id 5 dstport 0"},
	{words: "id 5 gpe"}, {words: "id 5 dstport 4789 gpe"}, {words: "id 16777216 dstport 4789"}, {words: "id 5 dstport 4789 bogus"},
	{words: "id 5 dstport 4789 help"}, {words: "id 5 dstport 4789 dev nosuch"}, {words: "id 5 dstport 4789 dev eth7 dev eth7"},
	{words: "id"}, {words: "id 5 dstport"},
	{options: []string{"-6"}, words: "id 5 dstport 4789"}, {options: []string{"-4"}, words: "id 5 dstport 4789"},
	{options: []string{"-6"}, words: "id 5 dstport 4789 local 10.0.0.1"},
}
