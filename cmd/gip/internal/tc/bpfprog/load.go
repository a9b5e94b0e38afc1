package bpfprog

import (
	"bufio"
	"bytes"
	"crypto/sha1"
	"debug/elf"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
)

// Pinning of an iproute2 legacy map (struct bpf_elf_map's pinning).
const (
	PinNone     = 0
	PinObjectNS = 1 // <bpffs>/tc/<sha1 of the object>/NAME
	PinGlobalNS = 2 // <bpffs>/tc/globals/NAME
)

// legacyMap is what struct bpf_elf_map holds past the five fields libbpf
// and cilium/ebpf read: cilium/ebpf leaves these bytes in MapSpec.Extra.
type legacyMap struct {
	id, pinning, innerID, innerIdx uint32
}

// LoadError is a failure to load the program: Msg is what tc prints
// before the caller's "Unable to load program".
type LoadError struct{ Msg string }

func (e *LoadError) Error() string { return e.Msg }

// Load loads an object's program (nothing for other modes). verbose
// output (the verifier's log) goes to w.
func (c *Config) Load(w io.Writer) error {
	if c.Mode != Object {
		return nil
	}
	err := c.loadObject(w)
	if err != nil {
		c.Close()
	}
	return err
}

func (c *Config) loadObject(w io.Writer) error {
	raw, err := os.ReadFile(c.Object)
	if err != nil {
		msg := "Cannot initialize ELF context!"
		if kernelHashesSHA1() {
			// tc hashes the object through the kernel's AF_ALG sha1
			// before it reads it, and says so when the open fails there.
			msg = fmt.Sprintf("Error opening object %s: %s\n%s", c.Object, fail.Strerror(err), msg)
		}
		return &LoadError{msg}
	}
	if ef, err := elf.NewFile(bytes.NewReader(raw)); err != nil || ef.Machine != elf.EM_BPF {
		return &LoadError{"Cannot initialize ELF context!"}
	}
	spec, err := ebpf.LoadCollectionSpecFromReader(bytes.NewReader(raw))
	if err != nil {
		return &LoadError{fmt.Sprintf("%v\nERROR: opening BPF object file failed", err)}
	}

	// The program to attach: by name when "program" was given, else the
	// first in the section; and the legacy tail calls ("ID/KEY" sections
	// into the prog array with legacy id ID), which tc loads too.
	legacy, err := drainLegacy(spec)
	if err != nil {
		return &LoadError{err.Error() + "\nError fixing up map structure, incompatible struct bpf_elf_map used?"}
	}
	var chosen string
	tails := map[string]tailCall{}
	for _, name := range sortedKeys(spec.Programs) {
		ps := spec.Programs[name]
		if tc, ok := legacyTailCall(ps.SectionName, spec, legacy); ok {
			tails[name] = tc
		}
	}
	for _, name := range programOrder(spec) {
		ps := spec.Programs[name]
		if (c.Program != "" && ps.Name == c.Program) || (c.Program == "" && ps.SectionName == c.Section) {
			chosen = name
			break
		}
	}
	if chosen == "" {
		if c.Program != "" {
			return &LoadError{"object file doesn't contain prog " + c.Program}
		}
		return &LoadError{"object file doesn't contain sec " + c.Section}
	}
	for name, ps := range spec.Programs {
		if _, tail := tails[name]; name != chosen && !tail {
			delete(spec.Programs, name)
			continue
		}
		ps.Type = c.Type
	}

	opts := ebpf.CollectionOptions{MapReplacements: map[string]*ebpf.Map{}}
	if c.Verbose {
		opts.Programs.LogLevel = ebpf.LogLevelInstruction | ebpf.LogLevelStats
	}
	held, reused, err := c.pinnedMaps(spec, legacy, raw)
	for _, m := range held {
		defer m.Close()
	}
	if err != nil {
		return err
	}
	for name, m := range held {
		opts.MapReplacements[name] = m
	}
	coll, err := ebpf.NewCollectionWithOptions(spec, opts)
	if err != nil {
		var ve *ebpf.VerifierError
		if errors.As(err, &ve) {
			return &LoadError{fmt.Sprintf("%+v", err)}
		}
		return &LoadError{err.Error()}
	}
	c.coll = coll
	if err := fillInnerMaps(coll, spec, legacy, reused); err != nil {
		return err
	}
	for name, tc := range tails {
		if err := coll.Maps[tc.mapName].Update(tc.key, coll.Programs[name], ebpf.UpdateAny); err != nil {
			return &LoadError{"Cannot update map key for tail call!"}
		}
	}
	prog := coll.Programs[chosen]
	if c.Verbose && prog.VerifierLog != "" {
		fmt.Fprintf(w, "Verifier analysis:\n\n%s\n", strings.TrimRight(prog.VerifierLog, "\n"))
	}
	c.prog, err = prog.Clone()
	if err != nil {
		return &LoadError{err.Error()}
	}
	return nil
}

