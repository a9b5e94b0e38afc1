package version

import (
	"runtime"
	"runtime/debug"
	"testing"
)

func TestFromBuildInfo(t *testing.T) {
	vcs := func(rev, when, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.time", Value: when}, {Key: "vcs.modified", Value: modified}}
	}
	const rev = "6f6cbc8e0d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a"
	for _, tc := range []struct {
		name         string
		bi           debug.BuildInfo
		want, commit string
	}{
		{"go build in a clean checkout", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs(rev, "2026-11-23T10:00:00Z", "false")},
			"0.0~git20261123.6f6cbc8", rev},
		{"go build in a dirty checkout", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs(rev, "2026-11-23T10:00:00Z", "true")},
			"0.0~git20261123.6f6cbc8+dirty", rev + "+dirty"},
		{"go install module@version", debug.BuildInfo{Main: debug.Module{Version: "v0.2.0"}}, "0.2.0", ""},
		{"no VCS information", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "devel", ""},
	} {
		got := fromBuildInfo(&tc.bi, Info{Go: runtime.Version()})
		if got.Version != tc.want || got.Commit != tc.commit {
			t.Errorf("%s: got %q %q, want %q %q", tc.name, got.Version, got.Commit, tc.want, tc.commit)
		}
	}
}

func TestString(t *testing.T) {
	i := Info{Version: "0.0~git20261123.6f6cbc8", Commit: "6f6cbc8", Go: "go1.26.8"}
	if got, want := i.String(), "0.0~git20261123.6f6cbc8, commit 6f6cbc8, go1.26.8"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	i.Commit = ""
	if got, want := i.String(), "0.0~git20261123.6f6cbc8, go1.26.8"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}
