package main

import (
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/ipset"
)

// An atomic restore runs in two phases. The build phase makes every set
// the input creates or changes under a temporary name: a new set is
// created empty, an existing one is first copied (header and members).
// Adds and dels go to the temporary sets, pipelined. If any line fails,
// the temporary sets are destroyed and the kernel is as it was. The commit
// phase then swaps each temporary set with the set it replaces (or renames
// it, for a new set), destroys the replaced contents, and carries out the
// input's destroy lines. Swaps are atomic per set, so a packet filter using
// a set sees either its old or its new content.
//
// rename, swap and test lines, and destroy or flush without a set name,
// are refused in an atomic restore: their effect on a transaction is not
// well defined.

// stagedSet is a set being built under a temporary name.
type stagedSet struct {
	name     string     // the name it will have
	temp     string     // the name it has while it is built
	hdr      *ipset.Set // its header
	existing bool       // it replaces a set of that name
	order    int
}

// listOp is a change to a list:set, carried out at commit.
type listOp struct {
	cmd   ipset.Cmd // CmdAdd, CmdDel, or CmdFlush
	st    *stagedSet
	en    *ipset.Entry
	exist bool
	line  int
}

type atomicRestore struct {
	s       *session
	c       *ipset.Conn
	exist   bool
	live    map[string]bool // sets in the kernel when the restore began
	staged  map[string]*stagedSet
	destroy []string // existing sets to destroy at commit
	created []string // temporary sets made so far, for rollback
	seq     int

	reader   *ipset.Conn       // second connection, for copying sets
	deferred []listOp          // list:set changes, carried out at commit
	renamed  map[string]string // temporary name -> name, for sets renamed at commit

	batch    *nl.Batch
	batchErr error
	batchLns []uint32 // first line of each request in the batch
	buf      *ipset.ADTBuffer
	bufType  string
}

func (s *session) restoreAtomic(c *ipset.Conn, in io.Reader, o *restoreOpts) error {
	a := &atomicRestore{s: s, c: c, exist: o.exist, live: map[string]bool{}, staged: map[string]*stagedSet{}, renamed: map[string]string{}}
	for r, err := range c.List("", ipset.FlagListSetName, false) {
		if err != nil {
			return kernelErr(err)
		}
		if r.Set != nil {
			a.live[r.Set.Name] = true
		}
	}
	defer func() {
		if a.reader != nil {
			a.reader.Close()
		}
	}()
	a.batch = c.NL().NewBatch(a.onResult)
	err := readLines(in, o.meter, a.line)
	if err == nil {
		err = a.quiesce()
	}
	if err != nil {
		a.rollback()
		return err
	}
	return a.commit()
}

func (a *atomicRestore) onResult(i int, err error) {
	if err != nil && a.batchErr == nil {
		line, ok := ipset.FailedLine(err)
		if !ok {
			line = a.batchLns[i]
		}
		a.batchErr = withLine(int(line), kernelErr(ipset.WrapError(err, a.buf.Cmd(), a.buf.Set(), a.bufType)))
	}
}

// flush queues the buffered elements as one request of the batch.
func (a *atomicRestore) flush() error {
	if a.buf == nil || a.buf.Len() == 0 {
		return a.batchErr
	}
	m, err := a.buf.Message()
	if err != nil {
		return err
	}
	a.batchLns = append(a.batchLns, a.buf.First())
	if err := a.batch.Add(m); err != nil {
		return otherErr("%v", err)
	}
	a.buf.Reset()
	return a.batchErr
}

// quiesce sends the buffered elements and waits for every queued request,
// so that the adds and dels queued so far have taken effect (and any
// refusal is known) before a set is created, copied, flushed or destroyed.
func (a *atomicRestore) quiesce() error {
	if err := a.flush(); err != nil {
		return err
	}
	return a.syncBatch()
}

// syncBatch waits for every queued request.
func (a *atomicRestore) syncBatch() error {
	if err := a.batch.Flush(); err != nil && a.batchErr == nil {
		return otherErr("%v", err)
	}
	return a.batchErr
}

func (a *atomicRestore) tempName() string {
	a.seq++
	return fmt.Sprintf("gipset-%d-%d", os.Getpid()%10000000, a.seq)
}

