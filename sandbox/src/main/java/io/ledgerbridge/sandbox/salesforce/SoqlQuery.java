package io.ledgerbridge.sandbox.salesforce;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A parsed SOQL query over one object (the subset the sandbox serves):
 * {@code SELECT f1, f2 | COUNT() FROM T [WHERE cond] [ORDER BY f [ASC|DESC] [NULLS FIRST|LAST], ...]
 * [LIMIT n] [OFFSET n]}. Conditions use = != <> < <= > >= LIKE IN NOT IN, AND/OR/NOT and parentheses
 * (mixing AND and OR needs parentheses, as in Salesforce); values are quoted strings, numbers,
 * true/false, null, date and datetime literals, and TODAY, YESTERDAY, LAST_N_DAYS:n. Fields may be
 * parent fields through a lookup ({@code Account.QBO_Id__c}); child subqueries are not supported.
 */
record SoqlQuery(SObjectType type, boolean count, List<Column> columns, Predicate<SfRecord> where,
    Comparator<SfRecord> order, Integer limit, int offset, Set<String> ids) {
  // ids: the record ids a top-level Id IN (...) or Id = ... (alone or AND-ed) restricts the result
  // to, or null. It lets the org look records up by key instead of scanning every record, which
  // keeps read-backs in large orgs fast; where() still decides.

  /**
   * A field the query names: one of the queried object's, or, as {@code Account.Name}, one of the parent
   * record a lookup points at (one level, as the sandbox supports).
   */
  record Column(FieldDef lookup, SObjectType parent, FieldDef field) {
    /** The value for a record; a parent field reads the parent as it is now. */
    Object valueIn(SfRecord record, SalesforceOrg org) {
      if (lookup == null) {
        return record.get(field.name());
      }
      Object parentId = record.get(lookup.name());
      SfRecord parentRecord = parentId == null ? null : org.get(parent, (String) parentId);
      return parentRecord == null ? null : parentRecord.get(field.name());
    }
  }

  /** Salesforce's OFFSET ceiling. */
  static final int MAX_OFFSET = 2000;

  static SoqlQuery parse(String soql, SalesforceOrg org, Instant now) {
    return new Parser(soql, org, now).parse();
  }

  private enum Kind { WORD, STRING, NUMBER, DATETIME, DATE, SYMBOL, END }

  private record Token(Kind kind, String text, int column) {}

  private static final Pattern DATETIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?(Z|[+-]\\d{2}:?\\d{2})");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private static final class Parser {
    private final String soql;
    private final SalesforceOrg org;
    private final SalesforceSchema schema;
    private final Instant now;
    private final List<Token> tokens;
    private int position;
    private SObjectType type;
    /** Depth inside NOT and parentheses: only top-level AND-ed Id conditions narrow by key. */
    private int nesting;
    private Set<String> ids;
    private boolean idsNarrow = true;

    Parser(String soql, SalesforceOrg org, Instant now) {
      this.soql = soql;
      this.org = org;
      this.schema = org.schema();
      this.now = now;
      this.tokens = tokenize(soql);
    }

    SoqlQuery parse() {
      expectKeyword("SELECT");
      List<Token> selected = new ArrayList<>();
      boolean count = false;
      if (peekKeyword("COUNT") && peekSymbolAt(position + 1, "(")) {
        next();
        expectSymbol("(");
        expectSymbol(")");
        count = true;
      } else {
        selected.add(expectWord());
        while (peekSymbol(",")) {
          next();
          selected.add(expectWord());
        }
      }
      expectKeyword("FROM");
      Token typeToken = expectWord();
      type = schema.type(typeToken.text());
      if (type == null) {
        throw located(typeToken, "INVALID_TYPE", "sObject type '" + typeToken.text() + "' is not supported. If you are "
            + "attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference "
            + "your WSDL or the describe call for the appropriate names.");
      }
      List<Column> columns = new ArrayList<>();
      for (Token token : selected) {
        Column column = column(token);
        if (columns.contains(column)) {
          throw located(token, "MALFORMED_QUERY", "duplicate field selected: " + token.text());
        }
        columns.add(column);
      }
      Predicate<SfRecord> where = record -> true;
      if (peekKeyword("WHERE")) {
        next();
        where = expression();
      }
      Comparator<SfRecord> order = null;
      if (peekKeyword("ORDER")) {
        next();
        expectKeyword("BY");
        order = orderItem();
        while (peekSymbol(",")) {
          next();
          order = order.thenComparing(orderItem());
        }
      }
      Integer limit = null;
      int offset = 0;
      if (peekKeyword("LIMIT")) {
        next();
        limit = expectInteger();
      }
      if (peekKeyword("OFFSET")) {
        next();
        Token offsetToken = current();
        offset = expectInteger();
        if (offset > MAX_OFFSET) {
          throw located(offsetToken, "NUMBER_OUTSIDE_VALID_RANGE", "Maximum SOQL offset allowed is " + MAX_OFFSET);
        }
      }
      if (current().kind() != Kind.END) {
        throw unexpected();
      }
      return new SoqlQuery(type, count, columns, where, order, limit, offset, idsNarrow ? ids : null);
    }

    /** OR-list or AND-list of terms; one connective per level unless parenthesised. */
    private Predicate<SfRecord> expression() {
      Predicate<SfRecord> result = term();
      String connective = null;
      while (peekKeyword("AND") || peekKeyword("OR")) {
        String word = current().text().toUpperCase(Locale.ROOT);
        if (connective != null && !connective.equals(word)) {
          throw unexpected();
        }
        connective = word;
        if (word.equals("OR") && nesting == 0) {
          idsNarrow = false;
        }
        next();
        Predicate<SfRecord> right = term();
        result = word.equals("AND") ? result.and(right) : result.or(right);
      }
      return result;
    }

    private Predicate<SfRecord> term() {
      if (peekKeyword("NOT")) {
        next();
        nesting++;
        Predicate<SfRecord> negated = term().negate();
        nesting--;
        return negated;
      }
      if (peekSymbol("(")) {
        next();
        nesting++;
        Predicate<SfRecord> inner = expression();
        nesting--;
        expectSymbol(")");
        return inner;
      }
      return comparison();
    }

    private void narrowToIds(Column column, List<Object> values) {
      if (nesting > 0 || column.lookup() != null || !column.field().name().equals("Id")) {
        return;
      }
      Set<String> keys = new TreeSet<>();
      for (Object value : values) {
        if (!(value instanceof String id)) {
          return;
        }
        keys.add(id);
      }
      if (ids != null) {
        keys.retainAll(ids);
      }
      ids = keys;
    }

    private Predicate<SfRecord> comparison() {
      Token fieldToken = expectWord();
      Column column = column(fieldToken);
      FieldDef field = column.field();
      Function<SfRecord, Object> valueOf = record -> column.valueIn(record, org);
      Token operator = next();
      String op = operator.text().toUpperCase(Locale.ROOT);
      if (op.equals("NOT") && peekKeyword("IN")) {
        next();
        List<Object> values = valueList(field);
        return record -> {
          Object stored = valueOf.apply(record);
          return stored != null && values.stream().noneMatch(v -> v != null && compare(stored, v) == 0);
        };
      }
      switch (op) {
        case "IN" -> {
          List<Object> values = valueList(field);
          narrowToIds(column, values);
          return record -> {
            Object stored = valueOf.apply(record);
            return values.stream().anyMatch(v -> v == null ? stored == null : stored != null && compare(stored, v) == 0);
          };
        }
        case "LIKE" -> {
          Token valueToken = current();
          Object value = value(field);
          if (!field.type().isText() || !(value instanceof String pattern)) {
            throw located(valueToken, "INVALID_FIELD", "invalid operator on field " + field.name() + ": LIKE");
          }
          Pattern regex = likePattern(pattern);
          return record -> {
            Object stored = valueOf.apply(record);
            return stored != null && regex.matcher(stored.toString()).matches();
          };
        }
        case "=", "!=", "<>", "<", "<=", ">", ">=" -> {
          Object value = value(field);
          if (value == null) {
            if (op.equals("=")) {
              return record -> valueOf.apply(record) == null;
            }
            if (op.equals("!=") || op.equals("<>")) {
              return record -> valueOf.apply(record) != null;
            }
            throw located(operator, "MALFORMED_QUERY", "invalid null comparison with operator " + op);
          }
          if (op.equals("=")) {
            narrowToIds(column, List.of(value));
          }
          return record -> {
            Object stored = valueOf.apply(record);
            if (stored == null) {
              return op.equals("!=") || op.equals("<>");
            }
            int comparison = compare(stored, value);
            return switch (op) {
              case "=" -> comparison == 0;
              case "!=", "<>" -> comparison != 0;
              case "<" -> comparison < 0;
              case "<=" -> comparison <= 0;
              case ">" -> comparison > 0;
              default -> comparison >= 0;
            };
          };
        }
        default -> {
          if (operator.kind() != Kind.END) {
            position--;
          }
          throw unexpected();
        }
      }
    }

    private List<Object> valueList(FieldDef field) {
      expectSymbol("(");
      List<Object> values = new ArrayList<>();
      values.add(value(field));
      while (peekSymbol(",")) {
        next();
        values.add(value(field));
      }
      expectSymbol(")");
      return values;
    }

    /** A literal, checked against the field's type the way Salesforce words the mismatch. */
    private Object value(FieldDef field) {
      Token token = next();
      FieldType type = field.type();
      if (token.kind() == Kind.WORD && token.text().equalsIgnoreCase("null")) {
        return null;
      }
      if (type.isText()) {
        if (token.kind() != Kind.STRING) {
          throw typeError(token, field, "string", "should be enclosed in quotes");
        }
        if (type == FieldType.ID || type == FieldType.REFERENCE) {
          String id = SalesforceIds.normalize(token.text());
          if (id == null) {
            throw located(token, "INVALID_QUERY_FILTER_OPERATOR", "invalid ID field: " + token.text());
          }
          return id;
        }
        return token.text();
      }
      if (token.kind() == Kind.STRING) {
        throw typeError(token, field, type == FieldType.DATETIME ? "dateTime" : type.describeName, "should not be enclosed in quotes");
      }
      switch (type) {
        case BOOLEAN -> {
          if (token.kind() == Kind.WORD && (token.text().equalsIgnoreCase("true") || token.text().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(token.text().toLowerCase(Locale.ROOT));
          }
          throw typeError(token, field, "boolean", "should not be enclosed in quotes");
        }
        case DOUBLE, CURRENCY, PERCENT -> {
          if (token.kind() == Kind.NUMBER) {
            return new BigDecimal(token.text());
          }
          throw typeError(token, field, type.describeName, "should not be enclosed in quotes");
        }
        case DATETIME -> {
          if (token.kind() == Kind.DATETIME) {
            return RecordInput.parseDateTime(token.text().replaceAll("([+-]\\d{2})(\\d{2})$", "$1:$2"));
          }
          Instant relative = relativeDate(token);
          if (relative != null) {
            return relative;
          }
          throw typeError(token, field, "dateTime", "should not be enclosed in quotes");
        }
        case DATE -> {
          if (token.kind() == Kind.DATE) {
            return LocalDate.parse(token.text());
          }
          Instant relative = relativeDate(token);
          if (relative != null) {
            return LocalDate.ofInstant(relative, ZoneOffset.UTC);
          }
          throw typeError(token, field, "date", "should not be enclosed in quotes");
        }
        default -> throw unexpected();
      }
    }

    /** TODAY, YESTERDAY and LAST_N_DAYS:n as the start of that UTC day (the org time zone is UTC). */
    private Instant relativeDate(Token token) {
      if (token.kind() != Kind.WORD) {
        return null;
      }
      LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
      String word = token.text().toUpperCase(Locale.ROOT);
      if (word.equals("TODAY")) {
        return today.atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      if (word.equals("YESTERDAY")) {
        return today.minusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      if (word.startsWith("LAST_N_DAYS:")) {
        try {
          return today.minusDays(Long.parseLong(word.substring(12))).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (NumberFormatException e) {
          return null;
        }
      }
      return null;
    }

    private Comparator<SfRecord> orderItem() {
      Column column = column(expectWord());
      boolean descending = false;
      if (peekKeyword("DESC")) {
        next();
        descending = true;
      } else if (peekKeyword("ASC")) {
        next();
      }
      boolean nullsFirst = !descending;
      if (peekKeyword("NULLS")) {
        next();
        if (peekKeyword("FIRST")) {
          nullsFirst = true;
        } else if (peekKeyword("LAST")) {
          nullsFirst = false;
        } else {
          throw unexpected();
        }
        next();
      }
      Comparator<Comparable<Object>> values = Comparator.naturalOrder();
      if (descending) {
        values = values.reversed();
      }
      values = nullsFirst ? Comparator.nullsFirst(values) : Comparator.nullsLast(values);
      return Comparator.comparing(record -> sortKey(column.valueIn(record, org)), values);
    }

    /** {@code Field} of the queried object or {@code Relationship.Field} of a parent. */
    private Column column(Token token) {
      String path = token.text();
      int dot = path.indexOf('.');
      if (dot < 0) {
        return new Column(null, null, field(type, path, token));
      }
      String relationship = path.substring(0, dot);
      FieldDef lookup = null;
      for (FieldDef candidate : type.fields()) {
        if (candidate.type() == FieldType.REFERENCE && relationship.equalsIgnoreCase(candidate.relationshipName())) {
          lookup = candidate;
        }
      }
      SObjectType parent = lookup == null ? null : schema.type(lookup.referenceTo().get(0));
      if (parent == null || path.indexOf('.', dot + 1) >= 0) {
        throw located(token, "INVALID_FIELD", "Didn't understand relationship '" + relationship + "' in field path. If "
            + "you are attempting to use a custom relationship, be sure to append the '__r' after the custom "
            + "relationship name. Please reference your WSDL or the describe call for the appropriate names.");
      }
      return new Column(lookup, parent, field(parent, path.substring(dot + 1), token));
    }

    private FieldDef field(SObjectType owner, String name, Token token) {
      FieldDef field = owner.field(name);
      if (field == null) {
        throw located(token, "INVALID_FIELD", "No such column '" + name + "' on entity '" + owner.name()
            + "'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. "
            + "Please reference your WSDL or the describe call for the appropriate names.");
      }
      return field;
    }

    private Token current() {
      return tokens.get(position);
    }

    private Token next() {
      Token token = tokens.get(position);
      if (token.kind() != Kind.END) {
        position++;
      }
      return token;
    }

    private boolean peekKeyword(String keyword) {
      return current().kind() == Kind.WORD && current().text().equalsIgnoreCase(keyword);
    }

    private boolean peekSymbol(String symbol) {
      return peekSymbolAt(position, symbol);
    }

    private boolean peekSymbolAt(int index, String symbol) {
      return index < tokens.size() && tokens.get(index).kind() == Kind.SYMBOL && tokens.get(index).text().equals(symbol);
    }

    private void expectKeyword(String keyword) {
      if (!peekKeyword(keyword)) {
        throw unexpected();
      }
      next();
    }

    private void expectSymbol(String symbol) {
      if (!peekSymbol(symbol)) {
        throw unexpected();
      }
      next();
    }

    private Token expectWord() {
      if (current().kind() != Kind.WORD) {
        throw unexpected();
      }
      return next();
    }

    private int expectInteger() {
      Token token = current();
      if (token.kind() != Kind.NUMBER || token.text().contains(".")) {
        throw unexpected();
      }
      next();
      return Integer.parseInt(token.text());
    }

    private SalesforceException unexpected() {
      Token token = current();
      return located(token, "MALFORMED_QUERY",
          token.kind() == Kind.END ? "unexpected token: <EOF>" : "unexpected token: " + token.text());
    }

    private SalesforceException typeError(Token token, FieldDef field, String typeName, String advice) {
      return located(token, "INVALID_FIELD", "value of filter criterion for field '" + field.name()
          + "' must be of type " + typeName + " and " + advice);
    }

    /** Salesforce's error layout: the query, a caret under the spot, then row and column. */
    private SalesforceException located(Token token, String code, String message) {
      String oneLine = soql.replace('\n', ' ');
      String text = "\n" + oneLine + "\n" + " ".repeat(Math.max(0, token.column() - 1)) + "^\nERROR at Row:1:Column:"
          + token.column() + "\n" + message;
      return new SalesforceException(400, code, text, null);
    }
  }

  private static int compare(Object stored, Object literal) {
    if (stored instanceof String text) {
      return text.compareToIgnoreCase((String) literal);
    }
    if (stored instanceof Instant instant && literal instanceof LocalDate date) {
      return instant.compareTo(date.atStartOfDay().toInstant(ZoneOffset.UTC));
    }
    @SuppressWarnings("unchecked")
    Comparable<Object> comparable = (Comparable<Object>) stored;
    return comparable.compareTo(literal);
  }

  @SuppressWarnings("unchecked")
  private static Comparable<Object> sortKey(Object value) {
    if (value instanceof String text) {
      return (Comparable<Object>) (Comparable<?>) text.toLowerCase(Locale.ROOT);
    }
    return (Comparable<Object>) value;
  }

  /** LIKE: {@code %} any run, {@code _} one character, case-insensitive; backslash escapes. */
  private static Pattern likePattern(String like) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < like.length(); i++) {
      char c = like.charAt(i);
      if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  }

  private static List<Token> tokenize(String soql) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < soql.length()) {
      char c = soql.charAt(i);
      int column = i + 1;
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'') {
        StringBuilder value = new StringBuilder();
        i++;
        boolean closed = false;
        while (i < soql.length()) {
          char d = soql.charAt(i);
          if (d == '\\' && i + 1 < soql.length()) {
            char escaped = soql.charAt(i + 1);
            value.append(switch (escaped) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              default -> escaped;
            });
            i += 2;
          } else if (d == '\'') {
            i++;
            closed = true;
            break;
          } else {
            value.append(d);
            i++;
          }
        }
        if (!closed) {
          throw new SalesforceException(400, "MALFORMED_QUERY", "\n" + soql + "\nERROR at Row:1:Column:" + column
              + "\nunterminated string literal", null);
        }
        tokens.add(new Token(Kind.STRING, value.toString(), column));
      } else if (Character.isDigit(c) || c == '-' && i + 1 < soql.length() && Character.isDigit(soql.charAt(i + 1))) {
        int start = i++;
        while (i < soql.length() && (Character.isLetterOrDigit(soql.charAt(i)) || ".:+-".indexOf(soql.charAt(i)) >= 0)) {
          i++;
        }
        String text = soql.substring(start, i);
        Kind kind = DATETIME.matcher(text).matches() ? Kind.DATETIME : DATE.matcher(text).matches() ? Kind.DATE
            : text.matches("-?\\d+(\\.\\d+)?") ? Kind.NUMBER : null;
        if (kind == null) {
          throw new SalesforceException(400, "MALFORMED_QUERY", "\n" + soql + "\nERROR at Row:1:Column:" + column
              + "\nunexpected token: " + text, null);
        }
        tokens.add(new Token(kind, text, column));
      } else if (Character.isLetter(c) || c == '_') {
        int start = i++;
        while (i < soql.length() && (Character.isLetterOrDigit(soql.charAt(i)) || "_.:".indexOf(soql.charAt(i)) >= 0)) {
          i++;
        }
        tokens.add(new Token(Kind.WORD, soql.substring(start, i), column));
      } else if (c == '!' || c == '<' || c == '>') {
        String two = i + 1 < soql.length() ? soql.substring(i, i + 2) : "";
        if (two.equals("!=") || two.equals("<=") || two.equals(">=") || two.equals("<>")) {
          tokens.add(new Token(Kind.SYMBOL, two, column));
          i += 2;
        } else if (c != '!') {
          tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), column));
          i++;
        } else {
          throw new SalesforceException(400, "MALFORMED_QUERY", "\n" + soql + "\nERROR at Row:1:Column:" + column
              + "\nunexpected token: !", null);
        }
      } else if ("=(),".indexOf(c) >= 0) {
        tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), column));
        i++;
      } else {
        throw new SalesforceException(400, "MALFORMED_QUERY", "\n" + soql + "\nERROR at Row:1:Column:" + column
            + "\nunexpected token: " + c, null);
      }
    }
    tokens.add(new Token(Kind.END, "", soql.length() + 1));
    return tokens;
  }
}
