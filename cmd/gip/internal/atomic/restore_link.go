package atomic

import (
	"fmt"
	"slices"

	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// restoreLinks deletes the links the batch created, re-creates those it
// deleted with their ifindex (a veth with its peer), gives every link
// its name, MTU, address, alias, master and port options back, then its
// state, up or down.
func (t *Txn) restoreLinks() {
	pre := t.pre[kLink]
	cur, err := t.dump(kLink)
	if err != nil {
		t.refused("links", err)
		return
	}
	for key, c := range cur {
		was, ok := pre[key]
		if ok && was.link().Kind == c.link().Kind {
			continue
		}
		t.exec(c.desc, linkKind.del(c), true)
	}
	if cur, err = t.dump(kLink); err != nil {
		t.refused("links", err)
		return
	}
	t.recreateLinks(pre, cur)

	t.eachLink(func(was *rtnl.Link, c object) {
		now := c.link()
		s := fixLink(was, now)
		if s == nil {
			return
		}
		if s.Name != "" && now.Flags&unix.IFF_UP != 0 {
			// A link is renamed only while down.
			if m, err := setUp(was.Index, false); err == nil {
				t.exec(c.desc, m, false)
			}
		}
		if m, err := s.Message(unix.RTM_NEWLINK, 0); err == nil {
			t.exec(c.desc, m, false)
		}
	})
	t.eachLink(func(was *rtnl.Link, c object) {
		if s := fixPort(was, c.link()); s != nil {
			if m, err := s.Message(unix.RTM_NEWLINK, 0); err == nil {
				t.exec(c.desc, m, false)
			}
		}
		if up := was.Flags&unix.IFF_UP != 0; up != (c.link().Flags&unix.IFF_UP != 0) {
			if m, err := setUp(was.Index, up); err == nil {
				t.exec(c.desc, m, false)
			}
		}
	})
}

// eachLink reads the links again and calls fn with each link of the
// pre-image that exists, as it was and as it is, by ifindex.
func (t *Txn) eachLink(fn func(was *rtnl.Link, cur object)) {
	cur, err := t.dump(kLink)
	if err != nil {
		t.refused("links", err)
		return
	}
	for _, was := range sortedLinks(t.pre[kLink]) {
		if c, ok := cur[fmt.Sprint(was.Index)]; ok {
			fn(was, c)
		}
	}
}

// recreateLinks re-creates the links of pre that cur lacks, a lower
// device before the links on it.
func (t *Txn) recreateLinks(pre, cur state) {
	var missing []*rtnl.Link
	for key, o := range pre {
		if _, ok := cur[key]; !ok {
			missing = append(missing, o.link())
		}
	}
	slices.SortFunc(missing, func(a, b *rtnl.Link) int { return int(a.Index - b.Index) })
	done := map[int32]bool{}
	exists := func(i int32) bool { _, ok := cur[fmt.Sprint(i)]; return ok || done[i] }
	for pass := 0; pass < 4 && len(done) < len(missing); pass++ {
		for _, l := range missing {
			if done[l.Index] {
				continue
			}
			var peer *rtnl.Link
			if l.Kind == "veth" {
				if p, ok := pre[fmt.Sprint(l.LinkIndex)]; ok && !l.Has(unix.IFLA_LINK_NETNSID) {
					peer = p.link()
				}
				if peer == nil || exists(peer.Index) {
					done[l.Index] = true
					t.Refused = append(t.Refused, fmt.Sprintf("restoring link %s (ifindex %d): its veth peer is not in this namespace", l.Name, l.Index))
					continue
				}
			} else if l.LinkIndex != 0 && l.LinkIndex != l.Index && !l.Has(unix.IFLA_LINK_NETNSID) && !exists(l.LinkIndex) {
				continue // its lower device first
			}
			desc := fmt.Sprintf("link %s (ifindex %d)", l.Name, l.Index)
			if err := t.createLink(l, peer); err != nil {
				t.refused(desc, err)
			}
			done[l.Index] = true
			if peer != nil {
				done[peer.Index] = true
			}
		}
	}
}

// sortedLinks is the links of a state by ifindex: masters are usually
// older than their ports.
func sortedLinks(s state) []*rtnl.Link {
	var out []*rtnl.Link
	for _, o := range s {
		out = append(out, o.link())
	}
	slices.SortFunc(out, func(a, b *rtnl.Link) int { return int(a.Index - b.Index) })
	return out
}

// createLink re-creates a link with the options its kind reported. The
// kernel refuses some of those it reports (read-only ones, options of
// features it was built without), not always saying which: the link is
// then created without each option in turn, and last with the kind's
// defaults.
func (t *Txn) createLink(l, peer *rtnl.Link) error {
	try := func(data []byte) error {
		m, err := createLink(l, peer, data)
		if err != nil {
			return err
		}
		return t.execute(m)
	}
	err := try(l.Data)
	if err == nil || len(l.Data) == 0 || l.Kind == "veth" {
		return err
	}
	for i := 0; ; i++ {
		data, ok := withoutNth(l.Data, i)
		if !ok {
			break
		}
		if try(data) == nil {
			return nil
		}
	}
	if try(nil) == nil {
		return nil
	}
	return err
}
