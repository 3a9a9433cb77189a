-- How the athlete reads dates (issue 17): a BCP 47 tag such as de-DE or
-- en-US; '' when not chosen, and rekindle infers one (en-US for a home in
-- the United States, else en-GB).

-- +goose Up
ALTER TABLE athletes ADD COLUMN locale TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE athletes DROP COLUMN locale;
