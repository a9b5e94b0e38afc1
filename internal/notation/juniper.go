package notation

// juniperNotation is Junos prefix-list entries ("10.0.0.0/24;"), with a
// name a whole "prefix-list NAME { ... }" (both families in one list, as
// Junos allows).
type juniperNotation struct{}

func (juniperNotation) open(b []byte, l *list) []byte {
	if l.name == "" {
		return b
	}
	b = append(b, "prefix-list "...)
	b = append(b, l.name...)
	return append(b, " {\n"...)
}

func (juniperNotation) entry(b []byte, l *list, it item) []byte {
	if l.name != "" {
		b = append(b, "    "...)
	}
	b = appendPrefix(b, it.net)
	return append(b, ";\n"...)
}

func (juniperNotation) close(b []byte, l *list) []byte {
	if l.name == "" {
		return b
	}
	return append(b, "}\n"...)
}

// iptablesNotation is CIDR for an -s or -d argument and, with a chain
// name, whole "-A CHAIN -s NET -j TARGET" rules for iptables-restore.
type iptablesNotation struct{ target string }

func (iptablesNotation) open(b []byte, _ *list) []byte  { return b }
func (iptablesNotation) close(b []byte, _ *list) []byte { return b }

func (t iptablesNotation) entry(b []byte, l *list, it item) []byte {
	if l.name == "" {
		return append(appendPrefix(b, it.net), '\n')
	}
	b = append(b, "-A "...)
	b = append(b, l.name...)
	b = append(b, " -s "...)
	b = appendPrefix(b, it.net)
	b = append(b, " -j "...)
	b = append(b, t.target...)
	return append(b, '\n')
}
