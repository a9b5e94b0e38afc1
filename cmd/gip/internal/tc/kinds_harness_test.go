package tc

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/action"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nltest"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"github.com/gip-suite/gip/internal/testenv"
	"golang.org/x/sys/unix"
)

// The harness the kind fixtures of qdiscs and classes (kinds_test.go),
// filters (kinds_filter_test.go) and actions (kinds_action_test.go)
// share: a fake kernel with the fixtures' devices, a namespace in which
// an update run captures the host kernel's replies, and the comparison
// of gip's output of them with tc's.

// update makes the fixture tests rewrite their fixtures (as root, to
// capture replies): GIP_UPDATE_KINDS=1.
var update = os.Getenv("GIP_UPDATE_KINDS") != ""

// fixtureLinks are the devices of the fixtures: eth7 and its veth peer
// eth7p (a mirred action's target), with the same indexes in the fake
// kernel and in the capture namespace.
var fixtureLinks = []struct {
	name  string
	index int32
}{{"eth7", 7}, {"eth7p", 8}}

// linkPayload is a fixture device as RTM_NEWLINK describes it.
func linkPayload(name string, index int32) []byte {
	e := nl.NewAttrEncoder(make([]byte, rtnl.IfInfoLen))
	e.String(unix.IFLA_IFNAME, name)
	e.Uint32(unix.IFLA_MTU, 1500)
	b, _ := e.Encode()
	binary.NativeEndian.PutUint32(b[4:], uint32(index))
	return b
}

// lookupLink is the fixture device a RTM_GETLINK request names, by index
// or by IFLA_IFNAME.
func lookupLink(req []byte) ([]byte, bool) {
	if len(req) < rtnl.IfInfoLen {
		return nil, false
	}
	index := int32(binary.NativeEndian.Uint32(req[4:]))
	name := ""
	d := nl.NewAttrDecoder(req[rtnl.IfInfoLen:])
	for d.Next() {
		if d.Type() == unix.IFLA_IFNAME {
			name = d.String()
		}
	}
	for _, l := range fixtureLinks {
		if (index != 0 && l.index == index) || (index == 0 && l.name == name) {
			return linkPayload(l.name, l.index), true
		}
	}
	return nil, false
}

// dumps is what the fake kernel's dumps hold: for a dump request's type
// (RTM_GETQDISC, RTM_GETTFILTER, RTM_GETACTION, ...), the payloads it
// answers with, each as the matching RTM_NEW* message (the type less 2).
// A dump of another type is empty.
type dumps map[uint16][][]byte

// fakeKernel answers link lookups with the fixture devices, dumps with d,
// and acknowledges everything else.
func fakeKernel(t *testing.T, d dumps) (*env.Env, *nltest.Kernel, *bytes.Buffer) {
	t.Helper()
	conn, k := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
		dump := func(typ uint16, payloads [][]byte) []nltest.Datagram {
			var msgs [][]byte
			for _, p := range payloads {
				msgs = append(msgs, nltest.Msg(req, typ, nl.Multi, p))
			}
			return []nltest.Datagram{nltest.FromKernel(append(msgs, nltest.Done(req, 0, ""))...)}
		}
		switch {
		case req.Header.Type == unix.RTM_GETLINK && req.Header.Flags&nl.Dump == nl.Dump:
			var links [][]byte
			for _, l := range fixtureLinks {
				links = append(links, linkPayload(l.name, l.index))
			}
			return dump(unix.RTM_NEWLINK, links)
		case req.Header.Type == unix.RTM_GETLINK:
			l, ok := lookupLink(req.Data)
			if !ok {
				return []nltest.Datagram{nltest.FromKernel(nltest.Ack(req, unix.ENODEV, "", 0))}
			}
			return []nltest.Datagram{nltest.FromKernel(nltest.Msg(req, unix.RTM_NEWLINK, 0, l), nltest.Ack(req, 0, "", 0))}
		case req.Header.Flags&nl.Dump == nl.Dump:
			return dump(req.Header.Type-2, d[req.Header.Type])
		}
		return []nltest.Datagram{nltest.FromKernel(nltest.Ack(req, 0, "", 0))}
	})
	out := &bytes.Buffer{}
	ev := &env.Env{Prog: command.Prog, G: &env.Global{}, Stdin: strings.NewReader(""), Stdout: out, Stderr: io.Discard}
	ev.UseConn(conn)
	return ev, k, out
}

