-- A unique key now deduplicates only jobs that wait to run: once a job has
-- started, enqueueing the same key queues a fresh job, so work that arrives
-- while a coalesced job runs is never dropped.
alter table jobs drop constraint jobs_unique_key_key;
create unique index jobs_unique_key_queued on jobs (unique_key) where status = 'queued';
