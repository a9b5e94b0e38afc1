package xfrm

import (
	"math"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl/xfrm"
)

// template reads TMPL := ID [ mode MODE ] [ reqid REQID ] [ level LEVEL ]
// after "tmpl" as xfrm_tmpl_parse does: the words in any order, one ID,
// its family the parser's until the ID names one (then later addresses
// default to it).
func (p *parser) template() (xfrm.Template, error) {
	t := xfrm.Template{Family: uint16(p.family), AuthAlgos: math.MaxUint32, EncAlgos: math.MaxUint32, CompAlgos: math.MaxUint32}
	if !p.a.More() {
		return t, fail.Incomplete()
	}
	id := false
loop:
	for p.a.More() {
		switch word := p.a.Next(); word {
		case "mode":
			m, err := p.mode()
			if err != nil {
				return t, err
			}
			t.Mode = m
		case "reqid":
			n, err := p.u32("REQID value is invalid")
			if err != nil {
				return t, err
			}
			t.ReqID = n
		case "level":
			v, err := p.value()
			if err != nil {
				return t, err
			}
			switch v {
			case "required":
				t.Optional = 0
			case "use":
				t.Optional = 1
			default:
				return t, fail.Invalid("LEVEL value is invalid\n", v)
			}
		default:
			p.a.Back()
			if id {
				break loop
			}
			id = true
			p.family = 0
			family, err := p.id(&t.Src, &t.ID, false, &idWords{})
			if err != nil {
				return t, err
			}
			if family != 0 {
				t.Family = uint16(family)
			}
			p.family = uint8(t.Family)
		}
	}
	return t, nil
}
