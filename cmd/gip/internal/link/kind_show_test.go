package link

import (
	"encoding/binary"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// checkKindShow shows a link x0 of kind whose IFLA_INFO_DATA attrs
// writes and checks that the -d text holds text and -d -j's info_data
// is wantJSON.
func checkKindShow(t *testing.T, kind string, attrs func(e *nl.AttrEncoder), text, wantJSON string) {
	t.Helper()
	links := [][]byte{eth7(), kindLinkReply(t, kind, attrs)}

	out, _, err := runLink(t, links, env.Global{Details: 1}, "show", "dev", "x0")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, text) {
		t.Errorf("-d text:\n%s\nwant it to hold %q", out, text)
	}
	out, _, err = runLink(t, links, env.Global{Details: 1, JSON: true}, "show", "dev", "x0")
	if err != nil {
		t.Fatal(err)
	}
	var got []struct {
		LinkInfo struct {
			Data map[string]any `json:"info_data"`
		} `json:"linkinfo"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || len(got) != 1 {
		t.Fatalf("-d -j: %v\n%s", err, out)
	}
	var want map[string]any
	if err := json.Unmarshal([]byte(wantJSON), &want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got[0].LinkInfo.Data, want) {
		t.Errorf("info_data\n got  %v\n want %v", got[0].LinkInfo.Data, want)
	}
}

// kindLinkReply is the kernel's description of a link x0, index 20, of
// kind with the IFLA_INFO_DATA attrs writes.
func kindLinkReply(t *testing.T, kind string, attrs func(e *nl.AttrEncoder)) []byte {
	t.Helper()
	e := nl.NewAttrEncoder(make([]byte, rtnl.IfInfoLen))
	e.String(unix.IFLA_IFNAME, "x0")
	e.Nest(unix.IFLA_LINKINFO)
	e.String(unix.IFLA_INFO_KIND, kind)
	e.Nest(unix.IFLA_INFO_DATA)
	attrs(e)
	e.Unnest()
	e.Unnest()
	reply, err := e.Encode()
	if err != nil {
		t.Fatal(err)
	}
	binary.NativeEndian.PutUint32(reply[4:], 20)
	return reply
}

func u32Bytes(v ...uint32) []byte {
	var b []byte
	for _, x := range v {
		b = binary.NativeEndian.AppendUint32(b, x)
	}
	return b
}
