// Command gipset manages the kernel's IP sets. It is a drop-in replacement
// for ipset 7.17: the same commands, options, set types, element syntax,
// output and exit codes, over a netlink engine of its own and without C
// libraries.
//
//	gipset [options] COMMAND [args]
//
//	create SETNAME TYPENAME [options]   add|del|test SETNAME ENTRY [options]
//	destroy|flush|list|save [SETNAME]   rename|swap FROM TO
//	restore                             help [TYPENAME]   version
//
// Options may appear anywhere: -exist (-!), -quiet (-q), -output (-o)
// plain|save|xml|json, -sorted (-s), -name (-n), -terse (-t), -file (-f)
// FILE, -resolve (-r), with one or two leading dashes. Commands may be
// abbreviated (l, s, cr ...) and take ipset's old aliases (-N, -A, -L ...).
//
// Set types: hash:ip, hash:net, hash:ip,port, hash:net,port,
// hash:ip,port,ip, hash:ip,port,net, hash:net,port,net, hash:net,net,
// hash:net,iface, hash:ip,mac, hash:ip,mark, hash:mac, bitmap:ip,
// bitmap:ip,mac, bitmap:port and list:set, with their create options
// (family, hashsize, maxelem, netmask, bitmask, markmask, timeout,
// counters, comment, skbinfo, forceadd, bucketsize, initval, range, size)
// and element options (timeout, packets, bytes, comment, skbmark,
// skbprio, skbqueue, nomatch, wildcard, before, after). Whether the kernel
// has a type is the kernel's business: a missing one is reported as ipset
// reports it. As ipset does, create uses the newest revision of the type
// that both the kernel and ipset 7.17 know, and an option that revision
// lacks (bitmask of hash:ip before revision 6, on Linux 6.1 say) is
// refused with ipset's "Your kernel is behind your ipset utility"; add,
// del and test options are those of the set's revision.
//
// # Output and errors
//
// list and save print exactly what ipset prints for the same sets (the
// sizes, seeds and counters come from the kernel), including -o xml, -t,
// -n and ipset's -s member order. Errors are ipset's messages with the
// program name "gipset: " in front instead of "ipset v7.17: ", on
// standard error; exit codes are ipset's: 0 success, 1 for kernel
// refusals and syntax errors (and a test that misses), 2 for usage errors,
// which are followed by "Try `gipset help' for more information.". test
// reports "Warning: X is in set S." (exit 0) or "X is NOT in set S."
// (exit 1) on standard error, silenced by -q.
//
// # JSON
//
// -j (or -o json) lists sets as JSON, a gipset addition (ipset 7.17 has
// none; the keys follow those of later ipset releases). The output is
// always one valid JSON array, "[]" when there is nothing to list or the
// command failed (the error goes to standard error):
//
//	[
//	  {
//	    "name": "web",                    set name
//	    "type": "hash:ip,port",           type name
//	    "revision": 7,                    type revision in the kernel
//	    "header": {                       create options, as in save
//	      "family": "inet",               strings: family, range, bitmask,
//	      "hashsize": 1024,                 markmask, initval (hex)
//	      "maxelem": 65536,               numbers: hashsize, maxelem,
//	      "timeout": 300,                   netmask, timeout, bucketsize, size
//	      "counters": true,               flags: true when set (counters,
//	      "comment": true,                  comment, skbinfo, forceadd)
//	      "bucketsize": 12,
//	      "initval": "0x3b6889e4",
//	      "memsize": 440,                 kernel figures: memsize,
//	      "references": 0,                  references, numentries
//	      "numentries": 2
//	    },
//	    "members": [                      absent with -t
//	      {"elem": "192.0.2.10,tcp:80",   the element as list prints it
//	       "timeout": 299, "packets": 0, "bytes": 0,    numbers
//	       "comment": "frontend",         strings: comment, skbmark, skbprio
//	       "nomatch": true}               flags: nomatch, wildcard
//	    ]
//	  }
//	]
//
// With -n each object holds only "name". forceadd appears in the JSON
// header although ipset's text output never shows it.
//
// # Restore
//
// restore reads ipset's save format from standard input or -f FILE:
// commands without the program name, # comments, blank lines and COMMIT.
// By default it behaves as ipset does: lines take effect in order and the
// first failing line stops the restore with "Error in line N: ..."; the
// lines before it stay applied. Consecutive adds or dels to one set are
// sent as multi-element requests, as ipset sends them.
//
// gipset -atomic restore makes the whole input one transaction. Every set
// the input creates or changes is built under a temporary name (an
// existing set is copied first, members with their timeouts, counters and
// comments); list:set changes wait until the sets they name exist. Only
// when every line has succeeded are the new sets swapped with the ones
// they replace (ipset swap: atomic per set, references from iptables rules
// and list:set sets follow the name) or renamed into place, the replaced
// contents destroyed, and the input's destroy lines carried out. When a
// line fails, the temporary sets are destroyed and the kernel is exactly
// as before. rename, swap, test, list and save lines, and destroy or flush
// without a set name, are refused in an atomic restore.
//
// # Differences from ipset
//
//   - Error messages start with "gipset: " instead of "ipset v7.17: ".
//   - Host names given for addresses are resolved by Go's resolver (hosts
//     file, then DNS) rather than the C library's; with several addresses
//     both use the first, which may not be the same one. -r is accepted
//     and ignored: output is always numeric.
//   - In a restore, a line that fails to parse after a run of adds leaves
//     those adds applied; ipset 7.17 silently drops the adds it had
//     buffered (the lines before the failing one are applied in both
//     cases when the failure is the kernel's). ipset also loses the add
//     that follows a test which hit; gipset applies it. A test that misses
//     ends the restore with exit 1 in both.
//   - A few ipset messages carry a stray second line from ipset's internal
//     state ("Invalid add command: missing setname" after an ICMPv6
//     protocol error); gipset prints the first line only.
//   - help and version print gipset's own text; the interactive mode
//     (ipset -) is not provided.
//   - -netns NAME runs in a named network namespace; -j, -o json and
//     -atomic are additions.
package main
