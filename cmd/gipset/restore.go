package main

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"strings"

	"github.com/gip-suite/gip/internal/nl/ipset"
	"github.com/gip-suite/gip/internal/progress"
)

// restoreOpts are the arguments of restore.
type restoreOpts struct {
	file   string
	exist  bool
	atomic bool
	meter  *progress.Meter // the progress line on a terminal, or nil
}

// restoreLine is one command line of a restore file.
type restoreLine struct {
	no  int
	inv *invocation
}

// splitLine splits a command line into words; double quotes group words
// and are removed. As in ipset, a quote left open swallows the rest of a
// line that ended with a newline, and is an error on a last line without
// one.
func splitLine(line string) ([]string, error) {
	return splitWords(line, false)
}

func splitWords(line string, newline bool) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord, quoted := false, false
	for i := 0; i < len(line); i++ {
		ch := line[i]
		switch {
		case ch == '"':
			quoted = !quoted
			inWord = true
		case (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') && !quoted:
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteByte(ch)
			inWord = true
		}
	}
	if quoted {
		if newline {
			return words, nil
		}
		return nil, usageErr("Missing close quote!")
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

// withLine attaches a restore line number to an error the way ipset does:
// parameter problems are reported without it.
func withLine(no int, err error) error {
	if err == nil || statusOf(err) == exitParameter {
		return err
	}
	var le *lineError
	if errors.As(err, &le) {
		return err
	}
	return &cliError{status: statusOf(err), msg: (&lineError{line: no, err: err}).Error(), err: err}
}

// readLines yields the command lines of r, skipping blank lines and
// comments; COMMIT lines are yielded with a nil invocation. m counts the
// lines done.
func readLines(r io.Reader, m *progress.Meter, fn func(restoreLine) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	sc.Split(scanLinesWithEnd)
	no := 0
	for sc.Scan() {
		no++
		raw := sc.Text()
		newline := strings.HasSuffix(raw, "\n")
		line := strings.TrimSpace(raw)
		if line == "" || line[0] == '#' {
			continue
		}
		if line == "COMMIT" {
			if err := fn(restoreLine{no: no}); err != nil {
				return err
			}
			continue
		}
		words, err := splitWords(line, newline)
		if err != nil {
			return withLine(no, err)
		}
		inv, err := parseCommandLine(words)
		if err != nil {
			return withLine(no, err)
		}
		switch inv.cmd {
		case "restore", "help", "version":
			return usageErr("Command `%s' is invalid in restore mode.", inv.cmd)
		}
		if err := fn(restoreLine{no: no, inv: inv}); err != nil {
			return err
		}
		m.Step()
	}
	if err := sc.Err(); err != nil {
		return otherErr("Cannot read restore input: %v", err)
	}
	return nil
}

func (s *session) restore(o *restoreOpts) error {
	in := s.stdin
	if o.file != "" {
		f, err := os.Open(o.file)
		if err != nil {
			return otherErr("Cannot open %s for reading: %s", o.file, unwrapPathErr(err))
		}
		defer f.Close()
		in = f
	}
	c, err := s.dial()
	if err != nil {
		return err
	}
	o.meter = restoreMeter(o, in, s.stderr)
	defer o.meter.Done()
	in = o.meter.Reader(in)
	if o.atomic {
		return s.restoreAtomic(c, in, o)
	}
	return s.restorePlain(c, in, o)
}

// restoreMeter is the progress line of a restore when standard error is
// a terminal: how much of the input has been read, and how many lines
// were handled.
func restoreMeter(o *restoreOpts, in io.Reader, stderr io.Writer) *progress.Meter {
	var size int64
	if f, ok := in.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			size = st.Size()
		}
	}
	name := o.file
	if name == "" {
		name = "-"
	}
	return progress.New(stderr, progName+": restore "+name, size)
}

// headerCache remembers the type and family of sets named in a restore.
type headerCache map[string]*ipset.Set

func (h headerCache) get(c *ipset.Conn, name string) (*ipset.Set, error) {
	if s, ok := h[name]; ok {
		return s, nil
	}
	if err := checkSetName(name); err != nil {
		return nil, err
	}
	s, err := c.Header(name)
	if err != nil {
		return nil, kernelErr(err)
	}
	h[name] = s
	return s, nil
}

// restorePlain restores the way ipset does: each line takes effect in
// order, and the first failing line stops the restore with everything
// before it applied. Consecutive adds (or dels) to one set travel in
// multi-element requests.
func (s *session) restorePlain(c *ipset.Conn, in io.Reader, o *restoreOpts) error {
	headers := headerCache{}
	var buf *ipset.ADTBuffer
	var bufType string
	flush := func() error {
		if buf == nil || buf.Len() == 0 {
			return nil
		}
		err := buf.Exec(bufType)
		if err != nil {
			line, ok := ipset.FailedLine(err)
			if !ok {
				line = buf.First()
			}
			buf.Reset()
			return withLine(int(line), kernelErr(err))
		}
		buf.Reset()
		return nil
	}
	err := readLines(in, o.meter, func(l restoreLine) error {
		if l.inv == nil { // COMMIT
			return flush()
		}
		inv := l.inv
		exist := o.exist || inv.g.exist
		switch inv.cmd {
		case "add", "del":
			hdr, err := headers.get(c, inv.args[0])
			if err != nil {
				if ferr := flush(); ferr != nil {
					return ferr
				}
				return withLine(l.no, err)
			}
			cmd := adtCmd(inv.cmd)
			en, _, err := s.parser().entry(hdr, cmd, inv.args[1], inv.args[2:])
			if err != nil {
				if ferr := flush(); ferr != nil {
					return ferr
				}
				return withLine(l.no, err)
			}
			en.LineNo = uint32(l.no)
			if buf == nil || buf.Cmd() != cmd || buf.Set() != hdr.Name || buf.Exist() != exist || buf.Full() {
				if err := flush(); err != nil {
					return err
				}
				buf = c.NewADTBuffer(cmd, hdr.Name, exist)
				bufType = hdr.Type
			}
			return buf.Add(en)
		}
		if err := flush(); err != nil {
			return err
		}
		switch inv.cmd {
		case "list", "save":
			lo := &listOpts{save: inv.cmd == "save", mode: inv.g.mode, names: inv.g.names, terse: inv.g.terse, sorted: inv.g.sorted}
			if len(inv.args) > 0 {
				lo.set = inv.args[0]
			}
			return withLine(l.no, s.list(lo))
		case "destroy", "rename", "swap":
			clear(headers)
		}
		inv.g.exist = exist
		status, err := s.runLine(c, inv, l.no)
		if err == nil && status != exitOK {
			// A test that missed has said so on stderr; like ipset, the
			// restore stops there, with nothing more to say.
			return errSilent
		}
		if err != nil {
			return withLine(l.no, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}

// scanLinesWithEnd splits input into lines like bufio.ScanLines but keeps
// each line's newline, so the last line can be told apart.
func scanLinesWithEnd(data []byte, atEOF bool) (int, []byte, error) {
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		return i + 1, data[:i+1], nil
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}
