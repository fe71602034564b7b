-- Run once by a superuser in the "users" database, before users-app creates its tables.
-- cdc-bridge may read every table users_app creates in the public schema, and write nothing.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO cdc_bridge;
ALTER DEFAULT PRIVILEGES FOR ROLE users_app IN SCHEMA public GRANT SELECT ON TABLES TO cdc_bridge;
-- Creating a publication needs ownership of its tables, which the bridge must not have: the superuser creates it
-- (publications/monolith.sql) once users-app has created the tables.
