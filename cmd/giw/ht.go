package main

import (
	"fmt"
	"strings"

	"github.com/gip-suite/gip/internal/nl/nl80211"
)

// HT (802.11n) capability text, shared by "phy" (per band) and the HT
// Capabilities element of scan results, in iw's words.

// printHTCapability writes the capability field as iw's
// print_ht_capability does.
func printHTCapability(t *tw, c uint16) {
	t.f("\t\tCapabilities: 0x%02x\n", c)
	line := func(cond bool, s string) {
		if cond {
			t.f("\t\t\t%s\n", s)
		}
	}
	bit := func(n uint) bool { return c&(1<<n) != 0 }
	line(bit(0), "RX LDPC")
	line(bit(1), "HT20/HT40")
	line(!bit(1), "HT20")
	sm := (c >> 2) & 3
	line(sm == 0, "Static SM Power Save")
	line(sm == 1, "Dynamic SM Power Save")
	line(sm == 3, "SM Power Save disabled")
	line(bit(4), "RX Greenfield")
	line(bit(5), "RX HT20 SGI")
	line(bit(6), "RX HT40 SGI")
	line(bit(7), "TX STBC")
	stbc := (c >> 8) & 3
	line(stbc == 0, "No RX STBC")
	line(stbc == 1, "RX STBC 1-stream")
	line(stbc == 2, "RX STBC 2-streams")
	line(stbc == 3, "RX STBC 3-streams")
	line(bit(10), "HT Delayed Block Ack")
	line(!bit(11), "Max AMSDU length: 3839 bytes")
	line(bit(11), "Max AMSDU length: 7935 bytes")
	line(bit(12), "DSSS/CCK HT40")
	line(!bit(12), "No DSSS/CCK HT40")
	line(bit(14), "40 MHz Intolerant")
	line(bit(15), "L-SIG TXOP protection")
}

func printAMPDULength(t *tw, exp uint8) {
	if exp <= 3 {
		t.f("\t\tMaximum RX AMPDU length %d bytes (exponent: 0x0%02x)\n", 1<<(13+exp)-1, exp)
		return
	}
	t.f("\t\tMaximum RX AMPDU length: unrecognized bytes (exponent: %d)\n", exp)
}

var ampduSpacing = [8]string{"No restriction", "1/4 usec", "1/2 usec", "1 usec", "2 usec", "4 usec", "8 usec", "16 usec"}

func printAMPDUSpacing(t *tw, s uint8) {
	name := "BUG (spacing more than 3 bits!)"
	if int(s) < len(ampduSpacing) {
		name = ampduSpacing[s]
	}
	t.f("\t\tMinimum RX AMPDU time spacing: %s (0x%02x)\n", name, s)
}

// mcsIndexes lists the MCS indexes set in the first 77 bits of an MCS set
// as iw does: " 0-15" or " 0-7, 32".
func mcsIndexes(mcs []byte) string {
	var b strings.Builder
	prev, cont := -2, false
	for i := 0; i <= 76; i++ {
		if mcs[i/8]&(1<<(i%8)) == 0 {
			continue
		}
		if prev != i-1 {
			if prev != -2 {
				fmt.Fprintf(&b, "%d, ", prev)
			} else {
				b.WriteString(" ")
			}
			fmt.Fprintf(&b, "%d", i)
			cont = false
		} else if !cont {
			b.WriteString("-")
			cont = true
		}
		prev = i
	}
	if cont {
		fmt.Fprintf(&b, "%d", prev)
	}
	return b.String()
}

