package io.ledgerbridge.worker.jobs;

/** Whether a job's cron workflow should be running. */
public enum JobState {
  ACTIVE,
  PAUSED
}
