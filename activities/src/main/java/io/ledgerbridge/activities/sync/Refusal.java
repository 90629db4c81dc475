package io.ledgerbridge.activities.sync;

import io.ledgerbridge.workflows.sync.FailureType;

/** Why a system refused to write one record: the failure's type, the system's own code, and its reasons. */
record Refusal(FailureType type, String remoteCode, String reasons) {}
