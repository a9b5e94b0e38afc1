package filter

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// FuzzWords reads words as a filter kind's grammar does: what parses
// writes, once encoded and decoded as the kernel's answer is, as words
// that parse back to themselves.
func FuzzWords(f *testing.F) {
	for _, s := range []string{
		"u32||match ip dst 10.0.0.0/8 match ip dport 80 0xffff flowid 1:10", "u32|2:|divisor 16",
		"u32||ht 2:3: match u32 0 0 at 0 link 3: hashkey mask 0xff at 16 skip_sw",
		"u32||match u16 0x50 0xffff at nexthdr+2 offset plus 4 at 2 mask 0f00 shift 6 eat classid 1:1",
		"u32||match mark 0x10 0xff classid 1:2 indev t0", "matchall||classid 1:10 skip_hw", "basic||classid 1:3",
		"fw|5|classid 1:5 indev t0", "route||to 1 from 2 classid 1:1", "bpf||bytecode 1,6_0_0_0 classid 1:1 da",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		parts := strings.SplitN(s, "|", 3)
		if len(parts) != 3 {
			return
		}
		kind, handle, words := parts[0], parts[1], strings.Fields(parts[2])
		for i, w := range words {
			words[i] = strings.ReplaceAll(w, "_", " ")
		}
		// CanonWords sends the options through their encoding and
		// decoding: what it writes is what the kernel's answer reads as.
		w, err := CanonWords(kind, handle, unix.ETH_P_IP, words)
		if err != nil {
			return
		}
		again, err := CanonWords(kind, handle, unix.ETH_P_IP, w.Flat())
		if err != nil || !slices.EqualFunc(again, w, slices.Equal) {
			t.Fatalf("%s %q: words %q read back as %q, %v", kind, words, w.Flat(), again.Flat(), err)
		}
	})
}
