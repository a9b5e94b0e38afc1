package main

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl/nl80211"
	"golang.org/x/sys/unix"
)

// wantErr classifies a parser's answer: "" success, "usage" for iw's
// usage (exit 1), "EINVAL" for iw's own refusal with -22, "key" for its
// key explanation.
func errKind(err error) string {
	var ue *usageError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &ue):
		return "usage"
	case errors.Is(err, unix.EINVAL):
		return "EINVAL"
	case err == errKeyGrammar:
		return "key"
	}
	return err.Error()
}

func words(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, " ")
}

func TestParseAPStart(t *testing.T) {
	ch1 := nl80211.ChanDef{Freq: 2412, Width: nl80211.Width20NoHT, Center1: 2412}
	thirty := uint16(30)
	for _, c := range []struct {
		args string
		want nl80211.APRequest
		err  string
	}{
		{"s 2412 100 2 head 8000", nl80211.APRequest{SSID: []byte("s"), Channel: ch1, BeaconInterval: 100, DTIMPeriod: 2, BeaconHead: []byte{0x80, 0}}, ""},
		{"s 2412 HT40+ 100 2 hidden-ssid head 8000 tail DD00 inactivity-time 30",
			nl80211.APRequest{SSID: []byte("s"), Channel: nl80211.ChanDef{Freq: 2412, Width: nl80211.Width40, Center1: 2422},
				BeaconInterval: 100, DTIMPeriod: 2, Hidden: nl80211.SSIDZeroLength, BeaconHead: []byte{0x80, 0},
				BeaconTail: []byte{0xdd, 0}, InactivityTimeout: &thirty}, ""},
		{"s 2412 100 2 zeroed-ssid head 80 key d:0:abcde", nl80211.APRequest{SSID: []byte("s"), Channel: ch1, BeaconInterval: 100, DTIMPeriod: 2,
			Hidden: nl80211.SSIDZeroContents, BeaconHead: []byte{0x80},
			Keys: []nl80211.Key{{Index: 0, Cipher: nl80211.CipherWEP40, Data: []byte("abcde"), Default: true}}}, ""},
		{"s 2412 100 2", nl80211.APRequest{}, "usage"},
		{"s x 100 2 head 80", nl80211.APRequest{}, "usage"},
		{"s 2412 100 2 tail 80", nl80211.APRequest{}, "usage"},
		{"s 2412 100 2 head 80 bogus", nl80211.APRequest{}, "usage"},
		{"s 2412 80 2437 100 2", nl80211.APRequest{}, "usage"},
		{"s 2412 x 2 head 80", nl80211.APRequest{}, "EINVAL"},
		{"s 2412 100 2y head 80", nl80211.APRequest{}, "EINVAL"},
		{"s 2412 100 2 head 8", nl80211.APRequest{}, "EINVAL"},
		{"s 2412 100 2 head zz", nl80211.APRequest{}, "EINVAL"},
		{"s 2412 100 2 head 80 tail", nl80211.APRequest{}, "EINVAL"},
		{"s 2412 100 2 head 80 inactivity-time", nl80211.APRequest{}, "EINVAL"},
		{"s 2412 100 2 head 80 inactivity-time 3s", nl80211.APRequest{}, "EINVAL"},
		{"s 2412 100 2 head 80 key 9", nl80211.APRequest{}, "key"},
	} {
		got, err := parseAPStart(words(c.args))
		if errKind(err) != c.err || (c.err == "" && !reflect.DeepEqual(got, c.want)) {
			t.Errorf("%q: %+v, %v; want %+v, %s", c.args, got, err, c.want, c.err)
		}
	}
}

func TestParseAuth(t *testing.T) {
	for _, c := range []struct{ args, err string }{
		{"s 02:00:00:00:00:01 open 2412", ""},
		{"s 02:00:00:00:00:01 shared 2412 key d:0:abcde", ""},
		{"s 02:00:00:00:00:01 shared 2412", "usage"},
		{"s 02:00:00:00:00:01 open 2412 key d:0:abcde", "usage"},
		{"s 02:00:00:00:00:01 open 2412 bogus", "usage"},
		{"s 02:00:00:00:00:01 shared 2412 bogus x", "usage"},
		{"s zz open 2412", "usage"},
		{"s 02:00:00:00:00:01 wpa 2412", "usage"},
		{"s 02:00:00:00:00:01 open x", "usage"},
		{"s 02:00:00:00:00:01 open", "usage"},
		{"s 02:00:00:00:00:01 shared 2412 key 0:abc", "key"},
	} {
		if _, err := parseAuth(words(c.args)); errKind(err) != c.err {
			t.Errorf("%q: %v, want %q", c.args, err, c.err)
		}
	}
}

