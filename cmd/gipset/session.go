package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/gip-suite/gip/internal/nl/ipset"
)

// session runs commands against one kernel connection, opened on first
// use.
type session struct {
	g      *globals
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	conn   *ipset.Conn
	dialFn dialFunc
}

func (s *session) close() {
	if s.conn != nil {
		s.conn.Close()
	}
}

// dial opens the connection if it is not open yet.
func (s *session) dial() (*ipset.Conn, error) {
	if s.conn != nil {
		return s.conn, nil
	}
	c, err := s.dialFn(s.g.netns)
	if err != nil {
		if errors.Is(err, ipset.ErrProtocolVersion) {
			return nil, otherErr("%v", errors.Unwrap(err))
		}
		if s.g.netns != "" && errors.Is(err, os.ErrNotExist) {
			return nil, otherErr("Cannot open network namespace \"%s\": %v", s.g.netns, err)
		}
		return nil, otherErr("Cannot open session to kernel: %v", err)
	}
	s.conn = c
	return c, nil
}

// kernelErr turns an error from package ipset into one with ipset's
// wording and exit status.
func kernelErr(err error) error {
	if err == nil {
		return nil
	}
	var ce *cliError
	if errors.As(err, &ce) {
		return err
	}
	var ie *ipset.Error
	if errors.As(err, &ie) {
		return &cliError{status: exitOther, msg: ie.Error(), err: err}
	}
	return &cliError{status: exitOther, msg: err.Error(), err: err}
}

// execute runs a parsed command line and returns the exit status.
func (s *session) execute(inv *invocation) (int, error) {
	switch inv.cmd {
	case "help":
		return exitOK, s.help(inv.args)
	case "version":
		fmt.Fprintf(s.stdout, "%s v%s (ipset v%s compatible), protocol version: %d\n", progName, version, ipsetVersion, ipset.Protocol)
		return exitOK, nil
	case "quit":
		return exitOK, nil
	case "restore":
		return exitOK, s.restore(&restoreOpts{file: s.g.file, exist: s.g.exist, atomic: s.g.atomic})
	case "list", "save":
		o := &listOpts{save: inv.cmd == "save", mode: s.g.mode, names: s.g.names, terse: s.g.terse, sorted: s.g.sorted, file: s.g.file}
		if len(inv.args) > 0 {
			o.set = inv.args[0]
		}
		return exitOK, s.list(o)
	}
	c, err := s.dial()
	if err != nil {
		return exitOther, err
	}
	return s.runLine(c, inv, 0)
}

// runLine runs one command that changes or tests sets; restore calls it
// for each line (lineno > 0).
func (s *session) runLine(c *ipset.Conn, inv *invocation, lineno int) (int, error) {
	exist := s.g.exist || inv.g.exist
	switch inv.cmd {
	case "create":
		o := &createOpts{set: inv.args[0], typ: inv.args[1], args: inv.args[2:], exist: exist}
		return exitOK, s.create(c, o)
	case "add", "del", "test":
		o := &adtOpts{cmd: inv.cmd, set: inv.args[0], elem: inv.args[1], args: inv.args[2:], exist: exist,
			quiet: s.g.quiet || inv.g.quiet, lineno: lineno}
		return s.adt(c, o)
	case "destroy", "flush":
		name := ""
		if len(inv.args) > 0 {
			name = inv.args[0]
			if err := checkSetName(name); err != nil {
				return exitOther, err
			}
		}
		if inv.cmd == "destroy" {
			return exitOK, kernelErr(c.Destroy(name, exist))
		}
		return exitOK, kernelErr(c.Flush(name))
	case "rename", "swap":
		for _, n := range inv.args[:2] {
			if err := checkSetName(n); err != nil {
				return exitOther, err
			}
		}
		if inv.cmd == "rename" {
			return exitOK, kernelErr(c.Rename(inv.args[0], inv.args[1]))
		}
		return exitOK, kernelErr(c.Swap(inv.args[0], inv.args[1]))
	}
	return exitOther, usageErr("Command `%s' is invalid in restore mode.", inv.cmd)
}

func checkSetName(name string) error {
	if len(name) > ipset.MaxNameLen-1 {
		return syntaxErr("setname '%s' is longer than %d characters", name, ipset.MaxNameLen-1)
	}
	return nil
}

// createOpts are create's arguments.
type createOpts struct {
	set, typ string
	args     []string
	exist    bool
}

