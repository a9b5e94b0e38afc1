package filter

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// FuzzWords reads words as a filter kind's grammar does: what parses
// writes as words that parse back to themselves, and what the encoder
// sends decodes to the same words (the kernel's answer, as gip state
// reads it).
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
	noIndex := func(string) (int32, error) { return 0, errors.New("no devices") }
	f.Fuzz(func(t *testing.T, s string) {
		parts := strings.SplitN(s, "|", 3)
		if len(parts) != 3 {
			return
		}
		kind, handle, words := parts[0], parts[1], strings.Fields(parts[2])
		for i, w := range words {
			words[i] = strings.ReplaceAll(w, "_", " ")
		}
		w, err := CanonWords(kind, handle, unix.ETH_P_IP, words, noIndex)
		if err != nil {
			return
		}
		again, err := CanonWords(kind, handle, unix.ETH_P_IP, w.Flat(), noIndex)
		if err != nil || !slices.EqualFunc(again, w, slices.Equal) {
			t.Fatalf("%s %q: words %q read back as %q, %v", kind, words, w.Flat(), again.Flat(), err)
		}
		k := kinds()[kind]
		var h rtnl.TCMsg
		p := &Parser{Args: grammar.NewArgs(words), Kind: kind, Handle: handle, Protocol: unix.ETH_P_IP, Msg: &h, Index: noIndex,
			Realm: func(s string) (uint32, bool) { v, ok := grammar.ParseCUint(s, 32); return uint32(v), ok }}
		o := k.New()
		if k.Parse(p, o) != nil {
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
		got, err := OptionWords(kind, h, payload)
		if err != nil || !slices.EqualFunc(got, w, slices.Equal) {
			t.Fatalf("%s %q: sent as %q, read back as %q, %v", kind, words, w.Flat(), got.Flat(), err)
		}
	})
}
