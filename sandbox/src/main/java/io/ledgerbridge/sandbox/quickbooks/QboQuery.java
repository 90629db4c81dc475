package io.ledgerbridge.sandbox.quickbooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed QBO query (reference §1.5):
 * {@code SELECT * | COUNT(*) FROM Entity [WHERE p op v [AND ...]] [ORDERBY p [ASC|DESC], ...]
 * [STARTPOSITION n] [MAXRESULTS n]}. Keywords and names are case-insensitive; no projections, OR or joins.
 */
record QboQuery(String entity, boolean count, List<Condition> conditions, List<Order> orderBy, int startPosition,
    int maxResults) {

  /** The page size when MAXRESULTS is absent (100 per the docs scrape; UNCONFIRMED officially). */
  static final int DEFAULT_MAX_RESULTS = 100;
  /** The documented ceiling. A larger MAXRESULTS is clamped to it (behaviour UNCONFIRMED: sources conflict). */
  static final int MAX_RESULTS_CEILING = 1000;

  enum Operator {
    EQ("="), LT("<"), GT(">"), LE("<="), GE(">="), LIKE("LIKE"), IN("IN");

    final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }
  }

  /** {@code property op value(s)}; property is dotted and lowercase; IN has several values. */
  record Condition(String property, Operator operator, List<String> values) {}

  record Order(String property, boolean descending) {}

  static QboQuery parse(String text) {
    return new Parser(text).parse();
  }

  private static final class Parser {
    private final String text;
    private final List<Token> tokens;
    private int position;

    Parser(String text) {
      this.text = text;
      this.tokens = tokenize(text);
    }

    QboQuery parse() {
      expectKeyword("SELECT");
      boolean count;
      if (peekSymbol("*")) {
        next();
        count = false;
      } else if (peekKeyword("COUNT")) {
        next();
        expectSymbol("(");
        expectSymbol("*");
        expectSymbol(")");
        count = true;
      } else {
        throw unexpected("\"*\" or \"count(*)\"");
      }
      expectKeyword("FROM");
      String entity = expectIdentifier();
      List<Condition> conditions = new ArrayList<>();
      if (peekKeyword("WHERE")) {
        next();
        conditions.add(condition());
        while (peekKeyword("AND")) {
          next();
          conditions.add(condition());
        }
      }
      List<Order> orders = new ArrayList<>();
      if (peekKeyword("ORDERBY") || peekKeyword("ORDER")) {
        // "ORDERBY" is the documented keyword; "ORDER BY" is accepted too since clients write both.
        if (next().text.equalsIgnoreCase("ORDER")) {
          expectKeyword("BY");
        }
        orders.add(order());
        while (peekSymbol(",")) {
          next();
          orders.add(order());
        }
      }
      int start = 1;
      int max = DEFAULT_MAX_RESULTS;
      boolean progress = true;
      while (progress) {
        progress = false;
        if (peekKeyword("STARTPOSITION")) {
          next();
          start = expectInteger();
          progress = true;
        }
        if (peekKeyword("MAXRESULTS")) {
          next();
          max = expectInteger();
          progress = true;
        }
      }
      if (position < tokens.size()) {
        throw unexpected("<EOF>");
      }
      return new QboQuery(entity, count, conditions, orders, Math.max(1, start),
          Math.min(Math.max(max, 0), MAX_RESULTS_CEILING));
    }

    private Condition condition() {
      String property = expectIdentifier().toLowerCase(Locale.ROOT);
      Token operatorToken = next();
      if (operatorToken == null) {
        throw unexpected("an operator");
      }
      Operator operator = switch (operatorToken.text.toUpperCase(Locale.ROOT)) {
        case "=" -> Operator.EQ;
        case "<" -> Operator.LT;
        case ">" -> Operator.GT;
        case "<=" -> Operator.LE;
        case ">=" -> Operator.GE;
        case "LIKE" -> Operator.LIKE;
        case "IN" -> Operator.IN;
        default -> {
          position--;
          throw unexpected("one of = < > <= >= LIKE IN");
        }
      };
      List<String> values = new ArrayList<>();
      if (operator == Operator.IN) {
        expectSymbol("(");
        values.add(value());
        while (peekSymbol(",")) {
          next();
          values.add(value());
        }
        expectSymbol(")");
      } else {
        values.add(value());
      }
      return new Condition(property, operator, values);
    }

    private Order order() {
      String property = expectIdentifier().toLowerCase(Locale.ROOT);
      boolean descending = false;
      if (peekKeyword("DESC")) {
        next();
        descending = true;
      } else if (peekKeyword("ASC")) {
        next();
      }
      return new Order(property, descending);
    }

    /** A quoted string, a number, or true/false. */
    private String value() {
      Token token = next();
      if (token == null || !(token.kind == TokenKind.STRING || token.kind == TokenKind.NUMBER
          || token.kind == TokenKind.WORD && (token.text.equalsIgnoreCase("true") || token.text.equalsIgnoreCase("false")))) {
        if (token != null) {
          position--;
        }
        throw unexpected("a value");
      }
      return token.text;
    }

    private Token next() {
      return position < tokens.size() ? tokens.get(position++) : null;
    }

    private boolean peekKeyword(String keyword) {
      return position < tokens.size() && tokens.get(position).kind == TokenKind.WORD
          && tokens.get(position).text.equalsIgnoreCase(keyword);
    }

    private boolean peekSymbol(String symbol) {
      return position < tokens.size() && tokens.get(position).kind == TokenKind.SYMBOL
          && tokens.get(position).text.equals(symbol);
    }

    private void expectKeyword(String keyword) {
      if (!peekKeyword(keyword)) {
        throw unexpected("\"" + keyword + "\"");
      }
      next();
    }

    private void expectSymbol(String symbol) {
      if (!peekSymbol(symbol)) {
        throw unexpected("\"" + symbol + "\"");
      }
      next();
    }

    private String expectIdentifier() {
      if (position >= tokens.size() || tokens.get(position).kind != TokenKind.WORD) {
        throw unexpected("<IDENTIFIER>");
      }
      return next().text;
    }

    private int expectInteger() {
      if (position >= tokens.size() || tokens.get(position).kind != TokenKind.NUMBER) {
        throw unexpected("<INTEGER>");
      }
      try {
        return Integer.parseInt(next().text);
      } catch (NumberFormatException e) {
        position--;
        throw unexpected("<INTEGER>");
      }
    }

    /** Worded like the JavaCC messages QBO returns: what was found, where, and what was expected. */
    private QboFault unexpected(String expected) {
      if (position >= tokens.size()) {
        return QboFault.queryParser("Encountered \"<EOF>\" at line 1, column " + (text.length() + 1)
            + ".\nWas expecting: " + expected);
      }
      Token token = tokens.get(position);
      return QboFault.queryParser("Encountered \"" + token.text + "\" at line 1, column " + (token.offset + 1)
          + ".\nWas expecting: " + expected);
    }
  }

  private enum TokenKind { WORD, STRING, NUMBER, SYMBOL }

  private record Token(TokenKind kind, String text, int offset) {}

  private static List<Token> tokenize(String text) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'') {
        StringBuilder value = new StringBuilder();
        int start = i++;
        boolean closed = false;
        while (i < text.length()) {
          char d = text.charAt(i);
          if (d == '\\' && i + 1 < text.length()) {
            value.append(text.charAt(i + 1));
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
          throw QboFault.queryParser("Lexical error at line 1, column " + (start + 1) + ". Unterminated string");
        }
        tokens.add(new Token(TokenKind.STRING, value.toString(), start));
      } else if (Character.isDigit(c) || (c == '-' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
        int start = i++;
        while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
          i++;
        }
        tokens.add(new Token(TokenKind.NUMBER, text.substring(start, i), start));
      } else if (Character.isLetter(c) || c == '_') {
        int start = i++;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == '.')) {
          i++;
        }
        tokens.add(new Token(TokenKind.WORD, text.substring(start, i), start));
      } else if (c == '<' || c == '>') {
        boolean withEquals = i + 1 < text.length() && text.charAt(i + 1) == '=';
        tokens.add(new Token(TokenKind.SYMBOL, withEquals ? c + "=" : String.valueOf(c), i));
        i += withEquals ? 2 : 1;
      } else if ("=*(),".indexOf(c) >= 0) {
        tokens.add(new Token(TokenKind.SYMBOL, String.valueOf(c), i));
        i++;
      } else {
        throw QboFault.queryParser("Lexical error at line 1, column " + (i + 1) + ". Encountered: \"" + c + "\"");
      }
    }
    return tokens;
  }
}
