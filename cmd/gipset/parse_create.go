package main

import (
	"strings"

	"github.com/gip-suite/gip/internal/nl/ipset"
)

// parseCreateOptions reads create's keywords for revision rev of type t
// into s, in ipset's two passes: the first checks every keyword and reads
// the family (netmask and range depend on it), the second the rest.
func parseCreateOptions(t *ipset.TypeInfo, rev uint8, args []string, s *ipset.Set) error {
	familySeen := false
	for i := 0; i < len(args); i++ {
		a := args[i]
		kw := keyword(a)
		if t.HasFamily() {
			switch kw {
			case "-4":
				s.Family = ipset.FamilyINET
				continue
			case "-6":
				s.Family = ipset.FamilyINET6
				continue
			}
		}
		if err := checkKeyword(t, rev, ipset.CmdCreate, a); err != nil {
			return err
		}
		if flagKeyword(kw) {
			continue
		}
		v, err := takeValue(args, i, kw)
		if err != nil {
			return err
		}
		i++
		if kw != string(ipset.OptFamily) {
			continue
		}
		if familySeen {
			return syntaxErr("%s already specified", kw)
		}
		familySeen = true
		switch v {
		case "inet", "ipv4", "-4":
			s.Family = ipset.FamilyINET
		case "inet6", "ipv6", "-6":
			s.Family = ipset.FamilyINET6
		default:
			return syntaxErr("unknown inet family %s", v)
		}
	}
	seen := map[string]bool{}
	for i := 0; i < len(args); i++ {
		a := keyword(args[i])
		if t.HasFamily() && (a == "-4" || a == "-6") {
			continue
		}
		if err := checkKeyword(t, rev, ipset.CmdCreate, args[i]); err != nil {
			return err
		}
		if seen[a] {
			return syntaxErr("%s already specified", a)
		}
		seen[a] = true
		switch ipset.Option(a) {
		case ipset.OptCounters:
			s.Flags |= ipset.FlagWithCounters
			continue
		case ipset.OptComment:
			s.Flags |= ipset.FlagWithComment
			continue
		case ipset.OptSkbInfo:
			s.Flags |= ipset.FlagWithSkbInfo
			continue
		case ipset.OptForceAdd:
			s.Flags |= ipset.FlagWithForceAdd
			continue
		}
		v, err := takeValue(args, i, a)
		if err != nil {
			return err
		}
		i++
		u32 := func() (*uint32, error) {
			n, err := parseNumber(v, 0, 0xffffffff)
			return ptr(uint32(n)), err
		}
		switch ipset.Option(a) {
		case ipset.OptFamily:
		case ipset.OptHashSize:
			s.HashSize, err = u32()
		case ipset.OptMaxElem:
			s.MaxElem, err = u32()
		case ipset.OptSize:
			s.Size, err = u32()
		case ipset.OptMarkMask:
			s.MarkMask, err = u32()
		case ipset.OptInitVal:
			s.InitVal, err = u32()
		case ipset.OptTimeout:
			var n uint64
			n, err = parseNumber(v, 0, (1<<32-1)>>1/1000)
			s.Timeout = ptr(uint32(n))
		case ipset.OptBucketSize:
			var n uint64
			n, err = parseNumber(v, 0, 255)
			s.BucketSize = ptr(uint8(n))
		case ipset.OptProbes, ipset.OptResize, ipset.OptGC:
			_, err = parseNumber(v, 0, 0xffffffff)
		case ipset.OptNetmask:
			if seen["bitmask"] {
				return syntaxErr("bitmask and netmask are mutually exclusive, provide only one")
			}
			maxBits := uint64(32)
			if s.Family == ipset.FamilyINET6 {
				maxBits = 128
			}
			var n uint64
			n, err = parseNumber(v, 0, 255)
			if err == nil && (n < 1 || n > maxBits) {
				err = syntaxErr("'%s' is out of range %d-%d", v, 1, maxBits)
			}
			if err != nil {
				// ipset reports both the number's problem and the
				// netmask's.
				err = syntaxErr("%s\nSyntax error: netmask is out of the inclusive range of 1-%d",
					strings.TrimPrefix(err.Error(), "Syntax error: "), maxBits)
			}
			s.Netmask = ptr(uint8(n))
		case ipset.OptBitmask:
			if seen["netmask"] {
				return syntaxErr("bitmask and netmask are mutually exclusive, provide only one")
			}
			s.Bitmask, err = parseAddr(v, s.Family)
		case ipset.OptRange:
			if t.Elem[0] == ipset.CompPort {
				from, to, e := parsePortRange(v, "tcp")
				if e != nil {
					return e
				}
				if to == nil {
					return usageErr("Mandatory option `to' is missing")
				}
				s.PortFrom, s.PortTo = &from, to
			} else {
				s.RangeFrom, s.RangeTo, s.RangeCIDR, err = parseIPComp(v, ipset.FamilyINET, formRange)
				if err == nil && !s.RangeTo.IsValid() && s.RangeCIDR == 0 {
					err = syntaxErr("IP/cidr or IP-IP range must be specified: %s", v)
				}
			}
		}
		if err != nil {
			return err
		}
	}
	if t.Takes(ipset.OptRange) && !seen["range"] {
		return usageErr("Mandatory option `range' is missing")
	}
	return nil
}
