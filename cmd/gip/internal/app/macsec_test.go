package app

import (
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
)

// macsecSetup makes three MACsec devices on a veth pair, with fixed SCIs
// so that the twins' devices are alike: GCM-AES-128 encrypting, -256,
// and XPN-128.
var macsecSetup = []string{
	"link add veth0 type veth peer name veth1",
	"link add link veth0 ms0 type macsec sci 1111111111110011 encrypt on",
	"link add link veth1 ms1 type macsec sci 0102030405060708 cipher gcm-aes-256",
	"link add link veth1 ms2 type macsec sci 2222222222220012 cipher gcm-aes-xpn-128",
}

// macsecSteps run with ip on one namespace and gip on its twin: SAs and
// SCs added, changed and deleted, offload, ip's complaints and the
// kernel's refusals.
var macsecSteps = []string{
	"macsec add ms0 tx sa 0 pn 1024 on key 01 81818181818181818181818181818181",
	"macsec add ms0 tx sa 1 pn 5 key 02 82828282828282828282828282828282",
	"macsec add ms0 rx port 1234 address c6:19:52:8f:e6:a0",
	"macsec add ms0 rx sci 0102030405060708 on",
	"macsec add ms0 rx address c6:19:52:8f:e6:a1 port 0x10 off",
	"macsec add ms0 rx port 1234 address c6:19:52:8f:e6:a0 sa 0 pn 1 on key 00 83838383838383838383838383838383",
	"macsec add ms0 rx sci 0102030405060708 sa 3 pn 100 off key 09 84848484848484848484848484848484",
	"macsec add ms1 tx sa 2 pn 7 on key 0a 8585858585858585858585858585858585858585858585858585858585858585",
	"macsec add ms2 tx sa 0 xpn 4294967300 salt 838383838383838383838383 ssci 12345678 on key 0b 86868686868686868686868686868686",
	"macsec add ms2 rx sci 1122334455667788",
	"macsec add ms2 rx sci 1122334455667788 sa 1 xpn 9 salt 000000000000000000000001 ssci 1 key 0c 87878787878787878787878787878787",
	"macsec add ms2 rx sci 1122334455667788 sa 2 xpn 9 key 0d 87878787878787878787878787878787",
	"macsec set ms0 tx sa 0 pn 2048 off", "macsec set ms0 rx sci 0102030405060708 off",
	"macsec set ms0 rx sci 0102030405060708 sa 3 on", "macsec set ms2 tx sa 0 xpn 5000000000",
	"macsec add ms0 tx sa 0 pn 1 key 01 81818181818181818181818181818181",
	"macsec add ms0 tx sa 4 pn 1 key 01 81", "macsec add ms0 tx sa 2 key 01 81818181818181818181818181818181",
	"macsec add ms0 tx sa 2 pn 1", "macsec add ms0 tx sa 2 pn 0 key 01 81", "macsec add ms0 tx sa 2 pn 1 key 01 zz",
	"macsec add ms0 tx sa 2 pn 1 key 1 81", "macsec add ms0 tx sa 2 pn 1 on on key 01 81", "macsec add ms0 tx sa 2 pn 1 pn 2",
	"macsec add ms0 tx sa 2 xpn 1 xpn 2", "macsec add ms0 tx sa 2 pn 1 frob", "macsec add ms0 tx sa 2 pn 1 key 01",
	"macsec add ms0 tx sa 2 pn 1 salt 0102", "macsec add ms0 tx sa 2 pn 1 ssci zz", "macsec add ms0 tx sa 2 pn 1 ssci 1 ssci 2",
	"macsec add ms0 tx sa 2 pn 1 salt 01 salt 02", "macsec add ms0 tx sa 2 pn 4294967296",
	"macsec set ms0 tx sa 0 key 01 81818181818181818181818181818181", "macsec add nosuch tx sa 0",
	"macsec add ms0 frob", "macsec add ms0", "macsec add", "macsec add ms0 tx", "macsec add ms0 tx frob", "macsec add ms0 rx",
	"macsec add ms0 rx port 0 address c6:19:52:8f:e6:a0", "macsec add ms0 rx sci zz", "macsec add ms0 rx port 5",
	"macsec add ms0 rx frob", "macsec add ms0 rx sci 1 frob", "macsec add ms0 rx sci 1 sa 9", "macsec add ms0 rx sci 1 on off",
	"macsec add ms0 rx port 5 sci 1", "macsec add ms0 rx address c6:19:52:8f:e6:a0 sci 1", "macsec add ms0 rx address zz port 1",
	"macsec del ms0 rx sci 999", "macsec add veth0 tx sa 0 pn 1 key 01 81818181818181818181818181818181",
	"macsec offload ms0 mac", "macsec offload ms0 off", "macsec offload ms0 o", "macsec offload ms0 frob",
	"macsec offload nosuch off", "macsec offload ms0", "macsec offload", "macsec frob", "macsec", "macsec show ms0 x",
	"macsec show nosuch", "macsec help", "macsec h",
}

// macsecShows are the listings compared after the changes.
var macsecShows = []string{"macsec show", "macsec show ms0", "macsec s ms2", "-s macsec show"}

func TestMacsecMatchesIP(t *testing.T) {
	ref, ns := twinNS(t)
	needFamily(t, ns, "macsec", testenv.GenlMACsec)
	for _, n := range []string{ref, ns} {
		for _, s := range macsecSetup {
			must(t, "ip", append([]string{"-n", n}, splitArgs(s)...)...)
		}
	}
	compareListings(t, ref, ns, macsecShows)
	for _, s := range macsecSteps {
		compareCommand(t, ref, ns, s)
	}
	compareListings(t, ref, ns, macsecShows)
	for _, s := range []string{
		"macsec del ms0 tx sa 1 extra words", "macsec del ms0 rx sci 0102030405060708 sa 3",
		"macsec set ms0 rx sci 0102030405060708 sa 3 off", "macsec del ms0 rx sci 0102030405060708 sa 3",
		"macsec del ms0 rx port 1234 address c6:19:52:8f:e6:a0", "macsec del ms0 rx sci 0102030405060708",
		"macsec del ms0 tx sa 1", "macsec d ms2 rx sci 1122334455667788 sa 2",
	} {
		compareCommand(t, ref, ns, s)
	}
	compareListings(t, ref, ns, macsecShows)
	// A batch stops at its failing line (an SA that exists), or goes on
	// under -force; the -force run starts from the same state.
	batch := "macsec add ms1 tx sa 0 pn 1 key 10 90909090909090909090909090909090\n" +
		"macsec add ms1 tx sa 0 pn 1 key 10 90909090909090909090909090909090\n" +
		"macsec add ms1 rx sci 0a0b0c0d0e0f0001 on\nmacsec set ms1 tx sa 0 on\n"
	compareBatch(t, ref, ns, batch)
	compareListings(t, ref, ns, macsecShows)
	compareBatch(t, ref, ns, "macsec del ms1 tx sa 0\n")
	compareBatch(t, ref, ns, batch, "-force")
	compareListings(t, ref, ns, macsecShows)
}
