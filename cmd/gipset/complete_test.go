package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl/nltest"
)

// TestCompletion asks gipset for the words at the cursor of command lines
// on a namespace holding two sets.
func TestCompletion(t *testing.T) {
	ns := nltest.NetNS(t)
	for _, line := range []string{"create blk hash:ip timeout 10", "create nets hash:net"} {
		if r := gipsetIn(ns, "", strings.Fields(line)...); r.status != 0 {
			t.Fatalf("%s: %+v", line, r)
		}
	}
	for _, c := range []struct{ words, want string }{
		{"de", "del destroy"},
		{"-netns " + ns + " add ", "blk nets"},
		{"-netns " + ns + " -q list n", "nets"},
		{"-netns " + ns + " swap blk ", "blk nets"},
		{"-netns " + ns + " swap blk nets ", ""},
		{"-netns " + ns + " add blk 10.0.0.1 t", "timeout"},
		{"-netns " + ns + " test nets 10.0.0.0/8 n", "nomatch"},
		{"-netns " + ns + " add nosuch 10.0.0.1 ", ""},
		{"create x hash:ip,p", "hash:ip,port hash:ip,port,ip hash:ip,port,net"},
		{"create x hash:ip ma", "maxelem"},
		{"help bitmap:", "bitmap:ip bitmap:ip,mac bitmap:port"},
		{"-o ", "json plain save table xml"},
		{"-ter", "-terse"},
		{"completion ", "bash fish zsh"},
		{"-netns " + ns[:len(ns)-1], ns},
	} {
		var out, errb bytes.Buffer
		status := run(append([]string{"__complete"}, strings.Split(c.words, " ")...), strings.NewReader(""), &out, &errb)
		got := strings.Join(strings.Fields(out.String()), " ")
		if c.want == ns {
			if !strings.Contains(" "+got+" ", " "+ns+" ") {
				t.Errorf("%q: %q lacks %s", c.words, got, ns)
			}
			continue
		}
		if status != 0 || got != c.want {
			t.Errorf("%q: %q (exit %d %s), want %q", c.words, got, status, errb.String(), c.want)
		}
	}
}
