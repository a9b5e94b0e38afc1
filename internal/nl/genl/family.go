package genl

import (
	"errors"
	"fmt"
	"os"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// ControllerID is the fixed family id of the controller, nlctrl
// (GENL_ID_CTRL), the one family whose id need not be resolved.
const ControllerID = unix.GENL_ID_CTRL

// ErrFamilyNotFound is returned when the kernel has no family of the name
// asked for. It matches os.ErrNotExist too.
var ErrFamilyNotFound = fmt.Errorf("genl: family not found: %w", os.ErrNotExist)

// Family is a generic netlink family as the controller describes it.
type Family struct {
	ID         uint16
	Name       string
	Version    uint32
	HeaderSize uint32 // user header after the genl header, usually 0
	MaxAttr    uint32
	Ops        []Op
	Groups     []Group
}

// Op is one command the family implements, with the GENL_* flags saying
// what it allows (GENL_ADMIN_PERM, GENL_CMD_CAP_DO, GENL_CMD_CAP_DUMP, ...).
type Op struct {
	ID    uint32
	Flags uint32
}

// Group is a multicast group of a family.
type Group struct {
	ID   uint32
	Name string
}

// Group returns the id of the multicast group called name.
func (f *Family) Group(name string) (uint32, bool) {
	for _, g := range f.Groups {
		if g.Name == name {
			return g.ID, true
		}
	}
	return 0, false
}

// HasOp reports whether the family implements command cmd.
func (f *Family) HasOp(cmd uint32) bool {
	for _, o := range f.Ops {
		if o.ID == cmd {
			return true
		}
	}
	return false
}

// ParseFamily decodes the attributes of a CTRL_CMD_NEWFAMILY message.
func ParseFamily(attrs []byte) (Family, error) {
	var f Family
	d := nl.NewAttrDecoder(attrs)
	for d.Next() {
		switch d.Type() {
		case unix.CTRL_ATTR_FAMILY_ID:
			f.ID = d.Uint16()
		case unix.CTRL_ATTR_FAMILY_NAME:
			f.Name = d.String()
		case unix.CTRL_ATTR_VERSION:
			f.Version = d.Uint32()
		case unix.CTRL_ATTR_HDRSIZE:
			f.HeaderSize = d.Uint32()
		case unix.CTRL_ATTR_MAXATTR:
			f.MaxAttr = d.Uint32()
		case unix.CTRL_ATTR_OPS:
			d.Decode(func(ops *nl.AttrDecoder) error {
				for ops.Next() {
					var op Op
					ops.Decode(func(a *nl.AttrDecoder) error {
						for a.Next() {
							switch a.Type() {
							case unix.CTRL_ATTR_OP_ID:
								op.ID = a.Uint32()
							case unix.CTRL_ATTR_OP_FLAGS:
								op.Flags = a.Uint32()
							}
						}
						return nil
					})
					f.Ops = append(f.Ops, op)
				}
				return nil
			})
		case unix.CTRL_ATTR_MCAST_GROUPS:
			d.Decode(func(gs *nl.AttrDecoder) error {
				for gs.Next() {
					var g Group
					gs.Decode(func(a *nl.AttrDecoder) error {
						for a.Next() {
							switch a.Type() {
							case unix.CTRL_ATTR_MCAST_GRP_ID:
								g.ID = a.Uint32()
							case unix.CTRL_ATTR_MCAST_GRP_NAME:
								g.Name = a.String()
							}
						}
						return nil
					})
					f.Groups = append(f.Groups, g)
				}
				return nil
			})
		}
	}
	if err := d.Err(); err != nil {
		return Family{}, fmt.Errorf("genl: decoding family: %w", err)
	}
	if f.ID == 0 || f.Name == "" {
		return Family{}, errors.New("genl: family message without id or name")
	}
	return f, nil
}

// familyRequest builds CTRL_CMD_GETFAMILY, for one family by name or, with
// an empty name, for a dump of all of them.
func familyRequest(name string) nl.Message {
	b := Header{Command: unix.CTRL_CMD_GETFAMILY, Version: 2}.Append(nil)
	if name != "" {
		e := nl.NewAttrEncoder(b)
		e.String(unix.CTRL_ATTR_FAMILY_NAME, name)
		b, _ = e.Encode() // a short string cannot overflow
	}
	return nl.Message{Header: nl.Header{Type: ControllerID}, Data: b}
}

// GetFamily asks the controller for the family called name. A family the
// kernel does not have is ErrFamilyNotFound.
func GetFamily(c *nl.Conn, name string) (Family, error) {
	msgs, err := c.Execute(familyRequest(name))
	if err != nil {
		if errors.Is(err, unix.ENOENT) {
			return Family{}, fmt.Errorf("%w: %q", ErrFamilyNotFound, name)
		}
		return Family{}, fmt.Errorf("genl: resolving family %q: %w", name, err)
	}
	for _, m := range msgs {
		if m.Header.Type != ControllerID {
			continue
		}
		g, err := Parse(m.Data)
		if err != nil {
			return Family{}, err
		}
		if g.Header.Command != unix.CTRL_CMD_NEWFAMILY {
			continue
		}
		return ParseFamily(g.Attrs)
	}
	return Family{}, fmt.Errorf("genl: the controller acknowledged the request for family %q without describing it", name)
}

// ListFamilies dumps every family the kernel has.
func ListFamilies(c *nl.Conn) ([]Family, error) {
	var fams []Family
	for m, err := range c.Dump(familyRequest("")) {
		if err != nil {
			return fams, fmt.Errorf("genl: listing families: %w", err)
		}
		g, err := Parse(m.Data)
		if err != nil {
			return fams, err
		}
		f, err := ParseFamily(g.Attrs)
		if err != nil {
			return fams, err
		}
		fams = append(fams, f)
	}
	return fams, nil
}
