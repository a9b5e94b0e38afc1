// Command gen writes random prefixes for the gcalc benchmark, one per line:
// IPv4 /16-/32 or IPv6 /48-/64 by default, host bits cleared. The same seed
// gives the same file.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"os"
)

func main() {
	n := flag.Int("n", 1000000, "number of prefixes")
	family := flag.Int("family", 4, "4 or 6")
	minLen := flag.Int("min", -1, "shortest prefix length (default 16 for IPv4, 48 for IPv6)")
	maxLen := flag.Int("max", -1, "longest prefix length (default 32 for IPv4, 64 for IPv6)")
	within := flag.String("within", "", "draw prefixes inside this network only")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if err := generate(*n, *family, *minLen, *maxLen, *within, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func generate(n, family, minLen, maxLen int, within string, seed uint64) error {
	lo, hi := 16, 32
	if family == 6 {
		lo, hi = 48, 64
	}
	if minLen >= 0 {
		lo = minLen
	}
	if maxLen >= 0 {
		hi = maxLen
	}
	var base netip.Prefix
	if within != "" {
		p, err := netip.ParsePrefix(within)
		if err != nil {
			return err
		}
		base = p.Masked()
	}
	r := rand.New(rand.NewPCG(seed, uint64(family)))
	w := bufio.NewWriter(os.Stdout)
	for range n {
		var a netip.Addr
		if family == 6 {
			var b [16]byte
			for i := range b {
				b[i] = byte(r.Uint32())
			}
			b[0] = 0x20 | b[0]&0x1f // 2000::/3, as routed IPv6 is
			a = netip.AddrFrom16(b)
		} else {
			v := r.Uint32()
			a = netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
		}
		if base.IsValid() {
			a = merge(base, a)
		}
		bits := lo + r.IntN(hi-lo+1)
		fmt.Fprintln(w, netip.PrefixFrom(a, bits).Masked())
	}
	return w.Flush()
}

// merge keeps the network bits of base and the rest of a.
func merge(base netip.Prefix, a netip.Addr) netip.Addr {
	b, x := base.Addr().AsSlice(), a.AsSlice()
	for i := range b {
		keep := 8 * (i + 1)
		switch {
		case keep <= base.Bits():
			x[i] = b[i]
		case keep-8 < base.Bits():
			m := byte(0xff << (keep - base.Bits()))
			x[i] = b[i]&m | x[i]&^m
		}
	}
	out, _ := netip.AddrFromSlice(x)
	return out
}
