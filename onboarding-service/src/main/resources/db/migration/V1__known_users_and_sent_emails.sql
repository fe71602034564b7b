-- The users this service knows: only the columns it needs to write to them. Erased when the user is deleted.
create table known_user (
    user_id    bigint primary key,
    email      text,
    first_name text,
    last_name  text,
    updated_at timestamptz not null default now()
);

-- One row per email sent, so a redelivered event never sends the same email twice. Outlives the user, without the
-- address: it still proves the email went out, and keeps a replayed delete from asking again.
create table sent_email (
    user_id   bigint      not null,
    kind      text        not null,
    recipient text,
    sent_at   timestamptz not null default now(),
    constraint sent_email_once unique (user_id, kind)
);
