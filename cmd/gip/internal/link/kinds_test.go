package link

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nltest"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"github.com/gip-suite/gip/internal/testenv"
	"golang.org/x/sys/unix"
)

// Every registered kind has a golden fixture, testdata/kinds/<kind>.txtar:
//
//	-- cmd --       `link add ...` (or `link set ...`) words
//	-- request --   the RTM_NEWLINK payload they send, in hex
//	-- reply --     the kernel's RTM_NEWLINK payloads for the links, one per line in hex
//	-- dev --       the link to show
//	-- show --      `link show dev DEV`
//	-- details --   `-d link show dev DEV`
//	-- json --      `-d -j link show dev DEV`
//
// Requests are checked against a fake kernel in which "eth7" is index 7;
// replies are shown from a fake kernel holding them, without privileges.
// Replies of kinds the kernel has were captured from a namespace with the
// outputs of ip itself; the others (kinds that need hardware or modules
// the vm tier does not load) are built from the request.
// GIP_UPDATE_KINDS=1 (as root) rewrites the fixtures; run it in the vm
// tier, whose kernel has most kinds:
//
//	scripts/vmtest --share $PWD/testdata/kinds -- env GIP_UPDATE_KINDS=1 ./link.test -test.run TestKindFixtures

var update = os.Getenv("GIP_UPDATE_KINDS") != ""

// fakeKernel answers link requests from a table of RTM_NEWLINK payloads
// and records the requests that change something.
func fakeKernel(t *testing.T, links [][]byte) (*env.Env, *nltest.Kernel, *bytes.Buffer) {
	t.Helper()
	index := func(b []byte) int32 { return int32(binary.NativeEndian.Uint32(b[4:])) }
	conn, k := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
		reply := func(b []byte) []nltest.Datagram {
			return []nltest.Datagram{nltest.FromKernel(nltest.Msg(req, unix.RTM_NEWLINK, 0, b), nltest.Ack(req, 0, "", 0))}
		}
		if req.Header.Type != unix.RTM_GETLINK {
			return []nltest.Datagram{nltest.FromKernel(nltest.Ack(req, 0, "", 0))}
		}
		if req.Header.Flags&nl.Dump == nl.Dump {
			var msgs [][]byte
			for _, l := range links {
				msgs = append(msgs, nltest.Msg(req, unix.RTM_NEWLINK, nl.Multi, l))
			}
			msgs = append(msgs, nltest.Done(req, 0, ""))
			return []nltest.Datagram{nltest.FromKernel(msgs...)}
		}
		want := index(req.Data)
		name := ""
		d := nl.NewAttrDecoder(req.Data[rtnl.IfInfoLen:])
		for d.Next() {
			if d.Type() == unix.IFLA_IFNAME || d.Type() == unix.IFLA_ALT_IFNAME {
				name = d.String()
			}
		}
		for _, l := range links {
			pl, err := rtnl.ParseLink(nl.Message{Data: l})
			if err == nil && (want != 0 && pl.Index == want || name != "" && pl.Name == name) {
				return reply(l)
			}
		}
		return []nltest.Datagram{nltest.FromKernel(nltest.Ack(req, unix.ENODEV, "", 0))}
	})
	out := &bytes.Buffer{}
	ev := &env.Env{Prog: command.Prog, G: &env.Global{}, Stdin: strings.NewReader(""), Stdout: out, Stderr: io.Discard}
	ev.UseConn(conn)
	return ev, k, out
}

// eth7 is the lower device of the request fixtures.
func eth7() []byte {
	e := nl.NewAttrEncoder(make([]byte, rtnl.IfInfoLen))
	e.String(unix.IFLA_IFNAME, "eth7")
	e.Uint32(unix.IFLA_MTU, 1500)
	b, _ := e.Encode()
	binary.NativeEndian.PutUint32(b[4:], 7)
	binary.NativeEndian.PutUint32(b[8:], unix.IFF_BROADCAST|unix.IFF_MULTICAST)
	return b
}

// runLink runs `link VERB ARGS...` on the fake kernel.
func runLink(t *testing.T, links [][]byte, g env.Global, verb string, args ...string) (string, *nltest.Kernel, error) {
	t.Helper()
	ev, k, out := fakeKernel(t, links)
	*ev.G = g
	var err error
	switch verb {
	case "add", "set":
		err = Object().Verb(verb).Run(ev, args)
	case "show":
		err = runShow(ev, &showOptions{Args: args})
	}
	return out.String(), k, err
}

