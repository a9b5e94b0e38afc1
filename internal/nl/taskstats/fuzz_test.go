package taskstats_test

import (
	"testing"

	ts "github.com/gip-suite/gip/internal/nl/taskstats"
)

// FuzzParseRecords feeds arbitrary attributes to the record decoder: an
// error is fine, a panic is not, and what decodes encodes back to
// records that decode the same.
func FuzzParseRecords(f *testing.F) {
	s := sample()
	b, _ := ts.AppendRecord(nil, ts.Record{Scope: ts.ScopePID, ID: 42, Stats: s})
	f.Add(b)
	s.Version = 13
	b, _ = ts.AppendRecord(nil, ts.Record{Scope: ts.ScopeTGID, ID: 7, Stats: s})
	f.Add(b)
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		recs, err := ts.ParseRecords(b)
		if err != nil {
			return
		}
		for _, r := range recs {
			if r.Scope != ts.ScopePID && r.Scope != ts.ScopeTGID {
				t.Fatalf("scope %v", r.Scope)
			}
			if r.Stats.Version == 0 || r.Stats.Version == 15 {
				t.Fatalf("decoded version %d", r.Stats.Version)
			}
			again, err := ts.ParseStats(r.Stats.Append(nil))
			if err != nil || again.PID != r.Stats.PID || again.Comm != r.Stats.Comm && len(r.Stats.Comm) < 32 {
				t.Fatalf("re-decoding %+v: %+v, %v", r.Stats, again, err)
			}
		}
	})
}
