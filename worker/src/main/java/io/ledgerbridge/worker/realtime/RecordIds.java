package io.ledgerbridge.worker.realtime;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a record id in a notification must look like. A notification's ids join a batch that syncs
 * them together, so one that is not an id of the source system is refused at the door, named in
 * the answer, instead of failing the whole batch later.
 */
final class RecordIds {
  static final String QUICKBOOKS_ID_FORMAT = "a QuickBooks id is a number of at most 20 digits";
  private static final String SALESFORCE_ID_FORMAT = "a Salesforce record id has 15 or 18 letters and digits, the"
      + " 18-character form ending in the case checksum of the first 15";
  /** Faults named one by one in an answer; the rest are counted. */
  private static final int FAULTS_NAMED = 5;
  /** Characters of a refused value shown in an answer: enough to recognise it, not an echo of a whole body. */
  private static final int VALUE_SHOWN = 40;
  private static final Pattern QUICKBOOKS_ID = Pattern.compile("[0-9]{1,20}");
  private static final Pattern SALESFORCE_ID = Pattern.compile("[a-zA-Z0-9]{15}|[a-zA-Z0-9]{18}");
  private static final String CHECKSUM_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

  private RecordIds() {}

  static boolean isQuickBooksId(String id) {
    return id != null && QUICKBOOKS_ID.matcher(id).matches();
  }

  /** 15 case-sensitive characters, or those 18 with the suffix Salesforce computes from them (in either case). */
  static boolean isSalesforceId(String id) {
    return id != null && SALESFORCE_ID.matcher(id).matches()
        && (id.length() == 15 || withChecksum(id.substring(0, 15)).equalsIgnoreCase(id));
  }

  /**
   * The 18-character form of a 15-character id: each of its three groups of 5 characters adds one
   * character, whose index in {@link #CHECKSUM_ALPHABET} has bit i set when the group's i-th
   * character is an upper-case letter.
   */
  static String withChecksum(String id15) {
    StringBuilder id = new StringBuilder(id15);
    for (int group = 0; group < 3; group++) {
      int bits = 0;
      for (int i = 0; i < 5; i++) {
        char c = id15.charAt(group * 5 + i);
        if (c >= 'A' && c <= 'Z') {
          bits |= 1 << i;
        }
      }
      id.append(CHECKSUM_ALPHABET.charAt(bits));
    }
    return id.toString();
  }

  /** A value as an answer quotes it, shortened when long. */
  static String shown(String value) {
    return "'" + (value.length() <= VALUE_SHOWN ? value : value.substring(0, VALUE_SHOWN) + "…") + "'";
  }

  /** Why these values (each named with where it was) are refused: the first few, then how many more. */
  static String notSalesforceIds(List<String> faults) {
    return listed(faults) + (faults.size() == 1 ? " is not a Salesforce record id: " : " are not Salesforce record ids: ")
        + SALESFORCE_ID_FORMAT;
  }

  /** The first few faults, then how many more there are. */
  private static String listed(List<String> faults) {
    String named = String.join(", ", faults.subList(0, Math.min(FAULTS_NAMED, faults.size())));
    return faults.size() <= FAULTS_NAMED ? named : named + " and " + (faults.size() - FAULTS_NAMED) + " more";
  }
}
