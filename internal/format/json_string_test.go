package format

import "testing"

func TestAppendString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"10.0.0.0/8", `"10.0.0.0/8"`},
		{`fe80::%a"b\c`, `"fe80::%a\"b\\c"`},
		{"x\ty\x01", `"x\ty\u0001"`},
		{"é", `"é"`},
		{"\xff", `"\ufffd"`},
	}
	for _, tt := range tests {
		if got := string(AppendString(nil, tt.in)); got != tt.want {
			t.Errorf("AppendString(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
