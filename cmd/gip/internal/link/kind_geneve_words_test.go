package link

// geneve's words: abbreviations, duplicates, the vni and remote checks,
// and what an add sends unasked (ttl, tos, label).
func init() { kindWordCases["geneve"] = geneveWordCases }

var geneveWordCases = []wordCase{
	{words: "id 5 remote 10.0.0.1"}, {words: "id 5"}, {words: "remote 10.0.0.1"}, {words: "external"},
	{words: "id 5 external"}, {words: "external noexternal"}, {words: "noexternal id 5 remote 10.0.0.1"},
	{words: "id 5 remote 10.0.0.1 id 6"}, {words: "vni 5 r 10.0.0.1 i 6"}, {words: "id 16777216 remote 10.0.0.1"},
	{words: "id 5 remote 239.0.0.1"}, {words: "id 5 remote any"}, {words: "id 5 remote x"}, {words: "id 5 remote 2001:db8::1"},
	{words: "id 5 remote 10.0.0.1 remote 10.0.0.2"}, {words: "id 5 remote 10.0.0.1 ttl 300"}, {words: "id 5 remote 10.0.0.1 ttl inherit"},
	{words: "id 5 remote 10.0.0.1 hoplimit 9"}, {words: "id 5 remote 10.0.0.1 ttl auto"}, {words: "id 5 remote 10.0.0.1 tos 0x10 tos 0x20"},
	{words: "id 5 remote 10.0.0.1 tos inherit"}, {words: "id 5 remote 10.0.0.1 dsfield zz"}, {words: "id 5 remote 10.0.0.1 df set"},
	{words: "id 5 remote 10.0.0.1 df x"}, {words: "id 5 remote 2001:db8::1 flowlabel 0x10"}, {words: "id 5 remote 10.0.0.1 label 0x100000"},
	{words: "id 5 remote 10.0.0.1 dstport 1000 dstport 2000"}, {words: "id 5 remote 10.0.0.1 dstport 0"}, {words: "id 5 remote 10.0.0.1 dstport x"},
	{words: "id 5 remote 10.0.0.1 udpcsum noudpcsum"}, {words: "id 5 remote 10.0.0.1 noudpcsum udp6zerocsumtx noudp6zerocsumrx"},
	{words: "id 5 remote 10.0.0.1 innerprotoinherit"}, {words: "id 5 remote 10.0.0.1 innerprotoinherit innerprotoinherit"},
	{words: "id 5 remote 10.0.0.1 inner"}, {words: "id 5 remote 10.0.0.1 bogus"}, {words: "id 5 remote 10.0.0.1 help"},
	{words: "id 5 remote 10.0.0.1 no"}, {words: "id"}, {options: []string{"-6"}, words: "id 5 remote 2001:db8::1"},
}
