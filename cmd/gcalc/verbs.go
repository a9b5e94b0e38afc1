package main

import (
	"bufio"
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/internal/ipaddress"
	"github.com/gip-suite/gip/internal/notation"
	"github.com/spf13/cobra"
)

// ---- collapse

type collapseOptions struct{ *globalOptions }

func newCollapseCmd(e *env, g *globalOptions) *cobra.Command {
	o := &collapseOptions{g}
	return &cobra.Command{
		Use:   "collapse [LIST]...",
		Short: "Summarize a list into the fewest networks covering the same addresses",
		Long: `collapse merges overlapping and adjacent networks of a list into the fewest
networks covering exactly the same addresses, IPv4 first, then IPv6.`,
		RunE: func(_ *cobra.Command, args []string) error { return runCollapse(e, o, args) },
	}
}

func runCollapse(e *env, o *collapseOptions, args []string) error {
	lw, err := o.newListWriter(e.stdout)
	if err != nil {
		return err
	}
	var c ipaddress.Collapser
	c.SizeHint(estimateItems(args))
	if err := o.networks(e, args, func(n ipaddress.Network, _ bool) { c.Add(n) }); err != nil {
		return err
	}
	for n := range c.All() {
		if !lw.Network(n) {
			break
		}
	}
	return lw.End()
}

// ---- summarize

type summarizeOptions struct{ *globalOptions }

func newSummarizeCmd(e *env, g *globalOptions) *cobra.Command {
	o := &summarizeOptions{g}
	return &cobra.Command{
		Use:   "summarize FIRST LAST",
		Short: "Print the fewest networks covering the range FIRST..LAST",
		Args:  exactArgs(2),
		RunE:  func(_ *cobra.Command, args []string) error { return runSummarize(e, o, args) },
	}
}

func runSummarize(e *env, o *summarizeOptions, args []string) error {
	lw, err := o.newListWriter(e.stdout)
	if err != nil {
		return err
	}
	first, err := ipaddress.ParseAddress(args[0])
	if err != nil {
		return err
	}
	last, err := ipaddress.ParseAddress(args[1])
	if err != nil {
		return err
	}
	seq, err := ipaddress.SummarizeRange(first, last)
	if err != nil {
		return err
	}
	for n := range seq {
		if !lw.Network(n) {
			break
		}
	}
	return lw.End()
}

// ---- exclude

type excludeOptions struct{ *globalOptions }

func newExcludeCmd(e *env, g *globalOptions) *cobra.Command {
	o := &excludeOptions{g}
	return &cobra.Command{
		Use:   "exclude NET [-] EXCL...",
		Short: "Print what is left of NET after removing the EXCL networks",
		Long: `exclude removes networks from a network and prints what is left as the fewest
networks, sorted. Without '-' the first argument is the network to keep and
the rest are exclusions; with '-' the arguments before it are the networks to
keep and those after it the exclusions. Either side may name files; with no
exclusions given they are read from stdin.`,
		Args: minArgs(1),
		RunE: func(_ *cobra.Command, args []string) error { return runExclude(e, o, args) },
	}
}

func runExclude(e *env, o *excludeOptions, args []string) error {
	lw, err := o.newListWriter(e.stdout)
	if err != nil {
		return err
	}
	keepArgs, dropArgs := args[:1], args[1:]
	for i, a := range args {
		if a == "-" && i > 0 {
			keepArgs, dropArgs = args[:i], args[i+1:]
			break
		}
	}
	var keep, drop ipaddress.Collapser
	keep.SizeHint(estimateItems(keepArgs))
	drop.SizeHint(estimateItems(dropArgs))
	if err := o.networks(e, keepArgs, func(n ipaddress.Network, _ bool) { keep.Add(n) }); err != nil {
		return err
	}
	if err := o.networks(e, dropArgs, func(n ipaddress.Network, _ bool) { drop.Add(n) }); err != nil {
		return err
	}
	for n := range keep.Without(&drop) {
		if !lw.Network(n) {
			break
		}
	}
	return lw.End()
}

// ---- subnets

type subnetsOptions struct {
	*globalOptions
	count uint64
}

func newSubnetsCmd(e *env, g *globalOptions) *cobra.Command {
	o := &subnetsOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "subnets NET (/NEWLEN | --count N)",
		Short: "Split NET into subnets of length NEWLEN, or into at least N equal subnets",
		Long: `subnets splits a network into subnets of prefix length /NEWLEN, or with
--count N into the smallest power of two of equal subnets that is at least N.
Subnets are printed as they are generated, so a large split streams.`,
		Args: rangeArgs(1, 2),
		RunE: func(_ *cobra.Command, args []string) error { return runSubnets(e, o, args) },
	}
	cmd.Flags().Uint64Var(&o.count, "count", 0, "split into at least `N` subnets")
	return cmd
}

