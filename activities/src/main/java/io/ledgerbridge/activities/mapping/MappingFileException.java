package io.ledgerbridge.activities.mapping;

/**
 * A mappings file LedgerBridge refuses: where (file and line) and why, in words an admin can act on,
 * e.g. {@code mappings.yaml, line 12: fields[2].direction: 'SIDEWAYS' is not one of ...}.
 */
public final class MappingFileException extends IllegalArgumentException {
  private final String source;
  private final int line;
  private final String reason;

  public MappingFileException(String source, int line, String reason) {
    super(source + (line > 0 ? ", line " + line : "") + ": " + reason);
    this.source = source;
    this.line = line;
    this.reason = reason;
  }

  /** The file, or "default mappings" for the built-in one. */
  public String source() {
    return source;
  }

  /** The 1-based line at fault; 0 when the problem is not on one line. */
  public int line() {
    return line;
  }

  public String reason() {
    return reason;
  }
}
