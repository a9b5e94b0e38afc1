package grammar

import (
	"strings"
	"testing"
)

func TestOnOff(t *testing.T) {
	for _, tc := range []struct {
		line string
		on   bool
		err  string
	}{
		{line: "on", on: true},
		{line: "off"},
		{line: "On", err: `Error: argument of "hairpin" must be "on" or "off", not "On"`},
		{line: "maybe", err: `Error: argument of "hairpin" must be "on" or "off", not "maybe"`},
		{line: "", err: `Command line is not complete. Try option "help"`},
	} {
		on, err := OnOff(NewArgs(strings.Fields(tc.line)), "hairpin")
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("%q: %v, want %q", tc.line, err, tc.err)
			}
			continue
		}
		if err != nil || on != tc.on {
			t.Errorf("%q: %v %v, want %v", tc.line, on, err, tc.on)
		}
	}
}
