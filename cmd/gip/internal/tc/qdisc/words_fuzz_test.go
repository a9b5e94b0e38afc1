package qdisc

import (
	"slices"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
)

// FuzzWords reads words as a kind's grammar does: what parses writes as
// words that parse back to themselves, and what the encoder sends
// decodes to the same words (the kernel's answer, as gip state reads it).
func FuzzWords(f *testing.F) {
	for _, s := range []string{
		"htb|0|default 10 r2q 5 direct_qlen 30", "htb|1|rate 1mbit ceil 2mbit burst 15k prio 3 quantum 1500",
		"htb|1|rate 3mbit overhead 8 mpu 64 linklayer atm", "htb|1|rate 10gbit ceil 40gbit",
		"tbf|0|rate 1mbit burst 10k latency 50ms", "tbf|0|rate 2mbit burst 4k limit 30000 peakrate 3mbit mtu 1600",
		"pfifo|0|limit 50", "bfifo|0|limit 30000", "clsact|0|", "ingress|0|",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		parts := strings.SplitN(s, "|", 3)
		if len(parts) != 3 {
			return
		}
		kind, class, words := parts[0], parts[1] == "1", strings.Fields(parts[2])
		w, err := CanonWords(kind, class, "", words)
		if err != nil {
			return
		}
		again, err := CanonWords(kind, class, "", w.Flat())
		if err != nil || !slices.EqualFunc(again, w, slices.Equal) {
			t.Fatalf("%s %q: words %q read back as %q, %v", kind, words, w.Flat(), again.Flat(), err)
		}
		// Sent and read back: the options' encoding decodes to the
		// same words, but for what the kernel computes itself (tbf's
		// buckets in bytes, which FuzzWords cannot).
		k := Lookup(kind)
		newFn, parse := k.New, k.Parse
		if class {
			newFn, parse = k.Class.New, k.Class.Parse
		}
		o := newFn()
		if parse != nil && parse(NewParser(kind, "", "", words), o) != nil {
			t.Fatalf("%s %q parsed once, not twice", kind, words)
		}
		e := nl.NewAttrEncoder(nil)
		o.Encode(e)
		b, _ := e.Encode()
		var payload []byte
		d := nl.NewAttrDecoder(b)
		for d.Next() {
			payload = d.Bytes()
		}
		if kind == "tbf" || payload == nil {
			return
		}
		got, err := OptionWords(kind, class, payload)
		if err != nil || !slices.EqualFunc(got, w, slices.Equal) {
			t.Fatalf("%s %q: sent as %q, read back as %q, %v", kind, words, w.Flat(), got.Flat(), err)
		}
	})
}