// stage returns the staged copy of set name, making it (a copy of the
// existing set, or an empty one when flushing) if needed.
func (a *atomicRestore) stage(name string, empty bool) (*stagedSet, error) {
	if st, ok := a.staged[name]; ok {
		return st, nil
	}
	if err := a.quiesce(); err != nil {
		return nil, err
	}
	if !a.live[name] || slices.Contains(a.destroy, name) {
		return nil, kernelErr(&ipset.Error{Cmd: ipset.CmdHeader, Set: name, Err: &nl.OpError{Op: "request", Err: errnoENOENT}})
	}
	var hdr *ipset.Set
	for r, err := range a.c.List(name, ipset.FlagListHeader, false) {
		if err != nil {
			return nil, kernelErr(err)
		}
		if r.Set != nil && hdr == nil {
			hdr = r.Set
		}
	}
	if hdr == nil {
		return nil, otherErr("The set with the given name does not exist")
	}
	st := &stagedSet{name: name, temp: a.tempName(), hdr: hdr, existing: true, order: len(a.staged)}
	if err := a.createTemp(st); err != nil {
		return nil, err
	}
	if !empty {
		if err := a.copyMembers(st); err != nil {
			return nil, err
		}
	}
	a.staged[name] = st
	return st, nil
}

func (a *atomicRestore) createTemp(st *stagedSet) error {
	h := *st.hdr
	h.Name = st.temp
	if err := a.c.Create(&h, false); err != nil {
		return kernelErr(err)
	}
	a.created = append(a.created, st.temp)
	return nil
}

// copyMembers adds the members of an existing set to its staged copy,
// with their timeouts, counters, comments and skb info.
func (a *atomicRestore) copyMembers(st *stagedSet) error {
	// The members stream from a second connection while the first adds
	// them, so a set of any size is copied in constant memory.
	if a.reader == nil {
		c, err := a.s.dialFn(a.s.g.netns)
		if err != nil {
			return kernelErr(err)
		}
		a.reader = c
	}
	buf := a.c.NewADTBuffer(ipset.CmdAdd, st.temp, true)
	for r, err := range a.reader.List(st.name, 0, false) {
		if err != nil {
			return kernelErr(err)
		}
		if r.Entry == nil {
			continue
		}
		r.Entry.LineNo = 0
		if err := buf.Add(r.Entry); err != nil {
			return otherErr("%v", err)
		}
		if buf.Full() {
			if err := buf.Exec(st.hdr.Type); err != nil {
				return kernelErr(err)
			}
			buf.Reset()
		}
	}
	return kernelErr(buf.Exec(st.hdr.Type))
}

func (a *atomicRestore) line(l restoreLine) error {
	if l.inv == nil { // COMMIT: one transaction covers the whole input
		return nil
	}
	inv := l.inv
	exist := a.exist || inv.g.exist
	switch inv.cmd {
	case "create":
		return withLine(l.no, a.create(inv, exist))
	case "add", "del":
		return a.adt(l, inv, exist)
	case "flush":
		if len(inv.args) == 0 {
			break
		}
		if err := a.quiesce(); err != nil {
			return err
		}
		if st, ok := a.staged[inv.args[0]]; ok {
			if st.hdr.Type == "list:set" {
				a.deferred = append(a.deferred, listOp{cmd: ipset.CmdFlush, st: st, line: l.no})
				return nil
			}
			return withLine(l.no, kernelErr(a.c.Flush(st.temp)))
		}
		_, err := a.stage(inv.args[0], true)
		return withLine(l.no, err)
	case "destroy":
		if len(inv.args) == 0 {
			break
		}
		return withLine(l.no, a.destroySet(inv.args[0]))
	case "list", "save":
		return withLine(l.no, otherErr("Command `%s' cannot be used in an atomic restore", inv.cmd))
	}
	return withLine(l.no, otherErr("Command `%s' without a set name cannot be used in an atomic restore", inv.cmd))
}

func (a *atomicRestore) create(inv *invocation, exist bool) error {
	if err := a.quiesce(); err != nil {
		return err
	}
	o := &createOpts{set: inv.args[0], typ: inv.args[1], args: inv.args[2:], exist: exist}
	set, err := buildSet(a.c, o)
	if err != nil {
		return err
	}
	exists := a.live[set.Name] && !slices.Contains(a.destroy, set.Name)
	if _, ok := a.staged[set.Name]; ok || exists {
		if !exist {
			return kernelErr(&ipset.Error{Cmd: ipset.CmdCreate, Set: set.Name, Err: &nl.OpError{Op: "request", Err: errnoEEXIST}})
		}
		if st, ok := a.staged[set.Name]; ok {
			// Compare with what is being built: a create with -exist must
			// describe the same set.
			if st.hdr.Type != set.Type || st.hdr.Family != set.Family {
				return kernelErr(&ipset.Error{Cmd: ipset.CmdCreate, Set: set.Name, Err: &nl.OpError{Op: "request", Err: errnoEEXIST}})
			}
			return nil
		}
		// The kernel checks that the existing set matches, changing
		// nothing.
		return kernelErr(a.c.Create(set, true))
	}
	st := &stagedSet{name: set.Name, temp: a.tempName(), hdr: set, order: len(a.staged)}
	if err := a.createTemp(st); err != nil {
		return err
	}
	a.staged[set.Name] = st
	return nil
}

