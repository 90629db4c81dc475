package io.ledgerbridge.worker.temporal.visibility;

import io.ledgerbridge.worker.temporal.visibility.Filter.KeywordCondition;
import io.ledgerbridge.worker.temporal.visibility.Filter.KeywordTest;
import io.ledgerbridge.worker.temporal.visibility.Filter.TimeCondition;
import io.ledgerbridge.worker.temporal.visibility.Filter.TimeTest;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A Temporal list query ({@code temporal workflow list --query ...}) in the subset the embedded
 * Temporal answers exactly:
 *
 * <pre>
 * query     := [condition] [ORDER BY StartTime [ASC | DESC]] [GROUP BY ExecutionStatus]
 * condition := term {OR term}          term := factor {AND factor}
 * factor    := '(' condition ')' | keyword-field (= | != | &lt;&gt;) value | keyword-field IN '(' value {, value} ')'
 *            | keyword-field STARTS_WITH value | time-field (= | != | &lt; | &lt;= | &gt; | &gt;=) time
 *            | time-field BETWEEN time AND time
 * </pre>
 *
 * Keyword fields are WorkflowId, RunId, WorkflowType, TaskQueue, ExecutionStatus and the Keyword and
 * KeywordList search attributes registered in the namespace; time fields are StartTime and CloseTime,
 * compared with quoted RFC 3339 times. Values are quoted with ' or " (a backslash escapes the quote);
 * names may be in backticks; AND, OR and the other words are case-insensitive, names are not.
 * Anything else is refused with an {@link UnsupportedQueryException} that names it.
 */
record VisibilityQuery(Filter filter, boolean oldestFirst, boolean groupByStatus) {

  /** Temporal's names of the statuses, as list queries and the CLI spell them. */
  static final Map<String, WorkflowExecutionStatus> STATUSES = statuses();

  private static final List<String> KEYWORD_FIELDS =
      List.of("WorkflowId", "RunId", "WorkflowType", "TaskQueue", "ExecutionStatus");
  private static final List<String> TIME_FIELDS = List.of("StartTime", "CloseTime");

  /**
   * Parses a query.
   *
   * @param searchAttributes the namespace's registered search attributes by name; those of type
   *     Keyword and KeywordList can be filtered on
   * @throws UnsupportedQueryException naming the part that is wrong or not answered
   */
  static VisibilityQuery parse(String query, Map<String, IndexedValueType> searchAttributes) {
    return new Parser(Tokens.of(query), searchAttributes).query();
  }

  /** The name of a status in queries and answers, e.g. {@code Running}. */
  static String statusName(WorkflowExecutionStatus status) {
    return STATUSES.entrySet().stream()
        .filter(named -> named.getValue() == status)
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(status.name());
  }

