package io.ledgerbridge.activities.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.IntSupplier;
import org.springframework.dao.DuplicateKeyException;

/**
 * SQL helpers that behave the same on H2 (MODE=PostgreSQL) and PostgreSQL: timestamps travel as
 * {@link OffsetDateTime} (both drivers map it to TIMESTAMP WITH TIME ZONE), and upserts are an
 * update, then an insert, then the update again if another writer inserted in between, because
 * H2 has no {@code ON CONFLICT DO UPDATE} and PostgreSQL has no {@code MERGE ... KEY}.
 */
final class Sql {
  private Sql() {}

  static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** Runs {@code update}; when it touched no row, {@code insert}; on a key clash, {@code update} again. */
  static void upsert(IntSupplier update, Runnable insert) {
    if (update.getAsInt() > 0) {
      return;
    }
    try {
      insert.run();
    } catch (DuplicateKeyException raced) {
      if (update.getAsInt() == 0) {
        throw raced;
      }
    }
  }

  /** Cuts {@code value} to the column's length, so a long remote message never fails a write. */
  static String fit(String value, int max) {
    if (value == null || value.length() <= max) {
      return value;
    }
    return value.substring(0, max - 1) + "…";
  }
}
