package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/pressly/goose/v3"

	"rekindle"
)

// Athlete stamps (issue 19): every replica keeps per-athlete analyses in
// memory (the history, training and spark pictures, the route results,
// the athlete record). A write on one replica must be seen by the others on
// their next request, so each athlete has a version stamp in the database
// (athlete_stamps, migration 00445) that database triggers bump in the same
// transaction as any write to the athlete's data, whoever makes it (a
// replica, the CLI, a job, a bulk COPY). A cached reader compares one
// primary-key row with the stamp it was built at: one mechanism on both
// stores, and nothing to forget when a new write path is added.
//
// Counters: Data changes with any of the athlete's data that an analysis
// reads (activities, check-ins, experiments, the plan, gear, rewards,
// calendars, courses, privacy, coach links, the athlete record, the street
// graph, a completed route refresh); Routes only with what stored route
// results are made from (activities, the street graph); Athlete with the
// athlete record (unit, time zone: route names and day buckets). RoutesDone
// is the Routes value the last completed route refresh started from: when
// it has caught up with Routes the stored route results are complete and a
// replica only reads them.
//
// What is not stamped: derived results (route fingerprints, matches,
// groupings; the shown ideas of a day, which the home view itself records)
// and what no analysis reads (sessions, tokens, rate limits, notifications,
// originals).

// Stamp is the version of an athlete's data.
type Stamp struct {
	Data       int64
	Routes     int64
	RoutesDone int64
	Athlete    int64
}

// AthleteStamp reads the athlete's stamp (one primary-key row). An athlete
// with no stamp row (a database written before migration 00445 by an older
// binary) reads as zero.
func (s *Store) AthleteStamp(ctx context.Context, athleteID int64) (Stamp, error) {
	var st Stamp
	err := s.readRow(ctx, `SELECT data, routes, routes_done, athlete FROM athlete_stamps WHERE athlete_id = ?`, athleteID).
		Scan(&st.Data, &st.Routes, &st.RoutesDone, &st.Athlete)
	if errors.Is(err, sql.ErrNoRows) {
		return Stamp{}, nil
	}
	if err != nil {
		return st, fmt.Errorf("store: athlete stamp %d: %w", athleteID, err)
	}
	return st, nil
}

// SetRoutesDone records that a route refresh which started at routes (the
// Routes counter it read first) has completed: the stored route results
// cover every change up to it. It never goes back. It bumps Data when it
// moves: views computed while the routes were still being read are redone.
func (s *Store) SetRoutesDone(ctx context.Context, athleteID, routes int64) error {
	_, err := s.db.ExecContext(ctx, s.rebind(`UPDATE athlete_stamps SET routes_done = ?, data = data + 1 WHERE athlete_id = ? AND routes_done < ?`), routes, athleteID, routes)
	if err != nil {
		return fmt.Errorf("store: routes done %d: %w", athleteID, err)
	}
	return nil
}

// BumpStamp bumps an athlete's Data stamp (and Routes with routes): for a
// change the triggers cannot see. ErrNotFound when there is no such
// athlete.
func (s *Store) BumpStamp(ctx context.Context, athleteID int64, routes bool) error {
	q := `UPDATE athlete_stamps SET data = data + 1 WHERE athlete_id = ?`
	if routes {
		q = `UPDATE athlete_stamps SET data = data + 1, routes = routes + 1 WHERE athlete_id = ?`
	}
	res, err := s.db.ExecContext(ctx, s.rebind(q), athleteID)
	if err != nil {
		return fmt.Errorf("store: bump stamp %d: %w", athleteID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: bump stamp %d: %w", athleteID, rekindle.ErrNotFound)
	}
	return nil
}

// stampedTables are the per-athlete tables whose writes bump the Data
// stamp; routes says whether they bump Routes too.
var stampedTables = []struct {
	name   string
	routes bool
}{
	{"activities", true}, {"route_graphs", true},
	{"checkins", false}, {"spark_checks", false}, {"spark_experiments", false},
	{"calendar_feeds", false}, {"calendar_events", false}, {"gear", false}, {"gear_assignments", false},
	{"rewards", false}, {"gratitude_entries", false}, {"planned_sessions", false}, {"coach_links", false},
	{"courses", false}, {"privacy_zones", false}, {"private_activities", false},
}

// stampMigration is migration 00445: the athlete_stamps table and the
// triggers that bump it. It is Go, not SQL, because trigger syntax differs
// between SQLite and PostgreSQL.
func stampMigration(d Dialect) *goose.Migration {
	return goose.NewGoMigration(445,
		&goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error { return stampsUp(ctx, tx, d) }},
		&goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error { return stampsDown(ctx, tx, d) }})
}

