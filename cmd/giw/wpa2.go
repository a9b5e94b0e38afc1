package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nl80211"
	"github.com/gip-suite/gip/internal/wpa"
	"golang.org/x/sys/unix"
)

// handshakeTimeout bounds a WPA2 connection: the first from the command's
// start (the scan for the network included) to the open port, a
// reconnection from its connect request. A wrong passphrase ends it
// sooner (the access point gives up on message 2 and disconnects).
const handshakeTimeout = 10 * time.Second

// pskFailure is the exit status of a WPA2 connection that did not come up.
const pskFailure = 1

// runConnectPSK connects to a WPA2-PSK network and runs the supplicant's
// side of the 4-way handshake itself: the RSN element from the scan
// results, the association, the handshake over EAPOL on a packet socket,
// the keys into the kernel, the port opened. It returns once data can flow
// and prints what "connect -w" prints. On failure the interface is left
// disconnected.
func runConnectPSK(e *env, tg target, o connectOptions) error {
	by := time.Now().Add(handshakeTimeout)
	secret, err := readSecret(e, o.psk)
	if err != nil {
		return err
	}
	pmk, err := wpa.PMK(secret, o.req.SSID)
	if err != nil {
		return &exitError{code: 1, msg: "giw connect: " + err.Error()}
	}
	ctx, cancel := context.WithDeadline(e.ctx, by)
	defer cancel()
	bss, err := findNetwork(ctx, e, tg.dev.Index, o.req)
	if err != nil {
		return err
	}
	apRSNE, rsn, err := rsnFor(bss)
	if err != nil {
		return err
	}
	ownRSNE := rsnElement(rsn)
	req := o.req
	req.BSSID, req.Freq = bss.BSSID, bss.Freq
	req.RSN = &nl80211.RSNParams{IE: ownRSNE, Pairwise: nl80211.CipherCCMP, Group: nl80211.CipherCCMP, AKM: nl80211.AKMPSK}

	var conn *wpa.Conn
	if err := nl.InNetNS(e.opts.netns, func() (err error) {
		conn, err = wpa.ListenEAPOL(tg.dev.Index)
		return err
	}); err != nil {
		return err
	}
	defer conn.Close()
	wctx, wcancel := context.WithCancel(e.ctx)
	defer wcancel()
	s := &pskSession{e: e, tg: tg, by: by, conn: conn, pmk: pmk, aa: bss.BSSID, req: req, ownRSNE: ownRSNE, apRSNE: apRSNE,
		frames: receiveFrames(wctx, conn, bss.BSSID), events: make(chan nl80211.Event, 16)}
	if err := e.client.WatchMLME(wctx, func(ev nl80211.Event) {
		if ev.Ifindex != nil && *ev.Ifindex == tg.dev.Index && (ev.Cmd == unix.NL80211_CMD_CONNECT || ev.Cmd == unix.NL80211_CMD_DISCONNECT) {
			select {
			case s.events <- ev:
			case <-wctx.Done():
			}
		}
	}, func(err error) { s.debugf("nl80211 events lost: %v", err) }); err != nil {
		return err
	}
	res, err := s.connect()
	if err != nil {
		return err
	}
	if !o.foreground {
		return printConnectResult(e, tg, res)
	}
	return s.stay()
}

