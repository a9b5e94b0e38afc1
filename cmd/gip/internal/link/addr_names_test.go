package link

import (
	"reflect"
	"testing"

	"golang.org/x/sys/unix"
)

func TestAddrFlagNames(t *testing.T) {
	names, rest := AddrFlagNames(unix.AF_INET6, unix.IFA_F_SECONDARY|unix.IFA_F_NODAD|0x10000)
	if want := []string{"temporary", "nodad", "dynamic"}; !reflect.DeepEqual(names, want) || rest != 0x10000 {
		t.Errorf("address flags: %v %x", names, rest)
	}
}
