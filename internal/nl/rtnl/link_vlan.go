package rtnl

import (
	"encoding/binary"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// VLAN flags (enum vlan_flags), in IFLA_VLAN_FLAGS with their mask.
const (
	VlanFlagReorderHdr    = 0x1
	VlanFlagGVRP          = 0x2
	VlanFlagLooseBinding  = 0x4
	VlanFlagMVRP          = 0x8
	VlanFlagBridgeBinding = 0x10
)

// Vlan is the options of an 802.1Q/802.1ad vlan link (IFLA_VLAN_*).
type Vlan struct {
	Protocol Opt[uint16] // network order on the wire
	ID       Opt[uint16]
	Flags    Opt[BitSet]
	// The priority maps: ingress from the VLAN header's priority to the
	// packet's, egress back.
	IngressQoS, EgressQoS VlanQoSMap
}

// VlanQoSMap is a VLAN priority map (IFLA_VLAN_INGRESS_QOS or
// IFLA_VLAN_EGRESS_QOS): Set sends it, even without mappings.
type VlanQoSMap struct {
	Set      bool
	Mappings []VlanQoSMapping
}

// VlanQoSMapping maps one priority (struct ifla_vlan_qos_mapping).
type VlanQoSMapping struct{ From, To uint32 }

func (v *Vlan) fields() []field {
	return []field{
		be16Field(unix.IFLA_VLAN_PROTOCOL, &v.Protocol),
		u16Field(unix.IFLA_VLAN_ID, &v.ID),
		bitSetField(unix.IFLA_VLAN_FLAGS, &v.Flags),
		qosMapField(unix.IFLA_VLAN_INGRESS_QOS, &v.IngressQoS),
		qosMapField(unix.IFLA_VLAN_EGRESS_QOS, &v.EgressQoS),
	}
}

// Encode implements LinkData.
func (v *Vlan) Encode(e *nl.AttrEncoder) { encodeFields(e, v.fields()) }

// Decode implements LinkData.
func (v *Vlan) Decode(data []byte) error { return decodeFields(data, v.fields()) }

// qosMapField is a nest of IFLA_VLAN_QOS_MAPPING structs.
func qosMapField(t uint16, m *VlanQoSMap) field {
	return listField(t, unix.IFLA_VLAN_QOS_MAPPING, &m.Set, &m.Mappings,
		func(q VlanQoSMapping) []byte { return u32s(q.From, q.To) },
		func(b []byte) (VlanQoSMapping, bool) {
			if len(b) != 8 {
				return VlanQoSMapping{}, false
			}
			return VlanQoSMapping{binary.NativeEndian.Uint32(b), binary.NativeEndian.Uint32(b[4:])}, true
		})
}

// listField is a nest of item attributes, one per element of list; set
// sends the nest even empty and says, decoded, that it came. Items dec
// cannot read are skipped.
func listField[T any](t, item uint16, set *bool, list *[]T, enc func(T) []byte, dec func([]byte) (T, bool)) field {
	return mk(t, func(e *nl.AttrEncoder) {
		if !*set {
			return
		}
		e.Nest(t)
		for _, v := range *list {
			e.Bytes(item, enc(v))
		}
		e.Unnest()
	}, func(d *nl.AttrDecoder) {
		*set, *list = true, nil
		n := d.Nested()
		for n.Next() {
			if v, ok := dec(n.Bytes()); ok && n.Type() == item {
				*list = append(*list, v)
			}
		}
	})
}
