package main

import (
	"bufio"
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/ipset"
)

// Output modes of list and save.
const (
	modePlain = "plain"
	modeSave  = "save"
	modeXML   = "xml"
	modeJSON  = "json"
	modeTable = "table" // gipset's: one row per set, for people
)

// lister writes a listing record by record in one of the output modes.
// Members are written as they arrive, except with sorting, which holds one
// set's member lines at a time.
type lister struct {
	w      *bufio.Writer
	mode   string
	names  bool // -n: set names only
	terse  bool // -t: headers without members
	sorted bool // -s: hash members sorted

	set     *ipset.Set
	typ     *ipset.TypeInfo
	sets    int
	members int
	pending []string   // sorted member lines of the current set
	scratch []byte     // the line being formatted
	kvs     []kv       // the options being formatted
	rows    [][]string // the table's rows, written at the end
	color   bool       // colours in the table
}

func newLister(w io.Writer, mode string, names, terse, sorted bool) *lister {
	if mode == modeSave {
		// ipset lists everything in save mode, whatever -n says.
		names = false
	}
	return &lister{w: bufio.NewWriterSize(w, 64<<10), mode: mode, names: names, terse: terse, sorted: sorted}
}

func (l *lister) begin() {
	switch l.mode {
	case modeXML:
		l.w.WriteString("<ipsets>\n")
	case modeJSON:
		l.w.WriteString("[")
	}
}

// header starts a new set.
func (l *lister) header(s *ipset.Set) error {
	if s.Type == "" && l.set != nil && l.set.Name == s.Name && !l.names {
		// A continuation of the same set: nothing new.
		return nil
	}
	l.endSet()
	t, ok := ipset.LookupType(s.Type)
	if !ok {
		t = &ipset.TypeInfo{Name: s.Type}
	}
	l.set, l.typ, l.members = s, t, 0
	first := l.sets == 0
	l.sets++
	if l.names {
		switch l.mode {
		case modeJSON:
			if !first {
				l.w.WriteString(",")
			}
			l.w.WriteString(`{"name":` + jsonString(s.Name) + `}`)
		case modeXML:
			l.w.WriteString("<ipset name=\"" + xmlEscape(s.Name) + "\"/>\n")
		case modeTable:
			l.rows = append(l.rows, []string{s.Name})
		default:
			l.w.WriteString(s.Name + "\n")
		}
		return nil
	}
	opts := headerOptions(t, s)
	switch l.mode {
	case modeTable:
		l.rows = append(l.rows, tableRow(s, opts))
	case modeSave:
		l.w.WriteString("create " + s.Name + " " + s.Type + plainOptions(opts) + "\n")
	case modeXML:
		l.w.WriteString("<ipset name=\"" + xmlEscape(s.Name) + "\">\n<type>" + s.Type + "</type>\n<revision>" +
			strconv.Itoa(int(s.Revision)) + "</revision>\n<header>")
		for _, o := range opts {
			if o.flag {
				l.w.WriteString("<" + o.key + "/>")
			} else {
				l.w.WriteString("<" + o.key + ">" + xmlEscape(o.val) + "</" + o.key + ">")
			}
		}
		l.w.WriteString("\n<memsize>" + u32s(s.MemSize) + "</memsize>\n<references>" + u32s(s.References) + "</references>\n")
		if s.HasElements {
			l.w.WriteString("<numentries>" + u32s(s.Elements) + "</numentries>\n")
		}
		if l.terse {
			l.w.WriteString("</header>\n")
		} else {
			l.w.WriteString("</header>\n<members>\n")
		}
	case modeJSON:
		if !first {
			l.w.WriteString(",")
		}
		l.w.WriteString(`{"name":` + jsonString(s.Name) + `,"type":` + jsonString(s.Type) +
			`,"revision":` + strconv.Itoa(int(s.Revision)) + `,"header":{`)
		for _, o := range opts {
			l.w.WriteString(jsonKV(o) + ",")
		}
		if s.Flags&ipset.FlagWithForceAdd != 0 {
			// ipset's text output omits it; JSON says everything.
			l.w.WriteString(`"forceadd":true,`)
		}
		l.w.WriteString(`"memsize":` + u32s(s.MemSize) + `,"references":` + u32s(s.References))
		if s.HasElements {
			l.w.WriteString(`,"numentries":` + u32s(s.Elements))
		}
		l.w.WriteString("}")
		if !l.terse {
			l.w.WriteString(`,"members":[`)
		}
	default:
		if !first {
			l.w.WriteString("\n")
		}
		l.w.WriteString("Name: " + s.Name + "\nType: " + s.Type + "\nRevision: " + strconv.Itoa(int(s.Revision)) +
			"\nHeader:" + plainOptions(opts) + "\nSize in memory: " + u32s(s.MemSize) +
			"\nReferences: " + u32s(s.References) + "\n")
		if s.HasElements {
			l.w.WriteString("Number of entries: " + u32s(s.Elements) + "\n")
		}
		if !l.terse {
			l.w.WriteString("Members:\n")
		}
	}
	return nil
}