  private static Map<String, WorkflowExecutionStatus> statuses() {
    Map<String, WorkflowExecutionStatus> statuses = new LinkedHashMap<>();
    statuses.put("Running", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    statuses.put("Completed", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    statuses.put("Failed", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED);
    statuses.put("Canceled", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
    statuses.put("Terminated", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
    statuses.put("ContinuedAsNew", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW);
    statuses.put("TimedOut", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TIMED_OUT);
    return Collections.unmodifiableMap(statuses);
  }

  /**
   * A token's kind: a name, a `quoted name`, a 'string', an operator, ( ) or a comma; a bare value
   * (a number, an unquoted time) is taken whole so that the refusal can show it.
   */
  private enum Kind { NAME, QUOTED_NAME, STRING, OPERATOR, OPEN, CLOSE, COMMA, BARE_VALUE, END }

  private record Token(Kind kind, String text, int position) {
    boolean isWord(String word) {
      return kind == Kind.NAME && text.equalsIgnoreCase(word);
    }

    String shown() {
      return kind == Kind.END ? "the end of the query" : "'" + text + "' at position " + (position + 1);
    }
  }

  /** The query's tokens; a character that starts none is refused where it stands. */
  private static final class Tokens {
    private final List<Token> tokens;
    private int next;

    private Tokens(List<Token> tokens) {
      this.tokens = tokens;
    }

    static Tokens of(String query) {
      List<Token> tokens = new ArrayList<>();
      int i = 0;
      while (i < query.length()) {
        char c = query.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
        } else if (Character.isLetter(c) || c == '_') {
          int start = i;
          while (i < query.length() && (Character.isLetterOrDigit(query.charAt(i)) || query.charAt(i) == '_')) {
            i++;
          }
          tokens.add(new Token(Kind.NAME, query.substring(start, i), start));
        } else if (Character.isDigit(c) || c == '-') {
          int start = i;
          i++;
          while (i < query.length() && (Character.isLetterOrDigit(query.charAt(i)) || ".:-+".indexOf(query.charAt(i)) >= 0)) {
            i++;
          }
          tokens.add(new Token(Kind.BARE_VALUE, query.substring(start, i), start));
        } else if (c == '\'' || c == '"' || c == '`') {
          int start = i;
          StringBuilder text = new StringBuilder();
          i++;
          while (true) {
            if (i >= query.length()) {
              throw new UnsupportedQueryException(
                  "the quote " + c + " at position " + (start + 1) + " is never closed");
            }
            char d = query.charAt(i);
            if (d == '\\' && i + 1 < query.length()) {
              text.append(query.charAt(i + 1));
              i += 2;
            } else if (d == c) {
              i++;
              break;
            } else {
              text.append(d);
              i++;
            }
          }
          tokens.add(new Token(c == '`' ? Kind.QUOTED_NAME : Kind.STRING, text.toString(), start));
        } else if (c == '(' || c == ')' || c == ',') {
          tokens.add(new Token(c == '(' ? Kind.OPEN : c == ')' ? Kind.CLOSE : Kind.COMMA, String.valueOf(c), i));
          i++;
        } else if ("=!<>".indexOf(c) >= 0) {
          int start = i;
          i++;
          // Two-character operators: != <> <= >=; a lone = never takes a second character.
          if (c != '=' && i < query.length() && "=>".indexOf(query.charAt(i)) >= 0) {
            i++;
          }
          String operator = query.substring(start, i);
          if (operator.equals("!")) {
            throw new UnsupportedQueryException("'!' at position " + (start + 1) + " is not an operator; use !=");
          }
          tokens.add(new Token(Kind.OPERATOR, operator, start));
        } else {
          throw new UnsupportedQueryException(
              "unexpected character '" + c + "' at position " + (i + 1) + " of the query");
        }
      }
      tokens.add(new Token(Kind.END, "", query.length()));
      return new Tokens(tokens);
    }

    Token peek() {
      return tokens.get(next);
    }

    Token take() {
      Token token = tokens.get(next);
      if (token.kind() != Kind.END) {
        next++;
      }
      return token;
    }

    boolean takeWord(String word) {
      if (peek().isWord(word)) {
        next++;
        return true;
      }
      return false;
    }

    void expectWord(String word, String context) {
      if (!takeWord(word)) {
        throw new UnsupportedQueryException("expected " + word + " " + context + ", found " + peek().shown());
      }
    }
  }

  private static final class Parser {
    /** Deeper nesting is no query a person writes; refusing it keeps the parser's recursion bounded. */
    private static final int MAX_NESTING = 64;

    private final Tokens tokens;
    private final Map<String, IndexedValueType> searchAttributes;
    private int nesting;

    Parser(Tokens tokens, Map<String, IndexedValueType> searchAttributes) {
      this.tokens = tokens;
      this.searchAttributes = searchAttributes;
    }

    VisibilityQuery query() {
      Filter filter = Filter.ALL;
      if (tokens.peek().kind() != Kind.END && !tokens.peek().isWord("ORDER") && !tokens.peek().isWord("GROUP")) {
        filter = condition();
      }
      boolean oldestFirst = false;
      if (tokens.takeWord("ORDER")) {
        tokens.expectWord("BY", "after ORDER");
        Token field = tokens.take();
        if (!(field.kind() == Kind.NAME || field.kind() == Kind.QUOTED_NAME) || !field.text().equals("StartTime")) {
          throw new UnsupportedQueryException(
              "ORDER BY " + field.text() + " is not supported: the embedded Temporal orders by StartTime only"
                  + " (ORDER BY StartTime DESC, the default, or ASC)");
        }
        if (tokens.takeWord("ASC")) {
          oldestFirst = true;
        } else {
          tokens.takeWord("DESC");
        }
        if (tokens.peek().kind() == Kind.COMMA) {
          throw new UnsupportedQueryException("ORDER BY takes one field on the embedded Temporal: StartTime");
        }
      }
      boolean groupByStatus = false;
      if (tokens.takeWord("GROUP")) {
        tokens.expectWord("BY", "after GROUP");
        Token field = tokens.take();
        if (!field.text().equals("ExecutionStatus")) {
          throw new UnsupportedQueryException(
              "GROUP BY " + field.text() + " is not supported: counts group by ExecutionStatus only");
        }
        groupByStatus = true;
      }
      Token rest = tokens.peek();
      if (rest.kind() != Kind.END) {
        throw new UnsupportedQueryException("unexpected " + rest.shown() + (rest.isWord("LIMIT")
            ? ": LIMIT is not part of Temporal's list queries; the page size limits an answer" : ""));
      }
      return new VisibilityQuery(filter, oldestFirst, groupByStatus);
    }

    private Filter condition() {
      List<Filter> terms = new ArrayList<>(List.of(term()));
      while (tokens.takeWord("OR")) {
        terms.add(term());
      }
      return terms.size() == 1 ? terms.get(0) : new Filter.AnyOf(List.copyOf(terms));
    }

    private Filter term() {
      List<Filter> factors = new ArrayList<>(List.of(factor()));
      while (tokens.takeWord("AND")) {
        factors.add(factor());
      }
      return factors.size() == 1 ? factors.get(0) : new Filter.AllOf(List.copyOf(factors));
    }

    private Filter factor() {
      Token start = tokens.take();
      if (start.kind() == Kind.OPEN) {
        if (++nesting > MAX_NESTING) {
          throw new UnsupportedQueryException("parentheses nest deeper than " + MAX_NESTING + " levels");
        }
        Filter inner = condition();
        nesting--;
        Token close = tokens.take();
        if (close.kind() != Kind.CLOSE) {
          throw new UnsupportedQueryException(
              "the parenthesis at position " + (start.position() + 1) + " is not closed; found " + close.shown());
        }
        return inner;
      }
      if (start.isWord("NOT")) {
        throw new UnsupportedQueryException("NOT is not supported on the embedded Temporal; use != instead");
      }
      if (start.kind() != Kind.NAME && start.kind() != Kind.QUOTED_NAME) {
        throw new UnsupportedQueryException("expected a field name, found " + start.shown());
      }
      String field = start.text();
      if (TIME_FIELDS.contains(field)) {
        return timeCondition(field);
      }
      Function<ExecutionRecord, List<String>> values = keywordValues(field);
      return keywordCondition(field, values);
    }

    private Function<ExecutionRecord, List<String>> keywordValues(String field) {
      switch (field) {
        case "WorkflowId":
          return run -> List.of(run.workflowId());
        case "RunId":
          return run -> List.of(run.runId());
        case "WorkflowType":
          return run -> List.of(run.workflowType());
        case "TaskQueue":
          return run -> run.taskQueue().isEmpty() ? List.of() : List.of(run.taskQueue());
        case "ExecutionStatus":
          return run -> List.of(statusName(run.status()));
        default:
          break;
      }
      IndexedValueType type = searchAttributes.get(field);
      if (type == IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD
          || type == IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST) {
        return run -> run.keywordAttributes().getOrDefault(field, List.of());
      }
      if (type != null) {
        throw new UnsupportedQueryException(
            "search attribute " + field + " is of type " + typeName(type)
                + ": the embedded Temporal filters on Keyword and KeywordList search attributes only");
      }
      TreeSet<String> keywordAttributes = new TreeSet<>();
      searchAttributes.forEach((name, t) -> {
        if (t == IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD || t == IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST) {
          keywordAttributes.add(name);
        }
      });
      throw new UnsupportedQueryException(
          "unsupported field " + field + ": the embedded Temporal filters on " + String.join(", ", KEYWORD_FIELDS)
              + ", " + String.join(", ", TIME_FIELDS) + " and the Keyword search attributes "
              + String.join(", ", keywordAttributes)
              + "; other fields and advanced visibility need a real Temporal server");
    }

    private Filter keywordCondition(String field, Function<ExecutionRecord, List<String>> values) {
      Token operator = tokens.take();
      if (operator.kind() == Kind.OPERATOR) {
        KeywordTest test = switch (operator.text()) {
          case "=" -> KeywordTest.ANY_OF;
          case "!=", "<>" -> KeywordTest.NONE_OF;
          default -> throw new UnsupportedQueryException(
              field + " " + operator.text() + ": " + field + " is compared with =, !=, IN or STARTS_WITH");
        };
        return new KeywordCondition(field, values, test, List.of(keywordValue(field)));
      }
      if (operator.isWord("IN")) {
        Token open = tokens.take();
        if (open.kind() != Kind.OPEN) {
          throw new UnsupportedQueryException("expected ( after " + field + " IN, found " + open.shown());
        }
        List<String> operands = new ArrayList<>(List.of(keywordValue(field)));
        while (tokens.peek().kind() == Kind.COMMA) {
          tokens.take();
          operands.add(keywordValue(field));
        }
        Token close = tokens.take();
        if (close.kind() != Kind.CLOSE) {
          throw new UnsupportedQueryException("expected , or ) in " + field + " IN (...), found " + close.shown());
        }
        return new KeywordCondition(field, values, KeywordTest.ANY_OF, List.copyOf(operands));
      }
      if (operator.isWord("STARTS_WITH")) {
        return new KeywordCondition(field, values, KeywordTest.STARTS_WITH, List.of(keywordValue(field)));
      }
      throw new UnsupportedQueryException(
          (operator.kind() == Kind.NAME ? "operator " + operator.text().toUpperCase(Locale.ROOT) + " is not supported: "
              : "expected an operator after " + field + ", found " + operator.shown() + ": ")
              + field + " is compared with =, !=, IN or STARTS_WITH");
    }

    private String keywordValue(String field) {
      Token value = tokens.take();
      if (value.kind() != Kind.STRING) {
        throw new UnsupportedQueryException(
            field + " is compared with a quoted value, e.g. " + field + " = 'value'; found " + value.shown());
      }
      if (field.equals("ExecutionStatus") && !STATUSES.containsKey(value.text())) {
        throw new UnsupportedQueryException(
            "ExecutionStatus '" + value.text() + "' is not a status; one of " + String.join(", ", STATUSES.keySet()));
      }
      return value.text();
    }

    private Filter timeCondition(String field) {
      Function<ExecutionRecord, Instant> time =
          field.equals("StartTime") ? ExecutionRecord::startTime : ExecutionRecord::closeTime;
      Token operator = tokens.take();
      if (operator.isWord("BETWEEN")) {
        Instant from = timeValue(field);
        tokens.expectWord("AND", "in " + field + " BETWEEN ... AND ...");
        Instant upTo = timeValue(field);
        return new TimeCondition(field, time, TimeTest.BETWEEN, from, upTo);
      }
      if (operator.kind() != Kind.OPERATOR) {
        throw new UnsupportedQueryException(
            "expected a comparison after " + field + ", found " + operator.shown() + ": " + field
                + " is compared with =, !=, <, <=, >, >= or BETWEEN ... AND ...");
      }
      TimeTest test = switch (operator.text()) {
        case "=" -> TimeTest.EQUAL;
        case "!=", "<>" -> TimeTest.NOT_EQUAL;
        case "<" -> TimeTest.BEFORE;
        case "<=" -> TimeTest.AT_OR_BEFORE;
        case ">" -> TimeTest.AFTER;
        case ">=" -> TimeTest.AT_OR_AFTER;
        default -> throw new UnsupportedQueryException("'" + operator.text() + "' is not an operator");
      };
      return new TimeCondition(field, time, test, timeValue(field), null);
    }

    private Instant timeValue(String field) {
      Token value = tokens.take();
      if (value.kind() != Kind.STRING) {
        throw new UnsupportedQueryException(
            field + " is compared with a quoted RFC 3339 time, e.g. '2026-12-03T10:00:00Z'; found " + value.shown());
      }
      return rfc3339(value.text()).orElseThrow(() -> new UnsupportedQueryException(
          field + " '" + value.text() + "' is not an RFC 3339 time with an offset, e.g. '2026-12-03T10:00:00Z'"
              + " or '2026-12-03T11:00:00+01:00'"));
    }
  }

  private static Optional<Instant> rfc3339(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeParseException notATime) {
      return Optional.empty();
    }
  }

  private static String typeName(IndexedValueType type) {
    String name = type.name().replace("INDEXED_VALUE_TYPE_", "");
    StringBuilder camel = new StringBuilder();
    for (String part : name.split("_")) {
      camel.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
    }
    return camel.toString();
  }
}
