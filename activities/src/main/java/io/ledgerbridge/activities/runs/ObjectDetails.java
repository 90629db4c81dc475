package io.ledgerbridge.activities.runs;

/**
 * One object of a stored run beyond the workflow's counts.
 *
 * @param conflicts records held as conflicts for a person in this run
 * @param failureType for an object that failed as a whole, its failure type (see {@link ObjectFailures})
 */
public record ObjectDetails(String object, int conflicts, String failureType) {}
