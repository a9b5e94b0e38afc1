package main

import (
	"github.com/gip-suite/gip/internal/nl/nl80211"
)

// linkJSON is the JSON view of "link": connected is false when the
// interface has no association (status then says "authenticated" if it is
// half-way).
type linkJSON struct {
	Connected  bool         `json:"connected"`
	Status     string       `json:"status,omitempty"`
	BSSID      string       `json:"bssid,omitempty"`
	Ifname     string       `json:"ifname"`
	SSID       *string      `json:"ssid,omitempty"`
	SSIDHex    *string      `json:"ssid_hex,omitempty"`
	Freq       uint32       `json:"freq,omitempty"`
	RxBytes    *uint64      `json:"rx_bytes,omitempty"`
	RxPackets  *uint32      `json:"rx_packets,omitempty"`
	TxBytes    *uint64      `json:"tx_bytes,omitempty"`
	TxPackets  *uint32      `json:"tx_packets,omitempty"`
	Signal     *int8        `json:"signal_dbm,omitempty"`
	RxBitrate  *bitrateJSON `json:"rx_bitrate,omitempty"`
	TxBitrate  *bitrateJSON `json:"tx_bitrate,omitempty"`
	BSSFlags   []string     `json:"bss_flags,omitempty"`
	DTIMPeriod *uint8       `json:"dtim_period,omitempty"`
	BeaconInt  *uint16      `json:"beacon_int,omitempty"`
}

// linkInfo is what "link" found: the BSSes the interface is in some state
// with, and the station entry of the associated one.
type linkInfo struct {
	bsss []nl80211.BSS // those with a status, in dump order
	sta  *nl80211.Station
}

func queryLink(e *env, ifindex int) (linkInfo, error) {
	var li linkInfo
	all, err := e.client.ScanResults(ifindex)
	if err != nil {
		return li, err
	}
	var assoc *nl80211.BSS
	for i := range all {
		b := all[i]
		if b.Status == nil {
			continue
		}
		switch *b.Status {
		case nl80211.BSSAssociated, nl80211.BSSAuthenticated, nl80211.BSSIBSSJoined:
			li.bsss = append(li.bsss, b)
			if *b.Status == nl80211.BSSAssociated {
				assoc = &li.bsss[len(li.bsss)-1]
			}
		}
	}
	if assoc != nil {
		s, err := e.client.Station(ifindex, assoc.BSSID)
		if err != nil {
			return li, err
		}
		li.sta = &s
	}
	return li, nil
}

func bssFlags(p *nl80211.StaBSSParam) []string {
	out := []string{}
	if p.CTSProtection {
		out = append(out, "CTS-protection")
	}
	if p.ShortPreamble {
		out = append(out, "short-preamble")
	}
	if p.ShortSlotTime {
		out = append(out, "short-slot-time")
	}
	return out
}

// printLink writes "link" as iw's link.c does.
func printLink(t *tw, li linkInfo, ifname string) {
	if len(li.bsss) == 0 {
		t.f("Not connected.\n")
		return
	}
	for _, b := range li.bsss {
		switch *b.Status {
		case nl80211.BSSAssociated:
			t.f("Connected to %s (on %s)\n", b.BSSID, ifname)
		case nl80211.BSSAuthenticated:
			t.f("Authenticated with %s (on %s)\n", b.BSSID, ifname)
			continue
		case nl80211.BSSIBSSJoined:
			t.f("Joined IBSS %s (on %s)\n", b.BSSID, ifname)
		}
		ies, _ := nl80211.ParseIEs(b.IEs)
		for _, ie := range ies {
			switch ie.ID {
			case nl80211.IESSID:
				t.f("\tSSID:")
				if validLen(t, ie.Data, 0, 32) {
					t.f(" %s\n", escapeSSID(ie.Data))
				}
			case nl80211.IEMeshID:
				t.f("\tMESH ID:")
				if validLen(t, ie.Data, 0, 32) {
					t.f(" %s\n", escapeSSID(ie.Data))
				}
			}
		}
		if b.Freq != 0 {
			t.f("\tfreq: %d\n", b.Freq)
		}
	}
	s := li.sta
	if s == nil {
		return
	}
	if s.RxBytes != nil && s.RxPackets != nil {
		t.f("\tRX: %d bytes (%d packets)\n", *s.RxBytes, *s.RxPackets)
	}
	if s.TxBytes != nil && s.TxPackets != nil {
		t.f("\tTX: %d bytes (%d packets)\n", *s.TxBytes, *s.TxPackets)
	}
	if s.Signal != nil {
		t.f("\tsignal: %d dBm\n", *s.Signal)
	}
	if s.RxBitrate != nil {
		t.f("\trx bitrate: %s\n", bitrateText(s.RxBitrate))
	}
	if s.TxBitrate != nil {
		t.f("\ttx bitrate: %s\n", bitrateText(s.TxBitrate))
	}
	if p := s.BSSParam; p != nil {
		t.f("\n\tbss flags:\t")
		for i, f := range bssFlags(p) {
			if i > 0 {
				t.f(" ")
			}
			t.f("%s", f)
		}
		var dtim uint8
		var bi uint16
		if p.DTIMPeriod != nil {
			dtim = *p.DTIMPeriod
		}
		if p.BeaconInterval != nil {
			bi = *p.BeaconInterval
		}
		t.f("\n\tdtim period:\t%d\n\tbeacon int:\t%d\n", dtim, bi)
	}
}

func linkView(li linkInfo, ifname string) linkJSON {
	v := linkJSON{Ifname: ifname}
	var pick *nl80211.BSS
	for i := range li.bsss {
		b := &li.bsss[i]
		if pick == nil || *b.Status == nl80211.BSSAssociated || *b.Status == nl80211.BSSIBSSJoined {
			pick = b
		}
	}
	if pick == nil {
		return v
	}
	v.Status = map[nl80211.BSSStatus]string{nl80211.BSSAssociated: "associated",
		nl80211.BSSAuthenticated: "authenticated", nl80211.BSSIBSSJoined: "ibss_joined"}[*pick.Status]
	v.Connected = *pick.Status != nl80211.BSSAuthenticated
	v.BSSID = pick.BSSID.String()
	if !v.Connected {
		return v
	}
	if ssid, ok := pick.SSID(); ok {
		s, h := ssidJSON(ssid)
		v.SSID, v.SSIDHex = &s, &h
	}
	v.Freq = pick.Freq
	if s := li.sta; s != nil {
		v.RxBytes, v.RxPackets, v.TxBytes, v.TxPackets = s.RxBytes, s.RxPackets, s.TxBytes, s.TxPackets
		v.Signal = s.Signal
		v.RxBitrate, v.TxBitrate = bitrateView(s.RxBitrate), bitrateView(s.TxBitrate)
		if p := s.BSSParam; p != nil {
			v.BSSFlags, v.DTIMPeriod, v.BeaconInt = bssFlags(p), p.DTIMPeriod, p.BeaconInterval
		}
	}
	return v
}

func runLink(e *env, tg target, args []string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	li, err := queryLink(e, tg.dev.Index)
	if err != nil {
		return err
	}
	if e.opts.json {
		return printJSON(e, linkView(li, tg.dev.Name))
	}
	t := &tw{w: e.stdout}
	printLink(t, li, tg.dev.Name)
	return t.err
}
