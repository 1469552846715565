package dev.dogcatcher.embedded;

import dev.dogcatcher.domain.Claim;
import dev.dogcatcher.domain.ClaimLostException;
import dev.dogcatcher.domain.Occurrence;
import dev.dogcatcher.domain.RegistryState;
import dev.dogcatcher.domain.RegistryUnavailableException;
import dev.dogcatcher.domain.TicketRecord;
import dev.dogcatcher.port.FetchCursor;
import dev.dogcatcher.port.FingerprintRegistry;
import dev.dogcatcher.port.SlotStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The local engine's registry, fetch cursor and learned slots in one SQLite file: the same state machine
 * as the DynamoDB adapter, each transition one {@code BEGIN IMMEDIATE} transaction, so that worker
 * threads — and two processes sharing the file — never both win a fingerprint.
 */
public final class SqliteRegistry implements FingerprintRegistry, FetchCursor, SlotStore, AutoCloseable {

  private static final String SCHEMA =
      """
      CREATE TABLE IF NOT EXISTS fingerprints (
        destination TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        state TEXT NOT NULL,
        owner TEXT NOT NULL,
        lease_until INTEGER NOT NULL,
        issue_key TEXT NOT NULL,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        count INTEGER NOT NULL,
        last_comment_at INTEGER NOT NULL,
        count_since_comment INTEGER NOT NULL,
        last_run TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (destination, fingerprint));
      CREATE TABLE IF NOT EXISTS counters (
        name TEXT PRIMARY KEY, n INTEGER NOT NULL, expires_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS cursors (
        source TEXT PRIMARY KEY, position INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS slots (
        slot TEXT NOT NULL, member TEXT NOT NULL, PRIMARY KEY (slot, member));
      """;

  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  private SqliteRegistry(Connection connection) {
    this.connection = connection;
  }

