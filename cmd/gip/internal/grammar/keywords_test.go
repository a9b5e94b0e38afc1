package grammar

import (
	"strings"
	"testing"
)

func TestKeywords(t *testing.T) {
	type mtu uint16
	var (
		dev     string
		m       mtu
		prio    uint8
		hairpin bool
		proto   string
	)
	kw := Keywords{
		"dev":      String(&dev),
		"mtu":      Uint(&m, "Invalid \"mtu\" value\n"),
		"priority": Uint(&prio, "invalid priority"),
		"hairpin":  OnOff(&hairpin, "hairpin"),
		"protocol": Set(&proto, func(s string) (string, bool) { return s, s == "802.1Q" || s == "802.1ad" }, "protocol is invalid"),
	}
	run := func(line string) (rest []string, err error) {
		a := NewArgs(strings.Fields(line))
		for a.More() {
			w := a.Next()
			ok, err := kw.Parse(a, w)
			if err != nil {
				return rest, err
			}
			if !ok {
				rest = append(rest, w)
			}
		}
		return rest, nil
	}
	rest, err := run("dev v0 up mtu 0x5dc priority 7 hairpin on protocol 802.1ad")
	if err != nil || dev != "v0" || m != 1500 || prio != 7 || !hairpin || proto != "802.1ad" || len(rest) != 1 || rest[0] != "up" {
		t.Fatalf("dev %q mtu %d prio %d hairpin %v proto %q rest %q err %v", dev, m, prio, hairpin, proto, rest, err)
	}
	for line, want := range map[string]string{
		"mtu 70000":       `Error: argument "70000" is wrong: Invalid "mtu" value` + "\n",
		"priority 256":    `Error: argument "256" is wrong: invalid priority`,
		"hairpin maybe":   `Error: argument of "hairpin" must be "on" or "off", not "maybe"`,
		"dev":             `Command line is not complete. Try option "help"`,
		"protocol 802.1x": `Error: argument "802.1x" is wrong: protocol is invalid`,
	} {
		if _, err := run(line); err == nil || err.Error() != want {
			t.Errorf("%q: %v, want %q", line, err, want)
		}
	}
}
