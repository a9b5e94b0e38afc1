package env

import (
	"encoding/binary"
	"errors"
	"os"
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// Links resolves interface names and indexes, and namespace ids to names,
// for one command line, asking the kernel once per name or index. A batch
// keeps one across the lines it pipelines and forgets it whenever a line
// that may add, rename or delete links has run.
type Links struct {
	conn    func() (*nl.Conn, error)
	byIndex map[int32]linkEntry
	byName  map[string]int32
	// complete says byIndex holds every link (after Preload): a miss is
	// answered without asking the kernel.
	complete bool

	nsids  map[int32]string
	nsRead bool
}

// linkEntry is what is known of one index: its name, and the whole link
// when a dump or a lookup brought it (nil after Preload). An entry with
// neither is an index the kernel does not have.
type linkEntry struct {
	name string
	link *rtnl.Link
}

// NewLinks returns a resolver asking the kernel through conn.
func NewLinks(conn func() (*nl.Conn, error)) *Links {
	return &Links{conn: conn, byIndex: map[int32]linkEntry{}, byName: map[string]int32{}}
}

// Add records a link the caller already has (from a dump).
func (l *Links) Add(lk *rtnl.Link) {
	l.byIndex[lk.Index] = linkEntry{name: lk.Name, link: lk}
	l.byName[lk.Name] = lk.Index
}

// Remove forgets the link with index i (a monitor's deleted link), so
// that its index names as "if<i>" again, as ip's cache does.
func (l *Links) Remove(i int32) {
	if ent, ok := l.byIndex[i]; ok {
		if l.byName[ent.name] == i {
			delete(l.byName, ent.name)
		}
		delete(l.byIndex, i)
	}
}

// Forget drops everything learnt.
func (l *Links) Forget() {
	clear(l.byIndex)
	clear(l.byName)
	l.complete = false
}

// Link returns the link with index i, or nil if there is none.
func (l *Links) Link(i int32) *rtnl.Link {
	if ent, ok := l.byIndex[i]; ok && (ent.link != nil || ent.name == "") {
		return ent.link
	}
	lk := l.fetch(i)
	if lk == nil {
		l.byIndex[i] = linkEntry{}
		return nil
	}
	l.Add(lk)
	return lk
}

func (l *Links) fetch(i int32) *rtnl.Link {
	c, err := l.conn()
	if err != nil {
		return nil
	}
	lk, err := rtnl.LinkByIndex(c, i)
	if err != nil {
		return nil
	}
	return lk
}

// Name returns the name of interface i, or "if<i>" as ip prints an index
// it cannot resolve.
func (l *Links) Name(i int32) string {
	if ent, ok := l.byIndex[i]; ok || l.complete {
		if ent.name != "" {
			return ent.name
		}
		return "if" + strconv.Itoa(int(i))
	}
	if lk := l.Link(i); lk != nil {
		return lk.Name
	}
	return "if" + strconv.Itoa(int(i))
}

// TxQLen asks the kernel for a link's queue length now.
func (l *Links) TxQLen(i int32) uint32 {
	if lk := l.fetch(i); lk != nil {
		return lk.TxQLen
	}
	return 0
}

// Index returns the index of the interface called name; a missing one is
// ip's `Cannot find device "NAME"` (exit 1).
func (l *Links) Index(name string) (int32, error) {
	if i, ok := l.byName[name]; ok {
		return i, nil
	}
	c, err := l.conn()
	if err != nil {
		return 0, err
	}
	if name == "" || len(name) > 127 {
		return 0, fail.NoDevice(name)
	}
	lk, err := rtnl.LinkByName(c, name)
	if err != nil {
		if isNoDevice(err) {
			return 0, fail.NoDevice(name)
		}
		return 0, err
	}
	l.Add(lk)
	return lk.Index, nil
}

// Preload learns every link's name with one dump that skips statistics,
// so that printing a dump of routes never has to ask the kernel in the
// middle of it (the socket is busy streaming). Indexes still unknown
// afterwards print as "if<i>".
func (l *Links) Preload() error {
	c, err := l.conn()
	if err != nil {
		return err
	}
	enc := nl.NewAttrEncoder(make([]byte, unix.SizeofIfInfomsg))
	enc.Uint32(unix.IFLA_EXT_MASK, rtnl.ExtFilterSkipStats)
	data, err := enc.Encode()
	if err != nil {
		return err
	}
	req := nl.Message{Header: nl.Header{Type: unix.RTM_GETLINK}, Data: data}
	for m, err := range c.Dump(req) {
		if err != nil {
			return err
		}
		if m.Header.Type != unix.RTM_NEWLINK || len(m.Data) < unix.SizeofIfInfomsg {
			continue
		}
		idx := int32(binary.NativeEndian.Uint32(m.Data[4:8]))
		d := nl.NewAttrDecoder(m.Data[unix.SizeofIfInfomsg:])
		for d.Next() {
			if d.Type() == unix.IFLA_IFNAME {
				name := d.String()
				if _, ok := l.byIndex[idx]; !ok {
					l.byIndex[idx] = linkEntry{name: name}
				}
				l.byName[name] = idx
				break
			}
		}
	}
	l.complete = true
	return nil
}

// NSName returns the name of the namespace with id nsid, if one under
// /run/netns has it.
func (l *Links) NSName(nsid int32) (string, bool) {
	if !l.nsRead {
		l.nsRead = true
		l.nsids = map[int32]string{}
		if c, err := l.conn(); err == nil {
			for _, name := range NetnsDirNames() {
				id, err := NSIDOfName(c, name)
				if err == nil && id >= 0 {
					l.nsids[id] = name
				}
			}
		}
	}
	n, ok := l.nsids[nsid]
	return n, ok
}

// NSIDOfName asks the kernel for the id this namespace gave the named one.
func NSIDOfName(conn *nl.Conn, name string) (int32, error) {
	f, err := os.Open(nl.NetNSPath(name))
	if err != nil {
		return -1, err
	}
	defer f.Close()
	return rtnl.NSIDByFD(conn, int(f.Fd()))
}

func isNoDevice(err error) bool {
	return errors.Is(err, unix.ENODEV) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ERANGE)
}
