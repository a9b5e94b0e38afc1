package xfrm

import (
	"iter"

	"github.com/gip-suite/gip/internal/nl"
)

// PolicyInfo is struct xfrm_userpolicy_info.
type PolicyInfo struct {
	Sel      Selector
	Lifetime Lifetime
	Current  Current
	Priority uint32
	Index    uint32
	Dir      uint8
	Action   uint8
	Flags    uint8
	Share    uint8
}

func (p *PolicyInfo) put(b []byte) {
	p.Sel.put(b)
	p.Lifetime.put(b[56:])
	p.Current.put(b[120:])
	ne.PutUint32(b[152:], p.Priority)
	ne.PutUint32(b[156:], p.Index)
	b[160], b[161], b[162], b[163] = p.Dir, p.Action, p.Flags, p.Share
}

func getPolicyInfo(b []byte) PolicyInfo {
	return PolicyInfo{
		Sel: getSelector(b), Lifetime: getLifetime(b[56:]), Current: getCurrent(b[120:]),
		Priority: ne.Uint32(b[152:]), Index: ne.Uint32(b[156:]),
		Dir: b[160], Action: b[161], Flags: b[162], Share: b[163],
	}
}

// PolicyID is struct xfrm_userpolicy_id: a policy named by its selector
// or its index, and its direction.
type PolicyID struct {
	Sel   Selector
	Index uint32
	Dir   uint8
}

func (p *PolicyID) put(b []byte) {
	p.Sel.put(b)
	ne.PutUint32(b[56:], p.Index)
	b[60] = p.Dir
}

// PolicyAttrs are a policy's optional attributes.
type PolicyAttrs struct {
	Type      *uint8 // XFRMA_POLICY_TYPE
	Templates []Template
	Mark      *Mark
	SecCtx    *SecCtx
	IfID      *uint32
}

// Policy is one policy as the kernel reports it (XFRM_MSG_NEWPOLICY,
// UPDPOLICY, DELPOLICY, POLEXPIRE) or as a request adds it.
type Policy struct {
	Info PolicyInfo
	PolicyAttrs
	// Hard is a POLEXPIRE's hard flag.
	Hard uint8
}

// encode appends the attributes in the order ip sends them.
func (a *PolicyAttrs) encode(e *nl.AttrEncoder, withTemplates bool) {
	if a.Type != nil {
		b := make([]byte, sizePolicyType)
		b[0] = *a.Type
		e.Bytes(AttrPolicyType, b)
	}
	if withTemplates && a.Templates != nil {
		e.Bytes(AttrTmpl, encodeTemplates(a.Templates))
	}
	if a.Mark != nil {
		e.Bytes(AttrMark, a.Mark.bytes())
	}
	if a.SecCtx != nil {
		e.Bytes(AttrSecCtx, a.SecCtx.bytes(AttrSecCtx))
	}
	if a.IfID != nil {
		e.Uint32(AttrIfID, *a.IfID)
	}
}

// decode reads the attributes it knows from d; policy, when not nil,
// receives XFRMA_POLICY (a DELPOLICY notification's policy).
func (a *PolicyAttrs) decode(d nl.AttrDecoder, policy *[]byte) error {
	for d.Next() {
		b := d.Bytes()
		switch d.Type() {
		case AttrPolicyType:
			if len(b) < sizePolicyType {
				return ErrShort
			}
			t := b[0]
			a.Type = &t
		case AttrTmpl:
			a.Templates = decodeTemplates(b)
		case AttrMark:
			m, err := getMark(b)
			if err != nil {
				return err
			}
			a.Mark = m
		case AttrSecCtx:
			c, err := getSecCtx(b)
			if err != nil {
				return err
			}
			a.SecCtx = c
		case AttrIfID:
			v := d.Uint32()
			a.IfID = &v
		case AttrPolicy:
			if policy != nil {
				*policy = b
			}
		}
	}
	return d.Err()
}

// Message is the request that adds (NEWPOLICY) or replaces (UPDPOLICY)
// the policy.
func (p *Policy) Message(typ uint16) (nl.Message, error) {
	b := make([]byte, sizePolicyInfo)
	p.Info.put(b)
	e := nl.NewAttrEncoder(b)
	p.encode(e, true)
	data, err := e.Encode()
	return nl.Message{Header: nl.Header{Type: typ}, Data: data}, err
}

