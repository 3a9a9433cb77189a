#!/bin/bash
# sweep.sh runs test binaries at the instants where day-dependent tests break
# (a Sunday night in Kiritimati, UTC+14; a Monday just after midnight in Pago
# Pago, UTC-11; Monday 00:00:05 in Apia, UTC+13, while UTC is still Sunday,
# and in Honolulu, UTC-10; the spring-forward nights in Berlin and New York
# and New York's fall-back; Feb 29; New Year's Eve; each weekday at noon
# UTC), each binary built once with the faketime overlay.
#
#	internal/testkit/faketime/sweep.sh internal/units internal/spark
#
# Run from the repository root. FT (default /tmp/rekindle-ft) holds the
# overlay, the binaries and one log per package and instant (FT/log); the
# results, one line a run, are appended to FT/results.txt. SKIP is passed as
# -test.skip (e.g. SKIP='^TestCasebook$'); INSTANTS (tag:RFC3339:TZ, space
# separated) replaces the list below; TIMEOUT (default 10m) is each run's
# -test.timeout (raise it on a loaded machine, or a slow run reads as a
# failure: at load 45 on 2 cores athlete took 7½ minutes, spark with its
# casebook tests over 8). With REKINDLE_TEST_POSTGRES set the tests run on
# both stores, and the runs are logged and reported as TAG.pg. Packages using
# River jobs
# (internal/jobs) can't be swept: the database keeps the real clock.
set -u
FT=${FT:-/tmp/rekindle-ft}
TIMEOUT=${TIMEOUT:-10m}
INSTANTS=${INSTANTS:-"kiri:2026-12-06T09:50:00Z:Pacific/Kiritimati pago:2026-12-07T11:10:00Z:Pacific/Pago_Pago mon13:2026-12-06T11:00:05Z:Pacific/Apia mon10:2026-12-07T10:00:05Z:Pacific/Honolulu berlin:2027-03-28T00:59:30Z:Europe/Berlin nyspring:2027-03-14T06:59:30Z:America/New_York ny:2027-11-07T05:59:30Z:America/New_York feb29:2028-02-29T23:30:00Z:UTC dec31:2027-12-31T23:59:30Z:UTC mon:2026-12-07T12:00:00Z:UTC tue:2026-12-08T12:00:00Z:UTC wed:2026-12-09T12:00:00Z:UTC thu:2026-12-10T12:00:00Z:UTC fri:2026-12-11T12:00:00Z:UTC sat:2026-12-12T12:00:00Z:UTC sun:2026-12-13T12:00:00Z:UTC"}
mkdir -p "$FT/log"
[ -f "$FT/overlay.json" ] || go run ./internal/testkit/faketime -overlay-dir "$FT" >/dev/null || exit 2
# Helper processes built by tests (push endpoint, fakestrava) need the overlay too.
export GOFLAGS=-overlay=$FT/overlay.json
for p in "$@"; do
	name=$(basename "$p")
	[ "$p" = . ] && name=$(basename "$(go list -f '{{.ImportPath}}' .)")
	[ -x "$FT/$name.test" ] || nice -n 19 go test -c -o "$FT/$name.test" "./$p" || { echo "$name BUILD-FAILED"; continue; }
	for spec in $INSTANTS; do
		tag=${spec%%:*} rest=${spec#*:}
		tz=${rest##*:} at=${rest%:*}
		off=$(($(date -d "$at" +%s) - $(date +%s)))
		[ -n "${REKINDLE_TEST_POSTGRES:-}" ] && tag=$tag.pg
		log=$FT/log/$name.$tag.log
		t0=$(date +%s)
		(cd "$p" && TZ=$tz REKINDLE_FAKETIME_OFFSET=$off nice -n 19 \
			"$FT/$name.test" -test.count=1 -test.timeout="$TIMEOUT" ${SKIP:+-test.skip "$SKIP"}) >"$log" 2>&1
		rc=$?
		echo "$name $tag rc=$rc $(($(date +%s) - t0))s $(grep -- '--- FAIL' "$log" | head -3 | tr '\n' ' ')" | tee -a "$FT/results.txt"
	done
done