// readSecret returns the passphrase from where the command line said.
func readSecret(e *env, s *secretSource) (string, error) {
	if s.file == "" {
		return s.value, nil
	}
	var r io.Reader
	if s.file == "-" {
		if e.stdin == nil {
			return "", &exitError{code: 1, msg: "giw connect: no standard input to read the passphrase from"}
		}
		r = e.stdin
	} else {
		f, err := os.Open(s.file)
		if err != nil {
			return "", &exitError{code: 1, msg: "giw connect: " + err.Error()}
		}
		defer f.Close()
		r = f
	}
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && (err != io.EOF || line == "") {
		return "", &exitError{code: 1, msg: "giw connect: reading the passphrase: " + err.Error()}
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// findNetwork returns the BSS the request names, from the scan results,
// scanning for it first when they do not have it. Of several, the one
// heard best wins.
func findNetwork(ctx context.Context, e *env, ifindex int, req nl80211.ConnectRequest) (nl80211.BSS, error) {
	match := func(bsss []nl80211.BSS) (nl80211.BSS, bool) {
		var best nl80211.BSS
		found := false
		for _, b := range bsss {
			ssid, _ := b.SSID()
			if !bytes.Equal(ssid, req.SSID) || (req.Freq != 0 && b.Freq != req.Freq) || (req.BSSID != nil && !bytes.Equal(b.BSSID, req.BSSID)) {
				continue
			}
			if !found || signalMBM(b) > signalMBM(best) {
				best, found = b, true
			}
		}
		return best, found
	}
	bsss, err := e.client.ScanResults(ifindex)
	if err != nil {
		return nl80211.BSS{}, err
	}
	if b, ok := match(bsss); ok {
		return b, nil
	}
	sreq := nl80211.ScanRequest{SSIDs: [][]byte{req.SSID}}
	if req.Freq != 0 {
		sreq.Freqs = []uint32{req.Freq}
	}
	if bsss, err = e.client.Scan(ctx, ifindex, sreq); err != nil {
		return nl80211.BSS{}, err
	}
	if b, ok := match(bsss); ok {
		return b, nil
	}
	return nl80211.BSS{}, &exitError{code: pskFailure, msg: fmt.Sprintf("giw connect: no network %q found", req.SSID)}
}

func signalMBM(b nl80211.BSS) int32 {
	if b.SignalMBM != nil {
		return *b.SignalMBM
	}
	return -1 << 30
}

// rsnFor checks that the network offers what giw's supplicant does
// (WPA2-PSK, CCMP) and returns its RSN element and the decoded suites.
func rsnFor(b nl80211.BSS) ([]byte, nl80211.RSN, error) {
	fail := func(format string, args ...any) ([]byte, nl80211.RSN, error) {
		return nil, nl80211.RSN{}, &exitError{code: pskFailure, msg: "giw connect: " + fmt.Sprintf(format, args...)}
	}
	ies, _ := nl80211.ParseIEs(b.IEs)
	data, ok := nl80211.FindIE(ies, nl80211.IERSN)
	if !ok {
		return fail("%s is not a WPA2 network (it has no RSN element)", b.BSSID)
	}
	rsn := nl80211.ParseRSN(data)
	group, pairwise, akms := nl80211.RSNDefaultCipher, []nl80211.Suite{nl80211.RSNDefaultCipher}, []nl80211.Suite{nl80211.RSNDefaultAKM}
	if rsn.GroupCipher != nil {
		group = *rsn.GroupCipher
	}
	if rsn.PairwiseCiphers != nil {
		pairwise = rsn.PairwiseCiphers
	}
	if rsn.AKMSuites != nil {
		akms = rsn.AKMSuites
	}
	switch {
	case !slices.Contains(akms, nl80211.AKMPSK):
		return fail("%s does not offer PSK authentication (it offers %s)", b.BSSID, suiteNames(akms, nl80211.Suite.AKMName))
	case !slices.Contains(pairwise, nl80211.CipherCCMP):
		return fail("%s does not offer the CCMP cipher (it offers %s)", b.BSSID, suiteNames(pairwise, nl80211.Suite.CipherName))
	case group != nl80211.CipherCCMP:
		return fail("%s uses %s for group traffic; giw supports CCMP only", b.BSSID, group.CipherName())
	case rsn.Capabilities != nil && *rsn.Capabilities&rsnCapMFPRequired != 0:
		return fail("%s requires management frame protection, which giw does not support", b.BSSID)
	}
	return append([]byte{nl80211.IERSN, byte(len(data))}, data...), rsn, nil
}

// rsnCapMFPRequired is the "MFP required" bit of the RSN capabilities.
const rsnCapMFPRequired = 1 << 6

func suiteNames(s []nl80211.Suite, name func(nl80211.Suite) string) string {
	var out []string
	for _, x := range s {
		out = append(out, name(x))
	}
	return strings.Join(out, ", ")
}

// rsnElement is the RSN element of giw's association request: version 1,
// the network's group cipher, CCMP, PSK, no capabilities.
func rsnElement(ap nl80211.RSN) []byte {
	group := nl80211.CipherCCMP
	if ap.GroupCipher != nil {
		group = *ap.GroupCipher
	}
	suite := func(s nl80211.Suite) []byte { return []byte{byte(s >> 24), byte(s >> 16), byte(s >> 8), byte(s)} }
	body := []byte{1, 0}
	body = append(body, suite(group)...)
	body = append(append(body, 1, 0), suite(nl80211.CipherCCMP)...)
	body = append(append(body, 1, 0), suite(nl80211.AKMPSK)...)
	body = append(body, 0, 0)
	return append([]byte{nl80211.IERSN, byte(len(body))}, body...)
}

// eapolFrame is one PDU from the packet socket.
type eapolFrame struct {
	pdu []byte
	err error
}

// receiveFrames reads the packet socket in a goroutine until it fails (it
// is closed) or ctx ends, and passes on what the access point sent.
func receiveFrames(ctx context.Context, conn *wpa.Conn, from net.HardwareAddr) <-chan eapolFrame {
	ch := make(chan eapolFrame, 8)
	go func() {
		for {
			pdu, src, err := conn.Receive()
			if err != nil || bytes.Equal(src, from) {
				select {
				case ch <- eapolFrame{pdu: pdu, err: err}:
				case <-ctx.Done():
					return
				}
			}
			if err != nil {
				return
			}
		}
	}()
	return ch
}

// pskSession is one WPA2-PSK connection: the association, the 4-way
// handshake, and in the foreground the group rekeys and reconnections that
// follow.
type pskSession struct {
	e       *env
	tg      target
	by      time.Time // when the first connection must be up; zero after it
	conn    *wpa.Conn
	pmk     []byte
	aa      net.HardwareAddr
	req     nl80211.ConnectRequest
	ownRSNE []byte
	apRSNE  []byte
	frames  <-chan eapolFrame
	events  chan nl80211.Event
	sup     *wpa.Supplicant
}

func (s *pskSession) fail(format string, args ...any) error {
	return &exitError{code: pskFailure, msg: "giw connect: " + fmt.Sprintf(format, args...)}
}

// connect associates and runs the 4-way handshake, within
// handshakeTimeout (see there). On failure the interface is disconnected.
func (s *pskSession) connect() (nl80211.ConnectResult, error) {
	by := s.by
	if by.IsZero() {
		by = time.Now().Add(handshakeTimeout)
	}
	s.by = time.Time{}
	ctx, cancel := context.WithDeadline(s.e.ctx, by)
	defer cancel()
	s.sup = wpa.NewSupplicant(s.pmk, s.aa, s.tg.dev.HardwareAddr, s.ownRSNE, s.apRSNE)
	// Events of an earlier attempt (the disconnection that ended it) are
	// not this one's.
	for len(s.events) > 0 {
		<-s.events
	}
	if err := s.e.client.Connect(s.tg.dev.Index, s.req); err != nil {
		return nl80211.ConnectResult{}, err
	}
	res, err := s.handshake(ctx)
	if err != nil {
		// Leave nothing half-done behind: no association without keys.
		_ = s.e.client.Disconnect(s.tg.dev.Index)
	}
	return res, err
}

// handshake waits for the association, answers the access point's key
// messages and installs the keys; it returns the connection's result once
// the port is open.
func (s *pskSession) handshake(ctx context.Context) (nl80211.ConnectResult, error) {
	var res nl80211.ConnectResult
	for {
		select {
		case <-ctx.Done():
			if s.e.ctx.Err() != nil {
				return res, s.e.ctx.Err()
			}
			if s.sup.Message1Count() > 1 {
				return res, s.fail("4-way handshake with %s timed out: the access point did not accept the key (wrong passphrase?)", s.aa)
			}
			return res, s.fail("4-way handshake with %s timed out", s.aa)
		case ev := <-s.events:
			if ev.Cmd == unix.NL80211_CMD_CONNECT {
				if ev.StatusCode != nil && *ev.StatusCode != 0 || ev.TimedOut {
					r := nl80211.ConnectResult{BSSID: ev.MAC, TimedOut: ev.TimedOut}
					if ev.StatusCode != nil {
						r.Status = *ev.StatusCode
					}
					if r.TimedOut {
						return r, s.fail("association with %s timed out", s.aa)
					}
					return r, s.fail("association with %s refused, status %d: %s", s.aa, r.Status, nl80211.StatusText(r.Status))
				}
				res = nl80211.ConnectResult{Ifindex: s.tg.dev.Index, Wiphy: s.tg.dev.Wiphy, BSSID: ev.MAC}
				continue
			}
			if s.sup.Message1Count() > 0 {
				return res, s.fail("4-way handshake failed: %s disconnected%s; wrong passphrase?", s.aa, reasonText(ev))
			}
			return res, s.fail("%s disconnected%s", s.aa, reasonText(ev))
		case f := <-s.frames:
			if f.err != nil {
				return res, s.fail("EAPOL socket: %v", f.err)
			}
			st, err := s.step(f.pdu)
			if err != nil {
				return res, err
			}
			if st.TK != nil {
				if res.BSSID == nil {
					res = nl80211.ConnectResult{Ifindex: s.tg.dev.Index, Wiphy: s.tg.dev.Wiphy, BSSID: s.aa}
				}
				return res, nil
			}
		}
	}
}

func reasonText(ev nl80211.Event) string {
	if ev.ReasonCode == nil {
		return ""
	}
	return fmt.Sprintf(" (reason %d: %s)", *ev.ReasonCode, nl80211.ReasonText(*ev.ReasonCode))
}

// reconnectDelay is the pause between two attempts to get back to the
// network in the foreground.
const reconnectDelay = 2 * time.Second

// stay keeps the connection in the foreground until interrupted: it
// answers group rekeys and connects again after a disconnection, printing
// each of these as an event (a JSON line with -j). Interrupted, it
// disconnects and returns nil.
func (s *pskSession) stay() error {
	s.event(pskEvent{Event: "connected", BSSID: s.aa.String()})
	for {
		select {
		case <-s.e.ctx.Done():
			_ = s.e.client.Disconnect(s.tg.dev.Index)
			return nil
		case f := <-s.frames:
			if f.err != nil {
				return s.fail("EAPOL socket: %v", f.err)
			}
			st, err := s.step(f.pdu)
			if err != nil {
				s.event(pskEvent{Event: "error", Error: err.Error()})
				continue
			}
			if st.GTK != nil && st.TK == nil {
				s.event(pskEvent{Event: "group_rekey", BSSID: s.aa.String(), KeyIndex: ptrTo(st.GTK.Index)})
			}
		case ev := <-s.events:
			if ev.Cmd != unix.NL80211_CMD_DISCONNECT {
				continue
			}
			s.event(pskEvent{Event: "disconnected", BSSID: s.aa.String(), Reason: ev.ReasonCode})
			for {
				select {
				case <-s.e.ctx.Done():
					return nil
				case <-time.After(reconnectDelay):
				}
				if _, err := s.connect(); err != nil {
					s.event(pskEvent{Event: "error", Error: err.Error()})
					continue
				}
				s.event(pskEvent{Event: "connected", BSSID: s.aa.String()})
				break
			}
		}
	}
}

// pskEvent is one line of the foreground form's output.
type pskEvent struct {
	Time     string  `json:"time"`
	Ifname   string  `json:"ifname"`
	Event    string  `json:"event"` // "connected", "group_rekey", "disconnected", "error"
	BSSID    string  `json:"bssid,omitempty"`
	KeyIndex *uint8  `json:"key_index,omitempty"`
	Reason   *uint16 `json:"reason,omitempty"`
	Error    string  `json:"error,omitempty"`
}

func (s *pskSession) event(ev pskEvent) {
	ev.Time = time.Now().Format(time.RFC3339Nano)
	ev.Ifname = s.tg.dev.Name
	if s.e.opts.json {
		_ = printJSON(s.e, ev)
		return
	}
	t := &tw{w: s.e.stdout}
	t.f("%s: ", ev.Ifname)
	switch ev.Event {
	case "connected":
		t.f("connected to %s, port authorized", ev.BSSID)
	case "group_rekey":
		t.f("new group key %d from %s", *ev.KeyIndex, ev.BSSID)
	case "disconnected":
		t.f("disconnected from %s", ev.BSSID)
		if ev.Reason != nil {
			t.f(" (reason %d: %s)", *ev.Reason, nl80211.ReasonText(*ev.Reason))
		}
		t.f(", reconnecting")
	case "error":
		t.f("%s", ev.Error)
	}
	t.f("\n")
}

// step handles one EAPOL frame: it answers it and installs the keys it
// brought (with the port opened after message 3).
func (s *pskSession) step(pdu []byte) (wpa.Step, error) {
	st, err := s.sup.Handle(pdu)
	switch {
	case errors.Is(err, wpa.ErrIgnored), errors.Is(err, wpa.ErrNotKey):
		s.debugf("EAPOL frame ignored: %v", err)
		return wpa.Step{}, nil
	case err != nil:
		return wpa.Step{}, s.fail("key handshake with %s: %v", s.aa, err)
	}
	s.debugf("EAPOL-Key message %s received, answering", st.Message)
	if err := s.conn.Send(s.aa, st.Reply); err != nil {
		return wpa.Step{}, err
	}
	switch {
	case st.TK != nil:
		return st, s.install(st)
	case st.GTK != nil:
		return st, s.installGTK(st)
	}
	return st, nil
}

// install puts the pairwise and group keys into the kernel and opens the
// port to the access point.
func (s *pskSession) install(st wpa.Step) error {
	c, ifindex := s.e.client, s.tg.dev.Index
	if err := c.NewKey(ifindex, s.aa, nl80211.Key{Index: 0, Cipher: nl80211.CipherCCMP, Data: st.TK, Type: nl80211.KeyPairwise}); err != nil {
		return fmt.Errorf("installing the pairwise key: %w", err)
	}
	if err := s.installGTK(st); err != nil {
		return err
	}
	if err := c.AuthorizeStation(ifindex, s.aa, true); err != nil {
		return fmt.Errorf("authorizing %s: %w", s.aa, err)
	}
	return nil
}

// installGTK puts a group key into the kernel and makes it the default
// for multicast frames.
func (s *pskSession) installGTK(st wpa.Step) error {
	c, ifindex := s.e.client, s.tg.dev.Index
	if err := c.NewKey(ifindex, nil, nl80211.Key{Index: st.GTK.Index, Cipher: nl80211.CipherCCMP, Data: st.GTK.Key, Seq: st.RSC, Type: nl80211.KeyGroup}); err != nil {
		return fmt.Errorf("installing the group key: %w", err)
	}
	if err := c.SetDefaultKey(ifindex, st.GTK.Index, false, true); err != nil {
		return fmt.Errorf("making group key %d the default: %w", st.GTK.Index, err)
	}
	return nil
}

func (s *pskSession) debugf(format string, args ...any) {
	if s.e.opts.debug {
		fmt.Fprintf(s.e.stderr, "giw: "+format+"\n", args...)
	}
}
