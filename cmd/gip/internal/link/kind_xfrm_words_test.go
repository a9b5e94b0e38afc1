package link

// xfrm's words: the lower device, if_id, external and the checks of the
// whole, abbreviations, help and unknown words.
func init() { kindWordCases["xfrm"] = xfrmWordCases }

var xfrmWordCases = []wordCase{
	{words: "if_id 5"}, {words: "i 5"}, {words: "if_id 0x10 dev eth7"}, {words: "d eth7 if_id 5"}, {words: "if_id 0"},
	{words: "if_id x"}, {words: "if_id 4294967296"}, {words: "if_id"}, {words: "if_id 5 if_id 0"},
	{words: "dev eth7"}, {words: "dev nosuch if_id 5"}, {words: "external"}, {words: "ext"}, {words: "external if_id 5"},
	{words: "external dev eth7"}, {words: "external external"}, {words: "help"}, {words: "bogus"}, {words: "if_id 5 bogus"},
	{words: "dev eth7 dev eth7 if_id 5"},
}
