package io.ledgerbridge.worker.cli;

import io.ledgerbridge.worker.access.Role;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

/** What the tokens and people commands check before calling anything: roles and ids. */
final class AccessOptions {
  private AccessOptions() {}

  /** The roles, from the server's own list, for help and completion. */
  static final class Roles implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Role.values()).map(Role::name).iterator();
    }
  }

  /** The role given, in any case; a usage error naming the roles otherwise. */
  static String role(String option, String given) {
    String role = given.trim().toUpperCase(Locale.ROOT);
    if (Arrays.stream(Role.values()).noneMatch(known -> known.name().equals(role))) {
      throw CliException.usage(option + ": '" + given + "' is not a role; one of VIEWER, OPERATOR, ADMIN");
    }
    return role;
  }

  /** An id as the list shows it: a whole number. */
  static String id(String what, String given) {
    String id = given.trim();
    if (!id.matches("\\d{1,18}")) {
      throw CliException.usage("ID: '" + given + "' is not " + what + "'s id; ids are whole numbers, as the list shows them");
    }
    return id;
  }
}
