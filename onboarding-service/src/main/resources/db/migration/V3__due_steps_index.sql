-- The backlog (steps due and not sent) is read by the dashboard and the metrics every few seconds: an index over the
-- scheduled steps only keeps that cheap while a bulk import's 30,000 welcomes wait, and stays small afterwards.
create index journey_step_scheduled_due_idx on journey_step (due_at) where state = 'SCHEDULED';
