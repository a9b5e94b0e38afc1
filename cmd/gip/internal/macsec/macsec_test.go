package macsec

import (
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/macsec"
)

func TestParseSAOptions(t *testing.T) {
	for _, c := range []struct {
		args string
		want macsec.SAConfig
		code int
	}{
		{"pn 1024 on key 01 8181", macsec.SAConfig{PN: 1024, Key: []byte{0x81, 0x81}, KeyID: [16]byte{1}, Active: true, HasActive: true}, 0},
		{"xpn 4294967300 salt 000000000000000000000001 ssci 12345678 off", macsec.SAConfig{PN: 4294967300, XPN: true,
			Salt: [12]byte{11: 1}, HasSalt: true, SSCI: 0x12345678, HasSSCI: true, HasActive: true}, 0},
		{"pn 0", macsec.SAConfig{}, fail.ExitUsage},
		{"pn 1 pn 2", macsec.SAConfig{}, fail.ExitUsage},
		{"pn 4294967296", macsec.SAConfig{}, fail.ExitUsage},
		{"on off", macsec.SAConfig{}, fail.ExitUsage},
		{"key 1 81", macsec.SAConfig{}, fail.ExitUsage},
		{"key 01 zz", macsec.SAConfig{}, fail.ExitUsage},
		{"key 01", macsec.SAConfig{}, fail.ExitUsage},
		{"ssci x", macsec.SAConfig{}, fail.ExitUsage},
		{"frob", macsec.SAConfig{}, fail.ExitUsage},
	} {
		var sa macsec.SAConfig
		err := parseSAOptions(grammar.NewArgs(strings.Fields(c.args)), &sa)
		if fail.ExitCode(err) != c.code || err == nil && (sa.PN != c.want.PN || sa.XPN != c.want.XPN || sa.Salt != c.want.Salt ||
			sa.SSCI != c.want.SSCI || sa.KeyID != c.want.KeyID || string(sa.Key) != string(c.want.Key) || sa.HasActive != c.want.HasActive ||
			sa.Active != c.want.Active) {
			t.Errorf("%q: %+v, %v", c.args, sa, err)
		}
	}
	for _, c := range []struct {
		o    op
		sa   macsec.SAConfig
		want string
	}{
		{opAdd, macsec.SAConfig{PN: 1}, "cannot create SA without key"},
		{opAdd, macsec.SAConfig{Key: []byte{1}}, "must specify a packet number != 0"},
		{opSet, macsec.SAConfig{Key: []byte{1}}, "cannot change key on SA"},
	} {
		if err := checkSA(c.o, &c.sa); err == nil || err.Error() != c.want || fail.ExitCode(err) != fail.ExitLocal {
			t.Errorf("%+v: %v", c.sa, err)
		}
	}
}

func TestParseSCI(t *testing.T) {
	for _, c := range []struct {
		args string
		want uint64
		rest int
		code int
	}{
		{"sci 0102030405060708 on", 0x0102030405060708, 1, 0},
		{"port 1234 address c6:19:52:8f:e6:a0 sa 0", 0xc619528fe6a004d2, 2, 0},
		{"address c6:19:52:8f:e6:a1 port 0x10", 0xc619528fe6a10010, 0, 0},
		{"port 5", 0, 0, fail.ExitUsage},
		{"port 0 address c6:19:52:8f:e6:a0", 0, 0, fail.ExitUsage},
		{"port 5 sci 1", 0, 0, fail.ExitUsage},
		{"sci zz", 0, 0, fail.ExitUsage},
		{"frob", 0, 0, fail.ExitUsage},
		{"address zz port 1", 0, 0, fail.ExitUsage},
	} {
		a := grammar.NewArgs(strings.Fields(c.args))
		sci, err := parseSCI(a)
		if fail.ExitCode(err) != c.code || err == nil && (sci != c.want || a.Left() != c.rest) {
			t.Errorf("%q: %x, %d left, %v", c.args, sci, a.Left(), err)
		}
	}
}

func TestHexBytes(t *testing.T) {
	for _, c := range []struct {
		s    string
		max  int
		want string
		ok   bool
	}{{"0a0B", 16, "\x0a\x0b", true}, {"010203", 2, "\x01\x02", true}, {"1", 4, "", false}, {"zz", 4, "", false}, {"", 4, "", true}} {
		b, ok := hexBytes(c.s, c.max)
		if ok != c.ok || string(b) != c.want {
			t.Errorf("%q: % x %v", c.s, b, ok)
		}
	}
}