func (a *atomicRestore) adt(l restoreLine, inv *invocation, exist bool) error {
	name := inv.args[0]
	if err := checkSetName(name); err != nil {
		return withLine(l.no, err)
	}
	st, err := a.stage(name, false)
	if err != nil {
		return withLine(l.no, err)
	}
	cmd := adtCmd(inv.cmd)
	en, t, err := a.s.parser().entry(st.hdr, cmd, inv.args[1], inv.args[2:])
	if err != nil {
		return withLine(l.no, err)
	}
	en.LineNo = uint32(l.no)
	if t.Elem[0] == ipset.CompSetName {
		// A list:set's members may be sets this input creates, which
		// take their names only at commit (the kernel does not rename a
		// set a list refers to): its changes wait for them, in order.
		a.deferred = append(a.deferred, listOp{cmd: cmd, st: st, en: en, exist: exist, line: l.no})
		return nil
	}
	if a.buf == nil || a.buf.Cmd() != cmd || a.buf.Set() != st.temp || a.buf.Exist() != exist || a.buf.Full() {
		if err := a.flush(); err != nil {
			return err
		}
		a.buf = a.c.NewADTBuffer(cmd, st.temp, exist)
		a.bufType = st.hdr.Type
	}
	if err := a.buf.Add(en); err != nil {
		return withLine(l.no, otherErr("%v", err))
	}
	return nil
}

func (a *atomicRestore) destroySet(name string) error {
	if err := a.quiesce(); err != nil {
		return err
	}
	if st, ok := a.staged[name]; ok {
		if err := a.c.Destroy(st.temp, false); err != nil {
			return kernelErr(err)
		}
		a.created = slices.DeleteFunc(a.created, func(n string) bool { return n == st.temp })
		a.deferred = slices.DeleteFunc(a.deferred, func(op listOp) bool { return op.st == st })
		delete(a.staged, name)
		if st.existing {
			a.destroy = append(a.destroy, name)
		}
		return nil
	}
	if !a.live[name] || slices.Contains(a.destroy, name) {
		return kernelErr(&ipset.Error{Cmd: ipset.CmdDestroy, Set: name, Err: &nl.OpError{Op: "request", Err: errnoENOENT}})
	}
	a.destroy = append(a.destroy, name)
	return nil
}

// rollback destroys the temporary sets, list:set ones first since they
// may hold references to the others.
func (a *atomicRestore) rollback() {
	var lists, others []string
	for _, st := range a.staged {
		if st.hdr.Type == "list:set" {
			lists = append(lists, st.temp)
		}
	}
	for _, n := range a.created {
		if slices.Contains(lists, n) {
			continue
		}
		if real, ok := a.renamed[n]; ok {
			n = real
		}
		others = append(others, n)
	}
	for _, n := range append(lists, others...) {
		a.c.Destroy(n, false)
	}
}

// commit puts the staged sets in place and carries out the destroys.
// New sets other than lists take their names first, then the lists get
// their members (which may name those sets), and only then are existing
// sets swapped: until that point a failure can still be undone.
func (a *atomicRestore) commit() error {
	staged := make([]*stagedSet, 0, len(a.staged))
	for _, st := range a.staged {
		staged = append(staged, st)
	}
	slices.SortFunc(staged, func(x, y *stagedSet) int { return x.order - y.order })
	isList := func(st *stagedSet) bool { return st.hdr.Type == "list:set" }
	replaces := func(st *stagedSet) bool { return st.existing || a.live[st.name] }

	undo := func(err error) error {
		a.rollback()
		return err
	}
	for _, st := range staged {
		if isList(st) || replaces(st) {
			continue
		}
		if err := a.c.Rename(st.temp, st.name); err != nil {
			return undo(kernelErr(err))
		}
		a.renamed[st.temp] = st.name
	}
	for _, op := range a.deferred {
		var err error
		if op.cmd == ipset.CmdFlush {
			err = a.c.Flush(op.st.temp)
		} else {
			err = a.c.ADT(op.cmd, op.st.temp, op.st.hdr.Type, op.en, op.exist)
		}
		if err != nil {
			return undo(withLine(op.line, kernelErr(err)))
		}
	}
	for _, st := range staged {
		switch {
		case replaces(st):
			if err := a.c.Swap(st.temp, st.name); err != nil {
				return kernelErr(err)
			}
			// The temporary name now holds the replaced content.
			if err := a.c.Destroy(st.temp, false); err != nil {
				return kernelErr(err)
			}
		case isList(st):
			if err := a.c.Rename(st.temp, st.name); err != nil {
				return kernelErr(err)
			}
		}
	}
	for _, name := range a.destroy {
		if err := a.c.Destroy(name, false); err != nil {
			return kernelErr(err)
		}
	}
	return nil
}
