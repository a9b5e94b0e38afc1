package main

import (
	"errors"

	"github.com/gip-suite/gip/internal/nl/nl80211"
	"golang.org/x/sys/unix"
)

// wdevTarget resolves "wdev <idx>": the index is read as strtoll with base
// 0 reads it (decimal, 0x hex, 0 octal), the whole word, as iw does; the
// device it names is asked for through a Client that addresses it, which
// the command then uses for its requests (NL80211_ATTR_WDEV instead of an
// interface index, as iw sends them).
func wdevTarget(c *nl80211.Client, word string) (nl80211.Interface, *nl80211.Client, error) {
	id, ok := cNumberAnyBase(word)
	if !ok || id < 0 {
		return nl80211.Interface{}, nil, &usageError{}
	}
	wc := c.OnWdev(uint64(id))
	ifc, err := wc.Interface(0)
	if errors.Is(err, unix.ENODEV) {
		// As with iw, the command reads its arguments first and its
		// own request then meets the kernel's "No such device".
		return nl80211.Interface{WDev: uint64(id), Wiphy: int(uint64(id) >> 32)}, wc, nil
	}
	if err != nil {
		return nl80211.Interface{}, nil, err
	}
	return ifc, wc, nil
}

// runP2PStart starts a P2P device. As iw, it ignores arguments.
func runP2PStart(e *env, _ target, _ []string) error { return e.client.StartP2PDevice() }

// runP2PStop stops a P2P device. As iw, it ignores arguments.
func runP2PStop(e *env, _ target, _ []string) error { return e.client.StopP2PDevice() }