// printHTMCS writes a 16-byte supported MCS set as iw's print_ht_mcs does.
func printHTMCS(t *tw, mcs []byte) {
	maxRx := int(mcs[10]) | int(mcs[11]&3)<<8
	txDefined := mcs[12]&1 != 0
	txEqual := mcs[12]&2 == 0
	txStreams := int((mcs[12]>>2)&3) + 1
	txUnequal := mcs[12]&0x10 != 0
	if maxRx != 0 {
		t.f("\t\tHT Max RX data rate: %d Mbps\n", maxRx)
	}
	switch {
	case txDefined && txEqual:
		t.f("\t\tHT TX/RX MCS rate indexes supported:%s\n", mcsIndexes(mcs))
	case txDefined:
		t.f("\t\tHT RX MCS rate indexes supported:%s\n", mcsIndexes(mcs))
		if txUnequal {
			t.f("\t\tTX unequal modulation supported\n")
		} else {
			t.f("\t\tTX unequal modulation not supported\n")
		}
		t.f("\t\tHT TX Max spatial streams: %d\n", txStreams)
		t.f("\t\tHT TX MCS rate indexes supported may differ\n")
	default:
		t.f("\t\tHT RX MCS rate indexes supported:%s\n", mcsIndexes(mcs))
		t.f("\t\tHT TX MCS rate indexes are undefined\n")
	}
}

// printBandHT writes a band's HT block as iw's phy output does.
func printBandHT(t *tw, b nl80211.Band) {
	if b.HTCapa != nil {
		printHTCapability(t, *b.HTCapa)
	}
	if b.HTAMPDUFactor != nil {
		printAMPDULength(t, *b.HTAMPDUFactor)
	}
	if b.HTAMPDUDensity != nil {
		printAMPDUSpacing(t, *b.HTAMPDUDensity)
	}
	if len(b.HTMCSSet) == 16 {
		printHTMCS(t, b.HTMCSSet)
	}
}

// printHTCapaIE writes the HT Capabilities element (26 bytes).
func printHTCapaIE(t *tw, d []byte) {
	t.f("\n")
	printHTCapability(t, uint16(d[0])|uint16(d[1])<<8)
	printAMPDULength(t, d[2]&3)
	printAMPDUSpacing(t, (d[2]>>2)&7)
	printHTMCS(t, d[3:19])
}

var (
	htSecondaryOffset = [4]string{"no secondary", "above", "[reserved!]", "below"}
	htProtection      = [4]string{"no", "nonmember", "20 MHz", "non-HT mixed"}
	htStaChanWidth    = [2]string{"20 MHz", "any"}
)

// printHTOperationIE writes the HT Operation element (22 bytes).
func printHTOperationIE(t *tw, d []byte) {
	t.f("\n")
	t.f("\t\t * primary channel: %d\n", d[0])
	t.f("\t\t * secondary channel offset: %s\n", htSecondaryOffset[d[1]&3])
	t.f("\t\t * STA channel width: %s\n", htStaChanWidth[(d[1]&4)>>2])
	t.f("\t\t * RIFS: %d\n", (d[1]&8)>>3)
	t.f("\t\t * HT protection: %s\n", htProtection[d[2]&3])
	t.f("\t\t * non-GF present: %d\n", (d[2]&4)>>2)
	t.f("\t\t * OBSS non-GF present: %d\n", (d[2]&0x10)>>4)
	t.f("\t\t * dual beacon: %d\n", (d[4]&0x40)>>6)
	t.f("\t\t * dual CTS protection: %d\n", (d[4]&0x80)>>7)
	t.f("\t\t * STBC beacon: %d\n", d[5]&1)
	t.f("\t\t * L-SIG TXOP Prot: %d\n", (d[5]&2)>>1)
	t.f("\t\t * PCO active: %d\n", (d[5]&4)>>2)
	t.f("\t\t * PCO phase: %d\n", (d[5]&8)>>3)
}

func printBSSLoadIE(t *tw, d []byte) {
	t.f("\n")
	t.f("\t\t * station count: %d\n", int(d[1])<<8|int(d[0]))
	t.f("\t\t * channel utilisation: %d/255\n", d[2])
	t.f("\t\t * available admission capacity: %d [*32us]\n", int(d[4])<<8|int(d[3]))
}
