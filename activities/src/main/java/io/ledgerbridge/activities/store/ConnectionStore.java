package io.ledgerbridge.activities.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * OAuth tokens per connected account in {@code oauth_connection}, encrypted with {@link
 * SecretCipher}. A refresh writes the new access token, the rotated refresh token and both expiries
 * in one UPDATE, guarded by the row version it read, so a crash never pairs a new access token
 * with a stale refresh token and two workers refreshing at once cannot overwrite each other.
 *
 * <p>A refresh token the provider refuses marks the account as needing re-authorization, also
 * guarded by the version, so that of all the workers that meet the refusal exactly one tells the
 * {@link ConnectionListener}.
 */
public final class ConnectionStore {
  private static final int MAX_REASON_LENGTH = 1000;

  private final JdbcTemplate jdbc;
  private final SecretCipher cipher;
  private final Clock clock;
  private final ConnectionListener listener;
  private final ConnectionCalls calls;

  public ConnectionStore(JdbcTemplate jdbc, SecretCipher cipher) {
    this(jdbc, cipher, ConnectionListener.NONE);
  }

  /** @param listener told once when an account comes to need re-authorization */
  public ConnectionStore(JdbcTemplate jdbc, SecretCipher cipher, ConnectionListener listener) {
    this(jdbc, cipher, Clock.systemUTC(), listener);
  }