func parseNewLen(s string) (int, error) {
	v, err := strconv.Atoi(strings.TrimPrefix(s, "/"))
	if err != nil || v < 0 {
		return 0, usagef("invalid prefix length %q (want /LEN)", s)
	}
	return v, nil
}

func runSubnets(e *env, o *subnetsOptions, args []string) error {
	table := o.format == formatTable
	var lw *notation.Writer
	if !table {
		var err error
		if lw, err = o.newListWriter(e.stdout); err != nil {
			return err
		}
	}
	n, err := o.oneNetwork(args[0])
	if err != nil {
		return err
	}
	var newLen int
	switch {
	case len(args) == 2 && o.count != 0:
		return usagef("give /NEWLEN or --count, not both")
	case len(args) == 2:
		if newLen, err = parseNewLen(args[1]); err != nil {
			return err
		}
	case o.count != 0:
		newLen = n.PrefixLen() + bits.Len64(o.count-1)
		if newLen > n.MaxPrefixLen() {
			return fmt.Errorf("%s cannot be split into %d subnets", n, o.count)
		}
	default:
		return usagef("subnets needs /NEWLEN or --count N")
	}
	seq, err := n.Subnets(newLen)
	if err != nil {
		return err
	}
	fits := newLen-n.PrefixLen() <= bits.Len(maxTableSubnets)-1
	switch {
	case table && !fits:
		return usagef("%s has more than %d subnets of length /%d, too many for a table", n, maxTableSubnets, newLen)
	case table || o.format == formatPlain && e.isTTY && fits:
		var rows []ipaddress.Interface
		for s := range seq {
			i, _ := ipaddress.ParseInterface(s.String())
			rows = append(rows, i)
		}
		return e.writeRows(subnetColumns, rows)
	}
	for s := range seq {
		if !lw.Network(s) {
			break
		}
	}
	return lw.End()
}

// ---- supernet

type supernetOptions struct{ *globalOptions }

func newSupernetCmd(e *env, g *globalOptions) *cobra.Command {
	o := &supernetOptions{g}
	return &cobra.Command{
		Use:   "supernet NET [/NEWLEN]",
		Short: "Print the network of length NEWLEN (default: one shorter) containing NET",
		Args:  rangeArgs(1, 2),
		RunE:  func(_ *cobra.Command, args []string) error { return runSupernet(e, o, args) },
	}
}

func runSupernet(e *env, o *supernetOptions, args []string) error {
	lw, err := o.newListWriter(e.stdout)
	if err != nil {
		return err
	}
	n, err := o.oneNetwork(args[0])
	if err != nil {
		return err
	}
	newLen := n.PrefixLen() - 1
	if len(args) == 2 {
		if newLen, err = parseNewLen(args[1]); err != nil {
			return err
		}
	}
	s, err := n.Supernet(newLen)
	if err != nil {
		return err
	}
	lw.Network(s)
	return lw.End()
}

// ---- contains

type containsOptions struct{ *globalOptions }

func newContainsCmd(e *env, g *globalOptions) *cobra.Command {
	o := &containsOptions{g}
	return &cobra.Command{
		Use:   "contains NET ADDR|NET...",
		Short: "Tell whether NET contains each address or network (exit 2 if any is not)",
		Args:  minArgs(1),
		RunE:  func(_ *cobra.Command, args []string) error { return runContains(e, o, args) },
	}
}

