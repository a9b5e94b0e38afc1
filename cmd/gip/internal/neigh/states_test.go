package neigh

import (
	"reflect"
	"testing"

	"golang.org/x/sys/unix"
)

func TestStateNames(t *testing.T) {
	if got := NUDNames(unix.NUD_REACHABLE | unix.NUD_NOARP); !reflect.DeepEqual(got, []string{"REACHABLE", "NOARP"}) {
		t.Errorf("nud: %v", got)
	}
	for _, s := range []string{"permanent", "STALE", "noarp", "all", "none"} {
		if _, ok := ParseNUD(s); !ok {
			t.Errorf("ParseNUD(%q) failed", s)
		}
	}
}
