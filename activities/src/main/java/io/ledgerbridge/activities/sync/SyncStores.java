package io.ledgerbridge.activities.sync;

import io.ledgerbridge.activities.store.CreateInFlightStore;
import io.ledgerbridge.activities.store.CursorStore;
import io.ledgerbridge.activities.store.DeferredRecordStore;
import io.ledgerbridge.activities.store.PreflightStore;
import io.ledgerbridge.activities.store.RecordErrorStore;
import io.ledgerbridge.activities.store.RecordLinkStore;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;

/** The state the sync keeps in the database. */
public record SyncStores(
    CursorStore cursors,
    RecordLinkStore links,
    RecordErrorStore errors,
    DeferredRecordStore deferred,
    PreflightStore preflight,
    CreateInFlightStore createsInFlight) {

  public SyncStores {
    Objects.requireNonNull(cursors, "cursors");
    Objects.requireNonNull(links, "links");
    Objects.requireNonNull(errors, "errors");
    Objects.requireNonNull(deferred, "deferred");
    Objects.requireNonNull(preflight, "preflight");
    Objects.requireNonNull(createsInFlight, "createsInFlight");
  }

  /** Every store on one database. */
  public static SyncStores on(JdbcTemplate jdbc) {
    return new SyncStores(
        new CursorStore(jdbc),
        new RecordLinkStore(jdbc),
        new RecordErrorStore(jdbc),
        new DeferredRecordStore(jdbc),
        new PreflightStore(jdbc),
        new CreateInFlightStore(jdbc));
  }
}
