package tuntap

import (
	"bufio"
	"os"
	"slices"
	"strconv"
	"strings"
)

// process is one process holding a queue of a device.
type process struct {
	name string // its comm, "<NULL>" when it cannot be read
	pid  int
}

// queueHolders finds the processes with a descriptor of /dev/net/tun
// attached to device name (the "iff:" line of the descriptor's fdinfo),
// in order of process id and descriptor, one entry per descriptor, and
// leaves out this process. Processes and descriptors that vanish or
// cannot be read while looking are skipped.
func queueHolders(name string) []process {
	procs, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	self := os.Getpid()
	var pids []int
	for _, p := range procs {
		if pid, err := strconv.Atoi(p.Name()); err == nil && pid != self {
			pids = append(pids, pid)
		}
	}
	slices.Sort(pids)
	var out []process
	for _, pid := range pids {
		dir := "/proc/" + strconv.Itoa(pid)
		fds, err := os.ReadDir(dir + "/fd")
		if err != nil {
			continue
		}
		var nums []int
		for _, f := range fds {
			if n, err := strconv.Atoi(f.Name()); err == nil {
				nums = append(nums, n)
			}
		}
		slices.Sort(nums)
		for _, fd := range nums {
			n := strconv.Itoa(fd)
			if l, err := os.Readlink(dir + "/fd/" + n); err != nil || l != tunDev {
				continue
			}
			if fdinfoDevice(dir+"/fdinfo/"+n) != name {
				continue
			}
			out = append(out, process{name: taskName(dir), pid: pid})
		}
	}
	return out
}

// fdinfoDevice is the device a tun descriptor is attached to ("" if
// none), from the "iff:" line of its fdinfo.
func fdinfoDevice(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		k, v, ok := strings.Cut(s.Text(), ":")
		if ok && k == "iff" {
			if fs := strings.Fields(v); len(fs) > 0 {
				return fs[0]
			}
		}
	}
	return ""
}

// taskName is a process's comm, or "<NULL>" as ip prints it when the
// file cannot be read.
func taskName(dir string) string {
	b, err := os.ReadFile(dir + "/comm")
	if err != nil {
		return "<NULL>"
	}
	name, _, _ := strings.Cut(string(b), "\n")
	return name
}
