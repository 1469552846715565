package dev.dogcatcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dogcatcher.analyzer.rules.RulesErrorAnalyst;
import dev.dogcatcher.domain.ErrorLog;
import dev.dogcatcher.domain.TimeWindow;
import dev.dogcatcher.embedded.FileErrorLogSource;
import dev.dogcatcher.embedded.OutboxTicketTracker;
import dev.dogcatcher.embedded.SqliteRegistry;
import dev.dogcatcher.fingerprint.Fingerprint;
import dev.dogcatcher.fingerprint.Fingerprinter;
import dev.dogcatcher.jira.JiraProject;
import dev.dogcatcher.port.ErrorAnalyst;
import dev.dogcatcher.port.TicketTracker;
import dev.dogcatcher.testing.FakeTicketTracker;
import dev.dogcatcher.testing.FakeTicketTracker.CreateFailure;
import dev.dogcatcher.testing.Logs;
import dev.dogcatcher.testing.MutableClock;
import dev.dogcatcher.ticket.TicketPolicy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalEngineTest {

  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  private static final TimeWindow WINDOW = new TimeWindow(NOW.minus(Duration.ofDays(1)), NOW);

  @TempDir Path dir;
  private SqliteRegistry registry;
  private final AtomicInteger analystCalls = new AtomicInteger();
  private final ErrorAnalyst countingRules = group -> {
    analystCalls.incrementAndGet();
    return new RulesErrorAnalyst().analyze(group);
  };

  @BeforeEach
  void open() {
    registry = SqliteRegistry.open(dir.resolve("state.db"));
  }

  @AfterEach
  void close() {
    registry.close();
  }

  private RunReport run(byte[] jsonLines, TicketTracker tracker, long maxPerRun, int workers) {
    LocalEngine engine = new LocalEngine(
        new FileErrorLogSource("test.jsonl", () -> new ByteArrayInputStream(jsonLines)), registry, registry, registry,
        tracker,
        countingRules, countingRules, Fingerprinter.standard(),
        new TicketPolicy(maxPerRun, 1000, Duration.ofMinutes(5), Duration.ofHours(6)), new MutableClock(NOW),
        workers, 2, new Delivery(5, Duration.ofMillis(1)), Progress.quiet());
    return engine.run("run-" + UUID.randomUUID(), WINDOW);
  }

  private OutboxTicketTracker outbox() {
    return new OutboxTicketTracker(dir.resolve("outbox"), JiraProject.of("OPS", "Bug"));
  }

  static String log(String id, String service, String message) {
    return "{\"id\":\"" + id + "\",\"attributes\":{\"timestamp\":\"2026-11-27T09:00:00Z\",\"status\":\"error\","
        + "\"service\":\"" + service + "\",\"message\":\"" + message + "\",\"attributes\":{\"env\":\"prod\"}}}";
  }

  private static byte[] lines(List<String> lines) {
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private long outboxTickets() throws IOException {
    Path outbox = dir.resolve("outbox");
    if (!Files.exists(outbox)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(outbox)) {
      return files.filter(f -> f.toString().endsWith(".json")).count();
    }
  }

  @Test
  void run_whenSameErrorIn200LogsWithVaryingIds_filesOneTicketAndListsEveryLog() throws IOException {
    List<String> logs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      logs.add(log("log-" + i, "checkout", "Order " + (10_000 + i) + " failed for request " + UUID.randomUUID()));
    }

    RunReport report = run(lines(logs), outbox(), 20, 4);

    assertThat(report.errorGroups()).isEqualTo(1);
    assertThat(report.ticketsCreated()).isEqualTo(1);
    assertThat(report.duplicatesSuppressed()).isEqualTo(199);
    assertThat(report.groups().get(0).logIds()).hasSize(200);
    assertThat(outboxTickets()).isEqualTo(1);
    assertThat(analystCalls).hasValue(1);
  }

  @Test
  void run_whenErrorsDifferOnlyInAConstantWord_filesTwoTickets() throws IOException {
    RunReport report = run(lines(List.of(
        log("a", "gateway", "read timeout calling inventory at 10.1.2.3:8080"),
        log("b", "gateway", "connect timeout calling inventory at 10.1.2.4:8080"))), outbox(), 20, 4);

    assertThat(report.ticketsCreated()).isEqualTo(2);
    assertThat(outboxTickets()).isEqualTo(2);
  }

  @Test
  void run_whenAPlaceTakesManyWords_filesOneTicketAndListsEveryLogUnderIt() throws IOException {
    List<String> logs = new ArrayList<>();
    for (String user : List.of("admin", "oracle", "webmaster", "test9", "postgres", "admin")) {
      logs.add(log("log-" + user + logs.size(), "sshd", "Invalid user " + user + " from 10.0.0." + logs.size()));
    }

    RunReport report = run(lines(logs), outbox(), 20, 4);

    assertThat(report.errorGroups()).isEqualTo(1);
    assertThat(report.ticketsCreated()).isEqualTo(1);
    assertThat(report.groups().get(0).logIds()).hasSize(6);
    assertThat(analystCalls).hasValue(1);
  }

  @Test
  void run_whenASlotIsLearnedAfterTicketsWereFiled_keepsTheFirstTicket() throws IOException {
    run(lines(List.of(log("a", "sshd", "Invalid user admin from 10.0.0.1"))), outbox(), 20, 4);
    run(lines(List.of(log("b", "sshd", "Invalid user oracle from 10.0.0.2"))), outbox(), 20, 4);
    analystCalls.set(0);

    RunReport learned = run(lines(List.of(log("c", "sshd", "Invalid user webmaster from 10.0.0.3"))), outbox(), 20, 4);
    RunReport later = run(lines(List.of(log("d", "sshd", "Invalid user guest from 10.0.0.4"))), outbox(), 20, 4);

    // Two tickets were filed before the third word taught the slot; from then on one of them is the error's.
    assertThat(learned.ticketsCreated()).isZero();
    assertThat(learned.occurrencesRecorded()).isEqualTo(1);
    assertThat(later.ticketsCreated()).isZero();
    assertThat(later.groups().get(0).fingerprint()).isEqualTo(learned.groups().get(0).fingerprint());
    assertThat(analystCalls).hasValue(0);
    assertThat(outboxTickets()).isEqualTo(2);
  }

  @Test
  void run_whenTheErrorWasTicketedUnderTheV2Recipe_keepsThatTicket() throws IOException {
    String message = "task_1445144423722_0020_m_000000 Task Transitioned from NEW to SCHEDULED";
    ErrorLog log = Logs.log("a", NOW, "yarn", message);
    Fingerprint v2 = Fingerprinter.standard().previousVersions(log).get(0);
    String destination = outbox().destination();
    registry.claim(destination, v2.value(), "python", NOW, Duration.ofMinutes(5));
    registry.markTicketed(destination, v2.value(), "python", "OPS-7", NOW, NOW, 1, "run-v2", NOW);

    RunReport report = run(lines(List.of(log("a", "yarn", message))), outbox(), 20, 4);

    assertThat(v2.version()).isEqualTo(2);
    assertThat(report.groups().get(0).fingerprint()).isNotEqualTo(v2.value());
    assertThat(report.ticketsCreated()).isZero();
    assertThat(report.occurrencesRecorded()).isEqualTo(1);
    assertThat(report.groups().get(0).issue()).isEqualTo("OPS-7");
    assertThat(analystCalls).hasValue(0);
  }

  @Test
  void run_secondTime_filesNothingNewAndCallsNoAnalyst() throws IOException {
    byte[] input = lines(List.of(log("a", "checkout", "boom 1"), log("b", "billing", "bang")));
    run(input, outbox(), 20, 4);
    analystCalls.set(0);

    RunReport again = run(input, outbox(), 20, 4);

    assertThat(again.ticketsCreated()).isZero();
    assertThat(again.occurrencesRecorded()).isEqualTo(2);
    assertThat(again.newGroups()).isZero();
    assertThat(analystCalls).hasValue(0);
    assertThat(outboxTickets()).isEqualTo(2);
  }

  @Test
  void run_whenInputHasBadRecords_skipsEachWithItsPositionAndReadsTheRest() throws IOException {
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    input.write(lines(List.of(log("ok-1", "checkout", "first"), "{not json")));
    input.write("{\"id\":\"no-msg\",\"attributes\":{\"timestamp\":\"2026-11-27T09:00:00Z\",\"service\":\"x\"}}\n"
        .getBytes(StandardCharsets.UTF_8));
    input.write(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'});
    input.write(lines(List.of(log("huge", "checkout", "x".repeat(2 * 1024 * 1024)))));
    input.write(lines(List.of(log("ok-2", "checkout", "second"))));

    RunReport report = run(input.toByteArray(), outbox(), 20, 2);

    assertThat(report.logsRead()).isEqualTo(6);
    assertThat(report.skipped()).extracting(RunReport.Skipped::position)
        .containsExactly("test.jsonl line 2", "test.jsonl line 3", "test.jsonl line 4", "test.jsonl line 5");
    assertThat(report.skipped()).extracting(RunReport.Skipped::reason).satisfiesExactly(
        reason -> assertThat(reason).startsWith("malformed JSON"),
        reason -> assertThat(reason).contains("has no message"),
        reason -> assertThat(reason).isEqualTo("not UTF-8 text"),
        reason -> assertThat(reason).contains("longer than"));
    long grouped = report.groups().stream().mapToLong(g -> g.logIds().size()).sum();
    assertThat(grouped + report.skippedInvalid()).isEqualTo(report.logsRead());
  }

  @Test
  void run_whenTrackerKeepsRejecting_deadLettersTheGroupWithItsReason() {
    FakeTicketTracker tracker = new FakeTicketTracker();
    tracker.failNextCreates(CreateFailure.REJECT, CreateFailure.REJECT, CreateFailure.REJECT, CreateFailure.REJECT,
        CreateFailure.REJECT);

    RunReport report = run(lines(List.of(log("a", "checkout", "boom"))), tracker, 20, 1);

    assertThat(report.deadLettered()).isEqualTo(1);
    assertThat(report.failed()).isEqualTo(5);
    assertThat(report.groups()).singleElement().satisfies(group -> {
      assertThat(group.outcome()).isEqualTo("dead_lettered");
      assertThat(group.reason()).contains("TrackerRejectedException");
    });
    assertThat(tracker.issues()).isEmpty();
  }

  @Test
  void run_whenTrackerFailsTwice_retriesAndFilesOnce() {
    FakeTicketTracker tracker = new FakeTicketTracker();
    tracker.failNextCreates(CreateFailure.REJECT, CreateFailure.REJECT);

    RunReport report = run(lines(List.of(log("a", "checkout", "boom"))), tracker, 20, 1);

    assertThat(report.ticketsCreated()).isEqualTo(1);
    assertThat(report.failed()).isEqualTo(2);
    assertThat(report.deadLettered()).isZero();
    assertThat(tracker.issues()).hasSize(1);
  }

  @Test
  void run_withManyGroupsAndWorkers_filesEachGroupOnceUnderTheCap() throws IOException {
    List<String> logs = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      logs.add(log("l" + i, "svc-" + (i % 50), "failure in stage alpha"));
    }

    RunReport report = run(lines(logs), outbox(), 30, 8);

    assertThat(report.errorGroups()).isEqualTo(50);
    assertThat(report.ticketsCreated()).isEqualTo(30);
    assertThat(report.capped()).isEqualTo(20);
    assertThat(outboxTickets()).isEqualTo(30);
    assertThat(analystCalls).hasValue(50);
  }
}
