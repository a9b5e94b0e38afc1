package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/internal/nl/nl80211"
	"golang.org/x/sys/unix"
)

func runPhySetName(e *env, tg target, args []string) error {
	if len(args) != 1 {
		return &usageError{}
	}
	return e.client.SetWiphy(tg.phy.Index, nl80211.WiphySettings{Name: &args[0]})
}

// parseThreshold reads "<threshold|off>".
func parseThreshold(args []string) (*uint32, error) {
	if len(args) != 1 {
		return nil, &usageError{}
	}
	if args[0] == "off" {
		return ptrTo(nl80211.ThresholdOff), nil
	}
	v, err := strconv.ParseUint(args[0], 10, 32)
	if err != nil {
		return nil, &usageError{}
	}
	return ptrTo(uint32(v)), nil
}

func runPhySetFrag(e *env, tg target, args []string) error {
	v, err := parseThreshold(args)
	if err != nil {
		return err
	}
	return e.client.SetWiphy(tg.phy.Index, nl80211.WiphySettings{FragThreshold: v})
}

func runPhySetRTS(e *env, tg target, args []string) error {
	v, err := parseThreshold(args)
	if err != nil {
		return err
	}
	return e.client.SetWiphy(tg.phy.Index, nl80211.WiphySettings{RTSThreshold: v})
}

// runPhySetRetry takes "[short <limit>] [long <limit>]"; a limit of 0 or
// above 255 is refused with EINVAL, as iw does.
func runPhySetRetry(e *env, tg target, args []string) error {
	if len(args) == 0 {
		return &usageError{}
	}
	var s nl80211.WiphySettings
	for len(args) > 0 {
		if len(args) < 2 || (args[0] != "short" && args[0] != "long") {
			return &usageError{}
		}
		v, err := strconv.ParseUint(args[1], 10, 32)
		if err != nil {
			return &usageError{}
		}
		if v == 0 || v > 255 {
			return unix.EINVAL
		}
		if args[0] == "short" {
			s.RetryShort = ptrTo(uint8(v))
		} else {
			s.RetryLong = ptrTo(uint8(v))
		}
		args = args[2:]
	}
	return e.client.SetWiphy(tg.phy.Index, s)
}

func runPhySetCoverage(e *env, tg target, args []string) error {
	if len(args) != 1 {
		return &usageError{}
	}
	v, err := strconv.ParseUint(args[0], 10, 8)
	if err != nil {
		return &usageError{}
	}
	return e.client.SetWiphy(tg.phy.Index, nl80211.WiphySettings{CoverageClass: ptrTo(uint8(v))})
}

// maxDistance is the longest link a coverage class can say, in metres
// (255 classes of 450 m).
const maxDistance = 114750

// runPhySetDistance sets the coverage class for a distance in metres (one
// class per 450 m, rounded up), or ACK timeout estimation with "auto".
func runPhySetDistance(e *env, tg target, args []string) error {
	if len(args) != 1 {
		return &usageError{}
	}
	if args[0] == "auto" {
		return e.client.SetWiphy(tg.phy.Index, nl80211.WiphySettings{DynACK: true})
	}
	d, err := strconv.ParseUint(args[0], 10, 32)
	if err != nil || d > maxDistance {
		return &usageError{}
	}
	class := uint8((d + 449) / 450)
	return e.client.SetWiphy(tg.phy.Index, nl80211.WiphySettings{CoverageClass: &class})
}

// runPhySetAntenna takes "<bitmap> | all | <tx bitmap> <rx bitmap>".
func runPhySetAntenna(e *env, tg target, args []string) error {
	bitmap := func(s string) (uint32, bool) {
		v, err := strconv.ParseUint(s, 0, 32)
		return uint32(v), err == nil
	}
	var tx, rx uint32
	switch {
	case len(args) == 1 && args[0] == "all":
		tx, rx = ^uint32(0), ^uint32(0)
	case len(args) == 1:
		v, ok := bitmap(args[0])
		if !ok {
			return &usageError{}
		}
		tx, rx = v, v
	case len(args) == 2:
		var ok1, ok2 bool
		tx, ok1 = bitmap(args[0])
		rx, ok2 = bitmap(args[1])
		if !ok1 || !ok2 {
			return &usageError{}
		}
	default:
		return &usageError{}
	}
	return e.client.SetWiphy(tg.phy.Index, nl80211.WiphySettings{AntennaTx: &tx, AntennaRx: &rx})
}

// runPhySetTxq takes one of "limit <packets>", "memory_limit <bytes>" or
// "quantum <bytes>" (1..2^32-1). An unknown parameter fails as iw's does,
// with -EPERM.
func runPhySetTxq(e *env, tg target, args []string) error {
	if len(args) != 2 {
		return &usageError{}
	}
	v, err := strconv.ParseUint(args[1], 10, 32)
	if err != nil || v == 0 {
		return &usageError{}
	}
	n := ptrTo(uint32(v))
	var s nl80211.WiphySettings
	switch args[0] {
	case "limit":
		s.TXQLimit = n
	case "memory_limit":
		s.TXQMemoryLimit = n
	case "quantum":
		s.TXQQuantum = n
	default:
		return unix.EPERM
	}
	return e.client.SetWiphy(tg.phy.Index, s)
}

// runPhySetNetNS moves the wiphy into the namespace of a process or into a
// named one ("name NS": under /run/netns, or an absolute path).
func runPhySetNetNS(e *env, tg target, args []string) error {
	switch {
	case len(args) == 1:
		pid, err := strconv.ParseUint(args[0], 10, 32)
		if err != nil {
			return &usageError{msg: fmt.Sprintf("Invalid parameter: pid(%s)", args[0])}
		}
		return e.client.SetWiphyNetNS(tg.phy.Index, nl80211.NetNS{PID: ptrTo(uint32(pid))})
	case len(args) == 2 && args[0] == "name":
		path := args[1]
		if !strings.HasPrefix(path, "/") {
			path = filepath.Join("/run/netns", path)
		}
		f, err := os.Open(path)
		if err != nil {
			// iw names the word it was looking at, "name".
			return &usageError{msg: fmt.Sprintf("Invalid parameter: nsname(%s)", args[0])}
		}
		defer f.Close()
		return e.client.SetWiphyNetNS(tg.phy.Index, nl80211.NetNS{FD: ptrTo(uint32(f.Fd()))})
	}
	return &usageError{}
}
