package testenv

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// recorder is a testing.TB that records how a helper ended the test instead
// of ending the real one. Skip and Fatal stop the calling goroutine, as the
// real ones do.
type recorder struct {
	testing.TB
	skipped, failed bool
	msg             string
}

func (r *recorder) Helper() {}

func (r *recorder) Skip(args ...any) {
	r.skipped, r.msg = true, fmt.Sprint(args...)
	runtime.Goexit()
}

func (r *recorder) Skipf(format string, args ...any) {
	r.skipped, r.msg = true, fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.failed, r.msg = true, fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// call runs fn with a recorder on its own goroutine, so that Goexit ends
// only fn.
func call(t *testing.T, fn func(testing.TB)) *recorder {
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(r)
	}()
	<-done
	return r
}

func TestMissing(t *testing.T) {
	for _, tc := range []struct {
		name          string
		strict        string
		feature       Feature
		wantFail      bool
		wantInMessage string
	}{
		{"outside the vm tier a vm feature skips", "", LinkDummy, false, "the vm tier (make vmtest) runs this test"},
		{"in the vm tier a vm feature fails", "1", LinkDummy, true, "must exist"},
		{"in the vm tier wifi fails", "1", Wifi, true, "wifi/mac80211_hwsim"},
		{"in the vm tier an unlisted feature skips", "1", Feature("link/unheard-of"), false, "link/unheard-of"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(StrictEnv, tc.strict)
			r := call(t, func(tb testing.TB) {
				Missing(tb, tc.feature, "the kernel said %q", "Unknown device type")
			})
			if r.failed != tc.wantFail || r.skipped == tc.wantFail {
				t.Fatalf("failed=%v skipped=%v, want failed=%v", r.failed, r.skipped, tc.wantFail)
			}
			for _, want := range []string{tc.wantInMessage, `the kernel said "Unknown device type"`} {
				if !strings.Contains(r.msg, want) {
					t.Errorf("message %q lacks %q", r.msg, want)
				}
			}
		})
	}
}

func TestNeedTools(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv(StrictEnv, "")
	r := call(t, func(tb testing.TB) { NeedTools(tb, "gip-no-such-tool") })
	if !r.skipped || !strings.Contains(r.msg, "gip-no-such-tool not found") {
		t.Errorf("outside the vm tier: skipped=%v message %q", r.skipped, r.msg)
	}
	t.Setenv(StrictEnv, "1")
	r = call(t, func(tb testing.TB) { NeedTools(tb, "gip-no-such-tool") })
	if !r.failed || !strings.Contains(r.msg, "gip-no-such-tool") {
		t.Errorf("in the vm tier: failed=%v message %q", r.failed, r.msg)
	}
}

func TestNeedToolsFound(t *testing.T) {
	var paths []string
	r := call(t, func(tb testing.TB) { paths = NeedTools(tb, "sh") })
	if r.skipped || r.failed || len(paths) != 1 || !strings.HasSuffix(paths[0], "/sh") {
		t.Errorf("NeedTools(sh) = %v (skipped=%v failed=%v %q)", paths, r.skipped, r.failed, r.msg)
	}
}

func TestVMFeaturesListsEveryFeature(t *testing.T) {
	// The vm kernel has every feature named here; a new constant belongs in
	// VMFeatures too unless the vm tier cannot give it.
	for _, f := range []Feature{
		LinkDummy, LinkVLAN, LinkBond, LinkVRF, LinkGRE, LinkIPVLAN, LinkGeneve, LinkWireGuard, MPLS,
		QdiscNetem, QdiscFqCodel, QdiscPrio, QdiscSFQ, QdiscIngress, QdiscClsact,
		QdiscFq, QdiscCodel, QdiscRED, QdiscPie, QdiscFqPie,
		QdiscCake, QdiscETS, QdiscMQPrio, QdiscDRR, QdiscHFSC,
		FilterFlower, FilterMatchall, FilterBPF, FilterFW, FilterRoute, FilterBasic, FilterFlow, Ematch, Wifi,
	} {
		if !VMFeatures[f] {
			t.Errorf("%s is not in VMFeatures", f)
		}
	}
}

func TestTranscripts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "doc.md")
	doc := "# x\n\n```console\n$ gip -n lab link add 'a b' type veth\n$ gip -br link\nlo  UNKNOWN \n\nend\n```\n\n```sh\n$ gip not this\n```\n\n```console\n$ gcalc 10.0.0.0/8\nnetwork: 10.0.0.0/8\n```\n"
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Transcripts(path, "gip")
	if err != nil {
		t.Fatal(err)
	}
	want := []Transcript{{Line: 3, Steps: []Step{
		{Line: 4, Args: []string{"gip", "-n", "lab", "link", "add", "a b", "type", "veth"}},
		{Line: 5, Args: []string{"gip", "-br", "link"}, Want: "lo  UNKNOWN \n\nend\n"},
	}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	for _, bad := range []string{"gip x | wc", "gip $X", `gip "$X"`, "gip 'open", "gip x > f"} {
		if _, err := splitCommand(bad); err == nil {
			t.Errorf("splitCommand(%q) accepted", bad)
		}
	}
}
