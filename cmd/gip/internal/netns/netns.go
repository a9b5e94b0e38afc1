package netns

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

func Object() *command.Object {
	return &command.Object{
		Name:  "netns",
		Short: "network namespaces: list, add, delete, exec, identify, pids, set, list-id, attach",
		Match: [][2]string{
			{"list", "list"}, {"show", "list"}, {"lst", "list"}, {"list-id", "list-id"},
			{"add", "add"}, {"set", "set"}, {"delete", "delete"}, {"identify", "identify"},
			{"pids", "pids"}, {"exec", "exec"}, {"attach", "attach"},
		},
		Default: "list",
		Usage:   netnsUsage,
		Verbs: []command.Verb{
			newNetnsVerb("list", "list named namespaces", runNetnsList),
			newNetnsVerb("list-id", "list the namespace ids this namespace assigned", runNetnsListID),
			newNetnsVerb("add NAME", "create a named namespace", runNetnsAdd),
			newNetnsVerb("attach NAME PID", "name the namespace of a process", runNetnsAttach),
			newNetnsVerb("set NAME NETNSID", "assign an id to a namespace", runNetnsSet),
			newNetnsVerb("delete NAME", "delete a namespace name (-all: every one)", runNetnsDelete),
			newNetnsVerb("identify [PID]", "name the namespace of a process", runNetnsIdentify),
			newNetnsVerb("pids NAME", "list processes in a namespace", runNetnsPids),
			newNetnsVerb("exec NAME CMD ...", "run a command in a namespace (-all: in every one)", runNetnsExec)},
	}
}

// netnsOptions is a netns verb's command line after the verb.
type netnsOptions struct{ Args []string }

// newNetnsCmd builds one netns verb.
func newNetnsVerb(use, short string, run func(*env.Env, *netnsOptions) error) command.Verb {
	return command.Verb{Use: use, Short: short, Run: func(e *env.Env, args []string) error { return run(e, &netnsOptions{Args: args}) }}
}

const netnsUsage = `Usage:	gip netns list
	gip netns add NAME
	gip netns attach NAME PID
	gip netns set NAME NETNSID
	gip [-all] netns delete [NAME]
	gip netns identify [PID]
	gip netns pids NAME
	gip [-all] netns exec [NAME] cmd ...
	gip netns list-id
NETNSID := auto | POSITIVE-INT`

func validNetnsName(name string) bool {
	return name != "" && !strings.ContainsRune(name, '/') && name != "." && name != ".." && len(name) < 256
}

type netnsView struct {
	Name string
	id   int32
}

func (v *netnsView) Text(t *format.Text) {
	t.S(v.Name)
	if v.id >= 0 {
		t.S(" (id: ", strconv.Itoa(int(v.id)), ")")
	}
	t.End()
}

func (v *netnsView) JSON(bool) *format.Obj {
	o := (&format.Obj{}).Set("name", v.Name)
	if v.id >= 0 {
		o.Set("id", v.id)
	}
	return o
}

func runNetnsList(e *env.Env, o *netnsOptions) error {
	args := o.Args
	if len(args) > 0 {
		return fail.Garbage("list", args[0])
	}
	conn, _ := e.Conn()
	p := e.Printer()
	for _, name := range env.NetnsDirNames() {
		id := int32(-1)
		if conn != nil {
			if n, err := env.NSIDOfName(conn, name); err == nil {
				id = n
			}
		}
		if err := p.Print(&netnsView{Name: name, id: id}); err != nil {
			return err
		}
	}
	return p.Close()
}

type nsidView struct {
	nsid int32
	Name string
}

func (v *nsidView) Text(t *format.Text) {
	t.S("nsid ", strconv.Itoa(int(v.nsid)), " ")
	if v.Name != "" {
		t.S("(iproute2 netns name: ", v.Name, ")")
	}
	t.End()
}

func (v *nsidView) JSON(bool) *format.Obj {
	o := (&format.Obj{}).Set("nsid", v.nsid)
	if v.Name != "" {
		o.Set("name", v.Name)
	}
	return o
}

func runNetnsListID(e *env.Env, o *netnsOptions) error {
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	ids, err := rtnl.NSIDs(conn)
	if err != nil {
		return env.Kernel(err)
	}
	names := map[int32]string{}
	for _, name := range env.NetnsDirNames() {
		if id, err := env.NSIDOfName(conn, name); err == nil && id >= 0 {
			names[id] = name
		}
	}
	p := e.Printer()
	for _, id := range ids {
		if err := p.Print(&nsidView{nsid: id, Name: names[id]}); err != nil {
			return err
		}
	}
	return p.Close()
}