// runTC runs `tc WORDS...` on a fake kernel holding d.
func runTC(t *testing.T, d dumps, words ...string) (string, *nltest.Kernel, error) {
	t.Helper()
	ev, k, out := fakeKernel(t, d)
	err := Object().Run(ev, words)
	return out.String(), k, err
}

// lastRequest is the payload of the last request of type typ.
func lastRequest(k *nltest.Kernel, typ uint16) []byte {
	var last []byte
	for _, r := range k.Requests() {
		if r.Header.Type == typ {
			last = r.Data
		}
	}
	return last
}

// view is one listing a fixture records: its section and tc's options.
type view struct {
	section string
	flags   []string
}

// views are the listings of qdiscs, classes and filters.
var views = []view{
	{"show", nil}, {"details", []string{"-d"}}, {"stats", []string{"-s"}}, {"json", []string{"-j", "-s"}},
}

// captureNS is a namespace in which an update run adds a fixture's
// objects to the host kernel, with the fixture devices; it is deleted
// when the test ends, failed or not. An update needs root: without it,
// replies captured before would be replaced by built ones.
func captureNS(t *testing.T) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Fatal("GIP_UPDATE_KINDS captures replies from the host kernel in a namespace: run it as root")
	}
	ns := nltest.NetNS(t)
	if out, err := exec.Command("ip", "-n", ns, "link", "add", "eth7", "index", "7", "type", "veth", "peer", "name", "eth7p", "index", "8").CombinedOutput(); err != nil {
		t.Fatalf("setup: %v: %s", err, out)
	}
	return ns
}

// runIn runs `gip tc WORDS...` in namespace ns.
func runIn(ns string, words []string) error {
	ev := &env.Env{Prog: command.Prog, G: &env.Global{NetNS: ns}, Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard}
	return Object().Run(ev, words)
}

// compareWithTC checks gip's output of a captured reply against tc's
// listing of the namespace it came from. The times of actions are left
// out of both: the fixtures hold them masked (maskActionTimes), the
// namespace does not.
func compareWithTC(t *testing.T, ns string, args []string, got string) {
	t.Helper()
	path, err := exec.LookPath("tc")
	if err != nil {
		return
	}
	out, err := exec.Command(path, append([]string{"-n", ns}, args...)...).Output()
	if err != nil {
		t.Errorf("tc %s: %v", strings.Join(args, " "), err)
		return
	}
	ref := string(out)
	switch {
	case ref == got:
	case withoutTimes(ref) == withoutTimes(got):
		t.Logf("tc %s: the same but for the times of actions, or as JSON values (tc repeats a key where gip prints an array)", strings.Join(args, " "))
	case testenv.NumbersWithinOne(ref, got):
		// tc 6.1 turns ticks back into bytes through whole microseconds;
		// gip keeps the fraction (tc 6.15+), which can show a byte more.
		t.Logf("tc %s: a byte off, as tc 6.1 truncates ticks to whole microseconds\n tc:  %q\n gip: %q", strings.Join(args, " "), ref, got)
	default:
		t.Errorf("tc %s differs from gip's output of the captured reply\n tc:  %q\n gip: %q", strings.Join(args, " "), ref, got)
	}
}

// timeText and timeKeys are how tc prints an action's times, in text and
// in JSON.
var (
	timeText = regexp.MustCompile(` (installed|used|firstused|expires) [0-9]+ sec`)
	timeKeys = []string{"installed", "last_used", "first_used", "expires"}
	// gipKeys are what gip's JSON adds to tc's: u32's keys decoded.
	gipKeys = []string{"selectors"}
)

