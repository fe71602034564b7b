-- The change events already handled, so that an event delivered twice (or replayed after a crash of the connector)
-- changes nothing the second time. Written in the same transaction as the schedule changes the event causes.
create table processed_event (
    event_id     text primary key,
    processed_at timestamptz not null default now()
);

-- One row per user and step of the journey (the configured steps plus the exit survey): the unique key that makes
-- scheduling a step twice impossible, and what the dashboard shows.
create table journey_step (
    user_id    bigint      not null,
    step       text        not null,
    state      text        not null check (state in ('SCHEDULED', 'SENT', 'CANCELLED', 'FAILED')),
    due_at     timestamptz not null,
    done_at    timestamptz,
    attempts   integer     not null default 0,
    last_error text,
    primary key (user_id, step)
);

-- Emails are named by their step now.
update sent_email set kind = lower(replace(kind, '_', '-'));

-- The exit surveys: one unguessable token per leaving user, and at most one answer to it. No personal data.
create table survey (
    token       text primary key,
    user_id     bigint      not null unique,
    sent_at     timestamptz not null default now(),
    answered_at timestamptz,
    reason      text,
    comment     text
);

-- Records the error handler gave up on and published to the dead-letter topic.
create table dead_letter (
    id          bigserial primary key,
    topic       text        not null,
    partition   integer     not null,
    record_offset bigint    not null,
    error       text,
    recorded_at timestamptz not null default now()
);

-- db-scheduler's table (PostgreSQL flavour of its reference schema, version 16).
create table scheduled_tasks (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
