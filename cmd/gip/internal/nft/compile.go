package nft

import (
	"strconv"

	"github.com/gip-suite/gip/internal/nl/nftables"
)

// compiler turns the statements of a rule, in nft's language, into the
// kernel's expressions, adding the protocol matches nft adds.
type compiler struct {
	p        *parser
	family   nftables.Family
	table    string
	tx       *nftables.Tx
	exprs    []nftables.Expr
	netProto string
	l4       string
	comment  string
	verdict  bool   // a verdict ended the rule
	spans    []span // per expression, the words of its statement
	cur      span
	// checkSet, when set, fails as nft does for a reference (@NAME) to a
	// set that does not exist.
	checkSet func(ref token) error
}

// span is a stretch of the command line an error points at.
type span struct{ pos, n int }

func (s selDesc) t() *dtype {
	switch {
	case s.f != nil && s.f.t.size == 0:
		// An integer field is as wide as the field.
		t := *s.f.t
		t.size = int(s.f.len)
		return &t
	case s.f != nil:
		return s.f.t
	case s.meta != nil:
		return s.meta.t
	}
	return s.ct.t
}

func (s selDesc) size() int { return s.t().size }

var headerProtos = map[string]bool{"ether": true, "ip": true, "ip6": true, "tcp": true, "udp": true, "th": true, "icmp": true, "icmpv6": true}

func (c *compiler) emit(x ...nftables.Expr) {
	c.exprs = append(c.exprs, x...)
	for range x {
		c.spans = append(c.spans, c.cur)
	}
}

// prepend puts the protocol match a statement implies at the start of
// the rule, where nft puts it.
func (c *compiler) prepend(x ...nftables.Expr) {
	c.exprs = append(x, c.exprs...)
	c.spans = append(make([]span, len(x)), c.spans...)
	for i := range x {
		c.spans[i] = c.cur
	}
}

var relOps = map[string]uint32{"==": nftables.CmpEq, "eq": nftables.CmpEq, "!=": nftables.CmpNeq, "ne": nftables.CmpNeq,
	"<": nftables.CmpLt, "lt": nftables.CmpLt, "<=": nftables.CmpLte, "le": nftables.CmpLte,
	">": nftables.CmpGt, "gt": nftables.CmpGt, ">=": nftables.CmpGte, "ge": nftables.CmpGte}

// statement compiles one statement that is not a match.
func (c *compiler) statement() error {
	p := c.p
	t := p.next()
	switch t.s {
	case "accept", "drop", "continue", "return":
		codes := map[string]int32{"accept": nftables.VerdictAccept, "drop": nftables.VerdictDrop,
			"continue": nftables.VerdictContinue, "return": nftables.VerdictReturn}
		c.emit(&nftables.Immediate{DReg: nftables.RegVerdict, Data: nftables.Data{Verdict: &nftables.Verdict{Code: codes[t.s]}}})
		c.verdict = true
	case "jump", "goto":
		ct, err := p.word()
		if err != nil {
			return err
		}
		code := nftables.VerdictJump
		if t.s == "goto" {
			code = nftables.VerdictGoto
		}
		c.cur = span{ct.pos, len(ct.s)}
		c.emit(&nftables.Immediate{DReg: nftables.RegVerdict, Data: nftables.Data{Verdict: &nftables.Verdict{Code: code, Chain: ct.s}}})
		c.verdict = true
	case "counter":
		if p.accept("name") {
			return c.objref(nftables.ObjCounter)
		}
		if p.accept("packets") {
			if _, err := p.word(); err != nil {
				return err
			}
			if err := p.expect("bytes"); err != nil {
				return err
			}
			if _, err := p.word(); err != nil {
				return err
			}
		}
		c.emit(&nftables.Counter{})
	case "limit":
		return c.limit()
	case "log":
		return c.log()
	case "quota":
		return c.quota()
	case "reject":
		return c.reject()
	case "snat", "dnat":
		return c.nat(t)
	case "masquerade", "redirect":
		return c.portNAT(t)
	case "comment":
		ct, err := p.word()
		if err != nil {
			return err
		}
		c.comment = ct.s
	default:
		// nft reads an unknown word as the start of an expression.
		if p.done() {
			return lineError(p.line, len(p.line), 1, "syntax error, unexpected newline")
		}
		return p.syntax()
	}
	return nil
}

func (c *compiler) number(max uint64) (uint64, token, error) {
	t, err := c.p.word()
	if err != nil {
		return 0, t, err
	}
	n, perr := strconv.ParseUint(t.s, 0, 64)
	if perr != nil || n > max {
		return 0, t, c.p.errAt(t, "syntax error, unexpected string")
	}
	return n, t, nil
}

var unitSeconds = map[string]uint64{"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800}

var byteUnits = map[string]uint64{"bytes": 1, "kbytes": 1024, "mbytes": 1024 * 1024}

const (
	reg2 = 2 // NFT_REG_2
)

// compileRule reads a rule's statements until the end of the line. It
// returns the expressions, the words each came from, and the rule's user
// data.
func compileRule(p *parser, tx *nftables.Tx, f nftables.Family, table string, checkSet func(ref token) error) ([]nftables.Expr, []span, []byte, error) {
	c := &compiler{p: p, family: f, table: table, tx: tx, checkSet: checkSet}
	switch f {
	case nftables.FamilyIP:
		c.netProto = "ip"
	case nftables.FamilyIP6:
		c.netProto = "ip6"
	}
	for !p.done() {
		start := p.toks[p.i].pos
		c.cur = span{start, 0}
		n := len(c.exprs)
		s, ok, err := c.selector()
		if err != nil {
			return nil, nil, nil, err
		}
		if ok {
			err = c.match(s)
		} else {
			err = c.statement()
		}
		if err != nil {
			return nil, nil, nil, err
		}
		// The statement's words: up to the end of its last token.
		last := p.toks[p.i-1]
		end := last.pos + len(last.s)
		if last.quoted {
			end += 2
		}
		for i := n; i < len(c.spans); i++ {
			if c.spans[i].n == 0 {
				c.spans[i] = span{start, end - start}
			}
		}
	}
	if len(c.exprs) == 0 && c.comment == "" {
		return nil, nil, nil, lineError(p.line, len(p.line), 1, "syntax error, unexpected newline")
	}
	var udata []byte
	if c.comment != "" {
		udata = append([]byte{udataRuleComment, byte(len(c.comment) + 1)}, c.comment...)
		udata = append(udata, 0)
	}
	return c.exprs, c.spans, udata, nil
}