// ParsePolicy decodes a policy message: NEWPOLICY, UPDPOLICY, POLEXPIRE,
// or DELPOLICY (an id followed by the policy in XFRMA_POLICY). The result
// does not alias m.
func ParsePolicy(m nl.Message) (*Policy, error) {
	b := m.Data
	p := &Policy{}
	switch m.Header.Type {
	case MsgDelPolicy:
		if len(b) < sizePolicyID {
			return nil, ErrShort
		}
		var info []byte
		if err := p.decode(nl.NewAttrDecoder(b[sizePolicyID:]), &info); err != nil {
			return nil, err
		}
		if len(info) < sizePolicyInfo {
			return nil, ErrShort
		}
		p.Info = getPolicyInfo(info)
	case MsgPolExpire:
		if len(b) < sizePolExpire {
			return nil, ErrShort
		}
		p.Info, p.Hard = getPolicyInfo(b), b[sizePolicyInfo]
		if err := p.decode(nl.NewAttrDecoder(b[sizePolExpire:]), nil); err != nil {
			return nil, err
		}
	default:
		if len(b) < sizePolicyInfo {
			return nil, ErrShort
		}
		p.Info = getPolicyInfo(b)
		if err := p.decode(nl.NewAttrDecoder(b[sizePolicyInfo:]), nil); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// PolicyRef names one policy for GETPOLICY or DELPOLICY: its id and the
// attributes that tell it from others (type, mark, security context,
// interface id).
type PolicyRef struct {
	ID PolicyID
	PolicyAttrs
}

// Message is the request of type typ (GETPOLICY or DELPOLICY) for the
// policy.
func (r *PolicyRef) Message(typ uint16) (nl.Message, error) {
	b := make([]byte, sizePolicyID)
	r.ID.put(b)
	e := nl.NewAttrEncoder(b)
	r.encode(e, false)
	data, err := e.Encode()
	return nl.Message{Header: nl.Header{Type: typ}, Data: data}, err
}

// ParsePolicyRef decodes a GETPOLICY or DELPOLICY request.
func ParsePolicyRef(m nl.Message) (*PolicyRef, error) {
	b := m.Data
	if len(b) < sizePolicyID {
		return nil, ErrShort
	}
	r := &PolicyRef{ID: PolicyID{Sel: getSelector(b), Index: ne.Uint32(b[56:]), Dir: b[60]}}
	if err := r.decode(nl.NewAttrDecoder(b[sizePolicyID:]), nil); err != nil {
		return nil, err
	}
	return r, nil
}

// Ref is the reference that deletes the policy, as ip builds it for
// deleteall: selector, index and direction, mark and interface id.
func (p *Policy) Ref() *PolicyRef {
	return &PolicyRef{
		ID:          PolicyID{Sel: p.Info.Sel, Index: p.Info.Index, Dir: p.Info.Dir},
		PolicyAttrs: PolicyAttrs{Mark: p.Mark, IfID: p.IfID},
	}
}

// FlushPolicies is the request that deletes every policy, of one type
// when typ is not nil.
func FlushPolicies(typ *uint8) (nl.Message, error) {
	e := nl.NewAttrEncoder(nil)
	(&PolicyAttrs{Type: typ}).encode(e, false)
	data, err := e.Encode()
	return nl.Message{Header: nl.Header{Type: MsgFlushPolicy}, Data: data}, err
}

// Policies streams the policy database.
func Policies(c *nl.Conn) iter.Seq2[*Policy, error] {
	return func(yield func(*Policy, error) bool) {
		req := nl.Message{Header: nl.Header{Type: MsgGetPolicy, Flags: nl.Dump}}
		for r, err := range c.Dump(req) {
			if err != nil {
				yield(nil, err)
				return
			}
			switch r.Header.Type {
			case MsgNewPolicy, MsgUpdPolicy, MsgDelPolicy, MsgPolExpire:
			default:
				continue
			}
			p, err := ParsePolicy(r)
			if !yield(p, err) || err != nil {
				return
			}
		}
	}
}