  ConnectionStore(JdbcTemplate jdbc, SecretCipher cipher, Clock clock, ConnectionListener listener) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    this.cipher = Objects.requireNonNull(cipher, "cipher");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.calls = new ConnectionCalls(jdbc, clock);
  }

  /** The last call that worked and the last that failed, per account. */
  public ConnectionCalls calls() {
    return calls;
  }

  /** The tokens of an account, decrypted, if it is connected. */
  public Optional<OAuthConnection> find(ConnectedSystem system, String accountId) {
    List<OAuthConnection> rows =
        jdbc.query(
            "SELECT * FROM oauth_connection WHERE system = ? AND account_id = ?",
            (rs, n) -> read(rs),
            system.name(),
            accountId);
    return rows.stream().findFirst();
  }

  /** Whether the account has a stored refresh token. */
  public boolean isConnected(ConnectedSystem system, String accountId) {
    Integer count =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM oauth_connection WHERE system = ? AND account_id = ?"
                + " AND refresh_token_encrypted IS NOT NULL",
            Integer.class,
            system.name(),
            accountId);
    return count != null && count > 0;
  }

  /** The connected account ids of a system, for the admin's connections page. */
  public List<String> accountIds(ConnectedSystem system) {
    return jdbc.queryForList(
        "SELECT account_id FROM oauth_connection WHERE system = ? ORDER BY account_id",
        String.class,
        system.name());
  }

  /**
   * Stores the tokens of a fresh authorization, replacing whatever the account had: it counts as
   * authorized now, and no longer needs re-authorization.
   *
   * @return the stored connection, with its new version
   */
  public OAuthConnection save(OAuthConnection connection) {
    Instant version = nextVersion(null);
    Object[] tokens = encryptedColumns(connection);
    Sql.upsert(
        () ->
            jdbc.update(
                "UPDATE oauth_connection SET access_token_encrypted = ?, access_token_expires_at = ?,"
                    + " refresh_token_encrypted = ?, refresh_token_expires_at = ?, instance_url = ?,"
                    + " updated_at = ?, authorized_at = ?, reauthorization_reason = NULL,"
                    + " reauthorization_needed_since = NULL WHERE system = ? AND account_id = ?",
                tokens[0],
                tokens[1],
                tokens[2],
                tokens[3],
                connection.instanceUrl(),
                Sql.timestamp(version),
                Sql.timestamp(version),
                connection.system().name(),
                connection.accountId()),
        () ->
            jdbc.update(
                "INSERT INTO oauth_connection (system, account_id, access_token_encrypted,"
                    + " access_token_expires_at, refresh_token_encrypted, refresh_token_expires_at,"
                    + " instance_url, updated_at, authorized_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                connection.system().name(),
                connection.accountId(),
                tokens[0],
                tokens[1],
                tokens[2],
                tokens[3],
                connection.instanceUrl(),
                Sql.timestamp(version),
                Sql.timestamp(version)));
    return withVersion(connection, version);
  }

  /**
   * Marks the account as needing re-authorization because the provider refused {@code current}'s
   * refresh token: the dead tokens are dropped and {@code reason} kept. Only from {@code current}'s
   * version, so tokens rotated or reconnected meanwhile stay; the {@link ConnectionListener} hears
   * of it from the one writer that made the change.
   *
   * @return whether this call made the change
   */
  public boolean markNeedsReauthorization(OAuthConnection current, String reason) {
    Objects.requireNonNull(current.version(), "current.version: read the connection from the store first");
    Instant now = clock.instant();
    String kept = Sql.fit(reason, MAX_REASON_LENGTH);
    int updated =
        jdbc.update(
            "UPDATE oauth_connection SET access_token_encrypted = NULL, access_token_expires_at = NULL,"
                + " refresh_token_encrypted = NULL, reauthorization_reason = ?, reauthorization_needed_since = ?,"
                + " updated_at = ? WHERE system = ? AND account_id = ? AND updated_at = ?",
            kept,
            Sql.timestamp(now),
            Sql.timestamp(nextVersion(current.version())),
            current.system().name(),
            current.accountId(),
            Sql.timestamp(current.version()));
    if (updated != 1) {
      return false;
    }
    listener.needsReauthorization(current.system(), current.accountId(), kept, now);
    return true;
  }

  /** Why the account needs re-authorization, if it does. */
  public Optional<Reauthorization> reauthorization(ConnectedSystem system, String accountId) {
    return jdbc.query(
            "SELECT reauthorization_reason, reauthorization_needed_since FROM oauth_connection"
                + " WHERE system = ? AND account_id = ? AND reauthorization_reason IS NOT NULL",
            (rs, n) -> new Reauthorization(rs.getString(1), Sql.instant(rs, "reauthorization_needed_since")),
            system.name(),
            accountId)
        .stream()
        .findFirst();
  }

  /** Every stored account of a system, by id, with what can be told of it without its tokens. */
  public List<StoredConnection> list(ConnectedSystem system) {
    return jdbc.query(
        "SELECT account_id, access_token_expires_at, refresh_token_expires_at, authorized_at,"
            + " reauthorization_reason, reauthorization_needed_since,"
            + " CASE WHEN refresh_token_encrypted IS NULL THEN 0 ELSE 1 END AS has_refresh_token"
            + " FROM oauth_connection WHERE system = ? ORDER BY account_id",
        (rs, n) ->
            new StoredConnection(
                system,
                rs.getString("account_id"),
                rs.getInt("has_refresh_token") == 1,
                Sql.instant(rs, "access_token_expires_at"),
                Sql.instant(rs, "refresh_token_expires_at"),
                Sql.instant(rs, "authorized_at"),
                rs.getString("reauthorization_reason") == null
                    ? null
                    : new Reauthorization(
                        rs.getString("reauthorization_reason"), Sql.instant(rs, "reauthorization_needed_since"))),
        system.name());
  }

  /** Why an account needs an admin to connect it again, and since when. */
  public record Reauthorization(String reason, Instant since) {}

  /**
   * One stored account without its tokens.
   *
   * @param hasRefreshToken whether calls can be made for it
   * @param authorizedAt when its current authorization was given; null when it was made before this was recorded
   * @param reauthorization set while it needs an admin to connect it again
   */
  public record StoredConnection(
      ConnectedSystem system,
      String accountId,
      boolean hasRefreshToken,
      Instant accessTokenExpiresAt,
      Instant refreshTokenExpiresAt,
      Instant authorizedAt,
      Reauthorization reauthorization) {}

  /**
   * Replaces the tokens of {@code current} with {@code next} in one statement, only if the row is
   * still at {@code current.version()}.
   *
   * @return the stored connection, or empty when another writer rotated the tokens first (read
   *     them again and use theirs)
   */
  public Optional<OAuthConnection> replaceTokens(OAuthConnection current, OAuthConnection next) {
    Objects.requireNonNull(current.version(), "current.version: read the connection from the store first");
    if (current.system() != next.system() || !current.accountId().equals(next.accountId())) {
      throw new IllegalArgumentException("replaceTokens must keep the same system and account");
    }
    Instant version = nextVersion(current.version());
    Object[] tokens = encryptedColumns(next);
    int updated =
        jdbc.update(
            "UPDATE oauth_connection SET access_token_encrypted = ?, access_token_expires_at = ?,"
                + " refresh_token_encrypted = ?, refresh_token_expires_at = ?, instance_url = ?,"
                + " updated_at = ? WHERE system = ? AND account_id = ? AND updated_at = ?",
            tokens[0],
            tokens[1],
            tokens[2],
            tokens[3],
            next.instanceUrl(),
            Sql.timestamp(version),
            next.system().name(),
            next.accountId(),
            Sql.timestamp(current.version()));
    return updated == 1 ? Optional.of(withVersion(next, version)) : Optional.empty();
  }

  /** Forgets an account's tokens (disconnect). */
  public void delete(ConnectedSystem system, String accountId) {
    jdbc.update(
        "DELETE FROM oauth_connection WHERE system = ? AND account_id = ?", system.name(), accountId);
  }

  private Object[] encryptedColumns(OAuthConnection c) {
    return new Object[] {
      cipher.encrypt(c.accessToken(), context(c.system(), c.accountId(), "access")),
      Sql.timestamp(c.accessTokenExpiresAt()),
      cipher.encrypt(c.refreshToken(), context(c.system(), c.accountId(), "refresh")),
      Sql.timestamp(c.refreshTokenExpiresAt())
    };
  }

  private OAuthConnection read(ResultSet rs) throws SQLException {
    ConnectedSystem system = ConnectedSystem.valueOf(rs.getString("system"));
    String accountId = rs.getString("account_id");
    return new OAuthConnection(
        system,
        accountId,
        cipher.decrypt(rs.getString("access_token_encrypted"), context(system, accountId, "access")),
        Sql.instant(rs, "access_token_expires_at"),
        cipher.decrypt(rs.getString("refresh_token_encrypted"), context(system, accountId, "refresh")),
        Sql.instant(rs, "refresh_token_expires_at"),
        rs.getString("instance_url"),
        Sql.instant(rs, "updated_at"));
  }

  /**
   * A version both databases store exactly (microseconds) and that always moves forward, so a
   * guarded update can tell two writes apart even within one clock tick.
   */
  private Instant nextVersion(Instant previous) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    if (previous != null && !now.isAfter(previous)) {
      return previous.plus(1, ChronoUnit.MICROS);
    }
    return now;
  }

  private static OAuthConnection withVersion(OAuthConnection c, Instant version) {
    return new OAuthConnection(
        c.system(),
        c.accountId(),
        c.accessToken(),
        c.accessTokenExpiresAt(),
        c.refreshToken(),
        c.refreshTokenExpiresAt(),
        c.instanceUrl(),
        version);
  }

  private static String context(ConnectedSystem system, String accountId, String token) {
    return system.name() + "/" + accountId + "/" + token;
  }
}
