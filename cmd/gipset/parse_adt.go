package main

import (
	"strings"

	"github.com/gip-suite/gip/internal/nl/ipset"
)

// takeValue returns the value of option opt at args[i+1].
func takeValue(args []string, i int, opt string) (string, error) {
	if i+1 >= len(args) {
		return "", usageErr("Missing mandatory argument of option `%s'", opt)
	}
	return args[i+1], nil
}

// parseADTOptions reads the keywords after an element of a set of type
// t and revision rev: those of add, del or test in that revision.
func parseADTOptions(t *ipset.TypeInfo, rev uint8, cmd ipset.Cmd, args []string, en *ipset.Entry) error {
	seen := map[string]bool{}
	for i := 0; i < len(args); i++ {
		if err := checkKeyword(t, rev, cmd, args[i]); err != nil {
			return err
		}
		a := keyword(args[i])
		if seen[a] {
			return syntaxErr("%s already specified", a)
		}
		seen[a] = true
		switch ipset.Option(a) {
		case ipset.OptNoMatch:
			en.Flags |= ipset.FlagNoMatch
			continue
		case ipset.OptWildcard:
			en.Flags |= ipset.FlagIfaceWildcard
			continue
		}
		v, err := takeValue(args, i, a)
		if err != nil {
			return err
		}
		i++
		switch ipset.Option(a) {
		case ipset.OptTimeout:
			n, err := parseNumber(v, 0, (1<<32-1)>>1/1000)
			if err != nil {
				return err
			}
			en.Timeout = ptr(uint32(n))
		case ipset.OptPackets, ipset.OptBytes:
			n, err := parseNumber(v, 0, 1<<64-1)
			if err != nil {
				return err
			}
			if a == "packets" {
				en.Packets = &n
			} else {
				en.Bytes = &n
			}
		case ipset.OptComment:
			if strings.Contains(v, `"`) {
				return syntaxErr(`" character is not permitted in comments`)
			}
			if len(v) > ipset.MaxCommentSize {
				return syntaxErr("Comment is longer than the maximum allowed %d characters", ipset.MaxCommentSize)
			}
			en.Comment = &v
		case ipset.OptSkbMark:
			// As sscanf(str, "0x%lx/0x%lx") or "0x%lx" reads it.
			mark, rest, ok := scanHex(v, true)
			mask := uint64(0xffffffff)
			if ok && strings.HasPrefix(rest, "/") {
				if m, _, ok2 := scanHex(rest[1:], true); ok2 {
					mask = m
				}
			}
			if !ok {
				return syntaxErr("Invalid skbmark format, it should be:  MARK/MASK or MARK (see manpage)")
			}
			en.SkbMark = ptr(mark<<32 | mask&0xffffffff)
		case ipset.OptSkbPrio:
			// As sscanf(str, "%x:%x") reads it.
			maj, rest, ok1 := scanHex(v, false)
			var mnr uint64
			ok2 := false
			if ok1 && strings.HasPrefix(rest, ":") {
				mnr, _, ok2 = scanHex(rest[1:], false)
			}
			if !ok1 || !ok2 {
				return syntaxErr("Invalid skbprio format, it should be:MAJOR:MINOR (see manpage)")
			}
			en.SkbPrio = ptr(uint32(maj<<16 | mnr&0xffff))
		case ipset.OptSkbQueue:
			n, err := parseNumber(v, 0, 65535)
			if err != nil {
				return err
			}
			en.SkbQueue = ptr(uint16(n))
		case ipset.OptBefore, ipset.OptAfter:
			if en.NameRef != "" {
				return syntaxErr("mixed syntax, before|after option already used")
			}
			en.NameRef = v
			if a == "before" {
				en.Flags |= ipset.FlagBefore
			}
		}
	}
	return nil
}

// keyword returns the keyword argument a names: ipset takes "--timeout"
// for "timeout".
func keyword(a string) string {
	if strings.HasPrefix(a, "--") {
		return a[2:]
	}
	return a
}

// checkKeyword checks that command cmd takes keyword a (see keyword) in
// revision rev of type t. Like ipset, it tells a keyword of a later
// revision from an unknown one, unless the revision takes no keyword at
// all; the error names a as written.
func checkKeyword(t *ipset.TypeInfo, rev uint8, cmd ipset.Cmd, a string) error {
	since, ok := t.Since(cmd, ipset.Option(keyword(a)))
	if ok && since <= rev {
		return nil
	}
	if ok && takesKeywords(t, rev, cmd) {
		return usageErr("Argument `%s' is supported in the kernel module of the set type %s starting from the revision %d and you have installed revision %d only. Your kernel is behind your ipset utility.",
			a, t.Name, since, rev)
	}
	return usageErr("Unknown argument: `%s'", a)
}

// takesKeywords reports whether cmd takes any keyword in revision rev of
// type t.
func takesKeywords(t *ipset.TypeInfo, rev uint8, cmd ipset.Cmd) bool {
	for _, o := range t.Keywords(cmd) {
		if since, _ := t.Since(cmd, o); since <= rev {
			return true
		}
	}
	return false
}

// flagKeyword reports whether create keyword a takes no value.
func flagKeyword(a string) bool {
	switch ipset.Option(a) {
	case ipset.OptCounters, ipset.OptComment, ipset.OptSkbInfo, ipset.OptForceAdd:
		return true
	}
	return false
}

func ptr[T any](v T) *T { return &v }
