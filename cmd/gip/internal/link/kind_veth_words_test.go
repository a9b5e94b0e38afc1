package link

// veth's and vxcan's words: peer and the peer's link options; any other
// word is ip's usage on standard output.
func init() {
	kindWordCases["veth"] = vethWordCases
	kindWordCases["vxcan"] = vethWordCases
}

var vethWordCases = []wordCase{
	{words: "peer"}, {words: "peer name kx1"}, {words: "peer kx1"}, {words: "peer name kx1 mtu 1400"},
	{words: "peer name kx1 address 00:11:22:33:44:55"}, {words: "peer name kx1 txqueuelen 5 numtxqueues 2"},
	{words: "peer name kx1 type veth"}, {words: "peer name kx1 bogus"}, {words: "peer name kx1 mtu x"},
	{words: "peer name kx1 name kx2"}, {words: "peer dev kx1 name kx2"}, {words: "peer kx1 name kx1"}, {words: "peer name kx1 kx1"},
	{words: "peer kx1 kx2"}, {words: "pe name kx1"}, {words: "help"}, {words: "bogus"}, {words: "peer name kx1 peer"},
}
