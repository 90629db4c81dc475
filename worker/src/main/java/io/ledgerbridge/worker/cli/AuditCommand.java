package io.ledgerbridge.worker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.worker.audit.AuditAction;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ledgerbridge audit}: who changed what, when and from where, newest first. */
@Command(
    name = "audit",
    customSynopsis = "ledgerbridge audit [--action ACTION] [--since WHEN] [--target TEXT] [--actor NAME] [--limit N] [--json]",
    description = {
      "who changed what, when and from where",
      "Every change made through the API, the admin page or this CLI, newest first: WHEN, WHO, ACTION, TARGET, OUTCOME"
          + " (SUCCEEDED, or REFUSED or FAILED with the HTTP status), FROM (the client's address) and DETAILS, cut to fit"
          + " the terminal's width ($COLUMNS, else 80); --json gives all of it."
    })
final class AuditCommand implements Callable<Integer> {
  /** The most events the API lists at once. */
  static final int MAX_LIMIT = 500;
  private static final Pattern AGO = Pattern.compile("(\\d+)([mhd])");

  @ParentCommand LedgerBridgeCli cli;

  @Option(
      names = "--action",
      paramLabel = "ACTION",
      completionCandidates = Actions.class,
      description = "only this action: ${COMPLETION-CANDIDATES}")
  String action;

  @Option(
      names = "--since",
      paramLabel = "WHEN",
      description = "only changes since then: a time ago (30m, 24h, 7d), a day (2026-12-01, from 00:00 UTC) or an"
          + " instant (2026-12-01T09:00:00Z)")
  String since;

  @Option(names = "--target", paramLabel = "TEXT", description = "only targets containing it: a job's id, an error's id, a realmId")
  String target;

  @Option(names = "--actor", paramLabel = "NAME", description = "only changes by this actor, e.g. admin")
  String actor;

  @Option(
      names = "--limit",
      paramLabel = "N",
      converter = WholeNumber.class,
      description = "at most N changes, 1 to " + MAX_LIMIT + "; default 50")
  Integer limit;

  private final Clock clock;

  AuditCommand() {
    this(Clock.systemUTC());
  }

  AuditCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    Map<String, String> query = new LinkedHashMap<>();
    if (action != null) {
      query.put("action", action.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
    if (since != null) {
      query.put("from", since(since).toString());
    }
    if (target != null) {
      query.put("target", target.trim());
    }
    if (actor != null) {
      query.put("actor", actor.trim());
    }
    if (limit != null) {
      if (limit < 1 || limit > MAX_LIMIT) {
        throw CliException.usage("--limit: " + limit + " is not between 1 and " + MAX_LIMIT);
      }
      query.put("limit", limit.toString());
    }
    StringBuilder path = new StringBuilder("/api/audit");
    query.forEach((name, value) -> path.append(path.indexOf("?") < 0 ? '?' : '&').append(name).append('=')
        .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
    Session session = cli.session();
    JsonNode page = session.api().get(path.toString());
    session.print(page, AuditViews.list(page, session.columns()));
    return 0;
  }

  /** The instant --since names. */
  Instant since(String given) {
    String text = given.trim();
    Matcher ago = AGO.matcher(text);
    if (ago.matches()) {
      long amount = Long.parseLong(ago.group(1));
      Duration unit = switch (ago.group(2)) {
        case "m" -> Duration.ofMinutes(1);
        case "h" -> Duration.ofHours(1);
        default -> Duration.ofDays(1);
      };
      return clock.instant().minus(unit.multipliedBy(amount));
    }
    try {
      return text.contains("T") ? Instant.parse(text) : LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException | ArithmeticException notATime) {
      throw CliException.usage("--since: '" + given + "' is not a time ago (30m, 24h, 7d), a day (2026-12-01) or an"
          + " instant (2026-12-01T09:00:00Z)");
    }
  }

  /** The actions, from the server's own list, for help and completion. */
  static final class Actions implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(AuditAction.values()).map(AuditAction::name).iterator();
    }
  }
}
