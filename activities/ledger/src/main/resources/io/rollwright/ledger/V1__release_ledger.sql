-- One row per ended release run. Times are epoch milliseconds; decisions is the run's audit
-- timeline as JSON. Written for both SQLite and PostgreSQL.
create table release_ledger (
  release_id varchar(200) not null,
  run_id varchar(64) not null,
  service varchar(63) not null,
  environment varchar(63) not null,
  version varchar(128),
  release_type varchar(40),
  kind varchar(20),
  rollback_from varchar(128),
  requested_by varchar(200),
  change_ref varchar(200),
  change_committed_at bigint,
  outcome varchar(20) not null,
  detail text,
  started_at bigint not null,
  ended_at bigint not null,
  decisions text not null,
  primary key (release_id, run_id)
);

create index release_ledger_started on release_ledger (started_at);
create index release_ledger_service on release_ledger (service, environment, started_at);
