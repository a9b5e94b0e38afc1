package neigh

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

func TestViewModes(t *testing.T) {
	mac := rtnl.HardwareAddr{2, 0, 0, 0, 0, 2}
	reach := &rtnl.Neigh{Family: unix.AF_INET, Index: 2, State: unix.NUD_REACHABLE, Flags: unix.NTF_ROUTER,
		Dst: netip.MustParseAddr("192.0.2.2"), LLAddr: mac, HasLL: true,
		HasCacheInfo: true, Used: 6400, Confirmed: 6400, Updated: 6400, HasProbe: true}
	proxy := &rtnl.Neigh{Family: unix.AF_INET6, Index: 2, Flags: unix.NTF_PROXY, Dst: netip.MustParseAddr("2001:db8::9")}
	for _, c := range []struct {
		name string
		v    *view
		opts format.Options
		want string
	}{
		{"text", &view{n: reach, dev: "v0", showDev: true}, format.Options{},
			"192.0.2.2 dev v0 lladdr 02:00:00:00:00:02 router REACHABLE \n"},
		{"dev selected", &view{n: reach, dev: "v0"}, format.Options{},
			"192.0.2.2 lladdr 02:00:00:00:00:02 router REACHABLE \n"},
		{"stats", &view{n: reach, dev: "v0", showDev: true, stats: true}, format.Options{},
			"192.0.2.2 dev v0 lladdr 02:00:00:00:00:02 router  used 64/64/64probes 0 REACHABLE \n"},
		{"proxy", &view{n: proxy, dev: "v0", showDev: true}, format.Options{},
			"2001:db8::9 dev v0 proxy \n"},
		{"brief", &view{n: reach, dev: "v0"}, format.Options{Mode: format.Brief},
			"192.0.2.2                               v0               02:00:00:00:00:02\n"},
		{"colour", &view{n: reach, dev: "v0", showDev: true}, format.Options{Color: true},
			"\x1b[35m192.0.2.2 \x1b[0mdev \x1b[36mv0 \x1b[0mlladdr \x1b[33m02:00:00:00:00:02 \x1b[0mrouter REACHABLE \n"},
		{"json", &view{n: reach, dev: "v0", showDev: true, stats: true}, format.Options{JSON: true},
			`[{"dst":"192.0.2.2","dev":"v0","lladdr":"02:00:00:00:00:02","router":null,"used":64,"confirmed":64,"updated":64,"probes":0,"state":["REACHABLE"]}]` + "\n"},
		{"json proxy", &view{n: proxy, dev: "v0"}, format.Options{JSON: true},
			`[{"dst":"2001:db8::9","proxy":null}]` + "\n"},
		{"json brief", &view{n: reach, dev: "v0"}, format.Options{JSON: true, Mode: format.Brief},
			`[{"dst":"192.0.2.2","dev":"v0","lladdr":"02:00:00:00:00:02"}]` + "\n"},
		{"table", &view{n: reach, dev: "v0"}, format.Options{Table: true},
			"+-----------+-----+-------------------+--------+-----------+\n" +
				"|    DST    | DEV |      LLADDR       | FLAGS  |   STATE   |\n" +
				"+-----------+-----+-------------------+--------+-----------+\n" +
				"| 192.0.2.2 | v0  | 02:00:00:00:00:02 | router | REACHABLE |\n" +
				"+-----------+-----+-------------------+--------+-----------+\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var b strings.Builder
			p := format.NewPrinter(&b, c.opts)
			if err := p.Print(c.v); err != nil {
				t.Fatal(err)
			}
			if err := p.Close(); err != nil {
				t.Fatal(err)
			}
			if b.String() != c.want {
				t.Errorf("got\n%q\nwant\n%q", b.String(), c.want)
			}
		})
	}
}
