-- Run once by a superuser when the server is new (the embedded platform and the compose init script both use it).
-- One login role per service, each with only what it needs. The passwords are demo values: change them outside a demo.
CREATE ROLE users_app LOGIN PASSWORD 'users_app';
CREATE DATABASE users OWNER users_app;

CREATE ROLE onboarding LOGIN PASSWORD 'onboarding';
CREATE DATABASE onboarding OWNER onboarding;

-- cdc-bridge reads the write-ahead log and snapshots the captured tables: REPLICATION and SELECT, nothing else.
CREATE ROLE cdc_bridge LOGIN REPLICATION PASSWORD 'cdc_bridge';
