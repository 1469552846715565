package dev.dogcatcher.fetcher;

import static dev.dogcatcher.testing.Logs.javaError;
import static dev.dogcatcher.testing.Logs.log;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dogcatcher.domain.ErrorGroup;
import dev.dogcatcher.domain.ErrorLog;
import dev.dogcatcher.domain.TimeWindow;
import dev.dogcatcher.embedded.SqliteRegistry;
import dev.dogcatcher.fingerprint.Fingerprint;
import dev.dogcatcher.fingerprint.Fingerprinter;
import dev.dogcatcher.json.Messages;
import dev.dogcatcher.port.ErrorLogSource;
import dev.dogcatcher.port.ErrorQueue;
import dev.dogcatcher.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetchErrorLogsTest {

  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  private static final Duration LAG = Duration.ofMinutes(1);
  private static final Duration LOOKBACK = Duration.ofHours(1);

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(NOW);
  private final List<ErrorLog> logs = new ArrayList<>();
  private final List<TimeWindow> windowsRead = new ArrayList<>();
  private final List<ErrorGroup> published = new ArrayList<>();
  private SqliteRegistry cursor;

  /** A source over the list above that, like the Datadog API, returns only the window's logs. */
  private final ErrorLogSource source =
      new ErrorLogSource() {
        @Override
        public void read(TimeWindow window, LogSink sink) {
          windowsRead.add(window);
          logs.stream().filter(log -> window.contains(log.timestamp())).forEach(sink::accept);
          sink.reject("datadog id broken-1", "log item has no attributes object");
        }

        @Override
        public String name() {
          return "test";
        }
      };

  @BeforeEach
  void open() {
    cursor = SqliteRegistry.open(dir.resolve("state.db"));
  }

  @AfterEach
  void close() {
    cursor.close();
  }

  private FetchErrorLogs fetch(ErrorQueue<ErrorGroup> queue) {
    return new FetchErrorLogs(source, cursor, queue, Fingerprinter.standard(), cursor, clock, LAG, LOOKBACK);
  }

  @Test
  void fetch_whenSameErrorIn200LogsWithVaryingIds_publishesOneGroupCountingAll() {
    for (int i = 0; i < 200; i++) {
      logs.add(log("log-" + i, NOW.minusSeconds(600 - i), "checkout",
          "Order " + (10_000 + i) + " failed for request " + UUID.randomUUID()));
    }

    FetchReport report = fetch(published::addAll).fetchNext("run-1");

    assertThat(published).singleElement().satisfies(group -> {
      assertThat(group.count()).isEqualTo(200);
      assertThat(group.logIds()).hasSize(ErrorGroup.MAX_LOG_IDS).startsWith("log-0");
      assertThat(group.firstSeen()).isEqualTo(NOW.minusSeconds(600));
      assertThat(group.lastSeen()).isEqualTo(NOW.minusSeconds(401));
      assertThat(group.sample().message()).contains("Order 10000");
      assertThat(group.runId()).isEqualTo("run-1");
    });
    assertThat(report.logsRead()).isEqualTo(201);
    assertThat(report.rejected()).singleElement().satisfies(r -> assertThat(r.position()).isEqualTo("datadog id broken-1"));
  }

  @Test
  void fetch_whenErrorsDifferInAConstantWord_publishesTwoGroups() {
    logs.add(log("a", NOW.minusSeconds(100), "checkout", "read timeout calling payments"));
    logs.add(log("b", NOW.minusSeconds(90), "checkout", "connect timeout calling payments"));

    fetch(published::addAll).fetchNext("run-1");

    assertThat(published).hasSize(2);
  }

  @Test
  void fetchNext_readsFromTheCursorToNowMinusLagAndAdvancesTheCursor() {
    fetch(published::addAll).fetchNext("run-1");
    clock.advance(Duration.ofMinutes(5));
    fetch(published::addAll).fetchNext("run-2");

    assertThat(windowsRead).containsExactly(
        new TimeWindow(NOW.minus(LAG).minus(LOOKBACK), NOW.minus(LAG)),
        new TimeWindow(NOW.minus(LAG), NOW.plus(Duration.ofMinutes(5)).minus(LAG)));
    assertThat(cursor.position("test")).contains(NOW.plus(Duration.ofMinutes(5)).minus(LAG));
  }

  @Test
  void fetchNext_whenPublishingFails_leavesTheCursorSoTheWindowIsReadAgain() {
    logs.add(log("a", NOW.minusSeconds(100), "checkout", "boom"));
    ErrorQueue<ErrorGroup> failing = groups -> {
      throw new IllegalStateException("SQS unavailable");
    };

    assertThatThrownBy(() -> fetch(failing).fetchNext("run-1")).hasMessage("SQS unavailable");
    assertThat(cursor.position("test")).isEmpty();

    fetch(published::addAll).fetchNext("run-2");
    assertThat(published).singleElement().satisfies(group -> assertThat(group.logIds()).containsExactly("a"));
  }

  @Test
  void fetch_whenStackIsHuge_truncatesTheSampleDeterministicallyUnderTheSqsLimit() {
    String stack = "java.lang.IllegalStateException: boom\n"
        + "\tat com.acme.checkout.Cart.total(Cart.java:10)\n".repeat(20_000)
        + "Caused by: java.io.IOException: disk full\n\tat com.acme.checkout.Store.write(Store.java:3)\n";
    String message = "x".repeat(5_000_000);
    logs.add(javaError("a", NOW.minusSeconds(100), "checkout", "java.lang.IllegalStateException", message, stack));

    fetch(published::addAll).fetchNext("run-1");
    String body = Messages.write(published.get(0));
    List<ErrorGroup> again = new ArrayList<>();
    fetch(again::addAll).fetch("run-1", new TimeWindow(NOW.minusSeconds(200), NOW));

    assertThat(body.length()).isLessThan(256 * 1024);
    assertThat(published.get(0).sample().stack()).contains("truncated").endsWith("Store.java:3)\n");
    assertThat(Messages.write(again.get(0))).isEqualTo(body);
  }

  @Test
  void fetch_carriesEarlierLabelsOfTheErrorAsAliases() {
    ErrorLog log = log("a", NOW.minusSeconds(100), "db", "Database connection failed: Connection timeout");
    logs.add(log);

    fetch(published::addAll).fetchNext("run-1");

    List<Fingerprint> earlier = Fingerprinter.standard().previousVersions(log);
    assertThat(earlier).extracting(Fingerprint::version).containsExactly(2, 1);
    assertThat(published).singleElement().satisfies(group -> assertThat(group.aliases()).containsExactly(
        "fp-" + earlier.get(0).value(), "fp-" + earlier.get(1).value(), "loghash-ba2bba309e95"));
  }
}