// entry writes one member of the current set.
func (l *lister) entry(en *ipset.Entry) {
	if l.set == nil || l.names || l.mode == modeTable {
		return
	}
	l.kvs = appendEntryOptions(l.kvs[:0], l.typ, en)
	opts := l.kvs
	hashSorted := l.sorted && strings.HasPrefix(l.typ.Name, "hash:")
	if (l.mode == modeSave || l.mode == modePlain) && !hashSorted {
		// The common case, without allocations: straight to the writer.
		b := l.scratch[:0]
		if l.mode == modeSave {
			b = append(b, "add "...)
			b = append(b, l.set.Name...)
			b = append(b, ' ')
		}
		b = appendElem(b, l.typ, en)
		b = appendPlainOptions(b, opts)
		b = append(b, '\n')
		l.w.Write(b)
		l.scratch = b
		l.members++
		return
	}
	elem := formatElem(l.typ, en)
	var line string
	switch l.mode {
	case modeSave:
		line = "add " + l.set.Name + " " + elem + plainOptions(opts) + "\n"
	case modeXML:
		var b strings.Builder
		b.WriteString("<member><elem>" + xmlEscape(elem) + "</elem>")
		for _, o := range opts {
			if o.flag {
				b.WriteString("<" + o.key + "/>")
			} else {
				v := o.val
				if o.key == "comment" {
					v = `"` + v + `"`
				}
				b.WriteString("<" + o.key + ">" + xmlEscape(v) + "</" + o.key + ">")
			}
		}
		b.WriteString("</member>\n")
		line = b.String()
	case modeJSON:
		var b strings.Builder
		if l.members > 0 && !l.sorted {
			b.WriteString(",")
		}
		b.WriteString(`{"elem":` + jsonString(elem))
		for _, o := range opts {
			b.WriteString("," + jsonKV(o))
		}
		b.WriteString("}")
		line = b.String()
	default:
		line = elem + plainOptions(opts) + "\n"
	}
	l.members++
	if hashSorted {
		l.pending = append(l.pending, line)
		return
	}
	l.w.WriteString(line)
}

// endSet finishes the current set: sorted members, closing tags.
func (l *lister) endSet() {
	if l.set == nil || l.names {
		return
	}
	if len(l.pending) > 0 {
		skip := 0
		switch l.mode {
		case modeSave:
			skip = len("add ") + len(l.set.Name) + 1
		case modeXML:
			skip = len("<member><elem>")
		case modeJSON:
			skip = len(`{"elem":"`)
		}
		slices.SortStableFunc(l.pending, func(a, b string) int { return compareMembers(a, b, skip) })
		for i, line := range l.pending {
			if l.mode == modeJSON && i > 0 {
				l.w.WriteString(",")
			}
			l.w.WriteString(line)
		}
		l.pending = l.pending[:0]
	}
	switch l.mode {
	case modeXML:
		if !l.terse {
			l.w.WriteString("</members>\n")
		}
		l.w.WriteString("</ipset>\n")
	case modeJSON:
		if !l.terse {
			l.w.WriteString("]")
		}
		l.w.WriteString("}")
	}
}

// end finishes the listing and flushes it.
func (l *lister) end() error {
	l.endSet()
	l.set = nil
	switch l.mode {
	case modeXML:
		l.w.WriteString("</ipsets>\n")
	case modeJSON:
		l.w.WriteString("]\n")
	case modeTable:
		header := tableHeader
		if l.names {
			header = header[:1]
		}
		if l.color {
			colorTable(header, l.rows)
		}
		format.WriteTable(l.w, header, l.rows)
	}
	return l.w.Flush()
}

// tableHeader names the columns of -o table: the set, then the header
// options people compare across sets, then the others as ipset words them.
var tableHeader = []string{"name", "type", "family", "entries", "maxelem", "timeout", "memsize", "references", "options"}

// tableRow is a set's row of -o table.
func tableRow(s *ipset.Set, opts []kv) []string {
	row := []string{s.Name, s.Type, "", "", "", "", u32s(s.MemSize), u32s(s.References), ""}
	if s.HasElements {
		row[3] = u32s(s.Elements)
	}
	var rest []kv
	for _, o := range opts {
		switch o.key {
		case "family":
			row[2] = o.val
		case "maxelem":
			row[4] = o.val
		case "timeout":
			row[5] = o.val
		default:
			rest = append(rest, o)
		}
	}
	row[8] = strings.TrimPrefix(plainOptions(rest), " ")
	return row
}

func u32s(v uint32) string { return strconv.FormatUint(uint64(v), 10) }

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func jsonKV(o kv) string {
	switch {
	case o.flag:
		return jsonString(o.key) + ":true"
	case o.num:
		return jsonString(o.key) + ":" + o.val
	}
	return jsonString(o.key) + ":" + jsonString(o.val)
}

func xmlEscape(s string) string {
	// ipset escapes nothing; keep at least the markup characters out of
	// element content, which ipset's own values never contain.
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	return r.Replace(s)
}
