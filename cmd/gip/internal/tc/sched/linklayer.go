package sched

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
)

// LinklayerText is a link layer's name as tc prints it.
func LinklayerText(ll uint8) string {
	switch ll {
	case LinklayerUnaware:
		return "unspec"
	case LinklayerEthernet:
		return "ethernet"
	case LinklayerATM:
		return "atm"
	}
	return "unknown"
}

// ParseLinklayer reads a link layer as tc does: any prefix of ethernet,
// atm or adsl (the last two are ATM).
func ParseLinklayer(s string) (uint8, bool) {
	switch {
	case grammar.Matches(s, "ethernet"):
		return LinklayerEthernet, true
	case grammar.Matches(s, "atm"), grammar.Matches(s, "adsl"):
		return LinklayerATM, true
	}
	return 0, false
}

// PercentRate reads "R%" as that share of dev's speed in bytes per second,
// as tc does for rates given in percent: the speed is the device's
// /sys/class/net/DEV/speed, in Mbit/s. It fails without a device, with a
// device that reports no speed, and for a share that is not a number
// between 0 and 100.
func PercentRate(s, dev string) (uint64, error) {
	if dev == "" {
		return 0, errors.New("a rate in percent needs a device")
	}
	b, err := os.ReadFile(filepath.Join("/sys/class/net", dev, "speed"))
	if err != nil {
		return 0, err
	}
	mbit, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	if err != nil || mbit <= 0 {
		return 0, errors.New("the device reports no speed")
	}
	num, ok := strings.CutSuffix(s, "%")
	if !ok {
		return 0, errors.New("not a percentage")
	}
	perc, err := strconv.ParseFloat(num, 64)
	if err != nil || perc < 0 || perc > 100 {
		return 0, errors.New("not a percentage")
	}
	return grammar.ParseRate(strconv.FormatFloat(perc/100*float64(mbit)*1e6, 'f', 6, 64))
}
