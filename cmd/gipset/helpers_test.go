package main

import (
	"bytes"
	"errors"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl/nltest"
)

// result is what one command line did.
type result struct {
	stdout, stderr string
	status         int
}

// gipsetIn runs gipset in-process inside namespace ns.
func gipsetIn(ns, stdin string, args ...string) result {
	var out, errb bytes.Buffer
	status := run(append([]string{"-netns", ns}, args...), strings.NewReader(stdin), &out, &errb)
	return result{out.String(), errb.String(), status}
}

// needIpset skips the test when the stock ipset is not installed.
func needIpset(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("ipset"); err != nil {
		t.Skip("skipped: the stock ipset is not installed (apt-get install ipset)")
	}
}

// ipsetIn runs the stock ipset inside namespace ns.
func ipsetIn(t *testing.T, ns, stdin string, args ...string) result {
	t.Helper()
	cmd := exec.Command("ip", append([]string{"netns", "exec", ns, "ipset"}, args...)...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	status := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		status = ee.ExitCode()
	case err != nil:
		t.Fatalf("running ipset %q: %v", args, err)
	}
	return result{out.String(), errb.String(), status}
}

// normIpset rewrites the stock tool's program name into ours, the one
// difference in error text we make on purpose.
func normIpset(s string) string {
	s = strings.ReplaceAll(s, "ipset v7.17: ", "gipset: ")
	return strings.ReplaceAll(s, "Try `ipset help'", "Try `gipset help'")
}

var (
	memberTimeout = regexp.MustCompile(`(?m)^((?:add \S+ )?[^ \n]+.*?) timeout \d+`)
	initval       = regexp.MustCompile(`(initval[ >])0x[0-9a-f]{8}`)
	memSize       = regexp.MustCompile(`(?m)^Size in memory: \d+$`)
	xmlMemSize    = regexp.MustCompile(`<memsize>\d+</memsize>`)
	xmlTimeout    = regexp.MustCompile(`(<member>.*)<timeout>\d+</timeout>`)
)

// normTimeouts blanks member timeouts, which count down between two
// reads, in plain, save and XML listings.
func normTimeouts(s string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(s, "\n") {
		if !strings.HasPrefix(line, "Header:") && !strings.HasPrefix(line, "create ") {
			line = memberTimeout.ReplaceAllString(line, "$1 timeout T")
			line = xmlTimeout.ReplaceAllString(line, "$1<timeout>T</timeout>")
		}
		b.WriteString(line)
	}
	return b.String()
}

// normVolatile blanks what legitimately differs between two namespaces
// built the same way, or between two reads a moment apart:
//
//	member timeouts  count down between the two listings
//	initval          the hash seed is random per set unless given
//	Size in memory   follows the hash's growth history and the seed
func normVolatile(s string) string {
	s = initval.ReplaceAllString(normTimeouts(s), "${1}X")
	s = memSize.ReplaceAllString(s, "Size in memory: N")
	s = xmlMemSize.ReplaceAllString(s, "<memsize>N</memsize>")
	return sortMembers(s)
}

// sortMembers sorts each set's member lines: a hash set's order follows
// its random seed, so two namespaces list the same members differently.
func sortMembers(s string) string {
	lines := strings.Split(s, "\n")
	isMember := func(i int, inPlain bool) bool {
		l := lines[i]
		return strings.HasPrefix(l, "add ") || strings.HasPrefix(l, "<member>") || (inPlain && l != "")
	}
	inPlain := false
	for i := 0; i < len(lines); {
		if lines[i] == "Members:" || strings.HasPrefix(lines[i], "Number of entries:") {
			inPlain = true
			i++
			continue
		}
		if !isMember(i, inPlain) {
			inPlain = false
			i++
			continue
		}
		j := i
		for j < len(lines) && isMember(j, inPlain) {
			j++
		}
		slices.Sort(lines[i:j])
		inPlain = false
		i = j
	}
	return strings.Join(lines, "\n")
}

// twoNamespaces gives a test one namespace for ipset and one for gipset.
func twoNamespaces(t *testing.T) (string, string) {
	t.Helper()
	needIpset(t)
	return nltest.NetNS(t), nltest.NetNS(t)
}

// splitArgs splits a command line on blanks, with double quotes grouping.
func splitArgs(t *testing.T, line string) []string {
	t.Helper()
	w, err := splitLine(line)
	if err != nil {
		t.Fatalf("bad test line %q: %v", line, err)
	}
	return w
}
