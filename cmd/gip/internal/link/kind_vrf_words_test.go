package link

// vrf's words: the table by number or name, abbreviations, help and
// unknown words.
func init() { kindWordCases["vrf"] = vrfWordCases }

var vrfWordCases = []wordCase{
	{words: "table 10"}, {words: "t 10"}, {words: "table main"}, {words: "table local"}, {words: "table default"},
	{words: "table 0x10"}, {words: "table x"}, {words: "table 4294967296"}, {words: "table"},
	{words: "help"}, {words: "table 10 h"}, {words: "bogus"}, {words: "table 10 bogus"},
}
