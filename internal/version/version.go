// Package version tells which build of the suite is running. All four
// binaries print it (gip -V, gipset -V, giw --version, gcalc --version).
//
// The Makefile sets Version and Commit at link time:
//
//	-ldflags "-X github.com/gip-suite/gip/internal/version.Version=0.0~git20261123.6f6cbc8
//	          -X github.com/gip-suite/gip/internal/version.Commit=6f6cbc8..."
//
// A binary built without the Makefile (go build, go install) falls back to
// what the Go toolchain recorded: the module version for go install
// module@version, else the VCS revision and time stamped by go build in a
// git checkout, else "devel".
package version

import (
	"runtime"
	"runtime/debug"
	"strings"
)

// Version and Commit are set with -ldflags -X; empty means "ask the build
// info".
var (
	Version string
	Commit  string
)

// Info is what a binary knows about its own build.
type Info struct {
	Version string // a version dpkg accepts: 1.2.3, 0.0~git20261123.6f6cbc8, or "devel"
	Commit  string // the full commit hash, "" if unknown; "+dirty" if the tree had changes
	Go      string // the Go release it was built with: go1.26.8
}

// Get returns the build's Info.
func Get() Info {
	info := Info{Version: Version, Commit: Commit, Go: runtime.Version()}
	if info.Version != "" {
		return info
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		info.Version = "devel"
		return info
	}
	return fromBuildInfo(bi, info)
}

// fromBuildInfo fills what the linker did not set from the toolchain's
// build information.
func fromBuildInfo(bi *debug.BuildInfo, info Info) Info {
	var rev, when string
	dirty := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if info.Commit == "" && rev != "" {
		info.Commit = rev
		if dirty {
			info.Commit += "+dirty"
		}
	}
	switch v := bi.Main.Version; {
	case v != "" && v != "(devel)":
		// go install module@version: v1.2.3 or a pseudo-version.
		info.Version = strings.TrimPrefix(v, "v")
	case rev != "" && len(when) >= 10:
		info.Version = Snapshot(strings.ReplaceAll(when[:10], "-", ""), rev, dirty)
	default:
		info.Version = "devel"
	}
	return info
}

// Snapshot is the version of an untagged commit: 0.0~gitYYYYMMDD.HASH,
// with HASH the commit's first 7 hex digits and "+dirty" appended for a
// tree with uncommitted changes. The "~" sorts it before any 0.0 release
// in dpkg's order, the date makes later commits sort higher.
func Snapshot(date, rev string, dirty bool) string {
	if len(rev) > 7 {
		rev = rev[:7]
	}
	v := "0.0~git" + date + "." + rev
	if dirty {
		v += "+dirty"
	}
	return v
}

// String is the version followed by Details:
// "0.0~git20261123.6f6cbc8, commit 6f6cbc8..., go1.26.8".
func (i Info) String() string {
	return i.Version + ", " + i.Details()
}

// Details is the commit (when known) and the Go release:
// "commit 6f6cbc8..., go1.26.8", or "go1.26.8".
func (i Info) Details() string {
	if i.Commit == "" {
		return i.Go
	}
	return "commit " + i.Commit + ", " + i.Go
}
