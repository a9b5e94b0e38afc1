package main

import (
	"bufio"
	"fmt"
	"slices"
	"strings"

	"github.com/gip-suite/gip/internal/ipaddress"
)

type infoOptions struct{ *globalOptions }

// field is one fact about an address: its key, its text, and its JSON
// value; addr when the text is an address or network (coloured in tables).
type field struct {
	key, text, json string
	addr            bool
}

func strField(key, v string) field { return field{key: key, text: v, json: quoteJSON(v)} }

func addrField(key, v string) field { return field{key: key, text: v, json: quoteJSON(v), addr: true} }

// typeField lists the address's types: "a, b" as text, an array in JSON.
func typeField(words []string) field {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = quoteJSON(w)
	}
	return field{key: "type", text: strings.Join(words, ", "), json: "[" + strings.Join(quoted, ", ") + "]"}
}

// jsonKey is a field's key in JSON: "first host" is "first_host".
func jsonKey(key string) string {
	return strings.NewReplacer(" ", "_", "-", "_").Replace(key)
}

// infoFields lists what there is to know about an interface (an address
// with its prefix length).
func infoFields(i ipaddress.Interface) []field {
	a, n := i.Address(), i.Network()
	fs := []field{
		addrField("address", a.String()),
		{key: "version", text: itoa(a.Version()), json: itoa(a.Version())},
		addrField("network", n.String()),
		strField("netmask", n.Netmask().String()),
		strField("wildcard", n.Hostmask().String()),
		{key: "prefix", text: itoa(n.PrefixLen()), json: itoa(n.PrefixLen())},
	}
	if a.Version() == 4 {
		fs = append(fs, addrField("broadcast", n.BroadcastAddress().String()))
	}
	first, last, ok := hostRange(n)
	if ok {
		fs = append(fs, addrField("first host", first.String()), addrField("last host", last.String()))
	}
	na, nh := n.NumAddresses().String(), n.NumHosts().String()
	fs = append(fs,
		field{key: "addresses", text: na, json: na},
		field{key: "hosts", text: nh, json: nh},
		typeField(typeWords(a)),
		strField("reverse pointer", a.ReversePointer()),
	)
	if m, ok := a.IPv6Mapped(); ok {
		fs = append(fs, addrField("ipv6-mapped", m.String()))
	}
	if m, ok := a.IPv4Mapped(); ok {
		fs = append(fs, addrField("ipv4-mapped", m.String()))
	}
	if v4, ok := a.SixToFour(); ok {
		fs = append(fs, addrField("6to4", v4.String()))
	}
	if server, client, ok := a.Teredo(); ok {
		fs = append(fs, addrField("teredo server", server.String()), addrField("teredo client", client.String()))
	}
	if z := a.ScopeID(); z != "" {
		fs = append(fs, strField("scope", z))
	}
	return fs
}

// hostRange is the first and last address Hosts yields.
func hostRange(n ipaddress.Network) (first, last ipaddress.Address, ok bool) {
	for h := range n.Hosts() {
		first, ok = h, true
		break
	}
	if !ok {
		return first, last, false
	}
	last = n.BroadcastAddress()
	if n.Version() == 4 && n.MaxPrefixLen()-n.PrefixLen() > 1 {
		last, _ = last.Prev()
	}
	if n.PrefixLen() == n.MaxPrefixLen() {
		last = first
	}
	return first, last, true
}

// typeWords names the special-purpose properties of an address.
func typeWords(a ipaddress.Address) []string {
	var w []string
	for _, p := range []struct {
		name string
		is   func() bool
	}{
		{"private", a.IsPrivate}, {"global", a.IsGlobal}, {"reserved", a.IsReserved},
		{"multicast", a.IsMulticast}, {"loopback", a.IsLoopback}, {"link-local", a.IsLinkLocal},
		{"site-local", a.IsSiteLocal}, {"unspecified", a.IsUnspecified},
	} {
		if p.is() {
			w = append(w, p.name)
		}
	}
	if len(w) == 0 {
		w = append(w, "shared") // only 100.64.0.0/10 is neither private nor global
	}
	return w
}

func runInfo(e *env, o *infoOptions, args []string) error {
	if len(args) == 0 && isTerminal(e.stdin) {
		return usagef("give addresses or networks as arguments or on stdin")
	}
	format := o.format
	if format == formatPlain && e.isTTY {
		format = formatTable
	}
	var items []ipaddress.Interface
	l := lister{e: e, skipInvalid: o.skipInvalid}
	err := l.each(args, func(text []byte) error {
		i, err := ipaddress.ParseInterface(string(text))
		if err != nil {
			return err
		}
		items = append(items, i)
		return nil
	})
	if err != nil {
		return err
	}
	switch format {
	case formatPlain:
		w := bufio.NewWriter(e.stdout)
		for k, i := range items {
			if k > 0 {
				w.WriteString("\n")
			}
			for _, f := range infoFields(i) {
				fmt.Fprintf(w, "%s: %s\n", f.key, f.text)
			}
		}
		return w.Flush()
	case formatTable:
		return writeInfoTable(e, items)
	case formatJSON:
		w := bufio.NewWriter(e.stdout)
		w.WriteString("[")
		for k, i := range items {
			if k > 0 {
				w.WriteString(",")
			}
			w.WriteString("\n  {")
			for j, f := range infoFields(i) {
				if j > 0 {
					w.WriteString(", ")
				}
				fmt.Fprintf(w, "%s: %s", quoteJSON(jsonKey(f.key)), f.json)
			}
			w.WriteString("}")
		}
		if len(items) > 0 {
			w.WriteString("\n")
		}
		w.WriteString("]\n")
		return w.Flush()
	}
	// The list formats print each item's network.
	lw, err := o.newListWriter(e.stdout)
	if err != nil {
		return err
	}
	// Notations with a list per family take IPv4 first.
	slices.SortStableFunc(items, func(a, b ipaddress.Interface) int { return a.Address().Version() - b.Address().Version() })
	for _, i := range items {
		lw.Network(i.Network())
	}
	return lw.End()
}
