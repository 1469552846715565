package dev.dogcatcher.ticket;

import dev.dogcatcher.domain.AnalyzedError;
import dev.dogcatcher.domain.Claim;
import dev.dogcatcher.domain.ErrorGroup;
import dev.dogcatcher.domain.Filing;
import dev.dogcatcher.domain.FilingResult;
import dev.dogcatcher.domain.FingerprintBusyException;
import dev.dogcatcher.domain.IssueRef;
import dev.dogcatcher.domain.IssueStatus;
import dev.dogcatcher.domain.RegistryState;
import dev.dogcatcher.domain.Ticket;
import dev.dogcatcher.domain.TicketRecord;
import dev.dogcatcher.domain.TrackerRejectedException;
import dev.dogcatcher.port.FingerprintRegistry;
import dev.dogcatcher.port.TicketTracker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files one analyzed error with the state machine of DESIGN §6: a conditional claim decides which
 * worker files, a create whose answer was lost is never retried blind, and an error that already has a
 * ticket becomes an occurrence (or a reopen when its ticket was closed).
 *
 * <p>Throwing means "retry this message"; returning means done.
 */
public final class FileTicket {

  private static final Logger LOG = LoggerFactory.getLogger(FileTicket.class);
  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);
  private static final Duration COUNTER_LIFETIME = Duration.ofDays(2);

  private final FingerprintRegistry registry;
  private final TicketTracker tracker;
  private final Clock clock;
  private final TicketPolicy policy;
  private final String workerId;

  public FileTicket(
      FingerprintRegistry registry, TicketTracker tracker, Clock clock, TicketPolicy policy, String workerId) {
    this.registry = registry;
    this.tracker = tracker;
    this.clock = clock;
    this.policy = policy;
    this.workerId = workerId;
  }

  public FilingResult file(AnalyzedError error) {
    String destination = tracker.destination();
    String fingerprint = error.fingerprint();
    Optional<TicketRecord> current = registry.find(destination, fingerprint);
    if (current.isPresent() && current.get().state() == RegistryState.TICKETED) {
      return occurrence(error, current.get());
    }
    String owner = workerId + "/" + UUID.randomUUID();
    Claim claim = registry.claim(destination, fingerprint, owner, clock.instant(), policy.claimLease());
    return switch (claim.outcome()) {
      case WON -> create(error, owner);
      case TOOK_OVER -> takeOver(error, owner, claim.previous().orElseThrow());
      case LOST -> lost(error, claim.previous().orElseThrow());
    };
  }

  private FilingResult lost(AnalyzedError error, TicketRecord holder) {
    if (holder.state() == RegistryState.TICKETED) {
      return occurrence(error, holder);
    }
    throw new FingerprintBusyException(
        error.fingerprint() + " is " + holder.state() + " by another worker until " + holder.leaseUntil());
  }

  /**
   * A claim or an uncertain create expired: its worker may have filed the issue before dying, so the
   * tracker is searched first. A search that cannot answer keeps the fingerprint UNCERTAIN (fail closed).
   */
  private FilingResult takeOver(AnalyzedError error, String owner, TicketRecord previous) {
    Optional<IssueRef> existing;
    try {
      existing = tracker.findByFingerprint(error.fingerprint());
    } catch (RuntimeException e) {
      registry.markUncertain(
          tracker.destination(), error.fingerprint(), owner, clock.instant(), policy.claimLease());
      throw e;
    }
    if (existing.isEmpty()) {
      LOG.info("took over fingerprint={} from {} {}: no issue found, filing", error.fingerprint(),
          previous.state(), previous.owner());
      return create(error, owner);
    }
    TicketRecord record = markTicketed(error.group(), owner, existing.get().key());
    LOG.info("recovered fingerprint={}, issue={} filed by an earlier worker", error.fingerprint(), record.issueKey());
    return new FilingResult(Filing.OCCURRENCE, error.fingerprint(), record.issueKey());
  }

  private FilingResult create(AnalyzedError error, String owner) {
    String destination = tracker.destination();
    String fingerprint = error.fingerprint();
    Instant now = clock.instant();
    Optional<String> exhausted = takeBudget(destination, error.group().runId(), now);
    if (exhausted.isPresent()) {
      registry.release(destination, fingerprint, owner);
      LOG.info("capped fingerprint={}, runId={}: {}", fingerprint, error.group().runId(), exhausted.get());
      return new FilingResult(Filing.CAPPED, fingerprint, "");
    }
    IssueRef issue;
    try {
      issue = tracker.create(Ticket.of(error));
    } catch (TrackerRejectedException e) {
      registry.release(destination, fingerprint, owner);
      giveBackBudget(destination, error.group().runId(), now);
      throw e;
    } catch (RuntimeException e) {
      // The tracker may have filed the issue before its answer was lost: never create blind again.
      registry.markUncertain(destination, fingerprint, owner, clock.instant(), policy.claimLease());
      throw e;
    }
    markTicketed(error.group(), owner, issue.key());
    LOG.info("created fingerprint={}, issue={}, runId={}, count={}", fingerprint, issue.key(),
        error.group().runId(), error.group().count());
    return new FilingResult(Filing.CREATED, fingerprint, issue.key());
  }

  private TicketRecord markTicketed(ErrorGroup group, String owner, String issueKey) {
    return registry.markTicketed(
        tracker.destination(), group.fingerprint(), owner, issueKey, group.firstSeen(), group.lastSeen(),
        group.count(), clock.instant());
  }

  private FilingResult occurrence(AnalyzedError error, TicketRecord record) {
    ErrorGroup group = error.group();
    String issueKey = record.issueKey();
    boolean regressed = tracker.status(issueKey) == IssueStatus.DONE;
    if (regressed) {
      tracker.reopen(issueKey);
    }
    var occurrence =
        registry.recordOccurrence(
            tracker.destination(), group.fingerprint(), group.count(), group.lastSeen(), clock.instant(),
            policy.commentCooldown());
    if (regressed || occurrence.commentDue()) {
      tracker.comment(issueKey, commentText(group, occurrence.record(), regressed,
          regressed ? group.count() : occurrence.countSinceComment()));
    }
    Filing filing = regressed ? Filing.REOPENED : Filing.OCCURRENCE;
    LOG.info("{} fingerprint={}, issue={}, count={}, total={}, commented={}", filing, group.fingerprint(), issueKey,
        group.count(), occurrence.record().count(), regressed || occurrence.commentDue());
    return new FilingResult(filing, group.fingerprint(), issueKey);
  }

  private static String commentText(ErrorGroup group, TicketRecord record, boolean regressed, long count) {
    String head = regressed ? "This error came back after the ticket was closed. " : "";
    return head + "Seen " + count + " more time" + (count == 1 ? "" : "s") + " (last at " + group.lastSeen()
        + "); " + record.count() + " in total since " + record.firstSeen() + ".";
  }

  /** Takes one ticket from the run cap and the hourly budget; names the exhausted one if either is. */
  private Optional<String> takeBudget(String destination, String runId, Instant now) {
    Instant expiresAt = now.plus(COUNTER_LIFETIME);
    if (!registry.tryTake(runCounter(destination, runId), policy.maxTicketsPerRun(), expiresAt)) {
      return Optional.of("MAX_TICKETS_PER_RUN=" + policy.maxTicketsPerRun() + " reached");
    }
    if (!registry.tryTake(hourCounter(destination, now), policy.maxTicketsPerHour(), expiresAt)) {
      registry.giveBack(runCounter(destination, runId));
      return Optional.of("MAX_TICKETS_PER_HOUR=" + policy.maxTicketsPerHour() + " reached");
    }
    return Optional.empty();
  }

  private void giveBackBudget(String destination, String runId, Instant now) {
    registry.giveBack(runCounter(destination, runId));
    registry.giveBack(hourCounter(destination, now));
  }

  private static String runCounter(String destination, String runId) {
    return "RUN#" + destination + "#" + runId;
  }

  private static String hourCounter(String destination, Instant now) {
    return "HOUR#" + destination + "#" + HOUR.format(now);
  }
}
