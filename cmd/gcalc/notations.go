package main

import (
	"fmt"
	"strings"

	"github.com/gip-suite/gip/internal/notation"
	"github.com/spf13/cobra"
)

// newNotationsTopic is the help topic on output notations: gcalc help notations.
func newNotationsTopic() *cobra.Command {
	var b strings.Builder
	b.WriteString(`-o NOTATION prints the networks of any verb in the syntax of a config.
Targets with one address family per list (cisco, cisco-acl, nft, ipset, bird)
get a list per family, IPv4 first; the IPv6 set after an IPv4 one is NAME6
(cisco lists keep NAME, IOS keeping IPv4 and IPv6 lists apart). Zones are left
out of every notation but plain, netmask, hostmask and json.

`)
	for _, n := range notation.Names() {
		fmt.Fprintf(&b, "  %-10s %s\n", n, notation.Summary(n))
	}
	b.WriteString(`  table      (info and subnets) a table, the default on a terminal

--action is permit or deny for cisco-acl, and for cisco with --name (default
permit); the target for iptables with --name (default ACCEPT). A numbered cisco-acl (--name 1-99 or
1300-1999) is "access-list N ..." lines; another name an "ip access-list
standard NAME" block. IPv6 access lists are "ipv6 access-list NAME" blocks of
"permit ipv6 SRC any" entries.

-o ipset writes "create" and "add" lines for ipset restore or gipset restore;
"ipset -exist restore" reruns over existing sets. A /0 is written as its two
halves (hash:net takes no /0), and a list longer than 65536 entries gets the
maxelem it needs. -o nft --name SET writes a set definition for a table
block; --name 'FAMILY TABLE SET' writes "add element" lines for sets that
exist. -o bird writes "define NAME = [ ... ];" prefix sets.

Examples:
  gcalc collapse -o cisco --name BOGONS bogons.txt
  gcalc collapse -o ipset --name blocked < drop.txt | gipset restore
  gcalc collapse -o nft --name 'inet filter blocked' < drop.txt | nft -f -
`)
	return &cobra.Command{
		Use:   "notations",
		Short: "Output notations of -o: Cisco, Juniper, iptables, nftables, ipset, BIRD, JSON",
		Long:  b.String(),
	}
}

// completeNotations completes -o with the notations and table.
func completeNotations(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	var c []string
	for _, n := range notation.Names() {
		c = append(c, n+"\t"+notation.Summary(n))
	}
	return append(c, formatTable+"\ta table (info, subnets)"), cobra.ShellCompDirectiveNoFileComp
}

// completeActions completes --action with the actions of the -o given.
func completeActions(cmd *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
	o, _ := cmd.Flags().GetString("format")
	return notation.Actions(o), cobra.ShellCompDirectiveNoFileComp
}
