package main

import (
	"fmt"
	"strings"

	"github.com/gip-suite/gip/internal/nl/ipset"
)

const usageText = `Usage: %[1]s [options] COMMAND

Commands:
create SETNAME TYPENAME [type-specific-options]
        Create a new set
add SETNAME ENTRY
        Add entry to the named set
del SETNAME ENTRY
        Delete entry from the named set
test SETNAME ENTRY
        Test entry in the named set
destroy [SETNAME]
        Destroy a named set or all sets
list [SETNAME]
        List the entries of a named set or all sets
save [SETNAME]
        Save the named set or all sets to stdout
restore 
        Restore a saved state
flush [SETNAME]
        Flush a named set or all sets
rename FROM-SETNAME TO-SETNAME
        Rename two sets
swap FROM-SETNAME TO-SETNAME
        Swap the contect of two existing sets
help [TYPENAME]
        Print help, and settype specific help
version 
        Print version information
quit 
        Quit interactive mode

Options:
-o plain|save|xml|json|table
       Specify output mode for listing sets.
       Default value for "list" command is mode "plain"
       and for "save" command is mode "save".
-s 
        Print elements sorted (if supported by the set type).
-q 
        Suppress any notice or warning message.
-r 
        Try to resolve IP addresses in the output (slow!)
-! 
        Ignore errors when creating or adding sets or
        elements that do exist or when deleting elements
        that don't exist.
-n 
        When listing, just list setnames from the kernel.

-t 
        When listing, list setnames and set headers
        from kernel only.
-f 
        Read from the given file instead of standard
        input (restore) or write to given file instead
        of standard output (list/save).
-j 
        When listing, print JSON (same as -o json).
-table 
        When listing, print a table of the sets, one row
        each, for people (same as -o table).
-atomic 
        Restore as one transaction: build the sets under
        temporary names and swap them in only if every
        line succeeded.
-netns NAME 
        Run in the named network namespace.
-c[olor][=always|auto|never] 
        Colour tables (-table) as gip -c does: always,
        or auto on a terminal unless NO_COLOR is set.
`

var typeDescriptions = map[string]string{
	"list:set": "skbinfo support", "hash:mac": "bucketsize, initval support",
	"hash:ip,mac": "bucketsize, initval support", "hash:net,iface": "bucketsize, initval support",
	"hash:net,port": "bucketsize, initval support", "hash:net,port,net": "bucketsize, initval support",
	"hash:net,net": "netmask and bitmask support", "hash:net": "bucketsize, initval support",
	"hash:ip,port,net": "bucketsize, initval support", "hash:ip,port,ip": "bucketsize, initval support",
	"hash:ip,mark": "bucketsize, initval support", "hash:ip,port": "netmask and bitmask support",
	"hash:ip": "bitmask support", "bitmap:port": "skbinfo support",
	"bitmap:ip,mac": "skbinfo support", "bitmap:ip": "skbinfo support",
}

func (s *session) help(args []string) error {
	w := s.stdout
	fmt.Fprintf(w, "%s v%s\n\n", progName, build.Version)
	fmt.Fprintf(w, usageText, progName)
	if s.g.quiet {
		return nil
	}
	if len(args) > 0 {
		t, ok := ipset.LookupType(args[0])
		if !ok {
			return usageErr("Unknown settype: `%s'", args[0])
		}
		fmt.Fprintf(w, "\n%s type specific options:\n\n", t.Name)
		fmt.Fprintf(w, "create SETNAME %s %s\n", t.Name, optionList(t.Create))
		fmt.Fprintf(w, "add    SETNAME %s ENTRY %s\n", t.Name, optionList(t.Add))
		fmt.Fprintf(w, "del    SETNAME %s ENTRY %s\n", t.Name, optionList(t.Del))
		fmt.Fprintf(w, "test   SETNAME %s ENTRY %s\n", t.Name, optionList(t.Test))
		switch {
		case t.HasFamily():
			fmt.Fprintf(w, "\nType %s supports inet and inet6.\n", t.Name)
		case t.Family == ipset.FamilyUnspec:
			fmt.Fprintf(w, "\nType %s is family neutral.\n", t.Name)
		default:
			fmt.Fprintf(w, "\nType %s supports family inet only.\n", t.Name)
		}
		return nil
	}
	fmt.Fprintf(w, "\nSupported set types:\n")
	for _, name := range ipset.TypeNames() {
		t, _ := ipset.LookupType(name)
		tab := ""
		if len(name) < 12 {
			tab = "\t"
		}
		fmt.Fprintf(w, "    %s\t%s%d\t%s\n", name, tab, t.Revision, typeDescriptions[name])
	}
	return nil
}

func optionList(opts []ipset.Option) string {
	var parts []string
	for _, o := range opts {
		switch o {
		case ipset.OptProbes, ipset.OptResize, ipset.OptGC:
			continue
		}
		parts = append(parts, "["+string(o)+"]")
	}
	return strings.Join(parts, " ")
}
