package dev.dogcatcher.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dogcatcher.domain.Claim;
import dev.dogcatcher.domain.Claim.Outcome;
import dev.dogcatcher.domain.ClaimLostException;
import dev.dogcatcher.domain.Occurrence;
import dev.dogcatcher.domain.RegistryState;
import dev.dogcatcher.domain.TicketRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link FingerprintRegistry} must have (DESIGN §6): extend it with a method
 * returning the implementation under test, and the state machine, the comment cool-down, the counters
 * and the claim race are checked against it.
 *
 * <p>Time is explicit: every call gets a {@code now} from a fixed base, no test sleeps. Counters have no
 * {@code now} in the port, so their expiry is checked with instants far in the past or future of the
 * real clock. Each test uses fresh fingerprints and counter names, so the registry may keep state
 * between tests.
 */
public abstract class FingerprintRegistryContract {

  protected static final Instant BASE = Instant.parse("2026-03-01T10:00:00Z");
  protected static final Duration LEASE = Duration.ofMinutes(5);
  protected static final Duration COOLDOWN = Duration.ofHours(1);
  protected static final String JIRA = "jira:OPS";
  protected static final String OUTBOX = "outbox";

  /** Long gone by the real clock, whatever the machine's date. */
  private static final Instant LONG_AGO = Instant.parse("2001-01-01T00:00:00Z");

  /** Far ahead of the real clock. */
  private static final Instant FAR_AHEAD = Instant.parse("2200-01-01T00:00:00Z");

  private static final int RACERS = 16;
  private static final int ROUNDS = 50;

  private FingerprintRegistry registry;
  private ExecutorService pool;

  /** The registry under test; called once before each test. */
  protected abstract FingerprintRegistry registry();

  @BeforeEach
  void createRegistry() {
    registry = registry();
  }