// buildSet parses create's arguments into a Set, asking the kernel which
// revision of the type it has.
func buildSet(c *ipset.Conn, o *createOpts) (*ipset.Set, error) {
	if err := checkSetName(o.set); err != nil {
		return nil, err
	}
	if len(o.typ) > ipset.MaxNameLen-1 {
		return nil, syntaxErr("typename '%s' is longer than %d characters", o.typ, ipset.MaxNameLen-1)
	}
	t, ok := ipset.LookupType(o.typ)
	if !ok {
		return nil, syntaxErr("typename '%s' is unknown", o.typ)
	}
	set := &ipset.Set{Name: o.set, Type: t.Name}
	switch {
	case t.HasFamily():
		set.Family = ipset.FamilyINET
	default:
		set.Family = t.Family
	}
	if err := parseCreateOptions(t, o.args, set); err != nil {
		return nil, err
	}
	maxRev, _, err := c.TypeRevisions(t.Name, set.Family)
	if err != nil {
		return nil, kernelErr(err)
	}
	set.Revision = min(maxRev, t.Revision)
	return set, nil
}

func (s *session) create(c *ipset.Conn, o *createOpts) error {
	set, err := buildSet(c, o)
	if err != nil {
		return err
	}
	return kernelErr(c.Create(set, o.exist))
}

// adtOpts are the arguments of add, del and test.
type adtOpts struct {
	cmd       string
	set, elem string
	args      []string
	exist     bool
	quiet     bool
	lineno    int
}

func adtCmd(name string) ipset.Cmd {
	switch name {
	case "add":
		return ipset.CmdAdd
	case "del":
		return ipset.CmdDel
	}
	return ipset.CmdTest
}

// parseEntry reads an element and its options for set hdr.
func parseEntry(hdr *ipset.Set, cmd ipset.Cmd, elem string, args []string) (*ipset.Entry, *ipset.TypeInfo, error) {
	t, ok := ipset.LookupType(hdr.Type)
	if !ok {
		return nil, nil, otherErr("Syntax error: unknown settype %s", hdr.Type)
	}
	en, err := parseElem(t, hdr.Family, elem)
	if err != nil {
		return nil, nil, err
	}
	if err := parseADTOptions(t, cmd, args, en); err != nil {
		return nil, nil, err
	}
	return en, t, nil
}

func (s *session) adt(c *ipset.Conn, o *adtOpts) (int, error) {
	if err := checkSetName(o.set); err != nil {
		return exitOther, err
	}
	hdr, err := c.Header(o.set)
	if err != nil {
		return exitOther, kernelErr(err)
	}
	cmd := adtCmd(o.cmd)
	en, _, err := parseEntry(hdr, cmd, o.elem, o.args)
	if err != nil {
		return exitOther, err
	}
	en.LineNo = uint32(o.lineno)
	if cmd != ipset.CmdTest {
		return exitOK, kernelErr(c.ADT(cmd, o.set, hdr.Type, en, o.exist))
	}
	in, err := c.Test(o.set, hdr.Type, en)
	if err != nil {
		return exitOther, kernelErr(err)
	}
	if in {
		if !o.quiet {
			fmt.Fprintf(s.stderr, "Warning: %s is in set %s.\n", o.elem, o.set)
		}
		return exitOK, nil
	}
	if !o.quiet {
		fmt.Fprintf(s.stderr, "%s is NOT in set %s.\n", o.elem, o.set)
	}
	return exitOther, nil
}

// listOpts are the arguments of list and save.
type listOpts struct {
	set    string
	save   bool
	mode   string
	names  bool
	terse  bool
	sorted bool
	file   string
}

func (s *session) list(o *listOpts) error {
	if o.set != "" {
		if err := checkSetName(o.set); err != nil {
			return err
		}
	}
	c, err := s.dial()
	if err != nil {
		return err
	}
	mode := o.mode
	if mode == "" {
		mode = modePlain
		if o.save {
			mode = modeSave
		}
	}
	out := s.stdout
	if o.file != "" {
		f, err := os.Create(o.file)
		if err != nil {
			return otherErr("Cannot open %s for writing: %v", o.file, unwrapPathErr(err))
		}
		defer f.Close()
		out = f
	}
	// Like ipset, only list asks the kernel for less, and not in save
	// mode; -t still changes how headers print.
	var flags uint32
	if o.save || mode == modeSave {
		// no flags
	} else if o.names {
		flags |= ipset.FlagListSetName
	}
	if o.terse && !o.save && mode != modeSave {
		flags |= ipset.FlagListHeader
	}
	l := newLister(out, mode, o.names, o.terse, o.sorted)
	l.begin()
	for r, err := range c.List(o.set, flags, o.save) {
		if err != nil {
			// Close what was printed; in JSON mode stdout stays valid
			// JSON ([] when nothing was listed).
			if l.sets > 0 || mode == modeJSON {
				l.end()
			}
			return kernelErr(err)
		}
		if r.Set != nil {
			if err := l.header(r.Set); err != nil {
				return err
			}
			continue
		}
		l.entry(r.Entry)
	}
	if err := l.end(); err != nil {
		return otherErr("%v", err)
	}
	return nil
}

func unwrapPathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
