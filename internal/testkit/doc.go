// Package testkit is what the repository's tests share: the path of the
// test data committed under testdata/ (found from the module root, so a
// test fails with the path it looked at instead of skipping), a fixed
// clock for seeded histories, and the process CPU time benchmarks report.
//
// Only tests import it.
package testkit
