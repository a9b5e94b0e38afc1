package ipset

import (
	"testing"

	"golang.org/x/sys/unix"
)

func TestMessage(t *testing.T) {
	tests := []struct {
		cmd   Cmd
		typ   string
		errno unix.Errno
		want  string
	}{
		{CmdAdd, "hash:ip", ErrExist, "Element cannot be added to the set: it's already added"},
		{CmdDel, "hash:ip", ErrExist, "Element cannot be deleted from the set: it's not added"},
		{CmdCreate, "", unix.EEXIST, "Set cannot be created: set with the same name already exists"},
		{CmdList, "", unix.ENOENT, "The set with the given name does not exist"},
		{CmdDestroy, "", ErrBusy, "Set cannot be destroyed: it is in use by a kernel component"},
		{CmdSwap, "", ErrExistSetName2, "Sets cannot be swapped: the second set does not exist"},
		{CmdRename, "", ErrExistSetName2, "Set cannot be renamed: a set with the new name already exists"},
		{CmdAdd, "bitmap:port", ErrBitmapRange, "Element is out of the range of the set"},
		{CmdCreate, "bitmap:ip", ErrBitmapRangeSize, "The range you specified exceeds the size limit of the set type"},
		{CmdAdd, "hash:net", ErrHashFull, "Hash is full, cannot add more elements"},
		{CmdAdd, "list:set", ErrName, "Set to be added/deleted/tested as element does not exist."},
		{CmdAdd, "hash:ip", ErrTimeout, "Timeout cannot be used: set was created without timeout support"},
		{CmdAdd, "", unix.EPERM, "Kernel error received: Operation not permitted"},
		{CmdAdd, "", 5000, "Undecoded error 5000 received from kernel"},
		{CmdAdd, "", ErrTypeSpecific, "Undecoded error 4352 received from kernel"},
	}
	for _, tt := range tests {
		if got := Message(tt.cmd, tt.typ, tt.errno); got != tt.want {
			t.Errorf("Message(%v, %q, %d) = %q, want %q", tt.cmd, tt.typ, tt.errno, got, tt.want)
		}
	}
}

func TestLookupType(t *testing.T) {
	for _, name := range TypeNames() {
		ti, ok := LookupType(name)
		if !ok || ti.Name != name || len(ti.Elem) == 0 || len(ti.Create) == 0 || len(ti.Add) == 0 {
			t.Errorf("LookupType(%q) = %+v, %v", name, ti, ok)
		}
	}
	if ti, ok := LookupType("iphash"); !ok || ti.Name != "hash:ip" {
		t.Errorf("alias iphash: %+v %v", ti, ok)
	}
	if _, ok := LookupType("hash:foo"); ok {
		t.Error("hash:foo found")
	}
}
