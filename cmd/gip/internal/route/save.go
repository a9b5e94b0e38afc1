package route

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// dumpMagic starts a `route save` stream, in host order, as ip writes it;
// the raw RTM_NEWROUTE messages follow.
const dumpMagic = 0x45311224

// runSave writes the selected routes to stdout as ip route save does.
func runSave(e *env.Env, f *filter) error {
	if env.IsTerminal(e.Stdout) {
		return fail.Localf("Not sending a binary stream to stdout")
	}
	c, err := e.Conn()
	if err != nil {
		return err
	}
	out := bufio.NewWriterSize(e.Stdout, 64<<10)
	if _, err := out.Write(binary.NativeEndian.AppendUint32(nil, dumpMagic)); err != nil {
		return err
	}
	var hdr []byte
	err = f.dump(e, c, dumpShow, func() { out.Flush() }, func(m nl.Message, _ *rtnl.Route) error {
		hdr = nl.AppendMessage(hdr[:0], m)
		_, err := out.Write(hdr)
		return err
	})
	if err != nil {
		return err
	}
	return out.Flush()
}

// readSaved reads a `route save` stream: the magic, then messages.
func readSaved(in io.Reader) ([]nl.Message, error) {
	if env.IsTerminal(in) {
		return nil, fail.Localf("Can't restore route dump from a terminal")
	}
	data, err := io.ReadAll(in)
	if err != nil {
		return nil, err
	}
	if len(data) < 4 || binary.NativeEndian.Uint32(data) != dumpMagic {
		var magic uint32
		n := 0
		if len(data) >= 4 {
			magic, n = binary.NativeEndian.Uint32(data), 1
		}
		return nil, fail.Localf("Magic mismatch (%d elems, %x magic)", n, magic)
	}
	msgs, err := nl.ParseMessages(data[4:])
	if err != nil {
		return nil, &fail.Error{Code: fail.ExitKernel, Msg: "Error: the saved routes are truncated or corrupt", Err: err}
	}
	return msgs, nil
}

// runShowdump prints the routes of a save read from stdin.
func runShowdump(e *env.Env, _ []string) error {
	msgs, err := readSaved(e.Stdin)
	if err != nil {
		return err
	}
	w := newWriter(e, nil)
	var r rtnl.Route
	for _, m := range msgs {
		if err := rtnl.DecodeRoute(m, &r); err != nil {
			return err
		}
		if err := w.write(&r, m.Header.Type == unix.RTM_DELROUTE); err != nil {
			return err
		}
	}
	return w.finish()
}

// runRestore adds the routes of a save read from stdin: local addresses
// first, then local networks, then routes through gateways, so each finds
// what it depends on.
func runRestore(e *env.Env, _ []string) error {
	msgs, err := readSaved(e.Stdin)
	if err != nil {
		return err
	}
	c, err := e.Conn()
	if err != nil {
		return err
	}
	for prio := 0; prio < 3; prio++ {
		var r rtnl.Route
		for _, m := range msgs {
			if err := rtnl.DecodeRoute(m, &r); err != nil {
				return err
			}
			if restorePriority(&r) != prio {
				continue
			}
			data, err := restorableRoute(m.Data, r.NHID != 0)
			if err != nil {
				return err
			}
			if _, err := c.Execute(nl.Message{Header: nl.Header{Type: m.Header.Type, Flags: nl.Create}, Data: data}); err != nil && !errors.Is(err, unix.EEXIST) {
				return err
			}
		}
	}
	return nil
}

// restorePriority is restore_handler's order: 0 for routes without a
// gateway whose source is their own destination (or none), 1 for other
// routes without a gateway, 2 for routes through a gateway.
func restorePriority(r *rtnl.Route) int {
	if r.Gateway.IsValid() && viaFamily(r, r.Gateway) == 0 {
		return 2
	}
	if !r.PrefSrc.IsValid() || (r.Dst.IsValid() && r.Dst.Addr() == r.PrefSrc) {
		return 0
	}
	return 1
}

// restorableRoute is a dumped route as a request: without the kernel's
// cache information and, for a route through a nexthop object, without
// the paths the kernel expanded from it (which it refuses beside the id;
// ip sends them and fails).
func restorableRoute(data []byte, hasNHID bool) ([]byte, error) {
	const hdrLen = unix.SizeofRtMsg
	if len(data) < hdrLen {
		return nil, nl.ErrShortMessage
	}
	e := nl.NewAttrEncoder(append([]byte(nil), data[:hdrLen]...))
	d := nl.NewAttrDecoder(data[hdrLen:])
	for d.Next() {
		switch d.Type() {
		case unix.RTA_CACHEINFO:
			continue
		case unix.RTA_MULTIPATH:
			if hasNHID {
				continue
			}
		}
		e.Bytes(d.RawType(), d.Bytes())
	}
	if err := d.Err(); err != nil {
		return nil, err
	}
	return e.Encode()
}
