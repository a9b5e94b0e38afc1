// Package wifi is a test fixture for nl80211 work: two simulated radios
// (mac80211_hwsim), an access point and a station, each in a network
// namespace the fixture creates.
//
// The access point's namespace runs hostapd with two networks on one radio:
// an open one and a WPA2-PSK one. The station's radio waits, up and idle, in
// the second namespace; tests scan, connect and inspect from there. The
// default namespace is never changed: the radios leave it right after the
// module creates them.
//
// The fixture drives the stock tools (modprobe, ip, iw, hostapd). It needs
// root and a kernel with mac80211_hwsim; without them it skips, or fails in
// the vm tier, whose kernel has it (testenv.Wifi).
package wifi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gip-suite/gip/internal/testenv"
)

// Network is one network the access point offers.
type Network struct {
	SSID  string
	BSSID net.HardwareAddr
	// PSK is the WPA2 passphrase; empty for the open network.
	PSK string
	// Iface is the access point's interface serving this network, in
	// Fixture.APNetNS.
	Iface string
}

// Fixture is a running access point and an idle station.
type Fixture struct {
	// APNetNS and StationNetNS name the namespaces (as in /run/netns) that
	// hold the access point's radio with hostapd and the station's radio.
	APNetNS      string
	StationNetNS string

	APPhy        string // the access point's wiphy, e.g. "phy0"
	StationPhy   string // the station's wiphy
	StationIface string // the station's interface, up, in StationNetNS
	StationAddr  net.HardwareAddr

	// Freq is the access point's channel in MHz.
	Freq int

	Open Network
	WPA2 Network

	hostapdLog *syncBuffer
}

// Timeouts under software emulation are generous: the vm tier runs on a
// machine without hardware virtualisation.
const (
	startTimeout = 60 * time.Second
	stopTimeout  = 10 * time.Second
	channel      = 1
	freq         = 2412
)

// The module and its radios are global to the kernel: one fixture at a time,
// in this process (mu) and among test processes (a lock file, as go test runs
// packages in parallel).
var mu sync.Mutex

const lockFile = "gip-wifi-fixture.lock"

