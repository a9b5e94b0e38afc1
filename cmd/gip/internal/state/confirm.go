package state

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Confirmed applies. apply --confirm DURATION writes the way back (the
// namespace before the apply, as a document whose sections all purge)
// under RunDir, one directory per namespace, and starts a watchdog: gip
// itself again, in a session of its own, so that neither the caller's
// death nor its terminal's hang-up reaches it. Unless gip state confirm
// removes the way back before the time is up, the watchdog applies it, as
// gip state rollback does at once. A lock file per namespace orders
// apply, confirm, rollback and the watchdog.

// RunDir holds the pending transactions.
const RunDir = "/run/gip/state"

// watchPoll is how often the watchdog looks whether the transaction was
// confirmed or rolled back.
const watchPoll = 100 * time.Millisecond

// txn is the pending transaction of one namespace, locked while held.
type txn struct {
	dir  string // RunDir/KEY
	lock *os.File
}

// pendingMeta is what the watchdog needs beside the way back.
type pendingMeta struct {
	Deadline time.Time `json:"deadline"`
	Token    string    `json:"token"`
}

// nsKey names the namespace of e by its inode, however it was reached.
func nsKey(e *env.Env) (string, error) {
	path := "/proc/thread-self/ns/net"
	if e.G.NetNS != "" {
		path = envNetNSPath(e)
	}
	var st unix.Stat_t
	if err := unix.Stat(path, &st); err != nil {
		return "", fail.Localf("%s: %s", path, fail.Strerror(err))
	}
	return fmt.Sprintf("ns-%d-%d", st.Dev, st.Ino), nil
}

// envNetNSPath is the file of the namespace -n names.
func envNetNSPath(e *env.Env) string { return nl.NetNSPath(e.G.NetNS) }

// openTxn locks the namespace's transaction.
func openTxn(e *env.Env) (*txn, error) {
	key, err := nsKey(e)
	if err != nil {
		return nil, err
	}
	return lockTxn(key)
}

func lockTxn(key string) (*txn, error) {
	if err := os.MkdirAll(RunDir, 0o700); err != nil {
		return nil, fail.Localf("%s: %s", RunDir, fail.Strerror(err))
	}
	f, err := os.OpenFile(filepath.Join(RunDir, key+".lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fail.Localf("%s: %s", RunDir, fail.Strerror(err))
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX); err != nil {
		f.Close()
		return nil, fail.Localf("%s: %s", f.Name(), fail.Strerror(err))
	}
	return &txn{dir: filepath.Join(RunDir, key), lock: f}, nil
}

func (t *txn) close() { t.lock.Close() } // releases the flock

func (t *txn) undoFile() string { return filepath.Join(t.dir, "undo.yaml") }
func (t *txn) metaFile() string { return filepath.Join(t.dir, "meta.json") }

// pending says a transaction waits for its confirmation.
func (t *txn) pending() bool {
	_, err := os.Stat(t.undoFile())
	return err == nil
}

// arm records the way back and starts the watchdog.
func (t *txn) arm(e *env.Env, undo *Document, d time.Duration) error {
	if err := os.MkdirAll(t.dir, 0o700); err != nil {
		return fail.Localf("%s: %s", t.dir, fail.Strerror(err))
	}
	f, err := os.Create(t.undoFile())
	if err != nil {
		return fail.Localf("%s: %s", t.undoFile(), fail.Strerror(err))
	}
	err = writeDocYAML(f, undo)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	meta := pendingMeta{Deadline: time.Now().Add(d), Token: strconv.FormatInt(time.Now().UnixNano(), 36)}
	b, _ := json.Marshal(meta)
	if err := os.WriteFile(t.metaFile(), b, 0o600); err != nil {
		return err
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	var args []string
	if e.G.NetNS != "" {
		args = append(args, "-n", e.G.NetNS)
	}
	args = append(args, "state", "watchdog", filepath.Base(t.dir), meta.Token)
	log, err := os.OpenFile(filepath.Join(RunDir, filepath.Base(t.dir)+".log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	defer log.Close()
	cmd := exec.Command(exe, args...)
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		t.discard()
		return fail.Localf("%s: starting the watchdog: %v", e.Prog, err)
	}
	fmt.Fprintf(e.Stderr, "Waiting %s for \"%s state confirm\"; the changes are rolled back otherwise.\n", d, e.Prog)
	return cmd.Process.Release()
}

func (t *txn) discard() { os.RemoveAll(t.dir) }

// rollBackNow applies the way back and forgets the transaction.
func (t *txn) rollBackNow(e *env.Env) (*Plan, error) {
	data, err := os.ReadFile(t.undoFile())
	if err != nil {
		return nil, fail.Localf("%s: %s", t.undoFile(), fail.Strerror(err))
	}
	undo, err := Parse(t.undoFile(), data)
	if err != nil {
		return nil, err
	}
	p, err := applyDocument(e, t.undoFile(), undo)
	if err != nil {
		return nil, err
	}
	t.discard()
	return p, nil
}

var errNotPending = errors.New("no apply --confirm is pending on this namespace")

// pendingTxn locks the namespace's pending transaction, for a verb that
// takes no arguments; an error if none is pending.
func pendingTxn(e *env.Env, verb string, args []string) (*txn, error) {
	if len(args) > 0 {
		return nil, fail.Usagef("Usage: %s state %s", e.Prog, verb)
	}
	t, err := openTxn(e)
	if err != nil {
		return nil, err
	}
	if !t.pending() {
		t.close()
		return nil, fail.Localf("%s: %v", e.Prog, errNotPending)
	}
	return t, nil
}

// runConfirm is gip state confirm: the pending changes stay.
func runConfirm(e *env.Env, args []string) error {
	t, err := pendingTxn(e, "confirm", args)
	if err != nil {
		return err
	}
	defer t.close()
	t.discard() // the watchdog sees it gone and ends
	return nil
}

// runRollback is gip state rollback: the pending changes are undone now.
func runRollback(e *env.Env, args []string) error {
	t, err := pendingTxn(e, "rollback", args)
	if err != nil {
		return err
	}
	defer t.close()
	p, err := t.rollBackNow(e)
	if err != nil {
		return err
	}
	writeApplied(e, p)
	return nil
}

// runWatchdog is the detached process apply --confirm starts: KEY TOKEN
// name its transaction.
func runWatchdog(e *env.Env, args []string) error {
	if len(args) != 2 {
		return fail.Usagef("Usage: %s state watchdog KEY TOKEN", e.Prog)
	}
	key, token := args[0], args[1]
	dir := filepath.Join(RunDir, key)
	var meta pendingMeta
	b, err := os.ReadFile(filepath.Join(dir, "meta.json"))
	if err == nil {
		err = json.Unmarshal(b, &meta)
	}
	if err != nil || meta.Token != token {
		return nil // confirmed or rolled back already
	}
	for time.Now().Before(meta.Deadline) {
		time.Sleep(min(watchPoll, time.Until(meta.Deadline)))
		if _, err := os.Stat(filepath.Join(dir, "undo.yaml")); err != nil {
			return nil
		}
	}
	t, err := lockTxn(key)
	if err != nil {
		return err
	}
	defer t.close()
	if b, err := os.ReadFile(t.metaFile()); err != nil || json.Unmarshal(b, &meta) != nil || meta.Token != token || !t.pending() {
		return nil
	}
	fmt.Fprintf(e.Stdout, "%s: not confirmed in time: rolling back\n", time.Now().UTC().Format(time.RFC3339))
	p, err := t.rollBackNow(e)
	if err != nil {
		return err
	}
	writeApplied(e, p)
	return nil
}