func runContains(e *env, o *containsOptions, args []string) error {
	if o.format != formatPlain && o.format != formatJSON {
		return usagef("contains prints -o plain or -o json")
	}
	outer, err := o.oneNetwork(args[0])
	if err != nil {
		return err
	}
	type answer struct {
		item string
		yes  bool
	}
	var answers []answer
	err = o.networks(e, args[1:], func(n ipaddress.Network, bare bool) {
		item := n.String()
		if bare {
			item = n.NetworkAddress().String()
		}
		answers = append(answers, answer{item, n.SubnetOf(outer)})
	})
	if err != nil {
		return err
	}
	w := bufio.NewWriter(e.stdout)
	if o.format == formatJSON {
		w.WriteString("[")
	}
	all := true
	for i, a := range answers {
		all = all && a.yes
		if o.format == formatJSON {
			sep := ",\n  "
			if i == 0 {
				sep = "\n  "
			}
			fmt.Fprintf(w, `%s{"network": %s, "item": %s, "contained": %t}`, sep, quoteJSON(outer.String()), quoteJSON(a.item), a.yes)
		} else {
			fmt.Fprintf(w, "%s %s: %s\n", outer, a.item, yesNo(a.yes))
		}
	}
	if o.format == formatJSON && len(answers) > 0 {
		w.WriteString("\n")
	}
	if o.format == formatJSON {
		w.WriteString("]\n")
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if !all {
		return errFalse
	}
	return nil
}

// ---- overlaps

type overlapsOptions struct{ *globalOptions }

func newOverlapsCmd(e *env, g *globalOptions) *cobra.Command {
	o := &overlapsOptions{g}
	return &cobra.Command{
		Use:   "overlaps A B",
		Short: "Tell whether networks A and B share any address (exit 2 if not)",
		Args:  exactArgs(2),
		RunE:  func(_ *cobra.Command, args []string) error { return runOverlaps(e, o, args) },
	}
}

func runOverlaps(e *env, o *overlapsOptions, args []string) error {
	if o.format != formatPlain && o.format != formatJSON {
		return usagef("overlaps prints -o plain or -o json")
	}
	a, err := o.oneNetwork(args[0])
	if err != nil {
		return err
	}
	b, err := o.oneNetwork(args[1])
	if err != nil {
		return err
	}
	yes := a.Overlaps(b)
	if o.format == formatJSON {
		fmt.Fprintf(e.stdout, "{\"a\": %s, \"b\": %s, \"overlaps\": %t}\n", quoteJSON(a.String()), quoteJSON(b.String()), yes)
	} else {
		fmt.Fprintf(e.stdout, "%s %s: %s\n", a, b, yesNo(yes))
	}
	if !yes {
		return errFalse
	}
	return nil
}

// ---- hosts

type hostsOptions struct{ *globalOptions }

func newHostsCmd(e *env, g *globalOptions) *cobra.Command {
	o := &hostsOptions{g}
	return &cobra.Command{
		Use:   "hosts NET",
		Short: "Print the usable host addresses of NET, streaming",
		Long: `hosts prints the usable host addresses: for IPv4 all but the network and
broadcast addresses (a /31 has two, a /32 one), for IPv6 all but the
Subnet-Router anycast address. Addresses are generated as they are printed.`,
		Args: exactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error { return runHosts(e, o, args) },
	}
}

func runHosts(e *env, o *hostsOptions, args []string) error {
	lw, err := o.newListWriter(e.stdout)
	if err != nil {
		return err
	}
	n, err := o.oneNetwork(args[0])
	if err != nil {
		return err
	}
	for a := range n.Hosts() {
		if !lw.Address(a) {
			break
		}
	}
	return lw.End()
}

// ---- sort

type sortOptions struct {
	*globalOptions
	unique bool
}

func newSortCmd(e *env, g *globalOptions) *cobra.Command {
	o := &sortOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "sort [LIST]...",
		Short: "Sort a list of addresses and networks, IPv4 first",
		RunE:  func(_ *cobra.Command, args []string) error { return runSort(e, o, args) },
	}
	cmd.Flags().BoolVarP(&o.unique, "unique", "u", false, "drop repeated items")
	return cmd
}

// sortItem is a network and whether it was written as a bare address.
type sortItem struct {
	net  ipaddress.Network
	bare bool
}

func runSort(e *env, o *sortOptions, args []string) error {
	lw, err := o.newListWriter(e.stdout)
	if err != nil {
		return err
	}
	var items []sortItem
	err = o.networks(e, args, func(n ipaddress.Network, bare bool) { items = append(items, sortItem{n, bare}) })
	if err != nil {
		return err
	}
	slices.SortStableFunc(items, func(a, b sortItem) int { return a.net.Compare(b.net) })
	for i, it := range items {
		if o.unique && i > 0 && items[i-1] == it {
			continue
		}
		var ok bool
		if it.bare {
			ok = lw.Address(it.net.NetworkAddress())
		} else {
			ok = lw.Network(it.net)
		}
		if !ok {
			break
		}
	}
	return lw.End()
}

// ---- validate

type validateOptions struct{ *globalOptions }

func newValidateCmd(e *env, g *globalOptions) *cobra.Command {
	o := &validateOptions{g}
	return &cobra.Command{
		Use:   "validate [LIST]...",
		Short: "Check a list: report every invalid item on stderr, exit 1 if there is one",
		RunE:  func(_ *cobra.Command, args []string) error { return runValidate(e, o, args) },
	}
}

func runValidate(e *env, o *validateOptions, args []string) error {
	l := lister{e: e, skipInvalid: true}
	n := 0
	err := l.each(args, func(text []byte) error {
		_, err := ipaddress.ParseNetworkBytes(text, !o.loose)
		n++
		return err
	})
	if err != nil {
		return err
	}
	if l.invalid > 0 {
		return fmt.Errorf("%d of %d items invalid", l.invalid, n)
	}
	return nil
}
