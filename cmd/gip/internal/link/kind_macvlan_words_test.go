package link

// macvlan's and macvtap's words: modes, flags, the source mode's MAC
// address list, the broadcast queue length, abbreviations, help and
// unknown words.
func init() {
	kindWordCases["macvlan"] = macvlanWordCases
	kindWordCases["macvtap"] = macvlanWordCases
}

var macvlanWordCases = []wordCase{
	{words: "mode private"}, {words: "mode vepa"}, {words: "m bridge"}, {words: "mode passthru"}, {words: "mode source"},
	{words: "mode bogus"}, {words: "mode br"}, {words: "mode"}, {words: "mode vepa mode bridge"},
	{words: "mode passthru nopromisc"}, {words: "mode passthru flag nopromisc"}, {words: "mode bridge nopromisc"},
	{words: "nopromisc"}, {words: "nop mode passthru"}, {words: "mode bridge nodst"}, {words: "mode bridge nod"},
	{words: "mode bridge flag nodst"}, {words: "mode bridge flag null"}, {words: "mode bridge f null"}, {words: "flag x"},
	{words: "mode passthru flag nopromisc flag nodst"}, {words: "flag null"},
	{words: "mode source macaddr add 00:11:22:33:44:55"}, {words: "mode source macaddr del 00:11:22:33:44:55"},
	{words: "mode source macaddr flush"}, {words: "mode source macaddr set"}, {words: "mode source macaddr set 00:11:22:33:44:55 00:11:22:33:44:66"},
	{words: "mode source macaddr set 00:11:22:33:44:55 bcqueuelen 5"},
	{words: "mode source macaddr bogus"}, {words: "mode source macaddr add xx"}, {words: "mode source macaddr add 00:11"},
	{words: "mode source macaddr add"}, {words: "mode source macaddr"},
	{words: "bcqueuelen 5"}, {words: "bc 4294967295"}, {words: "bcqueuelen x"}, {words: "bcqueuelen -1"},
	{words: "help"}, {words: "mode bridge h"}, {words: "bogus"}, {words: "mode bridge bogus"},
}
