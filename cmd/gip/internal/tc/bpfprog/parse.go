// Package bpfprog is what tc's bpf filter and bpf action share: the words
// that name a program (classic bytecode, an ELF object, a pinned
// program), loading it without C (github.com/cilium/ebpf, with iproute2's
// legacy map definitions handled here), and printing a loaded program as
// tc does.
package bpfprog

import (
	"errors"
	"os"
	"path"
	"strconv"
	"strings"

	"github.com/cilium/ebpf"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// Mode is how the program is given.
type Mode int

const (
	None         Mode = iota
	Bytecode          // bytecode 'N,c t f k,...'
	BytecodeFile      // bytecode-file FILE
	Object            // object-file FILE: an ELF eBPF object
	Pinned            // object-pinned FILE: a program pinned in bpffs
)

// MaxInsns is the most classic instructions a program holds
// (BPF_MAXINSNS).
const MaxInsns = 4096

// Config is a program as the command line names it, and once loaded, the
// program itself.
type Config struct {
	Mode    Mode
	Type    ebpf.ProgramType
	Object  string // the file (object or pin)
	Section string
	Program string // "program NAME": by function name, not section
	UDS     string // "export UDS_FILE"
	Verbose bool
	Ops     []rtnl.SockFilter

	prog *ebpf.Program
	coll *ebpf.Collection
}

// ParseError is a failure of the program's words: Msg (possibly empty)
// is what tc prints before the caller's "Unable to parse ..." line.
type ParseError struct{ Msg string }

func (e *ParseError) Error() string { return e.Msg }

func parseErr(msg string) error { return &ParseError{Msg: msg} }

// Parse reads the program's words as tc's bpf_parse_common does, the
// cursor on the mode word; it leaves the cursor past the last word it
// took. A pinned program is opened here, as tc opens it while parsing;
// an object is loaded by Load.
func Parse(a *grammar.Args, typ ebpf.ProgramType, mayExport bool) (*Config, error) {
	c := &Config{Type: typ}
	switch w := a.Next(); {
	case grammar.Matches(w, "bytecode") || w == "bc":
		c.Mode = Bytecode
	case grammar.Matches(w, "bytecode-file") || w == "bcf":
		c.Mode = BytecodeFile
	case grammar.Matches(w, "object-file") || w == "obj":
		c.Mode = Object
	case grammar.Matches(w, "object-pinned") || grammar.Matches(w, "pinned") || grammar.Matches(w, "fd"):
		c.Mode = Pinned
	default:
		return nil, parseErr(`What mode is "` + w + `"?`)
	}
	v, err := a.Value()
	if err != nil {
		return nil, err
	}
	switch c.Mode {
	case Bytecode, BytecodeFile:
		ops, err := parseOps(v, c.Mode == BytecodeFile)
		if err != nil {
			return nil, err
		}
		c.Ops = ops
		return c, nil
	}
	c.Object = v
	c.Section = DefaultSection(typ)
	if a.More() && grammar.Matches(a.Peek(), "section") {
		a.Next()
		if c.Section, err = a.Value(); err != nil {
			return nil, err
		}
	}
	if a.More() && a.Peek() == "program" {
		a.Next()
		if c.Program, err = a.Value(); err != nil {
			return nil, err
		}
	}
	if mayExport {
		c.UDS = os.Getenv("TC_BPF_UDS")
		if a.More() && c.UDS == "" && grammar.Matches(a.Peek(), "export") {
			a.Next()
			if c.UDS, err = a.Value(); err != nil {
				return nil, err
			}
		}
	}
	if a.More() && grammar.Matches(a.Peek(), "verbose") {
		a.Next()
		c.Verbose = true
	}
	if c.Mode == Pinned {
		p, err := ebpf.LoadPinnedProgram(workPath(c.Object), nil)
		if err != nil {
			return nil, parseErr("Couldn't retrieve pinned program '" + c.Object + "': " + fail.Strerror(errnoOf(err)))
		}
		c.prog = p
	}
	return c, nil
}

// errnoOf is the errno under err, or err.
func errnoOf(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// DefaultSection is the section tc looks in by default for a program of
// type typ.
func DefaultSection(typ ebpf.ProgramType) string {
	if typ == ebpf.SchedACT {
		return "action"
	}
	return "classifier"
}

// Annotation is the name tc gives the program in TCA_BPF_NAME: the
// object's base name and the section ("*fsobj" for a pinned program).
func (c *Config) Annotation() string {
	sec := c.Section
	if c.Mode == Pinned {
		sec = "*fsobj"
	}
	return path.Base(c.Object) + ":[" + sec + "]"
}

// FD is the loaded program's descriptor (valid until Close).
func (c *Config) FD() (uint32, bool) {
	if c.prog == nil {
		return 0, false
	}
	return uint32(c.prog.FD()), true
}

// Close releases the program and what was loaded with it; the kernel
// keeps what a filter or action holds.
func (c *Config) Close() {
	if c.prog != nil {
		c.prog.Close()
		c.prog = nil
	}
	if c.coll != nil {
		c.coll.Close()
		c.coll = nil
	}
}

// workPath resolves tc's "m:NAME" shorthand: a path under the type's
// directory in bpffs.
func workPath(p string) string {
	if len(p) > 2 && strings.HasPrefix(p, "m:") {
		if dir, err := workDir(false); err == nil {
			return dir + "/" + p[2:]
		}
	}
	return p
}

// parseOps reads classic bytecode "N,c t f k,..." (from the file named
// by s when fromFile) as tc's bpf_ops_parse does, sscanf's leniency
// included.
func parseOps(s string, fromFile bool) ([]rtnl.SockFilter, error) {
	if fromFile {
		b, err := os.ReadFile(s)
		if err != nil {
			return nil, parseErr("Cannot fopen: " + fail.Strerror(errnoOf(err)))
		}
		s = flattenBytecode(b)
	}
	n, rest, ok := scanUint(s)
	if !ok || !strings.HasPrefix(rest, ",") {
		return nil, parseErr("")
	}
	count := int(uint16(n))
	if count == 0 || count > MaxInsns {
		return nil, parseErr("")
	}
	var ops []rtnl.SockFilter
	tok := s
	for {
		i := strings.IndexByte(tok, ',')
		if i < 0 || i+1 >= len(tok) {
			break
		}
		tok = tok[i+1:]
		if len(ops) >= count {
			return nil, parseErr("Real program length exceeds encoded length parameter!")
		}
		var v [4]uint64
		r := tok
		for j := range v {
			if v[j], r, ok = scanUint(r); !ok {
				return nil, parseErr("Error at instruction " + strconv.Itoa(len(ops)) + "!")
			}
		}
		ops = append(ops, rtnl.SockFilter{Code: uint16(v[0]), Jt: uint8(v[1]), Jf: uint8(v[2]), K: uint32(v[3])})
	}
	if len(ops) != count {
		return nil, parseErr("Parsed program length is less than encoded length parameter!")
	}
	return ops, nil
}

// flattenBytecode turns a bytecode file into the one-line form: lines
// joined by commas, runs of blanks squeezed, as tc reads the file.
func flattenBytecode(b []byte) string {
	var out []byte
	prev := byte(' ')
	for _, c := range b {
		switch c {
		case '\n':
			if prev != ',' {
				out = append(out, ',')
			}
			prev = ','
		case ' ', '\t':
			if prev != ' ' {
				out = append(out, c)
			}
			prev = ' '
		default:
			out = append(out, c)
			prev = c
		}
	}
	return string(out)
}

// scanUint reads one unsigned decimal as sscanf's %u does (strtoul):
// leading white space, a sign, digits; a negative number wraps and an
// overflow saturates.
func scanUint(s string) (uint64, string, bool) {
	s = strings.TrimLeft(s, " \t\n\v\f\r")
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	i := 0
	var v uint64
	over := false
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		d := uint64(s[i] - '0')
		if v > (^uint64(0)-d)/10 {
			over = true
		}
		v = v*10 + d
	}
	if i == 0 {
		return 0, s, false
	}
	switch {
	case over:
		v = ^uint64(0)
	case neg:
		v = -v
	}
	return v, s[i:], true
}
