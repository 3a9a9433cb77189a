package fit

import "runtime"

// testingMem reads the cumulative heap allocation, for per-sample figures.
type testingMem struct{ bytes uint64 }

func (m *testingMem) read() {
	var s runtime.MemStats
	runtime.ReadMemStats(&s)
	m.bytes = s.TotalAlloc
}
