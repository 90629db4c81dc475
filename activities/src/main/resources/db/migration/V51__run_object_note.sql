-- What else an admin should know about an object's sync in a run, e.g. that it waited for another run.
ALTER TABLE job_run_object ADD COLUMN note VARCHAR(1000);