// programOrder is the order programs are tried in: by function name
// (libbpf walks the object's order; a section rarely holds two).
func programOrder(spec *ebpf.CollectionSpec) []string {
	return sortedKeys(spec.Programs)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}

// drainLegacy reads and removes the iproute2 fields cilium/ebpf leaves in
// each map's Extra (it refuses a map whose Extra is not drained).
func drainLegacy(spec *ebpf.CollectionSpec) (map[string]legacyMap, error) {
	out := map[string]legacyMap{}
	order := spec.ByteOrder
	if order == nil {
		order = binary.NativeEndian
	}
	for name, ms := range spec.Maps {
		if ms.Extra == nil {
			continue
		}
		var f [4]uint32
		for i := range f {
			if err := binary.Read(ms.Extra, order, &f[i]); err != nil {
				break
			}
		}
		rest, _ := io.ReadAll(ms.Extra)
		if len(bytes.Trim(rest, "\x00")) > 0 {
			return nil, fmt.Errorf("map %s: %d unknown bytes in its definition", name, len(rest))
		}
		ms.Extra = nil
		out[name] = legacyMap{id: f[0], pinning: f[1], innerID: f[2], innerIdx: f[3]}
	}
	// Map-in-maps: an outer map's inner_id names its template.
	for name, lm := range out {
		ms := spec.Maps[name]
		if lm.innerID == 0 || (ms.Type != ebpf.ArrayOfMaps && ms.Type != ebpf.HashOfMaps) {
			continue
		}
		for iname, im := range out {
			if im.id == lm.innerID && iname != name {
				inner := spec.Maps[iname].Copy()
				inner.Pinning = ebpf.PinNone
				ms.InnerMap = inner
			}
		}
	}
	return out, nil
}

type tailCall struct {
	mapName string
	key     uint32
}

// legacyTailCall reads a section named "ID/KEY" (sscanf's %i: decimal,
// 0x hex or 0 octal) whose ID is a legacy prog array's id.
func legacyTailCall(sec string, spec *ebpf.CollectionSpec, legacy map[string]legacyMap) (tailCall, bool) {
	a, b, ok := strings.Cut(sec, "/")
	if !ok {
		return tailCall{}, false
	}
	id, err1 := strconv.ParseUint(a, 0, 32)
	key, err2 := strconv.ParseUint(b, 0, 32)
	if err1 != nil || err2 != nil {
		return tailCall{}, false
	}
	for name, lm := range legacy {
		if lm.id == uint32(id) && spec.Maps[name].Type == ebpf.ProgramArray {
			return tailCall{name, uint32(key)}, true
		}
	}
	return tailCall{}, false
}

// pinnedMaps opens or creates, and pins, the maps whose legacy pinning
// asks for it, as tc does: an existing pin is reused (when compatible),
// otherwise the map is created and pinned. reused names the maps taken
// from a pin.
func (c *Config) pinnedMaps(spec *ebpf.CollectionSpec, legacy map[string]legacyMap, raw []byte) (map[string]*ebpf.Map, map[string]bool, error) {
	held := map[string]*ebpf.Map{}
	reused := map[string]bool{}
	custom := customPinning()
	for _, name := range sortedKeys(legacy) {
		lm := legacy[name]
		var sub string
		switch lm.pinning {
		case PinNone:
			continue
		case PinObjectNS:
			sum := sha1.Sum(raw)
			sub = hex.EncodeToString(sum[:])
		case PinGlobalNS:
			sub = "globals"
		default:
			p, ok := custom[lm.pinning]
			if !ok {
				continue
			}
			sub = "../" + p
		}
		dir, err := workDir(true)
		if err != nil {
			return held, reused, &LoadError{err.Error()}
		}
		full := dir + "/" + sub
		if err := os.MkdirAll(full, 0o700); err != nil {
			return held, reused, &LoadError{"mkdir " + full + " failed: " + fail.Strerror(errnoOf(err))}
		}
		pin := full + "/" + name
		ms := spec.Maps[name]
		if m, err := ebpf.LoadPinnedMap(pin, nil); err == nil {
			if err := ms.Compatible(m); err != nil {
				m.Close()
				return held, reused, &LoadError{fmt.Sprintf("map %s: pinned map %s does not match: %v", name, pin, err)}
			}
			held[name], reused[name] = m, true
			continue
		}
		cp := ms.Copy()
		cp.Pinning = ebpf.PinNone
		m, err := ebpf.NewMap(cp)
		if err != nil {
			return held, reused, &LoadError{"create map " + name + " failed: " + err.Error()}
		}
		if err := m.Pin(pin); err != nil {
			m.Close()
			return held, reused, &LoadError{"map " + name + ": pinning at " + pin + ": " + err.Error()}
		}
		held[name] = m
	}
	return held, reused, nil
}