// withoutTimes is a listing without the times of its actions: text
// without their words; JSON as its value (readJSON), without their keys
// and without gip's own keys (gipKeys), which tc does not print.
func withoutTimes(s string) string {
	v, err := readJSON(s)
	if err != nil {
		return timeText.ReplaceAllString(s, "")
	}
	var drop func(v any) any
	drop = func(v any) any {
		switch x := v.(type) {
		case map[string]any:
			for _, k := range timeKeys {
				delete(x, k)
			}
			for _, k := range gipKeys {
				delete(x, k)
			}
			for k, e := range x {
				x[k] = drop(e)
			}
		case []any:
			if len(x) == 1 {
				return drop(x[0])
			}
			for i, e := range x {
				x[i] = drop(e)
			}
		}
		return v
	}
	b, _ := json.Marshal(drop(v))
	return string(b)
}

// readJSON reads a JSON document as tc writes it: a key an object
// repeats (u32's "match", one per key) becomes the array of its values,
// as gip prints it. A one-element array then compares as its element
// (withoutTimes), as tc prints a single key without the array.
func readJSON(s string) (any, error) {
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	v, err := readJSONValue(d)
	if err != nil {
		return nil, err
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, errors.New("trailing data")
	}
	return v, nil
}

func readJSONValue(d *json.Decoder) (any, error) {
	tok, err := d.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('['):
		var a []any
		for d.More() {
			v, err := readJSONValue(d)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
		_, err := d.Token()
		return a, err
	case json.Delim('{'):
		m := map[string]any{}
		repeated := map[string]bool{}
		for d.More() {
			k, err := d.Token()
			if err != nil {
				return nil, err
			}
			key, _ := k.(string)
			v, err := readJSONValue(d)
			if err != nil {
				return nil, err
			}
			old, seen := m[key]
			switch {
			case !seen:
				m[key] = v
			case repeated[key]:
				m[key] = append(old.([]any), v)
			default:
				m[key], repeated[key] = []any{old, v}, true
			}
		}
		_, err := d.Token()
		return m, err
	}
	return tok, nil
}

// eachAction calls fn with the kind and options of every action in the
// attributes b, however deeply nested (a filter's action list, an action
// message's table), in order. An action is a nest holding TCA_ACT_KIND,
// a registered action kind, and TCA_ACT_OPTIONS; fn may change the
// options in place.
func eachAction(b []byte, fn func(kind string, opts []byte)) {
	for _, a := range splitAttrs(b) {
		if kind, opts, ok := actionNest(a); ok {
			fn(kind, opts)
			continue
		}
		if splitAttrs(a) != nil {
			eachAction(a, fn)
		}
	}
}

// maskActionTimes zeroes, in place, the times (struct tcf_t) of every
// action in the attributes b: when the kernel installed and last used an
// action changes from run to run, and tc prints a zero time as it prints
// none. An action's times are the rtnl.Opt[rtnl.TCFTimes] its kind's
// options decode to, found in the options as the attribute that holds
// them.
func maskActionTimes(b []byte) {
	eachAction(b, maskTimesOf)
}

// bindBuiltActions gives the actions in the attributes b of a built
// reply what a fresh kernel reports of them: a reference, a binding when
// a filter holds them (bound), and the lowest index of their kind not yet
// taken when the request named none; taken holds each kind's indexes.
// An action's parameters are the struct its kind's options decode to
// that has the fields Index, Refcnt and Bindcnt and an Append method
// encoding it (rtnl.ActionParms, rtnl.PoliceParms), found in the
// options as the attribute that starts with that encoding.
func bindBuiltActions(b []byte, bound bool, taken map[string][]uint32) {
	eachAction(b, func(kind string, opts []byte) {
		o := action.Lookup(kind).New()
		if o.Decode(opts) != nil {
			return
		}
		p, ok := findParms(reflect.ValueOf(o))
		if !ok {
			return
		}
		old := appendParms(p)
		index := p.FieldByName("Index")
		if index.Uint() == 0 {
			n := uint64(1)
			for slices.Contains(taken[kind], uint32(n)) {
				n++
			}
			index.SetUint(n)
		}
		taken[kind] = append(taken[kind], uint32(index.Uint()))
		p.FieldByName("Refcnt").SetInt(1)
		if bound {
			p.FieldByName("Bindcnt").SetInt(1)
		}
		for _, a := range splitAttrs(opts) {
			if bytes.HasPrefix(a, old) {
				copy(a, appendParms(p))
				return
			}
		}
	})
}

