package nl_test

import (
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nltest"
	"golang.org/x/sys/unix"
)

func TestDebugTraceDecodesMessages(t *testing.T) {
	c, _ := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
		return []nltest.Datagram{nltest.FromKernel(nltest.Ack(req, unix.EEXIST, "ipv4: Address already assigned", 0))}
	})
	var trace strings.Builder
	c.SetDebug(&trace)
	e := nl.NewAttrEncoder(make([]byte, unix.SizeofIfInfomsg))
	e.String(unix.IFLA_IFNAME, "veth0")
	e.Nest(unix.IFLA_LINKINFO)
	e.String(unix.IFLA_INFO_KIND, "veth")
	e.Unnest()
	b, _ := e.Encode()
	c.Execute(nl.Message{Header: nl.Header{Type: unix.RTM_NEWLINK, Flags: nl.Create | nl.Excl}, Data: b})
	out := trace.String()
	for _, want := range []string{
		"nl send: len=60 type=16 flags=REQUEST|ACK|EXCL|CREATE", "(RTM_NEWLINK)",
		"attr type=3 len=6 76 65 74 68 30 00",
		"attr type=18 len=12 nested",
		"  attr type=1 len=5 76 65 74 68 00",
		"nl recv(port 0): len=", "type=ERROR flags=CAPPED|ACK_TLVS",
		`errno=17 (file exists) msg="ipv4: Address already assigned"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("trace lacks %q:\n%s", want, out)
		}
	}
}
