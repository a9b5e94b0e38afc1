package xfrm

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/xfrm"
	"golang.org/x/sys/unix"
)

// planStateFlush is state flush [ proto XFRM-PROTO ].
func planStateFlush(e *env.Env, args []string) ([]plan.Step, error) {
	p := newParser(e, args)
	var proto uint8
	seen := false
	for p.a.More() {
		word := p.a.Next()
		if word != "proto" {
			return nil, fail.Invalid("unknown", word)
		}
		if seen {
			return nil, fail.Duplicate("proto", word)
		}
		seen = true
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		n, ok := xfrmProtoNumber(v)
		if !ok {
			return nil, fail.Invalid("XFRM-PROTO value is invalid", v)
		}
		proto = n
	}
	build := func(*env.Env) (nl.Message, error) { return xfrm.FlushStates(proto), nil }
	return []plan.Step{{Build: build, Proto: unix.NETLINK_XFRM, Report: kernelFatal, Fatal: true}}, nil
}

// runStateCount is state count: the SAD's counters.
func runStateCount(e *env.Env, _ []string) error {
	return printReplies(e, xfrm.SADInfoRequest(), "BAD SAD info returned", func(rep nl.Message) (format.FieldRecord, error) {
		info, err := xfrm.ParseSADInfo(rep)
		if err == nil && info.Count == nil {
			err = xfrm.ErrShort
		}
		return &sadView{info: info, stats: e.G.Stats}, err
	})
}

// sadView prints the SAD's counters as print_sadinfo does.
type sadView struct {
	info  *xfrm.SADInfo
	stats int
}

func (v *sadView) Fields(f *format.Fields) {
	f.Uint("count", "\t SAD count %u", uint64(*v.info.Count))
	if h := v.info.Hash; v.stats > 0 && h != nil {
		f.Open("buckets")
		f.Uint("count", " (buckets count %u", uint64(h.Count))
		f.Uint("max", " Max %u)", uint64(h.Max))
		f.Close()
	}
	f.Literal("\n")
}
