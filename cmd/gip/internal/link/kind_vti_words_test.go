package link

// vti's and vti6's words: endpoints, keys, the lower device and fwmark,
// abbreviations, what an add sends unasked (keys and fwmark), help and
// unknown words.
func init() {
	kindWordCases["vti"] = vtiWordCases
	kindWordCases["vti6"] = vti6WordCases
}

var vtiWordCases = []wordCase{
	{words: "remote 10.0.0.1 local 10.0.0.2"}, {words: "r 10.0.0.1 l 10.0.0.2"}, {words: "remote 10.0.0.1"}, {words: ""},
	{words: "remote any"}, {words: "remote default"}, {words: "local all"}, {words: "local 2001:db8::1"}, {words: "remote x"}, {words: "remote"}, {words: "remote 10.0.0.1 remote 10.0.0.3"},
	{words: "key 5"}, {words: "k 1.2.3.4"}, {words: "ikey 5 okey 6"}, {words: "i 5 o 6"}, {words: "key x"}, {words: "ikey 4294967296"},
	{words: "dev eth7"}, {words: "d eth7"}, {words: "dev nosuch"}, {words: "fwmark 5"}, {words: "fwmark 0x10"}, {words: "fw 5"},
	{words: "fwmark x"}, {words: "help"}, {words: "bogus"}, {words: "remote 10.0.0.1 bogus"},
	{options: []string{"-6"}, words: "remote 10.0.0.1"},
}

var vti6WordCases = []wordCase{
	{words: "remote 2001:db8::1 local 2001:db8::2"}, {words: "r 2001:db8::1 l 2001:db8::2"}, {words: ""}, {words: "remote any"},
	{words: "local 10.0.0.1"}, {words: "remote x"}, {words: "remote"}, {words: "key 5"}, {words: "k 1.2.3.4"},
	{words: "ikey 5 okey 6"}, {words: "i 5 o 6"}, {words: "key x"}, {words: "dev eth7"}, {words: "d eth7"}, {words: "dev nosuch"},
	{words: "fwmark 5"}, {words: "fw 5"}, {words: "fwmark x"}, {words: "help"}, {words: "bogus"},
	{options: []string{"-4"}, words: "remote 2001:db8::1"},
}
