package io.ledgerbridge.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.store.RecordLink;

/**
 * What the sync gives back to a source record it synced: the key of its link, and the fields only
 * the target derives ({@code derived}; null when this run did not write the target record, so they
 * are read).
 */
record WriteBack(RecordLink link, ObjectNode derived) {}