  @AfterEach
  void stopPool() throws InterruptedException {
    if (pool != null) {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  // ------------------------------------------------------------------ claim

  @Test
  public void find_whenNeverClaimed_isEmpty() {
    assertThat(registry.find(JIRA, fingerprint())).isEmpty();
  }

  @Test
  public void claim_whenAbsent_winsAndHoldsTheLease() {
    String fp = fingerprint();

    Claim claim = registry.claim(JIRA, fp, "worker-a", BASE, LEASE);

    assertThat(claim.outcome()).isEqualTo(Outcome.WON);
    assertThat(claim.previous()).isEmpty();
    TicketRecord held = registry.find(JIRA, fp).orElseThrow();
    assertThat(held.fingerprint()).isEqualTo(fp);
    assertThat(held.state()).isEqualTo(RegistryState.CLAIMED);
    assertThat(held.owner()).isEqualTo("worker-a");
    assertThat(held.leaseUntil()).isEqualTo(BASE.plus(LEASE));
    assertThat(held.issueKey()).isEmpty();
  }

  @Test
  public void claim_whenHeldByAnother_losesAndReturnsTheWinnersItem() {
    String fp = fingerprint();
    registry.claim(JIRA, fp, "worker-a", BASE, LEASE);

    Claim claim = registry.claim(JIRA, fp, "worker-b", BASE.plusSeconds(1), LEASE);

    assertThat(claim.outcome()).isEqualTo(Outcome.LOST);
    TicketRecord winner = claim.previous().orElseThrow();
    assertThat(winner.owner()).isEqualTo("worker-a");
    assertThat(winner.state()).isEqualTo(RegistryState.CLAIMED);
    assertThat(registry.find(JIRA, fp).orElseThrow().owner()).isEqualTo("worker-a");
  }

  @Test
  public void claim_whenTicketed_losesWithTheIssueKeyEvenLongAfter() {
    String fp = fingerprint();
    ticket(fp, "OPS-7");

    Claim claim = registry.claim(JIRA, fp, "worker-b", BASE.plus(Duration.ofDays(400)), LEASE);

    assertThat(claim.outcome()).isEqualTo(Outcome.LOST);
    assertThat(claim.previous().orElseThrow().state()).isEqualTo(RegistryState.TICKETED);
    assertThat(claim.previous().orElseThrow().issueKey()).isEqualTo("OPS-7");
  }

  @Test
  public void claim_whenClaimExpired_takesOverAndReturnsTheExpiredClaim() {
    String fp = fingerprint();
    registry.claim(JIRA, fp, "worker-a", BASE, LEASE);

    Claim claim = registry.claim(JIRA, fp, "worker-b", BASE.plus(LEASE).plusSeconds(1), LEASE);

    assertThat(claim.outcome()).isEqualTo(Outcome.TOOK_OVER);
    assertThat(claim.previous().orElseThrow().owner()).isEqualTo("worker-a");
    assertThat(claim.previous().orElseThrow().state()).isEqualTo(RegistryState.CLAIMED);
    TicketRecord held = registry.find(JIRA, fp).orElseThrow();
    assertThat(held.owner()).isEqualTo("worker-b");
    assertThat(held.state()).isEqualTo(RegistryState.CLAIMED);
    assertThat(held.leaseUntil()).isEqualTo(BASE.plus(LEASE).plusSeconds(1).plus(LEASE));
  }

  @Test
  public void claim_whenUncertainLeaseExpired_takesOverAndReturnsTheUncertainItem() {
    String fp = fingerprint();
    registry.claim(JIRA, fp, "worker-a", BASE, LEASE);
    registry.markUncertain(JIRA, fp, "worker-a", BASE.plusSeconds(10), LEASE);

    Claim claim = registry.claim(JIRA, fp, "worker-b", BASE.plusSeconds(10).plus(LEASE).plusSeconds(1), LEASE);

    assertThat(claim.outcome()).isEqualTo(Outcome.TOOK_OVER);
    assertThat(claim.previous().orElseThrow().state()).isEqualTo(RegistryState.UNCERTAIN);
    assertThat(claim.previous().orElseThrow().owner()).isEqualTo("worker-a");
  }

  @Test
  public void claim_whenUncertainLeaseLive_losesEvenAfterTheFirstLeaseRanOut() {
    String fp = fingerprint();
    registry.claim(JIRA, fp, "worker-a", BASE, LEASE);
    registry.markUncertain(JIRA, fp, "worker-a", BASE.plus(Duration.ofMinutes(4)), LEASE);

    Claim claim = registry.claim(JIRA, fp, "worker-b", BASE.plus(LEASE).plusSeconds(30), LEASE);

    assertThat(claim.outcome()).isEqualTo(Outcome.LOST);
    assertThat(claim.previous().orElseThrow().state()).isEqualTo(RegistryState.UNCERTAIN);
    assertThat(claim.previous().orElseThrow().leaseUntil())
        .isEqualTo(BASE.plus(Duration.ofMinutes(4)).plus(LEASE));
  }

  @Test
  public void claim_racedBySixteenWorkers_hasExactlyOneWinnerEveryRound() throws Exception {
    pool = Executors.newFixedThreadPool(RACERS);
    for (int round = 0; round < ROUNDS; round++) {
      String fp = fingerprint();
      List<Claim> claims = race(i -> registry.claim(JIRA, fp, "worker-" + i, BASE, LEASE));

      List<Claim> winners = claims.stream().filter(c -> c.outcome() == Outcome.WON).toList();
      assertThat(winners).as("winners in round %d", round).hasSize(1);
      String owner = registry.find(JIRA, fp).orElseThrow().owner();
      assertThat(claims)
          .filteredOn(c -> c.outcome() == Outcome.LOST)
          .hasSize(RACERS - 1)
          .allSatisfy(c -> assertThat(c.previous().orElseThrow().owner()).isEqualTo(owner));
    }
  }

  @Test
  public void claim_ofAnExpiredClaimRacedBySixteenWorkers_hasExactlyOneTakeover() throws Exception {
    pool = Executors.newFixedThreadPool(RACERS);
    for (int round = 0; round < ROUNDS / 5; round++) {
      String fp = fingerprint();
      registry.claim(JIRA, fp, "crashed", BASE, LEASE);
      Instant later = BASE.plus(LEASE).plusSeconds(1);

      List<Claim> claims = race(i -> registry.claim(JIRA, fp, "worker-" + i, later, LEASE));

      assertThat(claims).filteredOn(c -> c.outcome() == Outcome.TOOK_OVER).hasSize(1);
      assertThat(claims).filteredOn(c -> c.outcome() == Outcome.LOST).hasSize(RACERS - 1);
    }
  }

  // ------------------------------------------------------------------ transitions

  @Test
  public void markTicketed_byOwner_recordsTheIssueAndTheGroupsNumbers() {
    String fp = fingerprint();
    registry.claim(JIRA, fp, "worker-a", BASE, LEASE);

    TicketRecord ticketed =
        registry.markTicketed(
            JIRA, fp, "worker-a", "OPS-1", BASE.minusSeconds(600), BASE.minusSeconds(60), 12, run(), BASE);

    assertThat(ticketed.state()).isEqualTo(RegistryState.TICKETED);
    assertThat(ticketed.issueKey()).isEqualTo("OPS-1");
    assertThat(ticketed.firstSeen()).isEqualTo(BASE.minusSeconds(600));
    assertThat(ticketed.lastSeen()).isEqualTo(BASE.minusSeconds(60));
    assertThat(ticketed.count()).isEqualTo(12);
    assertThat(ticketed.countSinceComment()).isZero();
    assertThat(registry.find(JIRA, fp)).contains(ticketed);
  }

  @Test
  public void markTicketed_byOwnerOfAnUncertainItem_recordsTheIssue() {
    String fp = fingerprint();
    registry.claim(JIRA, fp, "worker-a", BASE, LEASE);
    registry.markUncertain(JIRA, fp, "worker-a", BASE, LEASE);

    TicketRecord ticketed = registry.markTicketed(JIRA, fp, "worker-a", "OPS-2", BASE, BASE, 1, run(), BASE);

    assertThat(ticketed.state()).isEqualTo(RegistryState.TICKETED);
    assertThat(ticketed.issueKey()).isEqualTo("OPS-2");
  }

  @Test
  public void markTicketed_byNonOwner_throwsClaimLost() {
    String fp = fingerprint();
    registry.claim(JIRA, fp, "worker-a", BASE, LEASE);

    assertThatThrownBy(() -> registry.markTicketed(JIRA, fp, "worker-b", "OPS-3", BASE, BASE, 1, run(), BASE))
        .isInstanceOf(ClaimLostException.class)
        .hasMessageContaining(fp);
    assertThat(registry.find(JIRA, fp).orElseThrow().state()).isEqualTo(RegistryState.CLAIMED);
  }

  @Test
  public void markTicketed_afterTakeover_throwsClaimLostForTheFormerOwner() {
    String fp = fingerprint();
    registry.claim(JIRA, fp, "worker-a", BASE, LEASE);
    registry.claim(JIRA, fp, "worker-b", BASE.plus(LEASE).plusSeconds(1), LEASE);

    assertThatThrownBy(() -> registry.markTicketed(JIRA, fp, "worker-a", "OPS-4", BASE, BASE, 1, run(), BASE))
        .isInstanceOf(ClaimLostException.class);
  }

  @Test
  public void markTicketed_whenAlreadyTicketed_throwsClaimLost() {
    String fp = fingerprint();
    ticket(fp, "OPS-5");

    assertThatThrownBy(() -> registry.markTicketed(JIRA, fp, "worker-a", "OPS-6", BASE, BASE, 1, run(), BASE))
        .isInstanceOf(ClaimLostException.class);
    assertThat(registry.find(JIRA, fp).orElseThrow().issueKey()).isEqualTo("OPS-5");
  }

  @Test
  public void markTicketed_whenNeverClaimed_throwsClaimLost() {
    assertThatThrownBy(
            () -> registry.markTicketed(JIRA, fingerprint(), "worker-a", "OPS-8", BASE, BASE, 1, run(), BASE))
        .isInstanceOf(ClaimLostException.class);
  }

  @Test
  public void markUncertain_byNonOwner_throwsClaimLost() {
    String fp = fingerprint();
    registry.claim(JIRA, fp, "worker-a", BASE, LEASE);

    assertThatThrownBy(() -> registry.markUncertain(JIRA, fp, "worker-b", BASE, LEASE))
        .isInstanceOf(ClaimLostException.class)
        .hasMessageContaining(fp);
    assertThat(registry.find(JIRA, fp).orElseThrow().state()).isEqualTo(RegistryState.CLAIMED);
  }

  @Test
  public void release_byOwner_letsTheNextClaimWin() {
    String fp = fingerprint();
    registry.claim(JIRA, fp, "worker-a", BASE, LEASE);

    registry.release(JIRA, fp, "worker-a");

    assertThat(registry.find(JIRA, fp)).isEmpty();
    assertThat(registry.claim(JIRA, fp, "worker-b", BASE.plusSeconds(1), LEASE).outcome())
        .isEqualTo(Outcome.WON);
  }

  @Test
  public void release_byAnother_leavesTheClaimAlone() {
    String fp = fingerprint();
    registry.claim(JIRA, fp, "worker-a", BASE, LEASE);

    registry.release(JIRA, fp, "worker-b");

    assertThat(registry.find(JIRA, fp).orElseThrow().owner()).isEqualTo("worker-a");
    assertThat(registry.claim(JIRA, fp, "worker-c", BASE.plusSeconds(1), LEASE).outcome())
        .isEqualTo(Outcome.LOST);
  }

  @Test
  public void release_ofAnUncertainItem_keepsItSoThatTheNextWorkerSearchesFirst() {
    String fp = fingerprint();
    registry.claim(JIRA, fp, "worker-a", BASE, LEASE);
    registry.markUncertain(JIRA, fp, "worker-a", BASE, LEASE);

    registry.release(JIRA, fp, "worker-a");

    assertThat(registry.find(JIRA, fp).orElseThrow().state()).isEqualTo(RegistryState.UNCERTAIN);
  }

  @Test
  public void release_whenTicketed_keepsTheTicket() {
    String fp = fingerprint();
    ticket(fp, "OPS-9");

    registry.release(JIRA, fp, "worker-a");

    assertThat(registry.find(JIRA, fp).orElseThrow().issueKey()).isEqualTo("OPS-9");
  }

  @Test
  public void release_whenAbsent_doesNothing() {
    String fp = fingerprint();

    registry.release(JIRA, fp, "worker-a");

    assertThat(registry.find(JIRA, fp)).isEmpty();
  }

  // ------------------------------------------------------------------ occurrences

  @Test
  public void recordOccurrence_soonAfterTicketing_waitsForTheCooldown() {
    String fp = fingerprint();
    ticket(fp, "OPS-10"); // count 5, ticketed at BASE: the new ticket counts as the first update

    Occurrence soon = registry.recordOccurrence(JIRA, fp, run(), 3, BASE.plusSeconds(60), BASE.plusSeconds(60), COOLDOWN);

    assertThat(soon.commentDue()).isFalse();
    assertThat(soon.record().count()).isEqualTo(8);
    assertThat(soon.record().countSinceComment()).isEqualTo(3);
    assertThat(soon.record().lastSeen()).isEqualTo(BASE.plusSeconds(60));
    assertThat(soon.record().issueKey()).isEqualTo("OPS-10");

    Instant later = BASE.plus(COOLDOWN).plusSeconds(1);
    Occurrence due = registry.recordOccurrence(JIRA, fp, run(), 2, later, later, COOLDOWN);

    assertThat(due.commentDue()).isTrue();
    assertThat(due.countSinceComment()).isEqualTo(5);
    assertThat(due.record().lastCommentAt()).isEqualTo(later);
  }

  @Test
  public void recordOccurrence_withinCooldown_addsWithoutComment() {
    String fp = fingerprint();
    ticket(fp, "OPS-11");
    Instant commented = BASE.plus(COOLDOWN).plusSeconds(60);
    registry.recordOccurrence(JIRA, fp, run(), 3, commented, commented, COOLDOWN);

    Instant later = commented.plus(Duration.ofMinutes(10));
    Occurrence occurrence = registry.recordOccurrence(JIRA, fp, run(), 2, later, later, COOLDOWN);

    assertThat(occurrence.commentDue()).isFalse();
    assertThat(occurrence.record().count()).isEqualTo(10);
    assertThat(occurrence.record().countSinceComment()).isEqualTo(2);
    assertThat(occurrence.record().lastCommentAt()).isEqualTo(commented);
    assertThat(occurrence.record().lastSeen()).isEqualTo(later);
    assertThat(registry.find(JIRA, fp)).contains(occurrence.record());
  }

  @Test
  public void recordOccurrence_afterCooldown_commentsWithTheAccumulatedCount() {
    String fp = fingerprint();
    ticket(fp, "OPS-12");
    Instant commented = BASE.plus(COOLDOWN).plusSeconds(60);
    registry.recordOccurrence(JIRA, fp, run(), 3, commented, commented, COOLDOWN);
    Instant quiet = commented.plus(Duration.ofMinutes(10));
    registry.recordOccurrence(JIRA, fp, run(), 2, quiet, quiet, COOLDOWN);

    Instant later = commented.plus(COOLDOWN).plusSeconds(60);
    Occurrence occurrence = registry.recordOccurrence(JIRA, fp, run(), 4, later, later, COOLDOWN);

    assertThat(occurrence.commentDue()).isTrue();
    assertThat(occurrence.countSinceComment()).isEqualTo(6);
    assertThat(occurrence.record().count()).isEqualTo(14);
    assertThat(occurrence.record().countSinceComment()).isZero();
    assertThat(occurrence.record().lastCommentAt()).isEqualTo(later);
    assertThat(registry.find(JIRA, fp)).contains(occurrence.record());
  }

  @Test
  public void recordOccurrence_withAnOlderLastSeen_keepsTheLatest() {
    String fp = fingerprint();
    ticket(fp, "OPS-13"); // lastSeen BASE
    Instant now = BASE.plusSeconds(600);

    Occurrence occurrence = registry.recordOccurrence(JIRA, fp, run(), 1, BASE.minusSeconds(3600), now, COOLDOWN);

    assertThat(occurrence.record().lastSeen()).isEqualTo(BASE);
    assertThat(occurrence.record().count()).isEqualTo(6);
    assertThat(registry.find(JIRA, fp).orElseThrow().lastSeen()).isEqualTo(BASE);
  }

  @Test
  public void recordOccurrence_racedByEightWorkers_grantsOneCommentAndCountsAll() throws Exception {
    pool = Executors.newFixedThreadPool(8);
    String fp = fingerprint();
    ticket(fp, "OPS-14"); // count 5
    Instant now = BASE.plus(COOLDOWN).plusSeconds(1);

    List<Occurrence> occurrences =
        race(8, i -> registry.recordOccurrence(JIRA, fp, run(), 1, now.plusMillis(i), now, COOLDOWN));

    assertThat(occurrences).filteredOn(Occurrence::commentDue).hasSize(1);
    TicketRecord after = registry.find(JIRA, fp).orElseThrow();
    assertThat(after.count()).isEqualTo(13);
    assertThat(after.lastSeen()).isEqualTo(now.plusMillis(7));
    long commented = occurrences.stream().filter(Occurrence::commentDue).findFirst().orElseThrow().countSinceComment();
    assertThat(commented + after.countSinceComment()).isEqualTo(8);
  }

  @Test
  public void recordOccurrence_whenOnlyClaimed_throwsIllegalState() {
    String fp = fingerprint();
    registry.claim(JIRA, fp, "worker-a", BASE, LEASE);

    assertThatThrownBy(() -> registry.recordOccurrence(JIRA, fp, run(), 1, BASE, BASE, COOLDOWN))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(fp);
    assertThat(registry.find(JIRA, fp).orElseThrow().count()).isZero();
  }

  @Test
  public void recordOccurrence_whenAbsent_throwsIllegalState() {
    String fp = fingerprint();

    assertThatThrownBy(() -> registry.recordOccurrence(JIRA, fp, run(), 1, BASE, BASE, COOLDOWN))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(fp);
    assertThat(registry.find(JIRA, fp)).isEmpty();
  }

  // ------------------------------------------------------------------ destinations

  @Test
  public void destinations_areIndependent() {
    String fp = fingerprint();
    registry.claim(OUTBOX, fp, "dry-run", BASE, LEASE);
    registry.markTicketed(OUTBOX, fp, "dry-run", "outbox-1", BASE, BASE, 1, run(), BASE);

    Claim live = registry.claim(JIRA, fp, "worker-a", BASE, LEASE);

    assertThat(live.outcome()).isEqualTo(Outcome.WON);
    assertThat(registry.find(JIRA, fp).orElseThrow().state()).isEqualTo(RegistryState.CLAIMED);
    assertThat(registry.find(OUTBOX, fp).orElseThrow().issueKey()).isEqualTo("outbox-1");
    registry.release(JIRA, fp, "worker-a");
    assertThat(registry.find(OUTBOX, fp)).isPresent();
  }

  // ------------------------------------------------------------------ counters

  @Test
  public void tryTake_upToTheLimit_thenRefuses() {
    String counter = counter();

    assertThat(registry.tryTake(counter, 3, FAR_AHEAD)).isTrue();
    assertThat(registry.tryTake(counter, 3, FAR_AHEAD)).isTrue();
    assertThat(registry.tryTake(counter, 3, FAR_AHEAD)).isTrue();
    assertThat(registry.tryTake(counter, 3, FAR_AHEAD)).isFalse();
    assertThat(registry.tryTake(counter, 3, FAR_AHEAD)).isFalse();
  }

  @Test
  public void tryTake_withLimitZero_refuses() {
    assertThat(registry.tryTake(counter(), 0, FAR_AHEAD)).isFalse();
  }

  @Test
  public void giveBack_freesOneUnit() {
    String counter = counter();
    registry.tryTake(counter, 2, FAR_AHEAD);
    registry.tryTake(counter, 2, FAR_AHEAD);

    registry.giveBack(counter);

    assertThat(registry.tryTake(counter, 2, FAR_AHEAD)).isTrue();
    assertThat(registry.tryTake(counter, 2, FAR_AHEAD)).isFalse();
  }

  @Test
  public void giveBack_whenNothingTaken_neverGoesBelowZero() {
    String counter = counter();

    registry.giveBack(counter);
    registry.giveBack(counter);

    assertThat(registry.tryTake(counter, 1, FAR_AHEAD)).isTrue();
    assertThat(registry.tryTake(counter, 1, FAR_AHEAD)).isFalse();
  }

  @Test
  public void tryTake_whenTheCounterHasExpired_startsAgainFromZero() {
    String counter = counter();
    assertThat(registry.tryTake(counter, 1, LONG_AGO)).isTrue();

    assertThat(registry.tryTake(counter, 1, LONG_AGO)).as("expired: counts as absent").isTrue();
    assertThat(registry.tryTake(counter, 1, FAR_AHEAD)).as("expired again, reset with a live expiry").isTrue();
    assertThat(registry.tryTake(counter, 1, FAR_AHEAD)).as("live and full").isFalse();
  }

  @Test
  public void tryTake_racedBySixteenWorkers_neverExceedsTheLimit() throws Exception {
    pool = Executors.newFixedThreadPool(RACERS);
    String counter = counter();

    List<Boolean> taken = race(i -> registry.tryTake(counter, 5, FAR_AHEAD));

    assertThat(taken).filteredOn(Boolean::booleanValue).hasSize(5);
  }

  @Test
  public void counters_areIndependent() {
    String first = counter();
    String second = counter();
    registry.tryTake(first, 1, FAR_AHEAD);

    assertThat(registry.tryTake(second, 1, FAR_AHEAD)).isTrue();
  }

  // ------------------------------------------------------------------ helpers

  /** Claims and tickets {@code fp} at {@link #JIRA}: count 5, first seen an hour ago, last seen now. */
  protected TicketRecord ticket(String fp, String issueKey) {
    registry.claim(JIRA, fp, "filer", BASE, LEASE);
    return registry.markTicketed(JIRA, fp, "filer", issueKey, BASE.minusSeconds(3600), BASE, 5, run(), BASE);
  }

  /** A run id of its own, so that every call counts. */
  protected static String run() {
    return "run-" + UUID.randomUUID();
  }

  @Test
  public void recordOccurrence_redeliveredForTheSameRun_countsNothingTwice() {
    String fp = fingerprint();
    ticket(fp, "OPS-20"); // count 5
    String again = run();
    Instant later = BASE.plus(COOLDOWN).plusSeconds(1);

    Occurrence first = registry.recordOccurrence(JIRA, fp, again, 3, later, later, COOLDOWN);
    Occurrence duplicate = registry.recordOccurrence(JIRA, fp, again, 3, later, later, COOLDOWN);

    assertThat(first.record().count()).isEqualTo(8);
    assertThat(first.commentDue()).isTrue();
    assertThat(duplicate.commentDue()).isFalse();
    assertThat(duplicate.record().count()).isEqualTo(8);
    assertThat(registry.find(JIRA, fp).orElseThrow().count()).isEqualTo(8);
    assertThat(registry.recordOccurrence(JIRA, fp, run(), 1, later, later, COOLDOWN).record().count()).isEqualTo(9);
  }

  @Test
  public void recordOccurrence_forTheRunThatFiledTheTicket_countsNothingTwice() {
    String fp = fingerprint();
    registry.claim(JIRA, fp, "filer", BASE, LEASE);
    registry.markTicketed(JIRA, fp, "filer", "OPS-21", BASE, BASE, 4, "run-filing", BASE);

    Occurrence redelivered = registry.recordOccurrence(JIRA, fp, "run-filing", 4, BASE, BASE, COOLDOWN);

    assertThat(redelivered.record().count()).isEqualTo(4);
  }

  /** A fingerprint no other test uses. */
  protected static String fingerprint() {
    return "fp" + UUID.randomUUID().toString().replace("-", "").substring(0, 18);
  }

  /** A counter name no other test uses. */
  protected static String counter() {
    return "RUN#" + UUID.randomUUID();
  }

  private <R> List<R> race(Racer<R> racer) throws Exception {
    return race(RACERS, racer);
  }

  /** Runs {@code racer} on {@code n} threads released at once; returns each thread's answer. */
  private <R> List<R> race(int n, Racer<R> racer) throws Exception {
    CountDownLatch ready = new CountDownLatch(n);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<R>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      Callable<R> task =
          () -> {
            ready.countDown();
            go.await();
            return racer.run(index);
          };
      futures.add(pool.submit(task));
    }
    ready.await(10, TimeUnit.SECONDS);
    go.countDown();
    List<R> results = new ArrayList<>();
    for (Future<R> future : futures) {
      results.add(future.get(60, TimeUnit.SECONDS));
    }
    return results;
  }

  @FunctionalInterface
  private interface Racer<R> {
    R run(int index);
  }
}
