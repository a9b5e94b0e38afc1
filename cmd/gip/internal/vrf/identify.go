package vrf

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
)

// runIdentify is identify [ PID ]: the VRF of a process (of gip itself
// without one), nothing when it is bound to none.
func runIdentify(e *env.Env, args []string) error {
	pid := strconv.Itoa(os.Getpid())
	switch {
	case len(args) > 1:
		return fail.Invalid("Extra arguments specified\n", args[1])
	case len(args) == 1:
		if _, err := strconv.ParseUint(args[0], 10, 32); err != nil {
			return fail.Invalid("Invalid pid\n", args[0])
		}
		pid = args[0]
	}
	cg, err := procCgroup(pid)
	if err != nil {
		return fail.Localf("Failed to lookup vrf association: %s", fail.Strerror(pathErr(err)))
	}
	if name := vrfOf(cg); name != "" {
		fmt.Fprintln(e.Stdout, name)
	}
	return nil
}

// runPids is pids NAME: the processes in the VRF's cgroups of the
// namespace (of every namespace from the default one), as "PID  NAME".
func runPids(e *env.Env, args []string) error {
	if len(args) != 1 {
		return fail.Localf("Invalid arguments")
	}
	name := args[0]
	if _, _, _, ok, err := byName(e, name); err != nil {
		return err
	} else if !ok {
		return fail.Localf("Invalid VRF name")
	}
	mnt, err := cgroup2Mount()
	if err != nil {
		return err
	}
	ns, err := nsDirName(e)
	if err != nil {
		return err
	}
	var out strings.Builder
	walk(&out, mnt, name, ns)
	_, err = e.Stdout.Write([]byte(out.String()))
	return err
}

// walk looks under dir, in directory order, for "vrf" directories of the
// namespace's directory ns (any, when ns is "") and lists the processes
// of their cgroup of the VRF.
func walk(out *strings.Builder, dir, vrf, ns string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	names, _ := d.Readdirnames(-1)
	d.Close()
	for _, n := range names {
		path := dir + "/" + n
		if n == "vrf" {
			if ns == "" || filepath.Base(dir) == ns {
				listProcs(out, path+"/"+vrf+"/cgroup.procs")
			}
			continue
		}
		if fi, err := os.Lstat(path); err == nil && fi.IsDir() {
			walk(out, path, vrf, ns)
		}
	}
}

// listProcs prints each process of a cgroup.procs file with its command
// name (from /proc/PID/status; "<terminated?>" when gone).
func listProcs(out *strings.Builder, procs string) {
	b, err := os.ReadFile(procs)
	if err != nil {
		return
	}
	for pid := range strings.SplitSeq(strings.TrimSuffix(string(b), "\n"), "\n") {
		if pid == "" {
			continue
		}
		fmt.Fprintf(out, "%5s  %s\n", pid, commandName(pid))
	}
}

func commandName(pid string) string {
	b, err := os.ReadFile("/proc/" + pid + "/status")
	if err != nil {
		return "<terminated?>"
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if _, name, ok := strings.Cut(line, "Name:"); ok {
			name = strings.TrimSpace(name)
			if len(name) > 31 {
				name = name[:31]
			}
			return name
		}
	}
	return ""
}
