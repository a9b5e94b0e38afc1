package env

import (
	"reflect"
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"golang.org/x/sys/unix"
)

func TestParseGlobal(t *testing.T) {
	cases := []struct {
		args string
		want Global
		rest string
	}{
		{"link", Global{}, "link"},
		{"-j -p link", Global{JSON: true, Pretty: true}, "link"},
		{"-json -pretty a", Global{JSON: true, Pretty: true}, "a"},
		{"--json link", Global{JSON: true}, "link"},
		{"-br a", Global{Brief: true}, "a"},
		{"-b file", Global{Batch: "file", HasBatch: true}, ""},
		{"-batch -", Global{Batch: "-", HasBatch: true}, ""},
		{"-s -s -d l", Global{Stats: 2, Details: 1}, "l"},
		{"-stat -statistics l", Global{Stats: 2}, "l"},
		{"-h -s l", Global{Human: true, Stats: 1}, "l"},
		{"-o a", Global{Oneline: true}, "a"},
		{"-n ns1 link", Global{NetNS: "ns1"}, "link"},
		{"-netns ns1 link", Global{NetNS: "ns1"}, "link"},
		{"-4 a", Global{Family: unix.AF_INET}, "a"},
		{"-6 a", Global{Family: unix.AF_INET6}, "a"},
		{"-0 a", Global{Family: unix.AF_PACKET}, "a"},
		{"-f inet6 a", Global{Family: unix.AF_INET6}, "a"},
		{"-family link a", Global{Family: unix.AF_PACKET}, "a"},
		{"-B a", Global{Family: unix.AF_BRIDGE}, "a"},
		{"-M a", Global{Family: unix.AF_MPLS}, "a"},
		{"-c link", Global{Color: ColorAlways}, "link"},
		{"-color=never link", Global{Color: ColorNever}, "link"},
		{"-c=auto link", Global{Color: ColorAuto}, "link"},
		{"-a netns exec x", Global{All: true}, "netns exec x"},
		{"-all netns delete", Global{All: true}, "netns delete"},
		{"-force -b f", Global{Force: true, Batch: "f", HasBatch: true}, ""},
		{"-V", Global{Version: true}, ""},
		{"-t monitor", Global{Timestamp: 1}, "monitor"},
		{"-ts monitor", Global{Timestamp: 2}, "monitor"},
		{"-ta link", Global{Table: true}, "link"},
		{"-table link", Global{Table: true}, "link"},
		{"-N r", Global{Numeric: true}, "r"},
		{"-r r", Global{Resolve: true}, "r"},
		{"-rc 4096 link", Global{RcvBuf: 4096}, "link"},
		{"-iec -h l", Global{IEC: true, Human: true}, "l"},
		{"-l 3 a", Global{Loops: 3}, "a"},
		{"-echo l", Global{Echo: true}, "l"},
		{"-help", Global{Help: true}, ""},
		{"-- -j", Global{}, "-j"},
	}
	for _, c := range cases {
		g, rest, err := ParseGlobal("gip", strings.Fields(c.args))
		if err != nil {
			t.Errorf("%q: %v", c.args, err)
			continue
		}
		if !reflect.DeepEqual(*g, c.want) {
			t.Errorf("%q: got %+v, want %+v", c.args, *g, c.want)
		}
		if strings.Join(rest, " ") != c.rest {
			t.Errorf("%q: rest %q, want %q", c.args, rest, c.rest)
		}
	}
}

func TestParseGlobalErrors(t *testing.T) {
	cases := []struct {
		args, msg string
		code      int
	}{
		{"-foo link", `Option "-foo" is unknown, try "gip -help".`, 255},
		{"-f foo link", `Error: argument "foo" is wrong: invalid protocol family`, 255},
		{"-n", `Command line is not complete. Try option "help"`, 255},
		{"-rc x", `Error: argument "x" is wrong: invalid rcvbuf size`, 255},
		{"-color=pink l", `Option "-color=pink" is unknown, try "gip -help".`, 255},
	}
	for _, c := range cases {
		_, _, err := ParseGlobal("gip", strings.Fields(c.args))
		if err == nil {
			t.Errorf("%q: no error", c.args)
			continue
		}
		if err.Error() != c.msg || fail.ExitCode(err) != c.code {
			t.Errorf("%q: %q (exit %d), want %q (exit %d)", c.args, err, fail.ExitCode(err), c.msg, c.code)
		}
	}
}

// FuzzParseGlobal checks that no command line makes the option parser
// panic, and that it either fails with a usage error or leaves words that
// do not start with an option it knows.
func FuzzParseGlobal(f *testing.F) {
	for _, s := range []string{"-j -p link", "-n x a", "-c=always -br l", "-f inet6 -4 a", "-- -x", "-b -", "-rc 9 -l 2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		g, rest, err := ParseGlobal("gip", strings.Fields(s))
		if err != nil {
			if fail.ExitCode(err) != 255 {
				t.Fatalf("%q: option error with exit %d", s, fail.ExitCode(err))
			}
			return
		}
		if g == nil {
			t.Fatalf("%q: nil options without error", s)
		}
		_ = rest
	})
}
