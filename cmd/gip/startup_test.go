package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// Every gip command line pays the initialisation of every package gip
// links, and on a virtual machine start-up is mostly the page faults of
// that work. These budgets keep it from growing back: a table a package
// needs for some commands is built on first use (sync.OnceValue), not
// at initialisation.
const (
	initBytesPerPackage = 4 << 10  // heap one of gip's packages may allocate at init
	initBytesAll        = 32 << 10 // all of gip's packages together
	gipModule           = "github.com/gip-suite/gip/"
)

// unwanted are packages gip must not link for what their initialisation
// costs every start-up, and why gip does without them.
var unwanted = map[string]string{
	"net":                             "nft reads ether addresses itself (parseEther)",
	"github.com/cilium/ebpf/features": "vrf attaches its program with its own bpf(2) call",
}

// initTrace is one line of GODEBUG=inittrace=1.
type initTrace struct {
	pkg   string
	bytes int
}

// TestStartupInitBudget runs this test binary, which links every package
// gip links, with GODEBUG=inittrace=1 and checks what the packages'
// initialisation allocates.
func TestStartupInitBudget(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", os.Args[0], err, stderr.Bytes())
	}
	traces := parseInitTrace(t, stderr.Bytes())
	if len(traces) == 0 {
		t.Fatalf("no inittrace lines in:\n%s", stderr.Bytes())
	}
	total := 0
	for _, tr := range traces {
		if why, ok := unwanted[tr.pkg]; ok {
			t.Errorf("gip links %s again (%s)", tr.pkg, why)
		}
		if !strings.HasPrefix(tr.pkg, gipModule) {
			continue
		}
		total += tr.bytes
		if tr.bytes > initBytesPerPackage {
			t.Errorf("%s allocates %d bytes at init, budget %d: build its tables on first use", tr.pkg, tr.bytes, initBytesPerPackage)
		}
	}
	if total > initBytesAll {
		t.Errorf("gip's packages allocate %d bytes at init, budget %d", total, initBytesAll)
	}
}

// parseInitTrace reads lines such as
// "init net/netip @0.52 ms, 0.004 ms clock, 48 bytes, 2 allocs".
func parseInitTrace(t *testing.T, out []byte) []initTrace {
	var traces []initTrace
	s := bufio.NewScanner(bytes.NewReader(out))
	for s.Scan() {
		f := strings.Fields(s.Text())
		if len(f) < 11 || f[0] != "init" || f[8] != "bytes," {
			continue
		}
		n, err := strconv.Atoi(f[7])
		if err != nil {
			t.Fatalf("inittrace line %q: %v", s.Text(), err)
		}
		traces = append(traces, initTrace{pkg: f[1], bytes: n})
	}
	return traces
}
