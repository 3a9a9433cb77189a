-- The reward ledger (package reward): a reward, the condition that earns it
-- (runs or distance within days, an accepted experiment completed, a shoe at
-- its retire distance), when it was earned and when claimed.

-- +goose Up
CREATE TABLE rewards (
    athlete_id    BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    id            BIGINT NOT NULL,
    text          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    runs          INTEGER NOT NULL DEFAULT 0,
    distance_m    DOUBLE PRECISION NOT NULL DEFAULT 0,
    days          INTEGER NOT NULL DEFAULT 0,
    experiment_id BIGINT NOT NULL DEFAULT 0,
    gear_id       BIGINT NOT NULL DEFAULT 0,
    start_ms      BIGINT NOT NULL,
    earned_ms     BIGINT NOT NULL DEFAULT 0,
    claimed_ms    BIGINT NOT NULL DEFAULT 0,
    created_ms    BIGINT NOT NULL,
    PRIMARY KEY (athlete_id, id)
);

-- +goose Down
DROP TABLE rewards;
