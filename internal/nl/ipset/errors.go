package ipset

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// The kernel's ipset errnos (enum ipset_errno and the type-specific ones).
const (
	ErrPrivate        unix.Errno = 4096 // IPSET_ERR_PRIVATE
	ErrProtocol       unix.Errno = 4097 // IPSET_ERR_PROTOCOL
	ErrFindType       unix.Errno = 4098 // IPSET_ERR_FIND_TYPE
	ErrMaxSets        unix.Errno = 4099 // IPSET_ERR_MAX_SETS
	ErrBusy           unix.Errno = 4100 // IPSET_ERR_BUSY
	ErrExistSetName2  unix.Errno = 4101 // IPSET_ERR_EXIST_SETNAME2
	ErrTypeMismatch   unix.Errno = 4102 // IPSET_ERR_TYPE_MISMATCH
	ErrExist          unix.Errno = 4103 // IPSET_ERR_EXIST
	ErrInvalidCIDR    unix.Errno = 4104 // IPSET_ERR_INVALID_CIDR
	ErrInvalidMask    unix.Errno = 4105 // IPSET_ERR_INVALID_NETMASK
	ErrInvalidFamily  unix.Errno = 4106 // IPSET_ERR_INVALID_FAMILY
	ErrTimeout        unix.Errno = 4107 // IPSET_ERR_TIMEOUT
	ErrReferenced     unix.Errno = 4108 // IPSET_ERR_REFERENCED
	ErrIPAddrIPv4     unix.Errno = 4109 // IPSET_ERR_IPADDR_IPV4
	ErrIPAddrIPv6     unix.Errno = 4110 // IPSET_ERR_IPADDR_IPV6
	ErrCounter        unix.Errno = 4111 // IPSET_ERR_COUNTER
	ErrComment        unix.Errno = 4112 // IPSET_ERR_COMMENT
	ErrMarkMask       unix.Errno = 4113 // IPSET_ERR_INVALID_MARKMASK
	ErrSkbInfo        unix.Errno = 4114 // IPSET_ERR_SKBINFO
	ErrBitmaskNetmask unix.Errno = 4115 // IPSET_ERR_BITMASK_NETMASK_EXCL

	ErrTypeSpecific unix.Errno = 4352 // IPSET_ERR_TYPE_SPECIFIC

	// bitmap types
	ErrBitmapRange     unix.Errno = 4352 // IPSET_ERR_BITMAP_RANGE
	ErrBitmapRangeSize unix.Errno = 4353 // IPSET_ERR_BITMAP_RANGE_SIZE

	// hash types
	ErrHashFull             unix.Errno = 4352 // IPSET_ERR_HASH_FULL
	ErrHashElem             unix.Errno = 4353 // IPSET_ERR_HASH_ELEM
	ErrInvalidProto         unix.Errno = 4354 // IPSET_ERR_INVALID_PROTO
	ErrMissingProto         unix.Errno = 4355 // IPSET_ERR_MISSING_PROTO
	ErrHashRangeUnsupported unix.Errno = 4356 // IPSET_ERR_HASH_RANGE_UNSUPPORTED
	ErrHashRange            unix.Errno = 4357 // IPSET_ERR_HASH_RANGE

	// list:set
	ErrName     unix.Errno = 4352 // IPSET_ERR_NAME
	ErrLoop     unix.Errno = 4353 // IPSET_ERR_LOOP
	ErrBefore   unix.Errno = 4354 // IPSET_ERR_BEFORE
	ErrNameRef  unix.Errno = 4355 // IPSET_ERR_NAMEREF
	ErrListFull unix.Errno = 4356 // IPSET_ERR_LIST_FULL
	ErrRefExist unix.Errno = 4357 // IPSET_ERR_REF_EXIST
)

type errText struct {
	errno unix.Errno
	cmd   Cmd // CmdNone: any command
	text  string
}

// coreTexts are ipset's wording of the kernel's generic refusals. An entry
// for a specific command wins over the entry for any command.
var coreTexts = []errText{
	{unix.ENOENT, CmdNone, "The set with the given name does not exist"},
	{unix.EMSGSIZE, CmdNone, "Kernel error received: message could not be created"},
	{ErrProtocol, CmdNone, "Kernel error received: ipset protocol error"},
	{unix.EEXIST, CmdCreate, "Set cannot be created: set with the same name already exists"},
	{ErrFindType, CmdNone, "Kernel error received: set type not supported"},
	{ErrMaxSets, CmdNone, "Kernel error received: maximal number of sets reached, cannot create more."},
	{ErrInvalidMask, CmdNone, "The value of the netmask parameter is invalid"},
	{ErrMarkMask, CmdNone, "The value of the markmask parameter is invalid"},
	{ErrInvalidFamily, CmdNone, "Protocol family not supported by the set type"},
	{ErrBusy, CmdDestroy, "Set cannot be destroyed: it is in use by a kernel component"},
	{ErrExistSetName2, CmdRename, "Set cannot be renamed: a set with the new name already exists"},
	{ErrReferenced, CmdRename, "Set cannot be renamed: it is in use by another system"},
	{ErrExistSetName2, CmdSwap, "Sets cannot be swapped: the second set does not exist"},
	{ErrTypeMismatch, CmdSwap, "The sets cannot be swapped: their type does not match"},
	{ErrInvalidCIDR, CmdNone, "The value of the CIDR parameter of the IP address is invalid"},
	{ErrTimeout, CmdNone, "Timeout cannot be used: set was created without timeout support"},
	{ErrIPAddrIPv4, CmdNone, "An IPv4 address is expected, but not received"},
	{ErrIPAddrIPv6, CmdNone, "An IPv6 address is expected, but not received"},
	{ErrCounter, CmdNone, "Packet/byte counters cannot be used: set was created without counter support"},
	{ErrComment, CmdNone, "Comment cannot be used: set was created without comment support"},
	{ErrSkbInfo, CmdNone, "Skbinfo mapping cannot be used: set was created without skbinfo support"},
	{ErrExist, CmdAdd, "Element cannot be added to the set: it's already added"},
	{ErrExist, CmdDel, "Element cannot be deleted from the set: it's not added"},
	{unix.EEXIST, CmdType, "Kernel error received: set type does not supported"},
}