// request is the last RTM_NEWLINK a command sent.
func request(k *nltest.Kernel) []byte {
	var last []byte
	for _, r := range k.Requests() {
		if r.Header.Type == unix.RTM_NEWLINK {
			last = r.Data
		}
	}
	return last
}

func TestKindFixtures(t *testing.T) {
	names := make([]string, 0, len(kinds()))
	for n := range kinds() {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata", "kinds", name+".txtar")
			fx, err := testenv.ReadFixture(path)
			if err != nil {
				t.Fatalf("kind %s has no fixture: %v", name, err)
			}
			words := strings.Fields(fx.Section("cmd"))
			if len(words) < 2 {
				t.Fatalf("%s: no command", path)
			}
			_, k, err := runLink(t, [][]byte{eth7()}, env.Global{}, words[0], words[1:]...)
			if err != nil {
				t.Fatalf("%s: %v", fx.Section("cmd"), err)
			}
			req := hex.EncodeToString(request(k)) + "\n"
			if update {
				fx.Set("request", req)
				regenerate(t, fx, name, words, request(k))
				if err := fx.Write(path); err != nil {
					t.Fatal(err)
				}
			}
			if got := fx.Section("request"); got != req {
				t.Errorf("request\n got  %s want %s", req, got)
			}
			replies, err := testenv.ParseHexLines(fx.Section("reply"))
			if err != nil || len(replies) == 0 {
				t.Fatalf("%s: bad reply section: %v", path, err)
			}
			dev := strings.TrimSpace(fx.Section("dev"))
			for _, c := range []struct {
				section string
				g       env.Global
			}{{"show", env.Global{}}, {"details", env.Global{Details: 1}}, {"json", env.Global{Details: 1, JSON: true}}} {
				got, _, err := runLink(t, replies, c.g, "show", "dev", dev)
				if err != nil {
					t.Fatalf("%s: %v", c.section, err)
				}
				if want := fx.Section(c.section); got != want {
					t.Errorf("%s\n got  %q\n want %q", c.section, got, want)
				}
			}
		})
	}
}

// regenerate fills a fixture's reply and outputs: captured from the host
// kernel and ip when it has the kind, else built from the request and
// printed by gip.
func regenerate(t *testing.T, fx *testenv.Fixture, kind string, words []string, req []byte) {
	if os.Geteuid() == 0 {
		if captureKind(t, fx, words) {
			return
		}
	}
	// Built reply: the request as the kernel's description of link 20.
	e := nl.NewAttrEncoder(append([]byte(nil), req...))
	e.Uint8(unix.IFLA_OPERSTATE, 2) // DOWN
	reply, _ := e.Encode()
	binary.NativeEndian.PutUint32(reply[4:], 20)
	binary.NativeEndian.PutUint32(reply[8:], unix.IFF_BROADCAST|unix.IFF_MULTICAST)
	links := [][]byte{eth7(), reply}
	dev := ""
	if pl, err := rtnl.ParseLink(nl.Message{Data: reply}); err == nil {
		dev = pl.Name
	}
	if words[0] == "set" {
		// A port's options arrive on the port itself.
		binary.NativeEndian.PutUint32(reply[4:], 7)
		dev = "eth7"
		e := nl.NewAttrEncoder(reply)
		e.String(unix.IFLA_IFNAME, "eth7")
		reply, _ = e.Encode()
		links = [][]byte{reply}
	}
	fx.Set("reply", testenv.HexLines(links))
	fx.Set("dev", dev+"\n")
	for _, c := range []struct {
		section string
		g       env.Global
	}{{"show", env.Global{}}, {"details", env.Global{Details: 1}}, {"json", env.Global{Details: 1, JSON: true}}} {
		out, _, err := runLink(t, links, c.g, "show", "dev", dev)
		if err != nil {
			t.Fatalf("%s: %v", c.section, err)
		}
		fx.Set(c.section, out)
	}
	t.Logf("%s: reply built from the request (host kernel lacks the kind)", kind)
}

