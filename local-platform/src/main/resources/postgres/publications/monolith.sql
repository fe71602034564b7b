-- Run by a superuser (or the tables' owner) in the "users" database once users-app has created its tables.
-- The publication cdc-bridge's "monolith" connector decodes. Its column list leaves out users.password, so the
-- password is not even sent over the replication connection: it never leaves PostgreSQL.
-- A column list is explicit: a column users-app adds later is not published until it is added here
-- (ALTER PUBLICATION monolith_publication SET TABLE public.users (...)).
-- The list is built from the catalog, so it needs no edit when the monolith's other columns change before the
-- first start.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = 'monolith_publication') THEN
        EXECUTE (
            SELECT format('CREATE PUBLICATION monolith_publication FOR TABLE public.users (%s)',
                          string_agg(quote_ident(attname), ', ' ORDER BY attnum))
            FROM pg_attribute
            WHERE attrelid = 'public.users'::regclass AND attnum > 0 AND NOT attisdropped AND attname <> 'password');
    END IF;
END
$$;
