package main

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/gip-suite/gip/internal/nl/nl80211"
)

func TestParseMgmtDump(t *testing.T) {
	for _, c := range []struct {
		args string
		want mgmtDump
		err  string
	}{
		{"frame 40 00", mgmtDump{frames: []nl80211.FrameMatch{{Type: 0x40, Match: []byte{0}}}, count: -1}, ""},
		{"frame 0xd0 04:0x0a: frame 40 ff count 10", mgmtDump{frames: []nl80211.FrameMatch{
			{Type: 0xd0, Match: []byte{4, 10, 0}}, {Type: 0x40, Match: []byte{0xff}}}, count: 10}, ""},
		{"frame 40 00 count 0", mgmtDump{frames: []nl80211.FrameMatch{{Type: 0x40, Match: []byte{0}}}, count: 0}, ""},
		{"frame 40 00 count -1", mgmtDump{frames: []nl80211.FrameMatch{{Type: 0x40, Match: []byte{0}}}, count: 0}, ""},
		{"frame 40 00 count -5", mgmtDump{frames: []nl80211.FrameMatch{{Type: 0x40, Match: []byte{0}}}, count: -1}, ""},
		{"frame 40", mgmtDump{}, "usage"},
		{"frm 40 00", mgmtDump{}, "usage"},
		{"frame 40 00 count", mgmtDump{}, "usage"},
		{"frame 40 00 bogus", mgmtDump{}, "usage"},
		{"frame zz 00", mgmtDump{}, "invalid frame type: zz"},
		{"frame 40 100", mgmtDump{}, "invalid frame pattern: 100"},
		{"frame 40 -1", mgmtDump{}, "invalid frame pattern: -1"},
		{"frame 40 0g", mgmtDump{}, "invalid frame pattern: 0g"},
	} {
		got, err := parseMgmtDump(words(c.args))
		kind := errKind(err)
		if ee, ok := err.(*exitError); ok {
			kind = ee.msg
		}
		if kind != c.err || (c.err == "" && !reflect.DeepEqual(got, c.want)) {
			t.Errorf("%q: %+v, %v", c.args, got, err)
		}
	}
	var b bytes.Buffer
	freq, sig := uint32(2412), int32(-30)
	printMgmtFrame(&tw{w: &b}, nl80211.MgmtFrame{Freq: &freq, SignalDBM: &sig, Frame: []byte{0x40, 0}})
	if want := "freq 2412 MHz\nrssi -30 dBm\nmgmt: 40 00 \n\n"; b.String() != want {
		t.Errorf("frame printed %q, want %q", b.String(), want)
	}
}

func TestParseMpathProbe(t *testing.T) {
	for _, c := range []struct{ args, err string }{
		{"02:00:00:00:00:01 frame 01:02 ignored", ""},
		{"02:00:00:00:00:01 frame", "usage"},
		{"02:00:00:00:00:01 fr 01", "usage"},
		{"zz frame 01", "invalid mac address"},
		{"02:00:00:00:00:01 frame 0102", "invalid frame pattern: (nil)"},
	} {
		_, _, err := parseMpathProbe(words(c.args))
		kind := errKind(err)
		if ee, ok := err.(*exitError); ok {
			kind = ee.msg
		}
		if kind != c.err {
			t.Errorf("%q: %v, want %q", c.args, err, c.err)
		}
	}
}
