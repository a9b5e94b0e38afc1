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

// handshakeTimeout bounds a WPA2 connection from the connect request to
// the open port; a wrong passphrase ends it sooner (the access point gives
// up on message 2 and disconnects).
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
	secret, err := readSecret(e, o.psk)
	if err != nil {
		return err
	}
	pmk, err := wpa.PMK(secret, o.req.SSID)
	if err != nil {
		return &exitError{code: 1, msg: "giw connect: " + err.Error()}
	}
	ctx, cancel := context.WithTimeout(e.ctx, connectTimeout)
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
	frames := receiveFrames(conn, bss.BSSID)

	hctx, hcancel := context.WithTimeout(e.ctx, handshakeTimeout)
	defer hcancel()
	events := make(chan nl80211.Event, 16)
	if err := e.client.WatchMLME(hctx, func(ev nl80211.Event) {
		if ev.Ifindex != nil && *ev.Ifindex == tg.dev.Index && (ev.Cmd == unix.NL80211_CMD_CONNECT || ev.Cmd == unix.NL80211_CMD_DISCONNECT) {
			events <- ev
		}
	}, func(error) {}); err != nil {
		return err
	}
	if err := e.client.Connect(tg.dev.Index, req); err != nil {
		return err
	}
	sup := wpa.NewSupplicant(pmk, bss.BSSID, tg.dev.HardwareAddr, ownRSNE, apRSNE)
	h := handshake{e: e, tg: tg, conn: conn, sup: sup, aa: bss.BSSID}
	res, err := h.run(hctx, frames, events)
	if err != nil {
		// Leave nothing half-done behind: no association without keys.
		_ = e.client.Disconnect(tg.dev.Index)
		return err
	}
	return printConnectResult(e, tg, res)
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

// receiveFrames reads the packet socket in a goroutine until it is closed
// and passes on what the access point sent.
func receiveFrames(conn *wpa.Conn, from net.HardwareAddr) <-chan eapolFrame {
	ch := make(chan eapolFrame, 8)
	go func() {
		for {
			pdu, src, err := conn.Receive()
			if err != nil {
				ch <- eapolFrame{err: err}
				close(ch)
				return
			}
			if bytes.Equal(src, from) {
				ch <- eapolFrame{pdu: pdu}
			}
		}
	}()
	return ch
}

// handshake drives one WPA2 connection from the association to the open
// port.
type handshake struct {
	e    *env
	tg   target
	conn *wpa.Conn
	sup  *wpa.Supplicant
	aa   net.HardwareAddr
}

func (h *handshake) fail(format string, args ...any) error {
	return &exitError{code: pskFailure, msg: "giw connect: " + fmt.Sprintf(format, args...)}
}

// run waits for the association, answers the access point's key messages
// and installs the keys; it returns the connection's result once the port
// is open.
func (h *handshake) run(ctx context.Context, frames <-chan eapolFrame, events <-chan nl80211.Event) (nl80211.ConnectResult, error) {
	var res nl80211.ConnectResult
	for {
		select {
		case <-ctx.Done():
			if h.e.ctx.Err() != nil {
				return res, h.e.ctx.Err()
			}
			if h.sup.Message1Count() > 1 {
				return res, h.fail("4-way handshake with %s timed out: the access point did not accept the key (wrong passphrase?)", h.aa)
			}
			return res, h.fail("4-way handshake with %s timed out", h.aa)
		case ev := <-events:
			if ev.Cmd == unix.NL80211_CMD_CONNECT {
				if ev.StatusCode != nil && *ev.StatusCode != 0 || ev.TimedOut {
					r := nl80211.ConnectResult{BSSID: ev.MAC, TimedOut: ev.TimedOut}
					if ev.StatusCode != nil {
						r.Status = *ev.StatusCode
					}
					if r.TimedOut {
						return r, h.fail("association with %s timed out", h.aa)
					}
					return r, h.fail("association with %s refused, status %d: %s", h.aa, r.Status, nl80211.StatusText(r.Status))
				}
				res = nl80211.ConnectResult{Ifindex: h.tg.dev.Index, Wiphy: h.tg.dev.Wiphy, BSSID: ev.MAC}
				continue
			}
			reason := ""
			if ev.ReasonCode != nil {
				reason = fmt.Sprintf(" (reason %d: %s)", *ev.ReasonCode, nl80211.ReasonText(*ev.ReasonCode))
			}
			if h.sup.Message1Count() > 0 {
				return res, h.fail("4-way handshake failed: %s disconnected%s; wrong passphrase?", h.aa, reason)
			}
			return res, h.fail("%s disconnected%s", h.aa, reason)
		case f, ok := <-frames:
			if !ok || f.err != nil {
				return res, h.fail("EAPOL socket: %v", f.err)
			}
			done, err := h.step(f.pdu)
			if err != nil {
				return res, err
			}
			if done {
				if res.BSSID == nil {
					res = nl80211.ConnectResult{Ifindex: h.tg.dev.Index, Wiphy: h.tg.dev.Wiphy, BSSID: h.aa}
				}
				return res, nil
			}
		}
	}
}

// step handles one EAPOL frame; done once the keys are in and the port is
// open.
func (h *handshake) step(pdu []byte) (bool, error) {
	st, err := h.sup.Handle(pdu)
	switch {
	case errors.Is(err, wpa.ErrIgnored), errors.Is(err, wpa.ErrNotKey):
		h.debugf("EAPOL frame ignored: %v", err)
		return false, nil
	case err != nil:
		return false, h.fail("4-way handshake with %s: %v", h.aa, err)
	}
	h.debugf("EAPOL-Key message %s received, answering", st.Message)
	if err := h.conn.Send(h.aa, st.Reply); err != nil {
		return false, err
	}
	if st.TK == nil {
		return false, nil
	}
	return true, h.install(st)
}

// install puts the pairwise and group keys into the kernel and opens the
// port to the access point.
func (h *handshake) install(st wpa.Step) error {
	c, ifindex := h.e.client, h.tg.dev.Index
	if err := c.NewKey(ifindex, h.aa, nl80211.Key{Index: 0, Cipher: nl80211.CipherCCMP, Data: st.TK, Type: nl80211.KeyPairwise}); err != nil {
		return fmt.Errorf("installing the pairwise key: %w", err)
	}
	if err := h.installGTK(st); err != nil {
		return err
	}
	if err := c.AuthorizeStation(ifindex, h.aa, true); err != nil {
		return fmt.Errorf("authorizing %s: %w", h.aa, err)
	}
	return nil
}

// installGTK puts a group key into the kernel and makes it the default
// for multicast frames.
func (h *handshake) installGTK(st wpa.Step) error {
	c, ifindex := h.e.client, h.tg.dev.Index
	if err := c.NewKey(ifindex, nil, nl80211.Key{Index: st.GTK.Index, Cipher: nl80211.CipherCCMP, Data: st.GTK.Key, Seq: st.RSC, Type: nl80211.KeyGroup}); err != nil {
		return fmt.Errorf("installing the group key: %w", err)
	}
	if err := c.SetDefaultKey(ifindex, st.GTK.Index, false, true); err != nil {
		return fmt.Errorf("making group key %d the default: %w", st.GTK.Index, err)
	}
	return nil
}

func (h *handshake) debugf(format string, args ...any) {
	if h.e.opts.debug {
		fmt.Fprintf(h.e.stderr, "giw: "+format+"\n", args...)
	}
}