// fillInnerMaps puts each legacy inner map into its outer map at its
// inner_idx, unless the outer map came from a pin.
func fillInnerMaps(coll *ebpf.Collection, spec *ebpf.CollectionSpec, legacy map[string]legacyMap, reused map[string]bool) error {
	for iname, im := range legacy {
		if im.id == 0 || im.innerID != 0 {
			continue
		}
		for oname, om := range legacy {
			t := spec.Maps[oname].Type
			if om.innerID != im.id || (t != ebpf.ArrayOfMaps && t != ebpf.HashOfMaps) || reused[oname] {
				continue
			}
			if err := coll.Maps[oname].Update(im.innerIdx, coll.Maps[iname], ebpf.UpdateAny); err != nil {
				return &LoadError{"Cannot update inner_idx into outer_map"}
			}
		}
	}
	return nil
}

// customPinning reads /etc/iproute2/bpf_pinning: "ID SUBPATH" lines.
func customPinning() map[uint32]string {
	out := map[uint32]string{}
	f, err := os.Open("/etc/iproute2/bpf_pinning")
	if err != nil {
		return out
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		w := strings.Fields(s.Text())
		if len(w) < 2 || strings.HasPrefix(w[0], "#") {
			continue
		}
		if id, err := strconv.ParseUint(w[0], 0, 32); err == nil && id > PinGlobalNS {
			out[uint32(id)] = w[1]
		}
	}
	return out
}

const bpfFSMagic = 0xcafe4a11

// workDir is tc's directory in bpffs: <mount>/tc, the mount found at
// $TC_BPF_MNT, /sys/fs/bpf or /bpf; when create, bpffs is mounted at
// $TC_BPF_MNT or /sys/fs/bpf if none is, and the directory made.
func workDir(create bool) (string, error) {
	cands := []string{"/sys/fs/bpf", "/bpf"}
	if env := os.Getenv("TC_BPF_MNT"); env != "" {
		cands = []string{env}
	}
	mnt := ""
	for _, c := range cands {
		var st unix.Statfs_t
		if unix.Statfs(c, &st) == nil && uint32(st.Type) == bpfFSMagic {
			mnt = c
			break
		}
	}
	if mnt == "" {
		if !create {
			return "", errors.New("no bpffs")
		}
		mnt = cands[0]
		if err := os.MkdirAll(mnt, 0o700); err != nil {
			return "", fmt.Errorf("mkdir %s failed: %s", mnt, fail.Strerror(errnoOf(err)))
		}
		if err := unix.Mount("bpf", mnt, "bpf", 0, "mode=0700"); err != nil {
			return "", fmt.Errorf("mount -t bpf bpf %s failed: %s", mnt, fail.Strerror(err))
		}
	}
	dir := strings.TrimRight(mnt, "/") + "/tc"
	if create {
		if err := os.MkdirAll(dir+"/globals", 0o700); err != nil {
			return "", fmt.Errorf("mkdir %s failed: %s", dir, fail.Strerror(errnoOf(err)))
		}
	}
	return dir, nil
}

// kernelHashesSHA1 reports whether the kernel offers sha1 over an AF_ALG
// socket (algif_hash), as tc's object hashing needs: where it does not, tc
// skips the hashing and its message about an object it cannot open.
func kernelHashesSHA1() bool {
	fd, err := unix.Socket(unix.AF_ALG, unix.SOCK_SEQPACKET|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return false
	}
	defer unix.Close(fd)
	return unix.Bind(fd, &unix.SockaddrALG{Type: "hash", Name: "sha1"}) == nil
}
