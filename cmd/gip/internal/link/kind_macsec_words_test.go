package link

// macsec's words: the channel (sci, or port after an optional address),
// every option, the checks of the whole, help and unknown words.
func init() { kindWordCases["macsec"] = macsecWordCases }

var macsecWordCases = []wordCase{
	{words: "port 5"}, {words: "sci 1122334455667788"}, {words: "address 00:11:22:33:44:55 port 5"}, {words: "port 0"},
	{words: "port x"}, {words: "port 70000"}, {words: "sci x"}, {words: "sci 0"}, {words: "address 00:11:22:33:44:55"},
	{words: "address 00:11:22:33:44:55 sci 5"}, {words: "address xx port 5"}, {words: "port 5 sci 6"}, {words: "sci 5 port 6"},
	{words: "port 5 address 00:11:22:33:44:55"}, {words: "port 5 port 6"}, {words: "port"},
	{words: "cipher default"}, {words: "cipher gcm-aes-128"}, {words: "cipher GCM-AES-256"}, {words: "cipher gcm-aes-xpn-128"},
	{words: "cipher gcm-aes-xpn-256"}, {words: "cipher x"}, {words: "cipher default cipher default"}, {words: "cipher"},
	{words: "icvlen 8"}, {words: "icvlen 16"}, {words: "icvlen 17"}, {words: "icvlen 7"}, {words: "icvlen x"}, {words: "icvlen 0x10"},
	{words: "icvlen 8 icvlen 9"}, {words: "encrypt on"}, {words: "encrypt off"}, {words: "encrypt o"}, {words: "encrypt x"},
	{words: "send_sci on"}, {words: "end_station on"}, {words: "scb on"},
	{words: "send_sci on end_station on"}, {words: "send_sci on scb on"}, {words: "end_station on scb on"},
	{words: "send_sci off end_station on"}, {words: "protect on"}, {words: "protect x"}, {words: "replay on window 5"},
	{words: "replay off"}, {words: "replay on"}, {words: "window 5"}, {words: "replay off window 5"}, {words: "window x"},
	{words: "replay on window 4294967295"}, {words: "validate strict"}, {words: "validate check"}, {words: "validate d"},
	{words: "validate x"}, {words: "encodingsa 3"}, {words: "encodingsa 4"}, {words: "encodingsa x"}, {words: "encodingsa 1 encodingsa 2"},
	{words: "offload mac"}, {words: "offload phy"}, {words: "offload off"}, {words: "offload x"}, {words: "enc on"},
	{words: "help"}, {words: "bogus"}, {words: "port 5 bogus"}, {words: "port 5 encrypt"},
}
