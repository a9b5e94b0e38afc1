// Command netipx-bench is the comparison program for the gcalc benchmark:
// the same collapse and exclude written on go4.org/netipx's IPSet.
//
//	netipx-bench collapse FILE
//	netipx-bench exclude NET FILE
package main

import (
	"bufio"
	"fmt"
	"net/netip"
	"os"

	"go4.org/netipx"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "netipx-bench:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	var b netipx.IPSetBuilder
	switch {
	case len(args) == 2 && args[0] == "collapse":
		if err := readPrefixes(args[1], b.AddPrefix); err != nil {
			return err
		}
	case len(args) == 3 && args[0] == "exclude":
		p, err := netip.ParsePrefix(args[1])
		if err != nil {
			return err
		}
		b.AddPrefix(p)
		if err := readPrefixes(args[2], b.RemovePrefix); err != nil {
			return err
		}
	default:
		return fmt.Errorf("usage: netipx-bench collapse FILE | exclude NET FILE")
	}
	set, err := b.IPSet()
	if err != nil {
		return err
	}
	w := bufio.NewWriter(os.Stdout)
	for _, p := range set.Prefixes() {
		w.WriteString(p.String())
		w.WriteByte('\n')
	}
	return w.Flush()
}

func readPrefixes(name string, add func(netip.Prefix)) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		p, err := netip.ParsePrefix(sc.Text())
		if err != nil {
			return err
		}
		add(p)
	}
	return sc.Err()
}