func TestParseCQMSwitchOffchannel(t *testing.T) {
	for _, c := range []struct {
		args   string
		thold  int32
		hyst   uint32
		errStr string
	}{
		{"-50 2", -50, 2, ""}, {"-50dBm x", -50, 0, ""}, {"off", 0, 0, ""}, {"off 3", 0, 0, ""},
		{"0", 0, 0, "EINVAL"}, {"x", 0, 0, "EINVAL"}, {"", 0, 0, "usage"}, {"-50 2 3", 0, 0, "usage"},
	} {
		th, hy, err := parseCQMRSSI(words(c.args))
		if errKind(err) != c.errStr || th != c.thold || hy != c.hyst {
			t.Errorf("cqm rssi %q: %d %d %v", c.args, th, hy, err)
		}
	}
	five := uint32(5)
	for _, c := range []struct {
		args  string
		parse chanParser
		want  nl80211.ChannelSwitch
		err   string
	}{
		{"6 beacons 5 block-tx", parseChannelPrefix, nl80211.ChannelSwitch{Channel: nl80211.ChanDef{Freq: 2437, Width: nl80211.Width20NoHT, Center1: 2437}, Count: &five, BlockTx: true}, ""},
		{"2437 HT20 block-tx", parseFreqChan, nl80211.ChannelSwitch{Channel: nl80211.ChanDef{Freq: 2437, Width: nl80211.Width20, Center1: 2437}, BlockTx: true}, ""},
		{"5180 80 5210", parseFreqChan, nl80211.ChannelSwitch{Channel: nl80211.ChanDef{Freq: 5180, Width: nl80211.Width80, Center1: 5210}}, ""},
		{"2437 x", parseFreqChan, nl80211.ChannelSwitch{}, "usage"},
		{"6 beacons x", parseChannelPrefix, nl80211.ChannelSwitch{}, "usage"},
		{"6 beacons", parseChannelPrefix, nl80211.ChannelSwitch{}, "usage"},
		{"x", parseChannelPrefix, nl80211.ChannelSwitch{}, "usage"},
		{"", parseFreqChan, nl80211.ChannelSwitch{}, "usage"},
	} {
		got, err := parseSwitch(words(c.args), c.parse)
		if errKind(err) != c.err || (c.err == "" && !reflect.DeepEqual(got, c.want)) {
			t.Errorf("switch %q: %+v %v", c.args, got, err)
		}
	}
	for _, c := range []struct {
		args       string
		parse      func([]string) (uint32, uint32, error)
		freq, dur  uint32
		usageError bool
	}{
		{"2437 100", parseOffchannel, 2437, 100, false},
		{"0x985 100", parseOffchannel, 0, 0, true},
		{"2437 1x", parseOffchannel, 0, 0, true},
		{"2437", parseOffchannel, 0, 0, true},
		{"0x985 0144", parseROCStart, 2437, 100, false},
		{"2437 0b1", parseROCStart, 0, 0, true},
		{"2437 1_0", parseROCStart, 0, 0, true},
		{"2437 100 1", parseROCStart, 0, 0, true},
	} {
		f, d, err := c.parse(words(c.args))
		if (err != nil) != c.usageError || f != c.freq || d != c.dur {
			t.Errorf("%q: %d %d %v", c.args, f, d, err)
		}
	}
}

func TestCNumber(t *testing.T) {
	for _, c := range []struct {
		s     string
		v     int64
		whole bool
	}{
		{"100", 100, true}, {"", 0, true}, {" -5", -5, true}, {"+7", 7, true},
		{"12x", 12, false}, {"x", 0, false}, {"-", 0, false}, {"0x10", 0, false},
	} {
		if v, whole := cNumber(c.s); v != c.v || whole != c.whole {
			t.Errorf("cNumber(%q) = %d, %v", c.s, v, whole)
		}
	}
}

func TestScanHexPrefix(t *testing.T) {
	for _, c := range []struct {
		s    string
		v    uint64
		rest string
		ok   bool
	}{
		{"ff:", 0xff, ":", true}, {" 0x1Ag", 0x1a, "g", true}, {"-1", math.MaxUint64, "", true},
		{"0x", 0, "x", true}, {"g", 0, "g", false}, {"-", 0, "", false},
		{"ffffffffffffffff", math.MaxUint64, "", true},
		{"10000000000000000 x", math.MaxUint64, " x", true},
		{"-123456789abcdef01", math.MaxUint64, "", true},
	} {
		if v, rest, ok := scanHexPrefix(c.s); v != c.v || rest != c.rest || ok != c.ok {
			t.Errorf("scanHexPrefix(%q) = %#x, %q, %v", c.s, v, rest, ok)
		}
	}
	for _, s := range []string{"100:0:0:0:0:0", "-1:0:0:0:0:0", "10000000000000000:0:0:0:0:0"} {
		if mac, ok := macA2N(s); ok {
			t.Errorf("macA2N(%q) = %v", s, mac)
		}
	}
}