func netnsNameArg(args []string) (string, error) {
	if len(args) == 0 {
		return "", fail.Localf("No netns name specified")
	}
	if !validNetnsName(args[0]) {
		return "", fail.Usagef("Invalid netns name %q", args[0])
	}
	return args[0], nil
}

func runNetnsAdd(e *env.Env, o *netnsOptions) error {
	args := o.Args
	name, err := netnsNameArg(args)
	if err != nil {
		return err
	}
	if err := nl.CreateNamedNetNS(name); err != nil {
		var ne *nl.NetNSError
		if errors.As(err, &ne) {
			err = ne.Err
		}
		return netnsFileError("create", name, err)
	}
	return nil
}

// netnsFileError words a namespace file failure as iproute2 does.
func netnsFileError(op, name string, err error) error {
	if err != nil && strings.HasPrefix(err.Error(), "mount --make-shared") {
		return fail.Localf("mount --make-shared %s failed: %s", nl.NetNSDir, fail.Strerror(err))
	}
	var errno unix.Errno
	if !errors.As(err, &errno) {
		return fail.Localf("Cannot %s namespace %q: %v", op, name, err)
	}
	return fail.Localf("Cannot %s namespace file %q: %s", op, nl.NetNSPath(name), fail.Strerror(errno))
}

func runNetnsAttach(e *env.Env, o *netnsOptions) error {
	args := o.Args
	name, err := netnsNameArg(args)
	if err != nil {
		return err
	}
	if len(args) < 2 {
		return fail.Localf("No pid specified")
	}
	pid, err := strconv.Atoi(args[1])
	if err != nil {
		return fail.Invalid("Invalid pid", args[1])
	}
	src := fmt.Sprintf("/proc/%d/ns/net", pid)
	dst := nl.NetNSPath(name)
	if err := os.MkdirAll(nl.NetNSDir, 0o755); err != nil {
		return fail.Localf("mkdir %s failed: %s", nl.NetNSDir, fail.Strerror(err))
	}
	f, err := os.OpenFile(dst, os.O_RDONLY|os.O_CREATE|os.O_EXCL, 0)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fail.Localf("Cannot create namespace file %q: %s", dst, fail.Strerror(err))
	}
	f.Close()
	if err := unix.Mount(src, dst, "none", unix.MS_BIND, ""); err != nil {
		os.Remove(dst)
		return fail.Localf("Bind %s -> %s failed: %s", src, dst, fail.Strerror(err))
	}
	return nil
}

func runNetnsSet(e *env.Env, o *netnsOptions) error {
	args := o.Args
	name, err := netnsNameArg(args)
	if err != nil {
		return err
	}
	if len(args) < 2 {
		return fail.Localf("No nsid specified")
	}
	id := int32(-1)
	if args[1] != "auto" {
		n, err := strconv.ParseInt(args[1], 0, 32)
		if err != nil || n < 0 {
			return fail.Invalid("Invalid \"netnsid\" value", args[1])
		}
		id = int32(n)
	}
	f, err := os.Open(nl.NetNSPath(name))
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fail.Localf("Cannot open network namespace %q: %s", name, fail.Strerror(err))
	}
	defer f.Close()
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	return env.Kernel(rtnl.SetNSID(conn, int(f.Fd()), id))
}

func runNetnsDelete(e *env.Env, o *netnsOptions) error {
	args := o.Args
	var names []string
	if e.G.All {
		names = env.NetnsDirNames()
	} else {
		name, err := netnsNameArg(args)
		if err != nil {
			return err
		}
		names = []string{name}
	}
	var first error
	for _, name := range names {
		if err := nl.DeleteNamedNetNS(name); err != nil {
			ferr := netnsFileError("remove", name, errors.Unwrap(err))
			if first == nil {
				first = ferr
			}
			if e.G.All {
				fail.Report(e.Stderr, command.Prog, ferr)
			}
		}
	}
	if e.G.All && first != nil {
		return &fail.Error{Code: fail.ExitLocal}
	}
	return first
}

func sameFile(a, b string) bool {
	var sa, sb unix.Stat_t
	if unix.Stat(a, &sa) != nil || unix.Stat(b, &sb) != nil {
		return false
	}
	return sa.Dev == sb.Dev && sa.Ino == sb.Ino
}

