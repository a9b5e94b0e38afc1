package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gip-suite/gip/internal/notation"
	"github.com/gip-suite/gip/internal/version"
	"github.com/spf13/cobra"
)

// globalOptions are the flags every command takes.
type globalOptions struct {
	format      string
	name        string
	action      string
	skipInvalid bool
	loose       bool
}

func newRootCmd(e *env) *cobra.Command {
	g := &globalOptions{}
	info := &infoOptions{globalOptions: g}
	root := &cobra.Command{
		Use:   "gcalc [flags] ADDR[/LEN|/NETMASK|/HOSTMASK]...",
		Short: "IP address and network calculator",
		Long: `gcalc describes addresses and networks and transforms lists of them.

With addresses or networks as arguments (or on stdin), it prints what there is
to know about each: network, netmask, wildcard, broadcast, host range, counts,
type and the special forms. Verbs transform lists; a list comes from arguments,
files named as arguments, or stdin ("-", or no arguments), items separated by
whitespace or commas, '#' comments and blank lines allowed.

Output is plain CIDR, or with -o the notation of a config: Cisco prefix lists
and access lists, Juniper, iptables, nftables sets, ipset restore, BIRD prefix
sets, or JSON (see 'gcalc help notations'). On a terminal, several items and
subnets are a table, addresses coloured unless NO_COLOR is set.

What is a valid address or network follows Python's ipaddress module: IPv4 as
four decimal octets without leading zeros, IPv6 with '::', embedded IPv4 and
'%zone'; networks as /LEN, or for IPv4 /NETMASK or /HOSTMASK. Networks with
host bits set are errors unless --loose is given.

Exit status: 0 success (or "yes"), 1 invalid input, 2 "no" from contains or
overlaps, 255 usage error.`,
		Version:       version.Get().String(),
		Args:          cobra.ArbitraryArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := unknownVerb(cmd, args); err != nil {
				return err
			}
			return runInfo(e, info, args)
		},
	}
	root.SetVersionTemplate("gcalc {{.Version}}\n")
	root.SuggestionsMinimumDistance = 2
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })

	pf := root.PersistentFlags()
	pf.StringVarP(&g.format, "format", "o", formatPlain, "output notation: "+strings.Join(notation.Names(), ", ")+", table (see 'gcalc help notations')")
	pf.StringVar(&g.name, "name", "", "the list, set or chain to write complete configuration for (cisco, cisco-acl, juniper, iptables; needed by nft, ipset, bird)")
	pf.StringVar(&g.action, "action", "", "permit or deny (cisco-acl, cisco --name; default permit), or the target of iptables --name (default ACCEPT)")
	pf.BoolVar(&g.skipInvalid, "skip-invalid", false, "report invalid items on stderr and go on with the rest")
	pf.BoolVar(&g.loose, "loose", false, "clear host bits instead of rejecting networks that have them")

	root.RegisterFlagCompletionFunc("format", completeNotations)
	root.RegisterFlagCompletionFunc("action", completeActions)

	root.AddCommand(
		newNotationsTopic(),
		newCollapseCmd(e, g),
		newSummarizeCmd(e, g),
		newExcludeCmd(e, g),
		newSubnetsCmd(e, g),
		newSupernetCmd(e, g),
		newContainsCmd(e, g),
		newOverlapsCmd(e, g),
		newHostsCmd(e, g),
		newSortCmd(e, g),
		newValidateCmd(e, g),
	)
	return root
}

// unknownVerb reports a first argument made of lowercase letters and dashes,
// which no address is: a mistyped verb rather than bad input.
func unknownVerb(root *cobra.Command, args []string) error {
	if len(args) == 0 || args[0] == "" || isFile(args[0]) {
		return nil
	}
	for _, c := range args[0] {
		if !('a' <= c && c <= 'z' || c == '-') {
			return nil
		}
	}
	msg := fmt.Sprintf("unknown command %q", args[0])
	if s := root.SuggestionsFor(args[0]); len(s) > 0 {
		msg += fmt.Sprintf(" (did you mean %q?)", s[0])
	}
	return usageError{errors.New(msg)}
}

// exactArgs is cobra.ExactArgs whose failure is a usage error.
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usagef("%s takes %d argument(s), got %d", cmd.Name(), n, len(args))
		}
		return nil
	}
}

func rangeArgs(lo, hi int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < lo || len(args) > hi {
			return usagef("%s takes %d to %d arguments, got %d", cmd.Name(), lo, hi, len(args))
		}
		return nil
	}
}

func minArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return usagef("%s needs at least %d argument(s)", cmd.Name(), n)
		}
		return nil
	}
}