var bitmapTexts = []errText{
	{ErrBitmapRange, CmdNone, "Element is out of the range of the set"},
	{ErrBitmapRangeSize, CmdCreate, "The range you specified exceeds the size limit of the set type"},
}

var hashTexts = []errText{
	{ErrHashFull, CmdNone, "Hash is full, cannot add more elements"},
	{ErrHashElem, CmdNone, "Null-valued element, cannot be stored in a hash type of set"},
	{ErrInvalidProto, CmdNone, "Invalid protocol specified"},
	{ErrMissingProto, CmdNone, "Protocol missing, but must be specified"},
	{ErrHashRangeUnsupported, CmdNone, "Range is not supported in the \"net\" component of the element"},
	{ErrHashRange, CmdNone, "Invalid range, covers the whole address space"},
}

var listTexts = []errText{
	{ErrName, CmdNone, "Set to be added/deleted/tested as element does not exist."},
	{ErrLoop, CmdNone, "Sets with list:set type cannot be added to the set."},
	{ErrBefore, CmdNone, "No reference set specified."},
	{ErrNameRef, CmdNone, "The set to which you referred with 'before' or 'after' does not exist."},
	{ErrListFull, CmdNone, "The set is full, more elements cannot be added."},
	{ErrRefExist, CmdNone, "The set to which you referred with 'before' or 'after' is not added to the set."},
}

func lookup(table []errText, cmd Cmd, errno unix.Errno) (string, bool) {
	generic := ""
	for _, e := range table {
		if e.errno != errno {
			continue
		}
		if e.cmd == cmd {
			return e.text, true
		}
		if e.cmd == CmdNone && generic == "" {
			generic = e.text
		}
	}
	return generic, generic != ""
}

// Message words errno the way ipset does for command cmd on a set of type
// typeName (which only matters for the type-specific errnos from 4352 up
// and may be empty).
func Message(cmd Cmd, typeName string, errno unix.Errno) string {
	if errno >= ErrTypeSpecific {
		var table []errText
		switch {
		case strings.HasPrefix(typeName, "bitmap:"):
			table = bitmapTexts
		case strings.HasPrefix(typeName, "hash:"):
			table = hashTexts
		case strings.HasPrefix(typeName, "list:"):
			table = listTexts
		}
		if s, ok := lookup(table, cmd, errno); ok {
			return s
		}
	}
	if s, ok := lookup(coreTexts, cmd, errno); ok {
		return s
	}
	if errno < ErrPrivate {
		return "Kernel error received: " + strerror(errno)
	}
	return fmt.Sprintf("Undecoded error %d received from kernel", uint(errno))
}

// Error is a refusal of an ipset request by the kernel: the command, the
// set's type when known, and the underlying *nl.OpError with the errno and
// any extended-ack message.
type Error struct {
	Cmd  Cmd
	Set  string
	Type string
	Err  *nl.OpError
}

// Errno returns the kernel's errno.
func (e *Error) Errno() unix.Errno { return e.Err.Errno() }

// Error returns ipset's wording of the refusal, followed by the kernel's
// extended-ack message if it sent one.
func (e *Error) Error() string {
	s := Message(e.Cmd, e.Type, e.Errno())
	if e.Err.Message != "" {
		s += " (kernel: " + e.Err.Message + ")"
	}
	return s
}

// Unwrap returns the *nl.OpError.
func (e *Error) Unwrap() error { return e.Err }

// wrap turns a kernel refusal into an *Error; other errors pass through.
func wrap(err error, cmd Cmd, set, typ string) error {
	var op *nl.OpError
	if err == nil || !errors.As(err, &op) || op.Errno() == 0 || op.Op == "send" || op.Op == "receive" {
		return err
	}
	return &Error{Cmd: cmd, Set: set, Type: typ, Err: op}
}

// IsExist reports whether err is the kernel saying an element is already
// added (at add) or not added (at del), or that a set exists (at create).
func IsExist(err error) bool {
	var e *Error
	if !errors.As(err, &e) {
		return false
	}
	n := e.Errno()
	return n == ErrExist || (e.Cmd == CmdCreate && n == unix.EEXIST)
}

// IsNotFound reports whether err says the set does not exist.
func IsNotFound(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Errno() == unix.ENOENT
}

// strerror is the C library's wording of errno: Go's, capitalised.
func strerror(errno unix.Errno) string {
	s := errno.Error()
	if s != "" && s[0] >= 'a' && s[0] <= 'z' {
		s = string(s[0]-'a'+'A') + s[1:]
	}
	return s
}
