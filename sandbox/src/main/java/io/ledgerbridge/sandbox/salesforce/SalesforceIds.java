package io.ledgerbridge.sandbox.salesforce;

/**
 * Salesforce record ids: 15 case-sensitive characters (3-character key prefix, then a base-62 number) plus
 * the 3-character case-insensitive suffix Salesforce computes from where the upper-case letters are.
 */
final class SalesforceIds {
  private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
  /** Stands for the pod and reserved characters between key prefix and number. */
  private static final String INSTANCE_PART = "Hs";

  private SalesforceIds() {}

  /** The id of the n-th record with this key prefix; ascending n gives ascending ids. */
  static String of(String keyPrefix, long sequence) {
    StringBuilder number = new StringBuilder();
    long rest = sequence;
    do {
      number.insert(0, BASE62.charAt((int) (rest % 62)));
      rest /= 62;
    } while (rest > 0);
    while (number.length() < 10) {
      number.insert(0, '0');
    }
    return to18(keyPrefix + INSTANCE_PART + number);
  }

  /** Adds the case-safe suffix to a 15-character id. */
  static String to18(String id15) {
    StringBuilder suffix = new StringBuilder(3);
    for (int chunk = 0; chunk < 3; chunk++) {
      int bits = 0;
      for (int i = 0; i < 5; i++) {
        char c = id15.charAt(chunk * 5 + i);
        if (c >= 'A' && c <= 'Z') {
          bits |= 1 << i;
        }
      }
      suffix.append(SUFFIX_ALPHABET.charAt(bits));
    }
    return id15 + suffix;
  }

  /**
   * The 18-character form of a 15- or 18-character id, or null when the text cannot be an id (wrong length,
   * characters, or an 18-character id whose suffix does not match).
   */
  static String normalize(String candidate) {
    if (candidate == null || !(candidate.length() == 15 || candidate.length() == 18)) {
      return null;
    }
    for (int i = 0; i < candidate.length(); i++) {
      if (BASE62.indexOf(candidate.charAt(i)) < 0) {
        return null;
      }
    }
    String full = to18(candidate.substring(0, 15));
    return candidate.length() == 15 || full.equalsIgnoreCase(candidate) ? full : null;
  }
}
