package io.ledgerbridge.worker.cli;

import java.util.Arrays;
import java.util.Optional;

/** Every option the CLI knows, so one parser serves all commands; each command says which it takes. */
enum Option {
  URL("url", "URL", false),
  TOKEN("token", "TOKEN", false),
  JSON("json", null, false),
  HELP("help", null, false),
  NAME("name", "NAME", false),
  COMPANY("company", "REALM_ID", false),
  DIRECTION("direction", "DIRECTION", false),
  OBJECTS("objects", "LIST", true),
  FILE("file", "FILE", false),
  CRON("cron", "CRON", false),
  MINUTE("minute", "LIST", true),
  HOUR("hour", "LIST", true),
  MONTH("month", "LIST", true),
  DAY_OF_WEEK("day-of-week", "LIST", true),
  DAY_OF_MONTH("day-of-month", "LIST", true),
  TIME_ZONE("time-zone", "ZONE", false),
  WAIT("wait", null, false),
  TIMEOUT("timeout", "SECONDS", false),
  JOB("job", "ID", false),
  LIMIT("limit", "N", false),
  OBJECT("object", "NAME", false),
  TYPE("type", "TYPE", false),
  STATUS("status", "STATUS", false),
  ALL("all", null, false),
  REPAIR("repair", null, false);

  private final String name;
  private final String valueName;
  private final boolean list;

  Option(String name, String valueName, boolean list) {
    this.name = name;
    this.valueName = valueName;
    this.list = list;
  }

  static Optional<Option> byName(String name) {
    return Arrays.stream(values()).filter(option -> option.name.equals(name)).findFirst();
  }

  /** As typed: {@code --day-of-week}. */
  String flag() {
    return "--" + name;
  }

  /** Whether it is followed by a value, rather than being a switch like {@code --json}. */
  boolean takesValue() {
    return valueName != null;
  }

  String valueName() {
    return valueName;
  }

  /** A comma list that may also be given several times, its values adding up. */
  boolean isList() {
    return list;
  }
}