// TestView prints a device as ip 6.1 prints one (the text captured from
// it), and its JSON.
func TestView(t *testing.T) {
	key := make([]byte, 16)
	key[0] = 0x0b
	y := &macsec.SecY{IfIndex: 11, SCI: 0xc2d25d3c0728000c, CipherSuite: macsec.CipherGCMAESXPN128,
		EncodingSA: set(0), ICVLen: set(16), Protect: set(1), Replay: set(0), Oper: set(1), Validate: set(2),
		Encrypt: set(0), IncludeSCI: set(1), EndStation: set(0), SCB: set(0), Offload: set(0),
		TxSAs: []macsec.SA{{AN: 0, Active: true, PN: 4294967300, KeyID: key, SSCI: 0x12345678}}}
	txt := format.NewText(format.Normal, false)
	(&secyView{y: y, name: "ms2"}).Fields(format.NewTextFields(txt))
	want := "11: ms2: protect on validate strict sc off sa off encrypt off send_sci on end_station off scb off replay off \n" +
		"    cipher suite: GCM-AES-XPN-128, using ICV length 16\n" +
		"    TXSC: c2d25d3c0728000c on SA 0\n" +
		"        0: PN 4,SSCI 12345678 state on, key 0b000000000000000000000000000000\n" +
		"    offload: off \n"
	if got := string(*txt.Bytes()); got != want {
		t.Errorf("text\n%s\nwant\n%s", got, want)
	}
	j := format.NewJSONWriter(false)
	j.StartObject()
	(&secyView{y: y, name: "ms2"}).Fields(format.NewJSONFields(j, format.Normal))
	j.EndObject()
	if got := string(j.Bytes()); got != `{"ifindex":11,"ifname":"ms2","protect":true,"validate":"strict","sc":false,"sa":false,"encrypt":false,`+
		`"send_sci":true,"end_station":false,"scb":false,"replay":false,"cipher_suite":"GCM-AES-XPN-128","icv_length":16,`+
		`"sci":"0xc2d25d3c0728000c","encoding_sa":0,"sa_list":[{"an":0,"pn":4,"ssci":"0x12345678","active":true,`+
		`"key":"0b000000000000000000000000000000"}],"rx_sc":[],"offload":"off"}` {
		t.Errorf("JSON %s", got)
	}
}

func set(v uint64) macsec.Setting { return macsec.Setting{V: v, Set: true} }

// TestStatsText: ip's two lines under -s, values under their names, "-"
// where the kernel sent none.
func TestStatsText(t *testing.T) {
	var s macsec.Stats
	s.Set(6, 12345)
	txt := format.NewText(format.Normal, false)
	printStats(format.NewTextFields(txt), "    ", txSAStats, &s)
	printStats(format.NewTextFields(txt), "    ", rxSAStats, &macsec.Stats{})
	want := "    stats: OutPktsProtected OutPktsEncrypted\n" +
		"                      12345                -\n" +
		"    stats: InPktsOK InPktsInvalid InPktsNotValid InPktsNotUsingSA InPktsUnusedSA\n" +
		"                  -             -              -                -              -\n"
	if got := string(*txt.Bytes()); got != want {
		t.Errorf("text\n%q\nwant\n%q", got, want)
	}
}

// FuzzGrammar: any words after the device give a request or an error,
// never a panic.
func FuzzGrammar(f *testing.F) {
	for _, s := range []string{"tx sa 0 pn 1 on key 01 8181", "rx port 1 address 02:00:00:00:00:01 sa 1 xpn 5 salt 01 ssci 2 off",
		"rx sci 1 on", "tx sa", "rx address 1.2.3.4 port 9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, o := range []op{opAdd, opSet, opDel} {
			c := &change{}
			a := grammar.NewArgs(strings.Fields(s))
			var err error
			switch a.Next() {
			case "tx":
				err = c.parseTx(o, a)
			case "rx":
				err = c.parseRx(o, a)
			default:
				continue
			}
			if err == nil {
				if _, err := c.req.Attrs(nil); err != nil {
					t.Fatal(err)
				}
			}
		}
	})
}
