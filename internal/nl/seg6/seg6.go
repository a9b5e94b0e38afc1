package seg6

import (
	"fmt"
	"net/netip"

	"github.com/gip-suite/gip/internal/nl"
)

// The family and its commands (SEG6_GENL_NAME, SEG6_CMD_*).
const (
	FamilyName = "SEG6"
	Version    = 1

	CmdSetHMAC   = 1 // SEG6_CMD_SETHMAC
	CmdDumpHMAC  = 2 // SEG6_CMD_DUMPHMAC
	CmdSetTunSrc = 3 // SEG6_CMD_SET_TUNSRC
	CmdGetTunSrc = 4 // SEG6_CMD_GET_TUNSRC
)

// Attributes (SEG6_ATTR_*).
const (
	attrDst       = 1 // 16 bytes
	attrHMACKeyID = 3 // u32
	attrSecret    = 4 // bytes
	attrSecretLen = 5 // u8
	attrAlgID     = 6 // u8
)

// Algo is an HMAC algorithm (SEG6_HMAC_ALGO_*).
type Algo uint8

// The algorithms.
const (
	AlgoSHA1   Algo = 1
	AlgoSHA256 Algo = 2
)

// HMAC is one HMAC key: its id, algorithm and secret. SecretLen is the
// length the kernel reports; a set request sends the secret's own.
type HMAC struct {
	KeyID     uint32
	Algo      Algo
	Secret    []byte
	SecretLen uint8
}

// ParseHMAC decodes the attributes of a SEG6_CMD_DUMPHMAC answer.
func ParseHMAC(attrs []byte) (*HMAC, error) {
	h := &HMAC{}
	d := nl.NewAttrDecoder(attrs)
	for d.Next() {
		switch d.Type() {
		case attrHMACKeyID:
			h.KeyID = d.Uint32()
		case attrAlgID:
			h.Algo = Algo(d.Uint8())
		case attrSecretLen:
			h.SecretLen = d.Uint8()
		case attrSecret:
			h.Secret = append([]byte{}, d.Bytes()...)
		}
	}
	if err := d.Err(); err != nil {
		return nil, fmt.Errorf("seg6: decoding an HMAC key: %w", err)
	}
	return h, nil
}

// Attrs encodes h as the kernel sends it in a dump.
func (h *HMAC) Attrs() ([]byte, error) {
	e := nl.NewAttrEncoder(nil)
	e.Uint32(attrHMACKeyID, h.KeyID)
	if h.Secret != nil {
		e.Bytes(attrSecret, h.Secret)
	}
	e.Uint8(attrSecretLen, h.SecretLen)
	e.Uint8(attrAlgID, uint8(h.Algo))
	return e.Encode()
}

// SetHMACAttrs is the request that sets key id to the secret (an empty
// secret deletes the key), in ip's order of attributes.
func SetHMACAttrs(id uint32, algo Algo, secret []byte) ([]byte, error) {
	e := nl.NewAttrEncoder(nil)
	e.Uint32(attrHMACKeyID, id)
	e.Uint8(attrSecretLen, uint8(len(secret)))
	e.Uint8(attrAlgID, uint8(algo))
	if len(secret) > 0 {
		e.Bytes(attrSecret, secret)
	}
	return e.Encode()
}

// ParseTunSrc decodes the address of a SEG6_CMD_GET_TUNSRC answer
// (invalid when it has none).
func ParseTunSrc(attrs []byte) (netip.Addr, error) {
	var a netip.Addr
	d := nl.NewAttrDecoder(attrs)
	for d.Next() {
		if d.Type() == attrDst && d.Len() == 16 {
			a = d.Addr()
		}
	}
	if err := d.Err(); err != nil {
		return netip.Addr{}, fmt.Errorf("seg6: decoding the tunnel source: %w", err)
	}
	return a, nil
}

// TunSrcAttrs is the request (and answer) naming the tunnel source a.
func TunSrcAttrs(a netip.Addr) ([]byte, error) {
	e := nl.NewAttrEncoder(nil)
	e.Addr(attrDst, a)
	return e.Encode()
}
