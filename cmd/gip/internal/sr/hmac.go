package sr

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/genlcmd"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/seg6"
	"golang.org/x/sys/unix"
)

// secretPrompt is what ip asks for the secret with.
const secretPrompt = "Enter secret for HMAC key ID (blank to delete): "

// algos are the algorithms by name.
var algos = map[string]seg6.Algo{"sha1": seg6.AlgoSHA1, "sha256": seg6.AlgoSHA256}

// hmacView prints a key as ip's print_dumphmac does: the secret as a C
// string of at most 63 bytes.
type hmacView struct{ h *seg6.HMAC }

func (v *hmacView) Fields(f *format.Fields) {
	h := v.h
	algo := "<unknown>"
	for name, a := range algos {
		if a == h.Algo {
			algo = name
		}
	}
	secret := h.Secret[:min(int(h.SecretLen), 63, len(h.Secret))]
	if i := bytes.IndexByte(secret, 0); i >= 0 {
		secret = secret[:i]
	}
	f.Uint("hmac", "hmac %u ", uint64(h.KeyID))
	f.String("algo", "algo %s ", algo)
	f.String("secret", "secret \"%s\"\n", string(secret))
}

// runHMACShow is hmac show: the dump of the keys.
func runHMACShow(e *env.Env, _ []string) error {
	return genlcmd.List(e, seg6.FamilyName, seg6.CmdDumpHMAC, seg6.ParseHMAC, func(h *seg6.HMAC) format.FieldRecord {
		if h.SecretLen > 63 {
			fmt.Fprintf(e.Stderr, "HMAC secret length %d > 63, truncated\n", h.SecretLen)
		}
		return &hmacView{h: h}
	})
}

// planHMACSet is hmac set KEYID ALGO: the id (C's base 0, not 0) and the
// algorithm, then the secret asked for.
func planHMACSet(e *env.Env, args []string) ([]plan.Step, error) {
	if len(args) == 0 {
		return nil, fail.Incomplete()
	}
	id, ok := grammar.CUint(args[0], 0, math.MaxUint32)
	if !ok || id == 0 {
		return nil, fail.Invalid("hmac KEYID value is invalid", args[0])
	}
	if len(args) < 2 {
		return nil, fail.Incomplete()
	}
	algo, ok := algos[args[1]]
	if !ok {
		return nil, fail.Invalid("hmac ALGO value is invalid", args[1])
	}
	secret := readSecret(e)
	attrs, err := seg6.SetHMACAttrs(uint32(id), algo, secret)
	if err != nil {
		return nil, err
	}
	return []plan.Step{genlcmd.Step(seg6.FamilyName, seg6.Version, seg6.CmdSetHMAC, attrs)}, nil
}

// readSecret reads a line as the C library's getpass does: from the
// terminal without echo when there is one, else from standard input with
// the prompt on standard error.
func readSecret(e *env.Env) []byte {
	tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		e.Stderr.Write([]byte(secretPrompt))
		return readLine(e.Stdin)
	}
	defer tty.Close()
	tty.WriteString(secretPrompt)
	fd := int(tty.Fd())
	if t, err := unix.IoctlGetTermios(fd, unix.TCGETS); err == nil {
		quiet := *t
		quiet.Lflag &^= unix.ECHO | unix.ISIG
		if unix.IoctlSetTermios(fd, unix.TCSETSF, &quiet) == nil {
			defer func() {
				unix.IoctlSetTermios(fd, unix.TCSETSF, t)
				tty.WriteString("\n")
			}()
		}
	}
	return readLine(tty)
}

// readLine reads up to a line break, a byte at a time so that nothing
// after it is consumed (a batch's next line).
func readLine(r io.Reader) []byte {
	var line []byte
	b := make([]byte, 1)
	for {
		n, err := r.Read(b)
		if n == 1 {
			if b[0] == '\n' {
				return line
			}
			line = append(line, b[0])
		}
		if err != nil {
			return line
		}
	}
}
