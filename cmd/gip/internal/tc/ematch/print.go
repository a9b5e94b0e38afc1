package ematch

import (
	"encoding/binary"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// maxDepth bounds the nesting a printer follows: the kernel refuses
// loops, but a reply is not trusted.
const maxDepth = 64

// Text is the tree as tc prints it after a filter's options: each match
// on a line of its own, sub-expressions indented in parentheses. It is
// empty when the tree has no header or list (tc complains on stderr and
// prints nothing), and stops where tc's printer stops.
func Text(t *rtnl.EmatchTree) string {
	if t == nil || !t.HasHdr || !t.HasList || t.NMatches == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n  ")
	textSeq(&b, t, 1, 1, 0)
	return b.String()
}

// entry is the list's entry numbered i (from 1), as tc indexes the
// attributes: only the first NMatches count.
func entry(t *rtnl.EmatchTree, i int) (rtnl.Ematch, bool) {
	if i < 1 || i > int(t.NMatches) || i > len(t.Matches) {
		return rtnl.Ematch{}, false
	}
	return t.Matches[i-1], true
}

func textSeq(b *strings.Builder, t *rtnl.EmatchTree, start, prefix, depth int) bool {
	for i := start; ; i++ {
		m, ok := entry(t, i)
		if !ok {
			return false
		}
		if m.Flags&rtnl.EmInvert != 0 {
			b.WriteString("NOT ")
		}
		if m.Kind == rtnl.EmContainer {
			if len(m.Data) < 4 || depth >= maxDepth {
				return false
			}
			ref := int64(binary.NativeEndian.Uint32(m.Data))
			b.WriteString("(\n" + strings.Repeat("  ", prefix+1))
			if !textSeq(b, t, int(min(ref+1, 1<<30)), prefix+1, depth+1) {
				return false
			}
			b.WriteString(strings.Repeat("  ", prefix) + ") ")
		} else {
			if k := kindByNum(m.Kind); k == nil {
				b.WriteString("[unknown ematch " + strconv.Itoa(int(m.Kind)) + "]\n")
			} else {
				s, ok := k.print(m.Data)
				b.WriteString(k.name + "(" + s)
				if !ok {
					return false
				}
				b.WriteString(")\n")
			}
			if m.Flags&rtnl.EmRelMask != 0 {
				b.WriteString(strings.Repeat("  ", prefix))
			}
		}
		switch m.Flags & rtnl.EmRelMask {
		case rtnl.EmRelAnd:
			b.WriteString("AND ")
		case rtnl.EmRelOr:
			b.WriteString("OR ")
		default:
			return true
		}
	}
}

// Flat is the tree on one line, as gip prints it in JSON (tc 6.1 prints
// its text there, which is not JSON): "cmp(u8 at 0 layer 1 eq 1) AND NOT
// (meta(nf_mark gt 24))".
func Flat(t *rtnl.EmatchTree) string {
	if t == nil || !t.HasHdr || !t.HasList || t.NMatches == 0 {
		return ""
	}
	var b strings.Builder
	flatSeq(&b, t, 1, 0)
	return b.String()
}

func flatSeq(b *strings.Builder, t *rtnl.EmatchTree, start, depth int) bool {
	for i := start; ; i++ {
		m, ok := entry(t, i)
		if !ok {
			return false
		}
		if m.Flags&rtnl.EmInvert != 0 {
			b.WriteString("NOT ")
		}
		if m.Kind == rtnl.EmContainer {
			if len(m.Data) < 4 || depth >= maxDepth {
				return false
			}
			ref := int64(binary.NativeEndian.Uint32(m.Data))
			b.WriteString("(")
			if !flatSeq(b, t, int(min(ref+1, 1<<30)), depth+1) {
				return false
			}
			b.WriteString(")")
		} else if k := kindByNum(m.Kind); k == nil {
			b.WriteString("[unknown ematch " + strconv.Itoa(int(m.Kind)) + "]")
		} else {
			s, ok := k.print(m.Data)
			b.WriteString(k.name + "(" + s)
			if !ok {
				return false
			}
			b.WriteString(")")
		}
		switch m.Flags & rtnl.EmRelMask {
		case rtnl.EmRelAnd:
			b.WriteString(" AND ")
		case rtnl.EmRelOr:
			b.WriteString(" OR ")
		default:
			return true
		}
	}
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }
func hex(v uint64) string { return strconv.FormatUint(v, 16) }
func hex8(v uint32) string {
	s := strconv.FormatUint(uint64(v), 16)
	return strings.Repeat("0", 8-len(s)) + s
}
