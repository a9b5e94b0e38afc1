package neigh

import "testing"

// BenchmarkNeighPlan parses one `neigh add` line of a batch into its plan
// and builds the request, the device already known to the resolver: the
// work a batch does per line before the kernel sees it.
func BenchmarkNeighPlan(b *testing.B) {
	e := testEnv()
	add := Object().Verb("add")
	args := []string{"192.0.2.2", "lladdr", "02:00:00:00:00:02", "dev", "v0", "nud", "permanent"}
	b.ReportAllocs()
	for b.Loop() {
		steps, err := add.Plan(e, args)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := steps[0].Build(e); err != nil {
			b.Fatal(err)
		}
	}
}
