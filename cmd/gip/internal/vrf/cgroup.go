package vrf

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// cgroup2Dir is where ip mounts cgroup v2 when nothing has (MNT_CGRP2_PATH).
const cgroup2Dir = "/var/run/cgroup2"

// cgroup2Mount is the first cgroup v2 mount of /proc/mounts; without one
// it mounts cgroup v2 at cgroup2Dir, as ip does.
func cgroup2Mount() (string, error) {
	if f, err := os.Open("/proc/mounts"); err == nil {
		defer f.Close()
		s := bufio.NewScanner(f)
		for s.Scan() {
			if fields := strings.Fields(s.Text()); len(fields) >= 3 && fields[2] == "cgroup2" {
				return fields[1], nil
			}
		}
	}
	if err := os.MkdirAll(cgroup2Dir, 0o755); err != nil {
		return "", fail.Localf("Failed to setup cgroup2 directory")
	}
	switch err := unix.Mount("none", cgroup2Dir, "cgroup2", 0, ""); {
	case err == nil, errors.Is(err, unix.EBUSY):
		return cgroup2Dir, nil
	case errors.Is(err, unix.ENODEV):
		return "", fail.Localf("Failed to mount cgroup2. Are CGROUPS enabled in your kernel?")
	default:
		return "", fail.Localf("Failed to mount cgroup2: %s", fail.Strerror(err))
	}
}

// procCgroup is the cgroup v2 path of a process ("/" for the root), from
// the controller-less line of /proc/PID/cgroup; "" when it has none.
func procCgroup(pid string) (string, error) {
	b, err := os.ReadFile("/proc/" + pid + "/cgroup")
	if err != nil {
		return "", err
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if _, path, ok := strings.Cut(line, "::/"); ok {
			return "/" + path, nil
		}
	}
	return "", nil
}

// vrfOf is the VRF a cgroup path names: what follows "/vrf/" ("" if
// nothing does), cut to the 31 bytes ip keeps.
func vrfOf(cgroup string) string {
	_, name, ok := strings.Cut(cgroup, "/vrf/")
	if !ok {
		return ""
	}
	if len(name) > 31 {
		name = name[:31]
	}
	return name
}

// nsDirName is the directory of the command's namespace under a cgroup:
// its name with "-ns" ("" for a namespace without a name), as ip names
// it. With -n the namespace is that one, else gip's own.
func nsDirName(e *env.Env) (string, error) {
	path := "/proc/self/ns/net"
	if e.G.NetNS != "" {
		path = nl.NetNSPath(e.G.NetNS)
	}
	var self unix.Stat_t
	if err := unix.Stat(path, &self); err != nil {
		return "", fail.Localf("Cannot open network namespace: %s", fail.Strerror(err))
	}
	for _, name := range nl.NetNSNames() {
		var st unix.Stat_t
		if unix.Stat(nl.NetNSPath(name), &st) == nil && st.Dev == self.Dev && st.Ino == self.Ino {
			return name + "-ns", nil
		}
	}
	return "", nil
}

// vrfCgroup is the directory of the cgroup a command bound to vrf (""
// for the default VRF) joins, as ip's vrf_switch makes it: under gip's
// own cgroup (without any /vrf/... part), the namespace's directory
// (unless gip's cgroup is that already), then vrf/NAME.
func vrfCgroup(e *env.Env, mnt, vrf string) (string, error) {
	ns, err := nsDirName(e)
	if err != nil {
		return "", err
	}
	own, err := procCgroup("self")
	if err != nil {
		return "", fail.Localf("Failed to get base cgroup path: %s", fail.Strerror(err))
	}
	if i := strings.Index(own, "/vrf"); i >= 0 {
		own = own[:i]
	}
	if own == "/" {
		own = ""
	}
	if ns != "" {
		if filepath.Base(own) == ns {
			own = strings.TrimSuffix(own, ns)
		}
		ns += "/"
	}
	return mnt + own + "/" + ns + "vrf/" + vrf, nil
}
