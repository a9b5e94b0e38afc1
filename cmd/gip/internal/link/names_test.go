package link

import (
	"reflect"
	"testing"

	"golang.org/x/sys/unix"
)

func TestLinkFlagNames(t *testing.T) {
	got := linkFlagNames(unix.IFF_UP|unix.IFF_BROADCAST|unix.IFF_MULTICAST|unix.IFF_LOWER_UP, false)
	if want := []string{"NO-CARRIER", "BROADCAST", "MULTICAST", "UP", "LOWER_UP"}; !reflect.DeepEqual(got, want) {
		t.Errorf("up without carrier: %v", got)
	}
	got = linkFlagNames(unix.IFF_BROADCAST|unix.IFF_MULTICAST, true)
	if want := []string{"BROADCAST", "MULTICAST", "M-DOWN"}; !reflect.DeepEqual(got, want) {
		t.Errorf("lower down: %v", got)
	}
}
