-- Seasonal weekly hours: a weekly row applies only from valid_from through valid_to (both
-- inclusive, YYYY-MM-DD); NULL is an open end, so existing rows stay valid every week.
ALTER TABLE weekly_hours ADD COLUMN valid_from TEXT;
ALTER TABLE weekly_hours ADD COLUMN valid_to TEXT;