// findParms finds an action's parameters in its decoded options (see
// bindBuiltActions), settable.
func findParms(v reflect.Value) (reflect.Value, bool) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return findParms(v.Elem())
		}
	case reflect.Struct:
		if v.CanSet() && v.MethodByName("Append").IsValid() {
			i, r, b := v.FieldByName("Index"), v.FieldByName("Refcnt"), v.FieldByName("Bindcnt")
			if i.IsValid() && i.CanUint() && r.IsValid() && r.CanInt() && b.IsValid() && b.CanInt() {
				return v, true
			}
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				if p, ok := findParms(v.Field(i)); ok {
					return p, true
				}
			}
		}
	}
	return reflect.Value{}, false
}

// appendParms is the encoding of an action's parameters.
func appendParms(p reflect.Value) []byte {
	out := p.MethodByName("Append").Call([]reflect.Value{reflect.ValueOf([]byte(nil))})
	return out[0].Bytes()
}

// splitAttrs is the payloads of the attributes b is made of, aliasing b;
// nil unless b is a whole, well-formed list of attributes.
func splitAttrs(b []byte) [][]byte {
	var out [][]byte
	for len(b) > 0 {
		if len(b) < 4 {
			return nil
		}
		n := int(binary.NativeEndian.Uint16(b))
		if n < 4 || n > len(b) {
			return nil
		}
		out = append(out, b[4:n])
		n = (n + 3) &^ 3
		if n > len(b) {
			n = len(b)
		}
		b = b[n:]
	}
	return out
}

// actionNest reports whether the attributes b describe an action of a
// registered kind, and gives its kind and options.
func actionNest(b []byte) (kind string, opts []byte, ok bool) {
	d := nl.NewAttrDecoder(b)
	hasOpts := false
	for d.Next() {
		switch d.Type() {
		case 1: // TCA_ACT_KIND
			kind = d.String()
		case 2: // TCA_ACT_OPTIONS
			opts, hasOpts = d.Bytes(), true
		}
	}
	if d.Err() != nil || !hasOpts || !slices.Contains(action.Kinds(), kind) {
		return "", nil, false
	}
	return kind, opts, true
}

// maskTimesOf zeroes the attribute of an action's options that holds its
// times.
func maskTimesOf(kind string, opts []byte) {
	o := action.Lookup(kind).New()
	if o.Decode(opts) != nil {
		return
	}
	var times []rtnl.TCFTimes
	findTimes(reflect.ValueOf(o), &times)
	for _, a := range splitAttrs(opts) {
		if tm, ok := rtnl.DecodeTCFTimes(a); ok && slices.Contains(times, tm) {
			clear(a)
		}
	}
}

var timesType = reflect.TypeFor[rtnl.Opt[rtnl.TCFTimes]]()

// findTimes collects the set times of decoded options.
func findTimes(v reflect.Value, out *[]rtnl.TCFTimes) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			findTimes(v.Elem(), out)
		}
	case reflect.Struct:
		if v.Type() == timesType {
			if tm := v.Interface().(rtnl.Opt[rtnl.TCFTimes]); tm.Set {
				*out = append(*out, tm.V)
			}
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				findTimes(v.Field(i), out)
			}
		}
	}
}

// dumpTC is a dump of typ (RTM_GETQDISC, RTM_GETTFILTER, ...) with
// header h in a capture namespace: the payloads of eth7's objects.
func dumpTC(t *testing.T, conn *nl.Conn, typ uint16, h rtnl.TCMsg) [][]byte {
	t.Helper()
	var out [][]byte
	for m, err := range conn.Dump(rtnl.TCDumpRequest(typ, h, rtnl.Opt[uint32]{})) {
		if err != nil {
			t.Fatal(err)
		}
		if got, err := rtnl.DecodeTCMsg(m.Data); err != nil || got.Ifindex != 7 {
			continue
		}
		out = append(out, append([]byte(nil), m.Data...))
	}
	return out
}