func stampsUp(ctx context.Context, tx *sql.Tx, d Dialect) error {
	stmts := []string{
		`CREATE TABLE athlete_stamps (
			athlete_id  BIGINT PRIMARY KEY REFERENCES athletes (id) ON DELETE CASCADE,
			data        BIGINT NOT NULL DEFAULT 1,
			routes      BIGINT NOT NULL DEFAULT 1,
			routes_done BIGINT NOT NULL DEFAULT 1,
			athlete     BIGINT NOT NULL DEFAULT 1,
			tx          BIGINT NOT NULL DEFAULT 0,
			routes_tx   BIGINT NOT NULL DEFAULT 0
		)`,
		// A new athlete has no runs: nothing for a route refresh to do.
		// Athletes from before get one (it finds what is stored).
		`INSERT INTO athlete_stamps (athlete_id, routes_done) SELECT id, 0 FROM athletes`,
	}
	if d == Postgres {
		// Row triggers, but one bump per transaction and athlete: after
		// the first row of a transaction the update finds its own tx
		// recorded and writes nothing (a COPY of thousands of activities
		// makes one new stamp row version, not thousands).
		stmts = append(stmts,
			`CREATE FUNCTION rekindle_stamp_bump(aid BIGINT, r BOOLEAN) RETURNS void LANGUAGE plpgsql AS $$
			DECLARE cur BIGINT := txid_current();
			BEGIN
				UPDATE athlete_stamps SET
					data = CASE WHEN tx = cur THEN data ELSE data + 1 END,
					tx = cur,
					routes = CASE WHEN r AND routes_tx <> cur THEN routes + 1 ELSE routes END,
					routes_tx = CASE WHEN r THEN cur ELSE routes_tx END
				WHERE athlete_id = aid AND (tx <> cur OR (r AND routes_tx <> cur));
			END $$`,
			`CREATE FUNCTION rekindle_stamp_row() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
				IF TG_OP = 'DELETE' THEN
					PERFORM rekindle_stamp_bump(OLD.athlete_id, TG_ARGV[0] = 'routes');
					RETURN OLD;
				END IF;
				PERFORM rekindle_stamp_bump(NEW.athlete_id, TG_ARGV[0] = 'routes');
				IF TG_OP = 'UPDATE' AND OLD.athlete_id <> NEW.athlete_id THEN
					PERFORM rekindle_stamp_bump(OLD.athlete_id, TG_ARGV[0] = 'routes');
				END IF;
				RETURN NEW;
			END $$`,
			`CREATE FUNCTION rekindle_stamp_athlete() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
				IF TG_OP = 'INSERT' THEN
					INSERT INTO athlete_stamps (athlete_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
				ELSE
					UPDATE athlete_stamps SET data = data + 1, athlete = athlete + 1 WHERE athlete_id = NEW.id;
				END IF;
				RETURN NEW;
			END $$`,
			`CREATE TRIGGER stamp_athletes AFTER INSERT OR UPDATE ON athletes FOR EACH ROW EXECUTE FUNCTION rekindle_stamp_athlete()`,
		)
		for _, t := range stampedTables {
			arg := "data"
			if t.routes {
				arg = "routes"
			}
			stmts = append(stmts, fmt.Sprintf(`CREATE TRIGGER stamp_%s AFTER INSERT OR UPDATE OR DELETE ON %s FOR EACH ROW EXECUTE FUNCTION rekindle_stamp_row('%s')`, t.name, t.name, arg))
		}
	} else {
		stmts = append(stmts,
			`CREATE TRIGGER stamp_athletes_insert AFTER INSERT ON athletes BEGIN
				INSERT OR IGNORE INTO athlete_stamps (athlete_id) VALUES (NEW.id);
			END`,
			`CREATE TRIGGER stamp_athletes_update AFTER UPDATE ON athletes BEGIN
				UPDATE athlete_stamps SET data = data + 1, athlete = athlete + 1 WHERE athlete_id = NEW.id;
			END`)
		for _, t := range stampedTables {
			set := "data = data + 1"
			if t.routes {
				set += ", routes = routes + 1"
			}
			for _, op := range []string{"INSERT", "UPDATE", "DELETE"} {
				row := "NEW"
				if op == "DELETE" {
					row = "OLD"
				}
				stmts = append(stmts, fmt.Sprintf(`CREATE TRIGGER stamp_%s_%s AFTER %s ON %s BEGIN
					UPDATE athlete_stamps SET %s WHERE athlete_id = %s.athlete_id;
				END`, t.name, strings.ToLower(op), op, t.name, set, row))
			}
		}
	}
	for _, q := range stmts {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("athlete stamps: %w", err)
		}
	}
	return nil
}

func stampsDown(ctx context.Context, tx *sql.Tx, d Dialect) error {
	var stmts []string
	if d == Postgres {
		stmts = append(stmts, `DROP TRIGGER IF EXISTS stamp_athletes ON athletes`)
		for _, t := range stampedTables {
			stmts = append(stmts, fmt.Sprintf(`DROP TRIGGER IF EXISTS stamp_%s ON %s`, t.name, t.name))
		}
		stmts = append(stmts, `DROP FUNCTION IF EXISTS rekindle_stamp_athlete()`, `DROP FUNCTION IF EXISTS rekindle_stamp_row()`,
			`DROP FUNCTION IF EXISTS rekindle_stamp_bump(BIGINT, BOOLEAN)`)
	} else {
		stmts = append(stmts, `DROP TRIGGER IF EXISTS stamp_athletes_insert`, `DROP TRIGGER IF EXISTS stamp_athletes_update`)
		for _, t := range stampedTables {
			for _, op := range []string{"insert", "update", "delete"} {
				stmts = append(stmts, fmt.Sprintf(`DROP TRIGGER IF EXISTS stamp_%s_%s`, t.name, op))
			}
		}
	}
	stmts = append(stmts, `DROP TABLE athlete_stamps`)
	for _, q := range stmts {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("athlete stamps: %w", err)
		}
	}
	return nil
}