func runNetnsIdentify(e *env.Env, o *netnsOptions) error {
	args := o.Args
	path := "/proc/self/ns/net"
	if len(args) > 0 {
		if _, err := strconv.Atoi(args[0]); err != nil {
			return fail.Invalid("Invalid pid", args[0])
		}
		path = "/proc/" + args[0] + "/ns/net"
	}
	if _, err := os.Stat(path); err != nil {
		return fail.Localf("Cannot open network namespace: %s", fail.Strerror(unwrapPath(err)))
	}
	var found []string
	for _, name := range env.NetnsDirNames() {
		if sameFile(path, nl.NetNSPath(name)) {
			found = append(found, name)
		}
	}
	fmt.Fprintln(e.Stdout, strings.Join(found, " "))
	return nil
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func runNetnsPids(e *env.Env, o *netnsOptions) error {
	args := o.Args
	name, err := netnsNameArg(args)
	if err != nil {
		return err
	}
	path := nl.NetNSPath(name)
	if _, err := os.Stat(path); err != nil {
		return fail.Localf("Cannot open network namespace: %s", fail.Strerror(unwrapPath(err)))
	}
	procs, _ := filepath.Glob("/proc/[0-9]*")
	var out strings.Builder
	for _, p := range procs {
		if sameFile(p+"/ns/net", path) {
			out.WriteString(filepath.Base(p))
			out.WriteByte('\n')
		}
	}
	_, err = e.Stdout.Write([]byte(out.String()))
	return err
}

func runNetnsExec(e *env.Env, o *netnsOptions) error {
	args := o.Args
	if e.G.All {
		if len(args) == 0 {
			return fail.Localf("No command specified")
		}
		failed := false
		for _, name := range env.NetnsDirNames() {
			fmt.Fprintf(e.Stdout, "\nnetns: %s\n", name)
			if err := execInNetns(e, name, args); err != nil {
				failed = true
				if fail.ExitCode(err) != 0 {
					fail.Report(e.Stderr, command.Prog, err)
				}
			}
		}
		if failed {
			return &fail.Error{Code: fail.ExitLocal}
		}
		return nil
	}
	name, err := netnsNameArg(args)
	if err != nil {
		return err
	}
	if len(args) < 2 {
		return fail.Localf("No command specified")
	}
	return execInNetns(e, name, args[1:])
}

// execInNetns runs argv inside the named namespace the way `ip netns exec`
// does: on a thread of its own that enters the namespace and a private
// mount namespace with the namespace's /sys and /etc/netns/NAME files
// bound over /etc. The calling thread never moves. The command's exit
// status becomes gip's.
func execInNetns(e *env.Env, name string, argv []string) error {
	path := nl.NetNSPath(name)
	nsf, err := os.Open(path)
	if err != nil {
		return &nl.NetNSError{Name: name, Err: unwrapPath(err)}
	}
	defer nsf.Close()
	type result struct {
		code int
		Err  error
	}
	done := make(chan result, 1)
	go func() {
		// This thread is never unlocked: it dies with the goroutine, and
		// the namespaces it entered with it.
		runtime.LockOSThread()
		if err := unix.Setns(int(nsf.Fd()), unix.CLONE_NEWNET); err != nil {
			done <- result{Err: fail.Localf("setting the network namespace %q failed: %s", name, fail.Strerror(err))}
			return
		}
		if err := unix.Unshare(unix.CLONE_NEWNS); err != nil {
			done <- result{Err: fail.Localf("unshare failed: %s", fail.Strerror(err))}
			return
		}
		_ = unix.Mount("", "/", "none", unix.MS_SLAVE|unix.MS_REC, "")
		if err := unix.Unmount("/sys", unix.MNT_DETACH); err == nil || errors.Is(err, unix.EINVAL) {
			_ = unix.Mount(name, "/sys", "sysfs", 0, "")
		}
		bindEtc(name)
		cmd := exec.Command(argv[0], argv[1:]...)
		cmd.Stdin, cmd.Stdout, cmd.Stderr = e.Stdin, e.Stdout, e.Stderr
		err := cmd.Run()
		var ee *exec.ExitError
		switch {
		case err == nil:
			done <- result{}
		case errors.As(err, &ee):
			code := ee.ExitCode()
			if code < 0 {
				code = 128 + int(ee.Sys().(interface{ Signal() unix.Signal }).Signal())
			}
			done <- result{code: code}
		default:
			done <- result{Err: fail.Localf("exec of %q failed: %s", argv[0], fail.Strerror(unwrapPath(errors.Unwrap(err))))}
		}
	}()
	r := <-done
	if r.Err != nil {
		return r.Err
	}
	if r.code != 0 {
		return &fail.Error{Code: r.code}
	}
	return nil
}

// bindEtc binds each file of /etc/netns/NAME over its /etc counterpart.
func bindEtc(name string) {
	dir := filepath.Join("/etc/netns", name)
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		_ = unix.Mount(filepath.Join(dir, e.Name()), filepath.Join("/etc", e.Name()), "none", unix.MS_BIND, "")
	}
}
