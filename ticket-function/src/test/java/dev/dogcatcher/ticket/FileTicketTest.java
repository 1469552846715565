package dev.dogcatcher.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dogcatcher.domain.Analysis;
import dev.dogcatcher.domain.AnalystKind;
import dev.dogcatcher.domain.AnalyzedError;
import dev.dogcatcher.domain.Claim;
import dev.dogcatcher.domain.ErrorGroup;
import dev.dogcatcher.domain.Filing;
import dev.dogcatcher.domain.FilingResult;
import dev.dogcatcher.domain.FingerprintBusyException;
import dev.dogcatcher.domain.RegistryState;
import dev.dogcatcher.domain.Sample;
import dev.dogcatcher.domain.Severity;
import dev.dogcatcher.domain.Ticket;
import dev.dogcatcher.domain.TrackerRejectedException;
import dev.dogcatcher.domain.TrackerUnavailableException;
import dev.dogcatcher.embedded.SqliteRegistry;
import dev.dogcatcher.testing.FakeTicketTracker;
import dev.dogcatcher.testing.FakeTicketTracker.CreateFailure;
import dev.dogcatcher.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTicketTest {

  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final Duration COOLDOWN = Duration.ofHours(6);

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(T0);
  private final FakeTicketTracker tracker = new FakeTicketTracker();
  private SqliteRegistry registry;

  @BeforeEach
  void openRegistry() {
    registry = SqliteRegistry.open(dir.resolve("state.db"));
  }

  @AfterEach
  void closeRegistry() {
    registry.close();
  }

  private FileTicket fileTicket(long perRun, long perHour) {
    return new FileTicket(registry, tracker, clock, new TicketPolicy(perRun, perHour, LEASE, COOLDOWN), "worker-1");
  }

  private FileTicket fileTicket() {
    return fileTicket(100, 100);
  }

  static AnalyzedError error(String fingerprint, String runId, long count) {
    return error(fingerprint, runId, count, List.of());
  }

  static AnalyzedError error(String fingerprint, String runId, long count, List<String> aliases) {
    ErrorGroup group =
        new ErrorGroup(ErrorGroup.SCHEMA, runId, fingerprint, 1, "checkout", "prod",
            "java.net.SocketTimeoutException", "Read timed out calling <url>",
            new Sample("Read timed out calling https://payments/v1", "", "com.acme.Pay", "i-1", "main", T0, Map.of()),
            count, T0.minusSeconds(60), T0, List.of("log-1"), aliases);
    return new AnalyzedError(group, new Analysis("timeout", Severity.MEDIUM, "Payment call times out",
        "Charge calls time out.", List.of("slow downstream"), List.of("check latency"), AnalystKind.RULES));
  }

  @Test
  void file_whenNewError_createsOneTicketAndRecordsIt() {
    FilingResult result = fileTicket().file(error("fp1", "run-1", 3));

    assertThat(result.filing()).isEqualTo(Filing.CREATED);
    assertThat(tracker.issues()).containsOnlyKeys(result.issueKey());
    assertThat(tracker.issues().get(result.issueKey()).labels()).contains("dogcatcher", "fp-fp1");
    assertThat(registry.find(tracker.destination(), "fp1")).hasValueSatisfying(record -> {
      assertThat(record.state()).isEqualTo(RegistryState.TICKETED);
      assertThat(record.issueKey()).isEqualTo(result.issueKey());
      assertThat(record.count()).isEqualTo(3);
    });
  }

  @Test
  void file_whenFingerprintAlreadyTicketed_addsOccurrenceWithoutNewIssue() {
    FileTicket fileTicket = fileTicket();
    String key = fileTicket.file(error("fp1", "run-1", 3)).issueKey();

    FilingResult again = fileTicket.file(error("fp1", "run-2", 4));

    assertThat(again.filing()).isEqualTo(Filing.OCCURRENCE);
    assertThat(again.issueKey()).isEqualTo(key);
    assertThat(tracker.createCalls()).isEqualTo(1);
    assertThat(registry.find(tracker.destination(), "fp1").orElseThrow().count()).isEqualTo(7);
  }

  @Test
  void file_whenSameMessageDeliveredTwice_filesOneTicket() {
    FileTicket fileTicket = fileTicket();
    AnalyzedError error = error("fp1", "run-1", 3);

    fileTicket.file(error);
    fileTicket.file(error);

    assertThat(tracker.issues()).hasSize(1);
  }

  @Test
  void file_whenOccurrencesWithinCooldown_commentsOnceThenAgainAfterCooldown() {
    FileTicket fileTicket = fileTicket();
    fileTicket.file(error("fp1", "run-1", 1));

    clock.advance(Duration.ofHours(1));
    fileTicket.file(error("fp1", "run-2", 2));
    clock.advance(Duration.ofHours(1));
    fileTicket.file(error("fp1", "run-3", 5));
    assertThat(tracker.comments()).isEmpty();

    clock.advance(COOLDOWN);
    fileTicket.file(error("fp1", "run-4", 1));

    assertThat(tracker.comments()).singleElement().asString().contains("Seen 8 more times");
  }

  @Test
  void file_whenTicketWasClosedAndErrorRecurs_reopensIt() {
    FileTicket fileTicket = fileTicket();
    String key = fileTicket.file(error("fp1", "run-1", 1)).issueKey();
    tracker.close(key);

    FilingResult result = fileTicket.file(error("fp1", "run-2", 2));

    assertThat(result.filing()).isEqualTo(Filing.REOPENED);
    assertThat(tracker.reopened()).containsExactly(key);
    assertThat(tracker.comments()).singleElement().asString().contains("came back");
    assertThat(tracker.issues()).hasSize(1);
  }

  @Test
  void file_whenRunCapReached_reportsTheRestAsCappedAndFilesThemNextRun() {
    FileTicket fileTicket = fileTicket(3, 100);
    List<Filing> filings = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      filings.add(fileTicket.file(error("fp" + i, "run-1", 1)).filing());
    }

    assertThat(filings).containsExactly(Filing.CREATED, Filing.CREATED, Filing.CREATED, Filing.CAPPED, Filing.CAPPED);
    assertThat(tracker.issues()).hasSize(3);
    assertThat(registry.find(tracker.destination(), "fp3")).isEmpty();

    assertThat(fileTicket.file(error("fp3", "run-2", 1)).filing()).isEqualTo(Filing.CREATED);
  }

  @Test
  void file_whenHourlyBudgetSpent_capsAcrossRunsUntilTheNextHour() {
    FileTicket fileTicket = fileTicket(100, 2);
    fileTicket.file(error("a", "run-1", 1));
    fileTicket.file(error("b", "run-2", 1));

    assertThat(fileTicket.file(error("c", "run-3", 1)).filing()).isEqualTo(Filing.CAPPED);

    clock.advance(Duration.ofHours(1));
    assertThat(fileTicket.file(error("c", "run-4", 1)).filing()).isEqualTo(Filing.CREATED);
  }

  @Test
  void file_whenWorkerCrashedBetweenClaimAndCreate_retryFilesExactlyOneTicketAfterTheLease() {
    // The dead worker's claim: it never reached Jira.
    Claim dead = registry.claim(tracker.destination(), "fp1", "dead-worker", clock.instant(), LEASE);
    assertThat(dead.outcome()).isEqualTo(Claim.Outcome.WON);
    FileTicket fileTicket = fileTicket();

    assertThatThrownBy(() -> fileTicket.file(error("fp1", "run-1", 1)))
        .isInstanceOf(FingerprintBusyException.class)
        .hasMessageContaining("CLAIMED");
    assertThat(tracker.createCalls()).isZero();

    clock.advance(LEASE.plusSeconds(1));
    FilingResult result = fileTicket.file(error("fp1", "run-1", 1));

    assertThat(result.filing()).isEqualTo(Filing.CREATED);
    assertThat(tracker.issues()).hasSize(1);
  }

  @Test
  void file_whenCreateAnswerIsLost_neverCreatesBlindAndRecoversTheFiledIssue() {
    tracker.failNextCreates(CreateFailure.FILE_THEN_LOSE_ANSWER);
    FileTicket fileTicket = fileTicket();

    assertThatThrownBy(() -> fileTicket.file(error("fp1", "run-1", 1)))
        .isInstanceOf(TrackerUnavailableException.class);
    assertThat(registry.find(tracker.destination(), "fp1").orElseThrow().state()).isEqualTo(RegistryState.UNCERTAIN);

    // A redelivery inside the lease does not create.
    assertThatThrownBy(() -> fileTicket.file(error("fp1", "run-1", 1))).isInstanceOf(FingerprintBusyException.class);

    clock.advance(LEASE.plusSeconds(1));
    FilingResult result = fileTicket.file(error("fp1", "run-1", 1));

    assertThat(tracker.createCalls()).isEqualTo(1);
    assertThat(tracker.issues()).hasSize(1);
    assertThat(result.issueKey()).isEqualTo(tracker.issues().keySet().iterator().next());
    assertThat(registry.find(tracker.destination(), "fp1").orElseThrow().state()).isEqualTo(RegistryState.TICKETED);
  }

  @Test
  void file_whenTakeoverSearchIsUnavailable_failsClosedWithoutCreating() {
    tracker.failNextCreates(CreateFailure.UNAVAILABLE);
    FileTicket fileTicket = fileTicket();
    assertThatThrownBy(() -> fileTicket.file(error("fp1", "run-1", 1))).isInstanceOf(TrackerUnavailableException.class);
    clock.advance(LEASE.plusSeconds(1));
    tracker.searchUnavailable(true);

    assertThatThrownBy(() -> fileTicket.file(error("fp1", "run-1", 1)))
        .isInstanceOf(TrackerUnavailableException.class)
        .hasMessageContaining("search");

    assertThat(tracker.createCalls()).isEqualTo(1);
    assertThat(registry.find(tracker.destination(), "fp1").orElseThrow().state()).isEqualTo(RegistryState.UNCERTAIN);

    tracker.searchUnavailable(false);
    clock.advance(LEASE.plusSeconds(1));
    assertThat(fileTicket.file(error("fp1", "run-1", 1)).filing()).isEqualTo(Filing.CREATED);
    assertThat(tracker.issues()).hasSize(1);
  }

  @Test
  void file_whenTrackerRejects_releasesClaimAndBudgetSoTheRetryFilesOnce() {
    tracker.failNextCreates(CreateFailure.REJECT, CreateFailure.REJECT);
    FileTicket fileTicket = fileTicket(1, 100);
    AnalyzedError error = error("fp1", "run-1", 1);

    assertThatThrownBy(() -> fileTicket.file(error)).isInstanceOf(TrackerRejectedException.class);
    assertThatThrownBy(() -> fileTicket.file(error)).isInstanceOf(TrackerRejectedException.class);
    FilingResult result = fileTicket.file(error);

    assertThat(result.filing()).isEqualTo(Filing.CREATED);
    assertThat(tracker.issues()).hasSize(1);
  }

  @Test
  void file_whenSixteenWorkersRaceOnOneError_filesExactlyOneTicket() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Callable<Filing>> workers = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        FileTicket worker = new FileTicket(registry, tracker, clock,
            new TicketPolicy(100, 100, LEASE, COOLDOWN), "worker-" + i);
        workers.add(() -> fileUntilDone(worker, error("fp-race", "run-1", 1)));
      }
      List<Filing> filings = new ArrayList<>();
      for (Future<Filing> future : pool.invokeAll(workers)) {
        filings.add(future.get());
      }

      assertThat(filings).filteredOn(filing -> filing == Filing.CREATED).hasSize(1);
      assertThat(filings).filteredOn(filing -> filing == Filing.OCCURRENCE).hasSize(15);
      assertThat(tracker.issues()).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  /** What SQS redelivery does for a busy fingerprint, without waiting for a visibility timeout. */
  private static Filing fileUntilDone(FileTicket worker, AnalyzedError error) {
    while (true) {
      try {
        return worker.file(error).filing();
      } catch (FingerprintBusyException e) {
        Thread.onSpinWait();
      }
    }
  }

  @Test
  void file_whenDestinationsDiffer_keepsTheirStateApart() {
    fileTicket().file(error("fp1", "run-1", 1));

    assertThat(registry.find("outbox", "fp1")).isEmpty();
    assertThat(registry.find(tracker.destination(), "fp1")).isPresent();
  }

  @Test
  void file_whenThePythonToolFiledTheError_adoptsItsTicketInsteadOfFilingAnother() {
    String legacy = tracker.fileExisting(Ticket.of(error("old", "run-0", 1)), "loghash-ba2bba309e95");
    FileTicket fileTicket = fileTicket();

    FilingResult result = fileTicket.file(error("fp1", "run-1", 3, List.of("loghash-ba2bba309e95")));

    assertThat(result.filing()).isEqualTo(Filing.OCCURRENCE);
    assertThat(result.issueKey()).isEqualTo(legacy);
    assertThat(tracker.createCalls()).isZero();
    assertThat(registry.find(tracker.destination(), "fp1").orElseThrow().count()).isEqualTo(3);

    assertThat(fileTicket.file(error("fp1", "run-2", 2, List.of("loghash-ba2bba309e95"))).issueKey()).isEqualTo(legacy);
    assertThat(registry.find(tracker.destination(), "fp1").orElseThrow().count()).isEqualTo(5);
  }

  @Test
  void file_whenAliasSearchIsUnavailable_releasesTheClaimAndFilesNothing() {
    tracker.searchUnavailable(true);
    FileTicket fileTicket = fileTicket();
    AnalyzedError error = error("fp1", "run-1", 1, List.of("loghash-ba2bba309e95"));

    assertThatThrownBy(() -> fileTicket.file(error)).isInstanceOf(TrackerUnavailableException.class);
    assertThat(tracker.createCalls()).isZero();
    assertThat(registry.find(tracker.destination(), "fp1")).isEmpty();

    tracker.searchUnavailable(false);
    assertThat(fileTicket.file(error).filing()).isEqualTo(Filing.CREATED);
  }

  @Test
  void file_whenRegressionActionIsComment_leavesTheTicketClosedAndCommentsOncePerCooldown() {
    FileTicket fileTicket = new FileTicket(registry, tracker, clock,
        new TicketPolicy(100, 100, LEASE, COOLDOWN, TicketPolicy.RegressionAction.COMMENT), "worker-1");
    String key = fileTicket.file(error("fp1", "run-1", 1)).issueKey();
    tracker.close(key);
    clock.advance(COOLDOWN.plusSeconds(1));

    FilingResult first = fileTicket.file(error("fp1", "run-2", 2));
    FilingResult second = fileTicket.file(error("fp1", "run-3", 2));

    assertThat(first.filing()).isEqualTo(Filing.OCCURRENCE);
    assertThat(second.filing()).isEqualTo(Filing.OCCURRENCE);
    assertThat(tracker.reopened()).isEmpty();
    assertThat(tracker.comments()).singleElement().asString().contains("came back after the ticket was closed");
  }

  @Test
  void file_whenAnEarlierFingerprintVersionHasATicket_keepsItWithoutAskingTheTracker() {
    FileTicket fileTicket = fileTicket();
    String key = fileTicket.file(error("v1value", "run-1", 2)).issueKey();
    tracker.searchUnavailable(true);

    FilingResult result = fileTicket.file(error("v2value", "run-2", 3, List.of("fp-v1value")));

    assertThat(result.filing()).isEqualTo(Filing.OCCURRENCE);
    assertThat(result.issueKey()).isEqualTo(key);
    assertThat(tracker.createCalls()).isEqualTo(1);
    assertThat(registry.find(tracker.destination(), "v2value").orElseThrow().issueKey()).isEqualTo(key);
  }
}
