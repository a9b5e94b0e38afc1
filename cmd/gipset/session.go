package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

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
		var ie *ipset.Error
		switch {
		case errors.Is(err, ipset.ErrProtocolVersion):
			return nil, otherErr("%s", strings.TrimPrefix(err.Error(), ipset.ErrProtocolVersion.Error()+": "))
		case errors.As(err, &ie):
			// The kernel refused the protocol request (EPERM for an
			// unprivileged user): worded as ipset words it.
			return nil, kernelErr(err)
		case s.g.netns != "":
			return nil, &cliError{status: exitOther, msg: err.Error(), err: err}
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
		fmt.Fprintf(s.stdout, "%s v%s (ipset v%s compatible), protocol version: %d, %s\n",
			progName, build.Version, ipsetVersion, ipset.Protocol, build.Details())
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

// buildSet parses create's arguments into a Set. As ipset does, it first
// asks the kernel which revisions of the type it has and picks the newest
// both sides know; the options are then those of that revision.
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
	set := &ipset.Set{Name: o.set, Type: t.Name, Family: t.DefaultFamily()}
	maxRev, minRev, err := c.TypeRevisions(t.Name, set.Family)
	if err != nil {
		return nil, kernelErr(err)
	}
	set.Revision, err = t.ChooseRevision(o.typ, set.Family, minRev, maxRev)
	if err != nil {
		return nil, otherErr("%v", err)
	}
	if err := parseCreateOptions(t, set.Revision, o.args, set); err != nil {
		return nil, err
	}
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
	return defaultParser.entry(hdr, cmd, elem, args)
}

// parser returns the session's element parser, whose warnings go to
// standard error unless -q.
func (s *session) parser() *parser {
	if s.g.quiet {
		return defaultParser
	}
	return &parser{warn: func(msg string) { fmt.Fprintln(s.stderr, msg) }}
}

func (p *parser) entry(hdr *ipset.Set, cmd ipset.Cmd, elem string, args []string) (*ipset.Entry, *ipset.TypeInfo, error) {
	t, ok := ipset.LookupType(hdr.Type)
	if !ok {
		return nil, nil, otherErr("Syntax error: unknown settype %s", hdr.Type)
	}
	if !t.KnowsRevision(hdr.Revision) {
		return nil, nil, otherErr("Kernel-library incompatibility: set %s in kernel has got settype %s with family %s and revision %d while ipset library does not support the settype with that family and revision.",
			hdr.Name, hdr.Type, familyWordLower(hdr.Family), hdr.Revision)
	}
	en, err := p.elem(t, hdr.Family, elem)
	if err != nil {
		return nil, nil, err
	}
	if err := parseADTOptions(t, hdr.Revision, cmd, args, en); err != nil {
		return nil, nil, err
	}
	return en, t, nil
}

// familyWordLower names a family as ipset's kernel-library
// incompatibility message does.
func familyWordLower(f uint8) string {
	switch f {
	case ipset.FamilyINET:
		return "inet"
	case ipset.FamilyINET6:
		return "inet6"
	}
	return "unspec"
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
	en, t, err := s.parser().entry(hdr, cmd, o.elem, o.args)
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
	// Like ipset, name the element as it prints it (1.2.3 is 1.2.0.3).
	elem := testedElem(t, en)
	if in {
		if !o.quiet {
			fmt.Fprintf(s.stderr, "Warning: %s is in set %s.\n", elem, o.set)
		}
		return exitOK, nil
	}
	if !o.quiet {
		fmt.Fprintf(s.stderr, "%s is NOT in set %s.\n", elem, o.set)
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
			return otherErr("Cannot open %s for writing: %s", o.file, unwrapPathErr(err))
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
	if (o.terse || mode == modeTable) && !o.save && mode != modeSave {
		flags |= ipset.FlagListHeader
	}
	l := newLister(out, mode, o.names, o.terse, o.sorted)
	l.color = colorOn(s.g.color, out)
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

// unwrapPathErr returns the reason of a file error in the C library's
// words ("No such file or directory").
func unwrapPathErr(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	msg := err.Error()
	if msg != "" && msg[0] >= 'a' && msg[0] <= 'z' {
		msg = strings.ToUpper(msg[:1]) + msg[1:]
	}
	return msg
}

// testedElem prints the element of a test as ipset does in its verdict.
// ipset 7.17 prints "before" references as "after"; gipset names them
// right.
func testedElem(t *ipset.TypeInfo, en *ipset.Entry) string {
	return formatElem(t, en)
}
