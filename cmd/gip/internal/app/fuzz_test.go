package app

import (
	"encoding/binary"
	"io"
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nltest"
	"golang.org/x/sys/unix"
)

// fuzzKernel answers like a kernel with one link, eth7 (index 7): lookups
// by name or index find it, dumps are empty, every change is accepted.
func fuzzKernel(req nl.Message) []nltest.Datagram {
	if req.Header.Flags&nl.Dump == nl.Dump {
		return []nltest.Datagram{nltest.FromKernel(nltest.Done(req, 0, ""))}
	}
	if req.Header.Type == unix.RTM_GETLINK {
		b := make([]byte, unix.SizeofIfInfomsg)
		binary.NativeEndian.PutUint32(b[4:], 7)
		e := nl.NewAttrEncoder(b)
		e.String(unix.IFLA_IFNAME, "eth7")
		data, _ := e.Encode()
		return []nltest.Datagram{nltest.FromKernel(nltest.Msg(req, unix.RTM_NEWLINK, 0, data), nltest.Ack(req, 0, "", 0))}
	}
	return []nltest.Datagram{nltest.FromKernel(nltest.Ack(req, 0, "", 0))}
}

// fuzzedObjects are the objects FuzzCommandLine runs: those whose every
// effect goes through the rtnetlink and xfrm sockets the fake kernel
// answers. The others open sockets of other families, change devices by
// ioctl, write sysctls or files, start programs or watch forever: run
// against the real kernel from a fuzzer, they would change the machine.
var fuzzedObjects = map[string]bool{
	"address": true, "addrlabel": true, "bridge": true, "link": true, "mroute": true, "mrule": true,
	"neighbour": true, "netconf": true, "nexthop": true, "ntable": true, "route": true, "rule": true,
	"tc": true, "token": true, "xfrm": true,
}

// FuzzCommandLine runs whole command lines of the fuzzedObjects against a
// fake kernel: no input may panic, and every failure must carry an exit
// status.
func FuzzCommandLine(f *testing.F) {
	for _, s := range []string{
		"link add v0 type veth peer name v1", "link set dev eth7 up mtu 1400 address 02:00:00:00:00:01",
		"link add link eth7 name v10 type vlan id 10 protocol 802.1ad", "l s eth7 master eth7 nomaster",
		"link add br0 type bridge stp_state 1 vlan_protocol 802.1q no_linklocal_learn 1",
		"link add vx type vxlan id 5 remote 2001:db8::1 srcport 1 2 ttl inherit df set",
		"link show type bridge_slave group default up", "link property add dev eth7 altname x",
		"addr add 192.0.2.1/24 brd + dev eth7 label eth7:a valid_lft 10 preferred_lft 5",
		"a show to 10.1 scope link -nodad permanent label 'x*'", "addr flush dev eth7 primary",
		"neigh add 192.0.2.2 lladdr 02:00:00:00:00:02 dev eth7 nud reachable router",
		"n show proxy nud all to 2001:db8::/32 unused", "neigh get 192.0.2.2 dev eth7",
		"bridge link set dev eth7 cost 4 hairpin on state forwarding", "bridge fdb add 02:00:00:00:00:aa dev eth7 vlan 3 master",
		"bridge vlan add vid 10-20 dev eth7 pvid untagged", "bridge -j fdb show br eth7",
		"link add x type bond mode 802.3ad arp_ip_target 10.0.0.1,10.0.0.2", "link add t type ip6tnl mode ipip6 remote ::1",
		"xfrm policy add src 10.0.0.0/8 proto tcp dport 22 dir out mark 1 mask 3 tmpl src 1.2.3.4 dst 5.6.7.8 proto esp mode tunnel",
		"xfrm policy list dir in src 10.1/16 flag icmp", "xfrm policy deleteall nosock", "xfrm policy get index 8 dir fwd",
		"xfrm state add src 10.0.0.1 dst 10.0.0.2 proto esp spi 5 enc cbc(aes) 0x00 auth-trunc hmac(sha1) 0x01 96 sel src 1.1.1.1 encap espinudp 1 2 3.3.3.3",
		"xfrm sa list nokeys proto esp spi 9", "xfrm state allocspi dst ::1 proto comp min 1 max 2", "xfrm state count",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		words := strings.Fields(line)
		if len(words) == 0 {
			return
		}
		if name, _, ok := lookupObject(words[0]); !ok || !fuzzedObjects[name] {
			return
		}
		for _, w := range words {
			// Watching, batches (tc's -batch) and completion dial or read
			// beyond the fake kernel.
			if w == "monitor" || strings.HasPrefix(w, "-b") || w == "completion" || strings.HasPrefix(w, "__complete") {
				return
			}
		}
		conn, _ := nltest.Dial(t, fuzzKernel)
		g := &env.Global{}
		e := &env.Env{Prog: command.Prog, G: g, Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard}
		e.UseConn(conn)
		xconn, _ := nltest.Dial(t, fuzzKernel)
		e.UseConnOf(unix.NETLINK_XFRM, xconn)
		err := dispatch(e, words)
		if err != nil && fail.ExitCode(err) == 0 {
			t.Fatalf("%q: error %v with exit status 0", line, err)
		}
	})
}

// TestFuzzedObjectsExist keeps fuzzedObjects to the registry's names, so
// that FuzzCommandLine's seeds do run.
func TestFuzzedObjectsExist(t *testing.T) {
	for name := range fuzzedObjects {
		if got, _, ok := lookupObject(name); !ok || got != name {
			t.Errorf("fuzzedObjects names %q, which the registry calls %q (found: %v)", name, got, ok)
		}
	}
}
