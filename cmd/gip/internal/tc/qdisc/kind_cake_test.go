package qdisc

import (
	"testing"

	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// cakeXStatsText and cakeXStatsJSON print cake's statistics b.
func cakeXStatsText(b []byte) string {
	t := format.NewText(format.Normal, false)
	printCakeXStats(format.NewTextFields(t), b, &View{})
	return string(*t.Bytes())
}

func cakeXStatsJSON(b []byte) string {
	w := format.NewJSONWriter(false)
	w.StartObject()
	printCakeXStats(format.NewJSONFields(w, format.Normal), b, &View{})
	w.EndObject()
	return string(w.Bytes())
}

// TestCakeFlowXStats checks the statistics of a flow, which the vm tier
// cannot make stay: a dropping flow with a negative drop_next.
func TestCakeFlowXStats(t *testing.T) {
	e := nl.NewAttrEncoder(nil)
	e.Int32(rtnl.CakeStatsDeficit, -5)
	e.Uint32(rtnl.CakeStatsCobaltCount, 3)
	e.Uint32(rtnl.CakeStatsDropping, 1)
	e.Int32(rtnl.CakeStatsDropNextUS, -1500)
	e.Uint32(rtnl.CakeStatsPDrop, 7)
	e.Int32(rtnl.CakeStatsBlueTimerUS, 2000)
	b, _ := e.Encode()
	if got, want := cakeXStatsText(b), "  deficit -5 count 3 dropping drop_next -1.5ms blue_prob 7 blue_timer 2ms"; got != want {
		t.Errorf("text\n got  %q\n want %q", got, want)
	}
	if got, want := cakeXStatsJSON(b), `{"deficit":-5,"count":3,"dropping":true,"blue_prob":7,"blue_timer":2000}`; got != want {
		t.Errorf("JSON\n got  %s\n want %s", got, want)
	}
}

// TestCakeTinHeader checks the header of a table of tins other than
// diffserv3's and diffserv4's.
func TestCakeTinHeader(t *testing.T) {
	e := nl.NewAttrEncoder(nil)
	e.Nest(rtnl.CakeStatsTinStats)
	for i := uint16(1); i <= 2; i++ {
		e.Nest(i)
		e.Uint32(rtnl.CakeTinSentPackets, uint32(i))
		e.Unnest()
	}
	e.Unnest()
	b, _ := e.Encode()
	want := "          " + "        Tin 0" + "        Tin 1" + "\n" + "  pkts    " + "            1" + "            2" + "\n"
	if got := cakeXStatsText(b); got != want {
		t.Errorf("text\n got  %q\n want %q", got, want)
	}
	if got, want := cakeXStatsJSON(b), `{"tins":[{"sent_packets":1},{"sent_packets":2}]}`; got != want {
		t.Errorf("JSON\n got  %s\n want %s", got, want)
	}
}