  /** Opens (creating if needed) the registry file and its parent directories. */
  public static SqliteRegistry open(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA journal_mode=WAL");
        statement.execute("PRAGMA busy_timeout=10000");
        statement.execute("PRAGMA synchronous=NORMAL");
        for (String ddl : SCHEMA.split(";")) {
          if (!ddl.isBlank()) {
            statement.execute(ddl);
          }
        }
        addMissingColumns(statement);
      }
      connection.setAutoCommit(true);
      return new SqliteRegistry(connection);
    } catch (SQLException | IOException e) {
      throw new RegistryUnavailableException("cannot open the state file " + file, e);
    }
  }

  /** State files written before a column existed get it, so an upgrade keeps what they remember. */
  private static void addMissingColumns(Statement statement) throws SQLException {
    boolean hasLastRun = false;
    try (ResultSet columns = statement.executeQuery("PRAGMA table_info(fingerprints)")) {
      while (columns.next()) {
        hasLastRun |= columns.getString("name").equals("last_run");
      }
    }
    if (!hasLastRun) {
      statement.execute("ALTER TABLE fingerprints ADD COLUMN last_run TEXT NOT NULL DEFAULT ''");
    }
  }

  @Override
  public Optional<TicketRecord> find(String destination, String fingerprint) {
    return read(() -> select(destination, fingerprint));
  }

  @Override
  public Claim claim(String destination, String fingerprint, String owner, Instant now, Duration lease) {
    return transaction(
        () -> {
          Optional<TicketRecord> current = select(destination, fingerprint);
          long leaseUntil = now.plus(lease).toEpochMilli();
          if (current.isEmpty()) {
            update(
                "INSERT INTO fingerprints VALUES (?, ?, 'CLAIMED', ?, ?, '', 0, 0, 0, 0, 0, '')",
                destination, fingerprint, owner, leaseUntil);
            return new Claim(Claim.Outcome.WON, Optional.empty());
          }
          if (current.get().leaseExpired(now)) {
            update(
                "UPDATE fingerprints SET state = 'CLAIMED', owner = ?, lease_until = ?"
                    + " WHERE destination = ? AND fingerprint = ?",
                owner, leaseUntil, destination, fingerprint);
            return new Claim(Claim.Outcome.TOOK_OVER, current);
          }
          return new Claim(Claim.Outcome.LOST, current);
        });
  }

  @Override
  public TicketRecord markTicketed(
      String destination,
      String fingerprint,
      String owner,
      String issueKey,
      Instant firstSeen,
      Instant lastSeen,
      long count,
      String runId,
      Instant now) {
    return transaction(
        () -> {
          int changed =
              update(
                  "UPDATE fingerprints SET state = 'TICKETED', issue_key = ?, first_seen = ?,"
                      + " last_seen = ?, count = ?, last_comment_at = ?, count_since_comment = 0, last_run = ?"
                      + " WHERE destination = ? AND fingerprint = ? AND owner = ? AND state <> 'TICKETED'",
                  issueKey, firstSeen.toEpochMilli(), lastSeen.toEpochMilli(), count, now.toEpochMilli(), runId,
                  destination, fingerprint, owner);
          if (changed == 0) {
            throw new ClaimLostException(owner + " no longer holds " + fingerprint);
          }
          return select(destination, fingerprint).orElseThrow();
        });
  }

  @Override
  public void markUncertain(String destination, String fingerprint, String owner, Instant now, Duration lease) {
    transaction(
        () -> {
          int changed =
              update(
                  "UPDATE fingerprints SET state = 'UNCERTAIN', lease_until = ?"
                      + " WHERE destination = ? AND fingerprint = ? AND owner = ? AND state = 'CLAIMED'",
                  now.plus(lease).toEpochMilli(), destination, fingerprint, owner);
          if (changed == 0) {
            throw new ClaimLostException(owner + " no longer holds " + fingerprint);
          }
          return null;
        });
  }

  @Override
  public void release(String destination, String fingerprint, String owner) {
    transaction(
        () ->
            update(
                "DELETE FROM fingerprints"
                    + " WHERE destination = ? AND fingerprint = ? AND owner = ? AND state = 'CLAIMED'",
                destination, fingerprint, owner));
  }

  @Override
  public Occurrence recordOccurrence(
      String destination,
      String fingerprint,
      String runId,
      long count,
      Instant lastSeen,
      Instant now,
      Duration commentCooldown) {
    return transaction(
        () -> {
          TicketRecord current =
              select(destination, fingerprint)
                  .filter(record -> record.state() == RegistryState.TICKETED)
                  .orElseThrow(
                      () -> new IllegalStateException("occurrence of " + fingerprint + ", which has no ticket"));
          if (runId.equals(lastRun(destination, fingerprint))) {
            return new Occurrence(current, false, 0);
          }
          long since = current.countSinceComment() + count;
          boolean commentDue = !current.lastCommentAt().isAfter(now.minus(commentCooldown));
          update(
              "UPDATE fingerprints SET count = count + ?, last_seen = MAX(last_seen, ?),"
                  + " last_comment_at = ?, count_since_comment = ?, last_run = ?"
                  + " WHERE destination = ? AND fingerprint = ?",
              count, lastSeen.toEpochMilli(),
              commentDue ? now.toEpochMilli() : current.lastCommentAt().toEpochMilli(),
              commentDue ? 0 : since, runId, destination, fingerprint);
          return new Occurrence(select(destination, fingerprint).orElseThrow(), commentDue, commentDue ? since : 0);
        });
  }

  @Override
  public boolean tryTake(String counter, long limit, Instant expiresAt) {
    return transaction(
        () -> {
          long nowSeconds = Instant.now().getEpochSecond();
          update("DELETE FROM counters WHERE name = ? AND expires_at < ?", counter, nowSeconds);
          update(
              "INSERT INTO counters VALUES (?, 0, ?) ON CONFLICT (name) DO NOTHING",
              counter, expiresAt.getEpochSecond());
          return update("UPDATE counters SET n = n + 1 WHERE name = ? AND n < ?", counter, limit) == 1;
        });
  }

  @Override
  public void giveBack(String counter) {
    transaction(() -> update("UPDATE counters SET n = n - 1 WHERE name = ? AND n > 0", counter));
  }

  @Override
  public Optional<Instant> position(String source) {
    return read(
        () -> {
          PreparedStatement statement = statement("SELECT position FROM cursors WHERE source = ?");
          statement.setString(1, source);
          try (ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(Instant.ofEpochMilli(rows.getLong(1))) : Optional.empty();
          }
        });
  }

  @Override
  public void advance(String source, Instant to) {
    transaction(
        () ->
            update(
                "INSERT INTO cursors VALUES (?, ?) ON CONFLICT (source)"
                    + " DO UPDATE SET position = MAX(position, excluded.position)",
                source, to.toEpochMilli()));
  }

  @Override
  public Map<String, Set<String>> record(Map<String, Set<String>> members) {
    return transaction(() -> {
      Map<String, Set<String>> known = new LinkedHashMap<>();
      for (Map.Entry<String, Set<String>> slot : members.entrySet()) {
        Set<String> now = members(slot.getKey());
        for (String member : slot.getValue()) {
          if (now.size() >= LEARNED) {
            break;
          }
          if (now.add(member)) {
            update("INSERT INTO slots (slot, member) VALUES (?, ?)", slot.getKey(), member);
          }
        }
        known.put(slot.getKey(), now);
      }
      return known;
    });
  }

  @Override
  public synchronized void close() {
    try {
      for (PreparedStatement statement : statements.values()) {
        statement.close();
      }
      statements.clear();
      connection.close();
    } catch (SQLException e) {
      throw new RegistryUnavailableException("cannot close the state file", e);
    }
  }

  private Optional<TicketRecord> select(String destination, String fingerprint) throws SQLException {
    PreparedStatement statement =
        statement(
            "SELECT state, owner, lease_until, issue_key, first_seen, last_seen, count,"
                + " last_comment_at, count_since_comment FROM fingerprints"
                + " WHERE destination = ? AND fingerprint = ?");
    statement.setString(1, destination);
    statement.setString(2, fingerprint);
    try (ResultSet rows = statement.executeQuery()) {
      if (!rows.next()) {
        return Optional.empty();
      }
      return Optional.of(
          new TicketRecord(
              fingerprint,
              RegistryState.valueOf(rows.getString(1)),
              rows.getString(2),
              Instant.ofEpochMilli(rows.getLong(3)),
              rows.getString(4),
              Instant.ofEpochMilli(rows.getLong(5)),
              Instant.ofEpochMilli(rows.getLong(6)),
              rows.getLong(7),
              Instant.ofEpochMilli(rows.getLong(8)),
              rows.getLong(9)));
    }
  }

  private Set<String> members(String slot) throws SQLException {
    PreparedStatement statement = statement("SELECT member FROM slots WHERE slot = ?");
    statement.setString(1, slot);
    Set<String> members = new LinkedHashSet<>();
    try (ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        members.add(rows.getString(1));
      }
    }
    return members;
  }

  private String lastRun(String destination, String fingerprint) throws SQLException {
    PreparedStatement statement =
        statement("SELECT last_run FROM fingerprints WHERE destination = ? AND fingerprint = ?");
    statement.setString(1, destination);
    statement.setString(2, fingerprint);
    try (ResultSet rows = statement.executeQuery()) {
      return rows.next() ? rows.getString(1) : "";
    }
  }

  private int update(String sql, Object... parameters) throws SQLException {
    PreparedStatement statement = statement(sql);
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
    return statement.executeUpdate();
  }

  /** The prepared statement for the SQL, prepared once: callers hold the monitor, as for the connection. */
  private PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement statement = statements.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      statements.put(sql, statement);
    }
    statement.clearParameters();
    return statement;
  }

  /** A single read: one statement is its own consistent snapshot, so it needs no write lock. */
  private synchronized <T> T read(SqlWork<T> work) {
    try {
      return work.run();
    } catch (SQLException e) {
      throw new RegistryUnavailableException("state file: " + e.getMessage(), e);
    }
  }

  /** One immediate (write-locked) transaction; the connection is shared, so threads take turns. */
  private synchronized <T> T transaction(SqlWork<T> work) {
    try {
      statement("BEGIN IMMEDIATE").execute();
      try {
        T result = work.run();
        statement("COMMIT").execute();
        return result;
      } catch (RuntimeException | SQLException e) {
        statement("ROLLBACK").execute();
        throw e;
      }
    } catch (SQLException e) {
      throw new RegistryUnavailableException("state file: " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface SqlWork<T> {
    T run() throws SQLException;
  }
}
