package tc

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nltest"
	"github.com/gip-suite/gip/internal/testenv"
	"golang.org/x/sys/unix"
)

// lineObject is one of tc's objects whose kind fixtures hold commands,
// one a line, each sending one request, and the listing of what they
// made: filters and actions. Their fixtures have the sections
//
//	-- cmd --      one command a line: the words after the object's add
//	-- request --  the payload of the request each line sends, in hex,
//	               one a line
//	-- reply --    the payloads of the kernel's dump of what the commands
//	               made, in hex, one a line
//
// then one section per view of the listing.
type lineObject struct {
	object  string          // "filter" or "actions", for messages
	dir     string          // the directory of the fixtures
	kinds   func() []string // the registered kinds
	newType uint16          // the request a cmd line sends
	getType uint16          // the dump that lists them
	add     []string        // the words before a cmd line's
	list    func(kind string) []string
	views   []view
	// setup is gip tc commands run in the capture namespace before the
	// cmd lines.
	setup [][]string
	// capture dumps the kind's objects in the capture namespace.
	capture func(t *testing.T, conn *nl.Conn, kind string) [][]byte
	// build is the kernel's replies made from the requests, for a kind
	// the host kernel lacks.
	build func(reqs [][]byte) [][]byte
	// hdrLen is the size of a payload's fixed header, before its
	// attributes.
	hdrLen int
}

// cmdLines is a fixture's commands.
func cmdLines(fx *testenv.Fixture) []string {
	var out []string
	for _, l := range strings.Split(fx.Section("cmd"), "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// splitWords splits a command line into words as a shell would for
// the simple lines of the fixtures: at white space, but not inside '...'
// or "..." (an ematch), whose quotes are dropped.
func splitWords(line string) []string {
	var words []string
	var w strings.Builder
	in, quote := false, byte(0)
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			w.WriteByte(c)
		case c == '\'' || c == '"':
			quote, in = c, true
		case c == ' ' || c == '\t':
			if in {
				words = append(words, w.String())
				w.Reset()
				in = false
			}
		default:
			w.WriteByte(c)
			in = true
		}
	}
	if in {
		words = append(words, w.String())
	}
	return words
}

// test checks every registered kind's fixture (rewriting it first under
// GIP_UPDATE_KINDS), and that every fixture is of a registered kind.
func (o *lineObject) test(t *testing.T) {
	for _, name := range o.kinds() {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(o.dir, name+".txtar")
			fx, err := testenv.ReadFixture(path)
			if err != nil {
				t.Fatalf("%s kind %s has no fixture: %v\n(write its cmd section in %s and run the test with GIP_UPDATE_KINDS=1)", o.object, name, err, path)
			}
			if len(cmdLines(fx)) == 0 {
				t.Fatalf("%s: no command in the cmd section", path)
			}
			if update {
				o.regenerate(t, fx, name)
				if err := fx.Write(path); err != nil {
					t.Fatal(err)
				}
			}
			o.check(t, fx, name, path)
		})
	}
	files, err := filepath.Glob(filepath.Join(o.dir, "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if name := strings.TrimSuffix(filepath.Base(f), ".txtar"); !slices.Contains(o.kinds(), name) {
			t.Errorf("%s: no %s kind %q is registered", f, o.object, name)
		}
	}
}

// requests runs each of the fixture's commands on the fake kernel and
// returns the request each sent.
func (o *lineObject) requests(t *testing.T, fx *testenv.Fixture) [][]byte {
	t.Helper()
	var reqs [][]byte
	for _, line := range cmdLines(fx) {
		words := append(slices.Clone(o.add), splitWords(line)...)
		_, k, err := runTC(t, nil, words...)
		if err != nil {
			t.Fatalf("%s: %v", strings.Join(words, " "), err)
		}
		req := lastRequest(k, o.newType)
		if req == nil {
			t.Fatalf("%s sent no request of type %d", strings.Join(words, " "), o.newType)
		}
		reqs = append(reqs, req)
	}
	return reqs
}

// listing is gip's listing of view v from a fake kernel holding replies.
func (o *lineObject) listing(t *testing.T, kind string, v view, replies [][]byte) (string, []string) {
	t.Helper()
	args := append(slices.Clone(v.flags), o.list(kind)...)
	got, _, err := runTC(t, dumps{o.getType: replies}, args...)
	if err != nil {
		t.Fatalf("%s: %v", strings.Join(args, " "), err)
	}
	return got, args
}

func (o *lineObject) check(t *testing.T, fx *testenv.Fixture, kind, path string) {
	if got, want := testenv.HexLines(o.requests(t, fx)), fx.Section("request"); got != want {
		t.Errorf("%s requests\n got  %s want %s", o.object, got, want)
	}
	replies, err := testenv.ParseHexLines(fx.Section("reply"))
	if err != nil || len(replies) == 0 {
		t.Fatalf("%s: bad reply section: %v", path, err)
	}
	for _, v := range o.views {
		got, args := o.listing(t, kind, v, replies)
		// A section ends with a line break, as txtar keeps it; the
		// listing may not (bpf's ends with tc's trailing blank).
		if got != "" && !strings.HasSuffix(got, "\n") {
			got += "\n"
		}
		if want := fx.Section(v.section); got != want {
			t.Errorf("%s\n got  %q\n want %q", strings.Join(args, " "), got, want)
		}
	}
}

// regenerate fills a fixture's requests, replies and listings: captured
// from the host kernel (and compared with tc) when it has the kind, else
// built from the requests.
func (o *lineObject) regenerate(t *testing.T, fx *testenv.Fixture, kind string) {
	reqs := o.requests(t, fx)
	fx.Set("request", testenv.HexLines(reqs))
	replies, ns := o.captured(t, fx, kind)
	if replies == nil {
		replies = o.build(reqs)
		t.Logf("replies built from the requests (the host kernel lacks the kind)")
	}
	fx.Set("reply", testenv.HexLines(replies))
	for _, v := range o.views {
		got, args := o.listing(t, kind, v, replies)
		fx.Set(v.section, got)
		if ns != "" {
			compareWithTC(t, ns, args, got)
		}
	}
}

// captured runs the fixture's commands in a capture namespace and dumps
// what they made, the times of actions masked; nil when the host kernel
// refuses a command (it lacks the kind).
func (o *lineObject) captured(t *testing.T, fx *testenv.Fixture, kind string) ([][]byte, string) {
	ns := captureNS(t)
	for _, words := range o.setup {
		if err := runIn(ns, words); err != nil {
			t.Fatalf("setup %s: %v", strings.Join(words, " "), err)
		}
	}
	for _, line := range cmdLines(fx) {
		words := append(slices.Clone(o.add), splitWords(line)...)
		if err := runIn(ns, words); err != nil {
			t.Logf("%s: host kernel refuses %s: %v", kind, strings.Join(words, " "), err)
			return nil, ""
		}
	}
	replies := o.capture(t, nltest.DialNetNS(t, unix.NETLINK_ROUTE, ns), kind)
	if len(replies) == 0 {
		t.Fatalf("%s: the namespace's dump is empty", kind)
	}
	for _, r := range replies {
		maskActionTimes(r[o.hdrLen:])
	}
	return replies, ns
}
