package format

import "testing"

// lineRecord is a record of two fields.
type lineRecord struct{}

func (lineRecord) Fields(f *Fields) {
	f.String("name", "%s ", "x")
	f.Uint("n", "n %u", 3)
	f.Literal("\n")
}

func TestAppendLine(t *testing.T) {
	if got := string(AppendLine([]byte("a\n"), lineRecord{}, Options{})); got != "a\nx n 3\n" {
		t.Errorf("text %q", got)
	}
	if got := string(AppendLine(nil, lineRecord{}, Options{JSON: true, Pretty: true})); got != `{"name":"x","n":3}`+"\n" {
		t.Errorf("JSON %q", got)
	}
}
