package dev.dogcatcher.ticket;

import dev.dogcatcher.domain.AnalyzedError;
import dev.dogcatcher.domain.Claim;
import dev.dogcatcher.domain.ErrorGroup;
import dev.dogcatcher.domain.Filing;
import dev.dogcatcher.domain.FilingResult;
import dev.dogcatcher.domain.FingerprintBusyException;
import dev.dogcatcher.domain.IssueRef;
import dev.dogcatcher.domain.IssueStatus;
import dev.dogcatcher.domain.Occurrence;
import dev.dogcatcher.domain.RegistryState;
import dev.dogcatcher.domain.Ticket;
import dev.dogcatcher.domain.TicketRecord;
import dev.dogcatcher.domain.TrackerRejectedException;
import dev.dogcatcher.port.FingerprintRegistry;
import dev.dogcatcher.port.TicketTracker;
import dev.dogcatcher.ticket.TicketPolicy.RegressionAction;
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
      case WON -> fileNew(error, owner, false);
      case TOOK_OVER -> fileNew(error, owner, true);
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
   * Files an error this worker has claimed, unless a ticket for it exists already: after a takeover, one
   * an earlier worker may have filed before dying (its {@code fp-} label); and always, one filed under
   * an alias (the Python tool's {@code loghash-} label, an earlier fingerprint version). A search that
   * cannot answer files nothing (fail closed): the claim is released, or kept UNCERTAIN after a takeover.
   */
  private FilingResult fileNew(AnalyzedError error, String owner, boolean tookOver) {
    Optional<IssueRef> existing;
    try {
      existing = findExisting(error, tookOver);
    } catch (RuntimeException e) {
      if (tookOver) {
        registry.markUncertain(
            tracker.destination(), error.fingerprint(), owner, clock.instant(), policy.claimLease());
      } else {
        registry.release(tracker.destination(), error.fingerprint(), owner);
      }
      throw e;
    }
    if (existing.isEmpty()) {
      return create(error, owner);
    }
    TicketRecord record = markTicketed(error.group(), owner, existing.get().key());
    LOG.info("adopted fingerprint={}, issue={} filed earlier (took over: {})", error.fingerprint(),
        record.issueKey(), tookOver);
    return occurrence(error, record, true);
  }

  private Optional<IssueRef> findExisting(AnalyzedError error, boolean tookOver) {
    if (tookOver) {
      Optional<IssueRef> ours = tracker.findByLabel(Ticket.FINGERPRINT_LABEL + error.fingerprint());
      if (ours.isPresent()) {
        return ours;
      }
    }
    for (String alias : error.group().aliases()) {
      Optional<IssueRef> recorded = recordedUnder(alias);
      if (recorded.isPresent()) {
        return recorded;
      }
      Optional<IssueRef> earlier = tracker.findByLabel(alias);
      if (earlier.isPresent()) {
        return earlier;
      }
    }
    return Optional.empty();
  }

  /** The issue the registry holds for an earlier fingerprint version's label; no tracker call needed. */
  private Optional<IssueRef> recordedUnder(String alias) {
    if (!alias.startsWith(Ticket.FINGERPRINT_LABEL)) {
      return Optional.empty();
    }
    return registry.find(tracker.destination(), alias.substring(Ticket.FINGERPRINT_LABEL.length()))
        .filter(record -> record.state() == RegistryState.TICKETED)
        .map(record -> new IssueRef(record.issueKey(), ""));
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
        group.count(), group.runId(), clock.instant());
  }

  private FilingResult occurrence(AnalyzedError error, TicketRecord record) {
    return occurrence(error, record, false);
  }

  /**
   * An error that has a ticket came again. A closed ticket means a regression: reopened (and commented)
   * or commented, per {@link TicketPolicy#regressionAction()}; otherwise a comment at most once per
   * cool-down. {@code alreadyCounted}: the group's count is in the record already (a ticket just adopted).
   */
  private FilingResult occurrence(AnalyzedError error, TicketRecord record, boolean alreadyCounted) {
    ErrorGroup group = error.group();
    String issueKey = record.issueKey();
    boolean regressed = tracker.status(issueKey) == IssueStatus.DONE;
    boolean reopen = regressed && policy.regressionAction() == RegressionAction.REOPEN;
    if (reopen) {
      tracker.reopen(issueKey);
    }
    TicketRecord after = record;
    long sinceComment = group.count();
    boolean commentDue = false;
    if (!alreadyCounted) {
      Occurrence occurrence = registry.recordOccurrence(tracker.destination(), group.fingerprint(), group.runId(),
          group.count(),
          group.lastSeen(), clock.instant(), policy.commentCooldown());
      after = occurrence.record();
      commentDue = occurrence.commentDue();
      sinceComment = occurrence.countSinceComment();
    }
    if (reopen || commentDue) {
      tracker.comment(issueKey, commentText(group, after, regressed, reopen ? group.count() : sinceComment));
    }
    Filing filing = reopen ? Filing.REOPENED : Filing.OCCURRENCE;
    LOG.info("{} fingerprint={}, issue={}, count={}, total={}, regressed={}, commented={}", filing,
        group.fingerprint(), issueKey, group.count(), after.count(), regressed, reopen || commentDue);
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
