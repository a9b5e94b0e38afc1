package grammar

import (
	"errors"
	"strconv"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
)

func TestParseValue(t *testing.T) {
	atoi := func(s string) (int, bool) { n, err := strconv.Atoi(s); return n, err == nil }
	tests := []struct {
		words []string
		want  int
		code  int // 0: no error
		msg   string
	}{
		{[]string{"42"}, 42, 0, ""},
		{[]string{"x"}, 0, fail.ExitUsage, `Error: argument "x" is wrong: number value is invalid`},
		{nil, 0, fail.ExitUsage, `Command line is not complete. Try option "help"`},
	}
	for _, tt := range tests {
		got, err := ParseValue(NewArgs(tt.words), atoi, "number value is invalid")
		var ce *fail.Error
		switch {
		case tt.code == 0 && (err != nil || got != tt.want):
			t.Errorf("%q: %d, %v", tt.words, got, err)
		case tt.code != 0 && (!errors.As(err, &ce) || ce.Code != tt.code || ce.Msg != tt.msg):
			t.Errorf("%q: err %v, want code %d %q", tt.words, err, tt.code, tt.msg)
		}
	}
}
