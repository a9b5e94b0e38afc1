package link

// ipvlan's and ipvtap's words: modes, one flag at most, what an add
// sends unasked (the flags), abbreviations, help and unknown words.
func init() {
	kindWordCases["ipvlan"] = ipvlanWordCases
	kindWordCases["ipvtap"] = ipvlanWordCases
}

var ipvlanWordCases = []wordCase{
	{words: "mode l2"}, {words: "mode l3"}, {words: "m l3s"}, {words: "mode l4"}, {words: "mode L2"}, {words: "mode"},
	{words: "private"}, {words: "p"}, {words: "vepa"}, {words: "v"}, {words: "bridge"}, {words: "b"},
	{words: "mode l3 private"}, {words: "private vepa"}, {words: "bridge private"}, {words: "private private"},
	{words: "help"}, {words: "h"}, {words: "bogus"}, {words: "mode l2 bogus"},
}
