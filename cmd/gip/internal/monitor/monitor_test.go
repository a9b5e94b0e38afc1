package monitor

import "testing"

// TestParseObjects checks which objects a command line watches: ip's
// when none is named, tc's only when named, "all" with tc's adding ip's.
func TestParseObjects(t *testing.T) {
	for _, c := range []struct {
		line  []string
		objs  objects
		label bool
	}{
		{nil, objIP, false},
		{[]string{"all"}, objIP, true},
		{[]string{"route", "li"}, objRoute | objLink, false},
		{[]string{"tc"}, objTC, false},
		{[]string{"qd", "cl"}, objQdisc | objClass, false},
		{[]string{"all", "tc"}, objIP | objTC, true},
		{[]string{"all", "route", "filt"}, objRoute | objFilter, true},
		{[]string{"label", "chain", "netconf", "nsid", "prefix"}, objChain | objNetconf | objNsid | objPrefix, true},
		{[]string{"all-nsid", "ne"}, objNeigh, false},
		{[]string{"xfrm", "label"}, objXfrm, true},
	} {
		o, err := parseArgs(nil, c.line)
		if err != nil {
			t.Fatalf("%q: %v", c.line, err)
		}
		if o.objs != c.objs || o.label != c.label {
			t.Errorf("%q: objects %b label %v, want %b %v", c.line, o.objs, o.label, c.objs, c.label)
		}
	}
	for _, bad := range [][]string{{"fil"}, {"qdiscs"}, {"tcx"}, {"xfrm", "link"}, {"all", "xfrm"}, {"xfrm", "tc"}} {
		if _, err := parseArgs(nil, bad); err == nil {
			t.Errorf("%q: accepted", bad)
		}
	}
}

// TestParseXfrmObjects checks ip xfrm monitor's words: object prefixes
// ("SA" in capitals), nokeys, all, all-nsid.
func TestParseXfrmObjects(t *testing.T) {
	o, err := parseXfrmArgs([]string{"acq", "S", "pol", "nokeys", "all-nsid", "all"})
	if err != nil || o.objs != objXfrm || !o.nokeys || !o.allNSID || len(o.xfrmGroups) != 3 {
		t.Errorf("%+v %v", o, err)
	}
	for _, bad := range [][]string{{"sa"}, {"frob"}, {"file"}, {"help"}} {
		if _, err := parseXfrmArgs(bad); err == nil {
			t.Errorf("%q: accepted", bad)
		}
	}
}
