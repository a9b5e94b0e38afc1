package main

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

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

// ipsetTimeout bounds one run of the stock ipset: no command of the
// tests takes more than a fraction of it.
const ipsetTimeout = time.Minute

// ipsetIn runs the stock ipset inside namespace ns. A run that outlasts
// ipsetTimeout is killed and fails the test.
func ipsetIn(t *testing.T, ns, stdin string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), ipsetTimeout)
	defer cancel()
	// nsenter is lighter than `ip netns exec` (no remount of /sys); both
	// enter the named namespace.
	cmd := exec.CommandContext(ctx, "ip", append([]string{"netns", "exec", ns, "ipset"}, args...)...)
	if path, err := exec.LookPath("nsenter"); err == nil {
		cmd = exec.CommandContext(ctx, path, append([]string{"--net=/run/netns/" + ns, "ipset"}, args...)...)
	}
	cmd.WaitDelay = 5 * time.Second
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("ipset %q did not finish within %v", args, ipsetTimeout)
	}
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

// volatileValues are the values of a listing that legitimately differ
// between two namespaces built with the same commands, one by ipset and
// one by gipset; normVolatile blanks them before comparing. Everything
// else must be byte-identical.
var volatileValues = []struct {
	re     *regexp.Regexp
	repl   string
	reason string
}{
	{initval, "${1}X", "initval: each hash set gets a random seed unless one is given"},
	{memSize, "Size in memory: N", "Size in memory: follows the hash's growth history, and so the seed"},
	{xmlMemSize, "<memsize>N</memsize>", "<memsize>: the same in XML"},
}

// normVolatile blanks the volatileValues, member timeouts (they count
// down between two reads) and the order of hash members (it follows the
// seed).
func normVolatile(s string) string {
	s = normTimeouts(s)
	for _, v := range volatileValues {
		s = v.re.ReplaceAllString(s, v.repl)
	}
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
