-- The change event that caused each step (the create for the journey's steps, the delete for the exit survey): its
-- position in Kafka and in the database's log. Sending the step announces "email-sent" or "survey-sent" keyed by it
-- on the reactions topic (docs/reactions.md). Steps scheduled before this column existed have none and announce
-- nothing.
alter table journey_step
    add column cause_topic     text,
    add column cause_partition integer,
    add column cause_offset    bigint,
    add column cause_lsn       bigint,
    add column cause_tx_id     bigint;
