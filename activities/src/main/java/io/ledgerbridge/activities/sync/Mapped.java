package io.ledgerbridge.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * A source record in the target's terms.
 *
 * @param body what is written: the target record's fields (and its key, where the target keeps keys)
 * @param lines line records written apart from the body, where the target keeps them apart
 * @param price the standard price, where the target keeps it apart; else null
 * @param hash what the content hashes to, the same whether it creates or updates
 * @param problems why it cannot be written (missing required values, bad values)
 * @param compared the values a conflict shows beside the target's current ones
 * @param notes what the admin should know though it can be written (its lines do not add up to its total)
 * @param container the parent record written before the body, which then looks it up, for a record created where
 *     it needs a parent no mapping syncs; else null
 */
record Mapped(
    ObjectNode body, List<ObjectNode> lines, BigDecimal price, String hash, List<String> problems, ObjectNode compared,
    List<String> notes, ObjectNode container) {}
