package notation

import (
	"bufio"
	"io"

	"github.com/gip-suite/gip/internal/ipaddress"
)

// Options choose a notation and what its lists are called.
type Options struct {
	Notation string // one of Names()
	Name     string // the list, set or chain name; "" for bare entries
	Action   string // permit/deny, or the iptables target; "" for the default
}

// list is one list being written: all networks, or those of one family.
type list struct {
	name    string // the list's name, "" for bare entries
	version int    // 4 or 6; 0 when the list holds both families
	count   int    // entries written before the current one
	size    int    // entries the list holds, -1 when not known (counted notations)
}

// notation is the syntax of one target.
type notation interface {
	// open starts a list, close ends it; entry writes one network.
	open(b []byte, l *list) []byte
	entry(b []byte, l *list, it item) []byte
	close(b []byte, l *list) []byte
}

// item is a network and whether it is to be shown as a bare address.
type item struct {
	net  ipaddress.Network
	bare bool
}

// countedNotation is a notation whose list header says how many entries
// follow (an ipset's maxelem): the Writer holds the entries of such a list
// until it knows, or until holding more would cost too much memory.
type countedNotation interface {
	notation
	counted()
}

// holdLimit is how many bytes of entries a Writer holds for a counted
// notation before it writes the header with the size unknown.
var holdLimit = 64 << 20

// Writer writes a list of networks in one notation. Call End to finish.
type Writer struct {
	w        *bufio.Writer
	n        notation
	name     string
	byFamily bool
	name6    string // the IPv6 list's name when IPv4 networks came first
	cur      list
	opened   bool // cur is open
	seen4    bool // an IPv4 list was opened
	holding  bool // cur's entries are held in held
	held     []byte
	buf      []byte
	err      error // the first write error; writing stops there
}

// New returns a Writer of networks to w in the notation o names. Its errors
// are the caller's usage errors: an unknown notation, a missing or invalid
// name, an action the notation does not take.
func New(w io.Writer, o Options) (*Writer, error) {
	s, err := lookup(&o)
	if err != nil {
		return nil, err
	}
	n, err := s.build(o)
	if err != nil {
		return nil, err
	}
	nw := &Writer{w: bufio.NewWriterSize(w, 64<<10), n: n, name: o.Name, byFamily: s.byFamily}
	nw.name6 = o.Name
	if s.suffix6 && o.Name != "" {
		nw.name6 = o.Name + "6"
	}
	if !s.byFamily {
		nw.openList(0)
	}
	return nw, nil
}

// Network writes one network. It reports false once output has failed (a
// closed pipe, a full disk), so that loops over long lists stop.
func (w *Writer) Network(n ipaddress.Network) bool { return w.write(item{net: n}) }

// Address writes one address: as itself in the plain and JSON notations, as
// a one-address network in the others. It reports false once output has
// failed.
func (w *Writer) Address(a ipaddress.Address) bool {
	n, err := ipaddress.ParseNetwork(a.String(), true)
	if err != nil {
		panic("notation: an address is not a network: " + err.Error())
	}
	return w.write(item{net: n, bare: true})
}

func (w *Writer) write(it item) bool {
	if w.byFamily && (!w.opened || w.cur.version != it.net.Version()) {
		w.closeList()
		w.openList(it.net.Version())
	}
	w.buf = w.n.entry(w.buf[:0], &w.cur, it)
	w.cur.count++
	if w.holding {
		w.held = append(w.held, w.buf...)
		if len(w.held) > holdLimit {
			w.release(-1)
		}
	} else {
		w.put(w.buf)
	}
	return w.err == nil
}

func (w *Writer) openList(version int) {
	name := w.name
	if version == 6 && w.seen4 {
		name = w.name6
	}
	w.seen4 = w.seen4 || version == 4
	w.cur = list{name: name, version: version, size: -1}
	w.opened = true
	if _, ok := w.n.(countedNotation); ok {
		w.holding = true
		return
	}
	w.put(w.n.open(w.buf[:0], &w.cur))
}

// release writes the held list's header, sized size, and its entries; the
// list's further entries are written as they come.
func (w *Writer) release(size int) {
	w.cur.size = size
	w.put(w.n.open(w.buf[:0], &w.cur))
	w.put(w.held)
	w.held, w.holding = w.held[:0], false
}

func (w *Writer) closeList() {
	if !w.opened {
		return
	}
	if w.holding {
		w.release(w.cur.count)
	}
	w.put(w.n.close(w.buf[:0], &w.cur))
	w.opened = false
}

func (w *Writer) put(b []byte) {
	if w.err != nil {
		return
	}
	if _, err := w.w.Write(b); err != nil {
		w.err = err
	}
}

// End finishes the list (an empty list of a notation by family is an empty
// IPv4 list) and flushes it, returning the first write error.
func (w *Writer) End() error {
	if !w.opened {
		w.openList(4)
	}
	w.closeList()
	if w.err != nil {
		return w.err
	}
	return w.w.Flush()
}
