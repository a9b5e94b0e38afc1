package state

import (
	"bytes"
	"testing"
)

// TestDocumentRoundTrip reads documents and writes them again: defaults
// and spellings come out in one canonical form, which reads back the same.
func TestDocumentRoundTrip(t *testing.T) {
	for _, c := range []struct{ in, yaml, json string }{
		{
			in:   "links:\n- name: v0\n  kind: veth\n  peer: v1\n  address: 02:0:0:0:0:1\n  up: true\n",
			yaml: "links:\n  - name: v0\n    kind: veth\n    peer: v1\n    address: 02:00:00:00:00:01\n    up: true\n",
			json: `{"links":[{"name":"v0","kind":"veth","peer":"v1","address":"02:00:00:00:00:01","up":true}]}`,
		},
		{
			in:   "routes:\n  purge: true\n  config:\n  - {dst: 10.1.2.3, table: 254, via: 192.0.2.1, metric: 0}\n  - dst: 2001:DB8::/32\n    table: 100\n    nexthops: [via 2001:db8::1 dev v0 weight 2]\n",
			yaml: "routes:\n  purge: true\n  config:\n    - dst: 10.1.2.3/32\n      via: 192.0.2.1\n    - dst: 2001:db8::/32\n      table: \"100\"\n      nexthops:\n        - via 2001:db8::1 dev v0 weight 2\n",
			json: `{"routes":{"purge":true,"config":[{"dst":"10.1.2.3/32","via":"192.0.2.1"},{"dst":"2001:db8::/32","table":"100","nexthops":["via 2001:db8::1 dev v0 weight 2"]}]}}`,
		},
		{
			in:   `{"links":[{"name":"vx0","kind":"vxlan","options":{"id":"42","learning":false,"ttl":0}}],"neighbours":[{"dst":"10.0.0.4","dev":"v0","state":"absent"}],"rules":[]}`,
			yaml: "links:\n  - name: vx0\n    kind: vxlan\n    options:\n      id: 42\n      learning: false\nrules: []\nneighbours:\n  - dst: 10.0.0.4\n    dev: v0\n    state: absent\n",
			json: `{"links":[{"name":"vx0","kind":"vxlan","options":{"id":42,"learning":false}}],"rules":[],"neighbours":[{"dst":"10.0.0.4","dev":"v0","state":"absent"}]}`,
		},
		{
			in:   "links:\n  - name: v1\n    master: \"\"\n    port: {cost: 7, learning: false, priority: 32}\n  - name: vl0\n    kind: vlan\n    options: {id: 5, reorder_hdr: true, gvrp: true}\n",
			yaml: "links:\n  - name: v1\n    master: \"\"\n    port:\n      cost: 7\n      learning: false\n  - name: vl0\n    kind: vlan\n    options:\n      id: 5\n      gvrp: true\n",
			json: `{"links":[{"name":"v1","master":"","port":{"cost":7,"learning":false}},{"name":"vl0","kind":"vlan","options":{"id":5,"gvrp":true}}]}`,
		},
	} {
		d, err := Parse("in.yaml", []byte(c.in))
		if err != nil {
			t.Errorf("Parse(%q): %v", c.in, err)
			continue
		}
		var y, j bytes.Buffer
		if err := writeDocYAML(&y, d); err != nil || y.String() != c.yaml {
			t.Errorf("YAML of %q:\n%s(%v)\nwant:\n%s", c.in, y.String(), err, c.yaml)
		}
		if err := writeDocJSON(&j, d); err != nil || j.String() != c.json+"\n" {
			t.Errorf("JSON of %q:\n%s(%v)\nwant:\n%s", c.in, j.String(), err, c.json)
		}
		again, err := Parse("again.yaml", y.Bytes())
		var y2 bytes.Buffer
		if err != nil || writeDocYAML(&y2, again) != nil || y2.String() != y.String() {
			t.Errorf("%q does not read back the same: %v\n%s", y.String(), err, y2.String())
		}
	}
}

// TestPlainSafe: text YAML would read as something else is quoted.
func TestPlainSafe(t *testing.T) {
	for s, want := range map[string]bool{
		"v0": true, "10.0.0.1/24": true, "2001:db8::1": true, "02:00:00:00:00:01": true, "via 10.0.0.2 dev v0": true,
		"100": false, "0x5": false, "true": false, "no": false, "": false, "-x": false, "a: b": false, "a #b": false, "null": false, "1e3": false,
	} {
		if got := plainSafe(s); got != want {
			t.Errorf("plainSafe(%q) = %v, want %v", s, got, want)
		}
	}
}