// lock waits until no other fixture runs and holds that until the test ends.
func lock(t testing.TB) {
	t.Helper()
	mu.Lock()
	f, err := os.OpenFile(filepath.Join(os.TempDir(), lockFile), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		mu.Unlock()
		t.Fatalf("wifi fixture: %v", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		mu.Unlock()
		t.Fatalf("wifi fixture: locking %s: %v", f.Name(), err)
	}
	t.Cleanup(func() {
		f.Close() // releases the flock
		mu.Unlock()
	})
}

var seq struct {
	sync.Mutex
	n int
}

// Option changes what the access point offers.
type Option func(*options)

type options struct {
	radio []string // hostapd settings for the radio, before the networks
}

// HE makes the access point an 802.11ax (HE, Wi-Fi 6) one: HT and HE on
// (hostapd's ieee80211n=1, ieee80211ax=1).
func HE() Option {
	return func(o *options) { o.radio = append(o.radio, "ieee80211n=1", "ieee80211ax=1") }
}

// Start loads mac80211_hwsim with two radios, moves them into two fresh
// namespaces and starts hostapd on the first. Everything is undone when the
// test ends, whether it passed or not.
func Start(t testing.TB, opts ...Option) *Fixture {
	t.Helper()
	testenv.NeedRoot(t)
	if _, err := exec.LookPath("modprobe"); err != nil {
		// Kernels without loadable modules come without the tools too.
		testenv.Missing(t, testenv.Wifi, "no modprobe to load mac80211_hwsim with")
	}
	testenv.NeedTools(t, "rmmod", "ip", "iw", "hostapd")

	lock(t)

	if _, err := os.Stat("/sys/module/mac80211_hwsim"); err == nil {
		// Its radios belong to someone else; unloading it would break them.
		if testenv.Strict() {
			t.Fatalf("mac80211_hwsim is already loaded; the wifi fixture needs to load it itself")
		}
		t.Skip("skipped: mac80211_hwsim is already loaded by someone else; the wifi fixture loads its own")
	}
	if out, err := run("modprobe", "mac80211_hwsim", "radios=2"); err != nil {
		testenv.Missing(t, testenv.Wifi, "modprobe mac80211_hwsim: %v: %s", err, out)
	}
	t.Cleanup(func() { unload(t) })

	phys, err := hwsimPhys()
	if err != nil {
		t.Fatalf("wifi fixture: %v", err)
	}
	if len(phys) != 2 {
		t.Fatalf("wifi fixture: mac80211_hwsim radios=2 made %d radios (%v)", len(phys), phys)
	}
	f := &Fixture{
		APPhy:      phys[0].name,
		StationPhy: phys[1].name,
		Freq:       freq,
	}
	if len(phys[0].ifaces) != 1 || len(phys[1].ifaces) != 1 {
		t.Fatalf("wifi fixture: expected one interface per radio, got %v and %v", phys[0].ifaces, phys[1].ifaces)
	}
	apIface := phys[0].ifaces[0]
	f.StationIface = phys[1].ifaces[0]

	seq.Lock()
	seq.n++
	id := fmt.Sprintf("%d-%d", os.Getpid(), seq.n)
	seq.Unlock()
	f.APNetNS = "gip-wifi-ap-" + id
	f.StationNetNS = "gip-wifi-sta-" + id
	for _, ns := range []string{f.APNetNS, f.StationNetNS} {
		if out, err := run("ip", "netns", "add", ns); err != nil {
			t.Fatalf("wifi fixture: ip netns add %s: %v: %s", ns, err, out)
		}
		t.Cleanup(func() {
			if out, err := run("ip", "netns", "del", ns); err != nil {
				t.Errorf("wifi fixture: ip netns del %s: %v: %s", ns, err, out)
			}
		})
	}
	for _, m := range []struct{ phy, ns string }{{f.APPhy, f.APNetNS}, {f.StationPhy, f.StationNetNS}} {
		if out, err := run("iw", "phy", m.phy, "set", "netns", "name", m.ns); err != nil {
			t.Fatalf("wifi fixture: moving %s into %s: %v: %s", m.phy, m.ns, err, out)
		}
	}

	dir := t.TempDir()
	f.Open = Network{SSID: "gip-open", Iface: apIface}
	f.WPA2 = Network{SSID: "gip-wpa2", PSK: "gip-wpa2-passphrase", Iface: apIface + "_1"}
	conf := filepath.Join(dir, "hostapd.conf")
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	if err := os.WriteFile(conf, []byte(hostapdConfig(f, o)), 0o600); err != nil {
		t.Fatalf("wifi fixture: %v", err)
	}
	f.hostapdLog = &syncBuffer{}
	startHostapd(t, f, conf)

	for _, n := range []*Network{&f.Open, &f.WPA2} {
		if n.BSSID, err = linkAddr(f.APNetNS, n.Iface); err != nil {
			t.Fatalf("wifi fixture: %v; hostapd said:\n%s", err, f.hostapdLog)
		}
	}
	if out, err := run("ip", "-n", f.StationNetNS, "link", "set", f.StationIface, "up"); err != nil {
		t.Fatalf("wifi fixture: bringing %s up: %v: %s", f.StationIface, err, out)
	}
	if f.StationAddr, err = linkAddr(f.StationNetNS, f.StationIface); err != nil {
		t.Fatalf("wifi fixture: %v", err)
	}
	return f
}

// StationCommand returns a command that runs name with args in the
// station's namespace.
func (f *Fixture) StationCommand(ctx context.Context, name string, args ...string) *exec.Cmd {
	return exec.CommandContext(ctx, "ip", append([]string{"netns", "exec", f.StationNetNS, name}, args...)...)
}

// HostapdLog returns what hostapd has printed so far.
func (f *Fixture) HostapdLog() string { return f.hostapdLog.String() }

func hostapdConfig(f *Fixture, o options) string {
	var b strings.Builder
	fmt.Fprintf(&b, "interface=%s\ndriver=nl80211\nhw_mode=g\nchannel=%d\n", f.Open.Iface, channel)
	for _, l := range o.radio {
		fmt.Fprintf(&b, "%s\n", l)
	}
	fmt.Fprintf(&b, "ssid=%s\n", f.Open.SSID)
	// A second BSS on the same radio; mac80211 gives it the radio's next
	// address.
	fmt.Fprintf(&b, "\nbss=%s\nssid=%s\n", f.WPA2.Iface, f.WPA2.SSID)
	fmt.Fprintf(&b, "wpa=2\nwpa_key_mgmt=WPA-PSK\nrsn_pairwise=CCMP\nwpa_passphrase=%s\n", f.WPA2.PSK)
	return b.String()
}

// startHostapd runs hostapd in the access point's namespace and waits until
// both networks are up. Its cleanup stops hostapd before the namespaces go.
func startHostapd(t testing.TB, f *Fixture, conf string) {
	t.Helper()
	cmd := exec.Command("ip", "netns", "exec", f.APNetNS, "hostapd", conf)
	cmd.Stdout = f.hostapdLog
	cmd.Stderr = f.hostapdLog
	if err := cmd.Start(); err != nil {
		t.Fatalf("wifi fixture: starting hostapd: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	started := false
	t.Cleanup(func() {
		select {
		case err := <-exited:
			if started {
				t.Errorf("wifi fixture: hostapd exited during the test: %v; it said:\n%s", err, f.hostapdLog)
			}
			return
		default:
		}
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(stopTimeout):
			_ = cmd.Process.Kill()
			<-exited
			t.Errorf("wifi fixture: hostapd ignored SIGTERM for %v and was killed", stopTimeout)
		}
	})

	deadline := time.Now().Add(startTimeout)
	for {
		// hostapd reports the first interface; the second BSS is set up
		// before it and only needs to be up.
		if strings.Contains(f.hostapdLog.String(), f.Open.Iface+": AP-ENABLED") {
			if up, _ := linkUp(f.APNetNS, f.WPA2.Iface); up {
				started = true
				return
			}
		}
		select {
		case err := <-exited:
			exited <- err // the cleanup then knows it is gone
			t.Fatalf("wifi fixture: hostapd exited while starting: %v; it said:\n%s", err, f.hostapdLog)
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("wifi fixture: hostapd did not enable both networks within %v; it said:\n%s", startTimeout, f.hostapdLog)
		}
	}
}

// unload removes mac80211_hwsim and with it both radios. Radios in a
// namespace that is being deleted move back to the default one
// asynchronously; rmmod is retried until that is over.
func unload(t testing.TB) {
	deadline := time.Now().Add(stopTimeout)
	for {
		out, err := run("rmmod", "mac80211_hwsim")
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Errorf("wifi fixture: rmmod mac80211_hwsim: %v: %s", err, out)
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
}

type phy struct {
	name   string
	index  string // the hwsim device, e.g. "hwsim0"
	ifaces []string
}

// hwsimPhys lists the wiphys of mac80211_hwsim in radio order.
func hwsimPhys() ([]phy, error) {
	entries, err := os.ReadDir("/sys/class/ieee80211")
	if err != nil {
		return nil, err
	}
	var phys []phy
	for _, e := range entries {
		dev, err := filepath.EvalSymlinks(filepath.Join("/sys/class/ieee80211", e.Name(), "device"))
		if err != nil || filepath.Base(filepath.Dir(dev)) != "mac80211_hwsim" {
			continue
		}
		p := phy{name: e.Name(), index: filepath.Base(dev)}
		nets, err := os.ReadDir(filepath.Join(dev, "net"))
		if err != nil {
			return nil, fmt.Errorf("interfaces of %s: %w", p.name, err)
		}
		for _, n := range nets {
			p.ifaces = append(p.ifaces, n.Name())
		}
		phys = append(phys, p)
	}
	// hwsim0 before hwsim1 (and hwsim10 after hwsim9).
	sort.Slice(phys, func(i, j int) bool {
		a, b := phys[i].index, phys[j].index
		if len(a) != len(b) {
			return len(a) < len(b)
		}
		return a < b
	})
	return phys, nil
}

type ipLink struct {
	Address string   `json:"address"`
	Flags   []string `json:"flags"`
}

func showLink(ns, iface string) (ipLink, error) {
	out, err := run("ip", "-n", ns, "-j", "link", "show", "dev", iface)
	if err != nil {
		return ipLink{}, fmt.Errorf("ip -n %s link show %s: %v: %s", ns, iface, err, out)
	}
	var links []ipLink
	if err := json.Unmarshal(out, &links); err != nil || len(links) != 1 {
		return ipLink{}, fmt.Errorf("ip -n %s -j link show %s: unexpected output %q", ns, iface, out)
	}
	return links[0], nil
}

func linkAddr(ns, iface string) (net.HardwareAddr, error) {
	l, err := showLink(ns, iface)
	if err != nil {
		return nil, err
	}
	mac, err := net.ParseMAC(l.Address)
	if err != nil {
		return nil, fmt.Errorf("address of %s in %s: %w", iface, ns, err)
	}
	return mac, nil
}

func linkUp(ns, iface string) (bool, error) {
	l, err := showLink(ns, iface)
	if err != nil {
		return false, err
	}
	for _, f := range l.Flags {
		if f == "UP" {
			return true, nil
		}
	}
	return false, nil
}

func run(name string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	out, err := exec.CommandContext(ctx, name, args...).CombinedOutput()
	return bytes.TrimSpace(out), err
}

// syncBuffer collects a child's output while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