// captureKind creates the link in a fresh namespace with ip and records
// the kernel's description and ip's outputs; false when the host kernel
// lacks the kind.
func captureKind(t *testing.T, fx *testenv.Fixture, words []string) bool {
	ns := nltest.NetNS(t)
	ip := func(args ...string) (string, error) {
		out, err := exec.Command("ip", append([]string{"-n", ns}, args...)...).CombinedOutput()
		return string(out), err
	}
	if out, err := ip("link", "add", "eth7", "type", "veth", "peer", "name", "eth7p"); err != nil {
		t.Fatalf("setup: %v: %s", err, out)
	}
	for _, line := range strings.Split(strings.TrimSpace(fx.Section("setup")), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			if out, err := ip(strings.Fields(line)...); err != nil {
				t.Fatalf("setup %q: %v: %s", line, err, out)
			}
		}
	}
	if out, err := ip(append([]string{"link"}, words...)...); err != nil {
		t.Logf("ip link %s: %s", strings.Join(words, " "), out)
		return false
	}
	dev := strings.TrimSpace(fx.Section("dev"))
	conn := nltest.DialNetNS(t, unix.NETLINK_ROUTE, ns)
	// Timers tick between the dump and ip's output: capture until both
	// describe the same moment, or keep gip's output of the last reply
	// when a timer never holds still (a bridge's gc_timer).
	var links [][]byte
	for attempt := 0; ; attempt++ {
		links = nil
		for m, err := range conn.Dump(rtnl.LinkDumpRequest(unix.AF_UNSPEC, rtnl.ExtFilterVF|rtnl.ExtFilterSkipStats)) {
			if err != nil {
				t.Fatal(err)
			}
			if m.Header.Type == unix.RTM_NEWLINK {
				links = append(links, append([]byte(nil), m.Data...))
			}
		}
		fx.Set("reply", testenv.HexLines(links))
		same := true
		for _, c := range []struct {
			section string
			args    []string
			g       env.Global
		}{{"show", nil, env.Global{}}, {"details", []string{"-d"}, env.Global{Details: 1}},
			{"json", []string{"-d", "-j"}, env.Global{Details: 1, JSON: true}}} {
			out, err := ip(append(c.args, "link", "show", "dev", dev)...)
			if err != nil {
				t.Fatalf("ip: %v: %s", err, out)
			}
			fx.Set(c.section, out)
			got, _, err := runLink(t, links, c.g, "show", "dev", dev)
			if attempt == 9 {
				fx.Set(c.section, got)
			}
			same = same && err == nil && got == out
		}
		if same {
			break
		}
		if attempt == 9 {
			t.Logf("timers moved while capturing: outputs printed by gip from the captured reply")
			break
		}
	}
	return true
}

// FuzzKindRoundTrip decodes arbitrary options with every kind's model and
// checks that encoding and decoding again gives the same options.
func FuzzKindRoundTrip(f *testing.F) {
	names := make([]string, 0, len(kinds()))
	for n := range kinds() {
		names = append(names, n)
	}
	sort.Strings(names)
	files, _ := filepath.Glob(filepath.Join("testdata", "kinds", "*.txtar"))
	for _, path := range files {
		fx, err := testenv.ReadFixture(path)
		if err != nil {
			continue
		}
		replies, _ := testenv.ParseHexLines(fx.Section("reply"))
		for _, r := range replies {
			if l, err := rtnl.ParseLink(nl.Message{Data: r}); err == nil {
				for i, n := range names {
					if n == l.Kind && len(l.Data) > 0 {
						f.Add(uint8(i), l.Data)
					}
					if n == l.SlaveKind+"_slave" && len(l.SlaveData) > 0 {
						f.Add(uint8(i), l.SlaveData)
					}
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		k := kinds()[names[int(which)%len(names)]]
		x := k.New()
		if err := x.Decode(data); err != nil {
			return
		}
		e := nl.NewAttrEncoder(nil)
		x.Encode(e)
		b, err := e.Encode()
		if err != nil {
			t.Fatalf("%s: encode: %v", k.Name, err)
		}
		y := k.New()
		if err := y.Decode(b); err != nil {
			t.Fatalf("%s: decoding own encoding %x: %v", k.Name, b, err)
		}
		if !reflect.DeepEqual(x, y) {
			t.Fatalf("%s: round trip\n x %+v\n y %+v", k.Name, x, y)
		}
	})
}
