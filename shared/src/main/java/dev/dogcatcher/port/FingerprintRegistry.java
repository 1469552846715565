package dev.dogcatcher.port;

import dev.dogcatcher.domain.Claim;
import dev.dogcatcher.domain.Occurrence;
import dev.dogcatcher.domain.TicketRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The ticket state machine's store (DESIGN §6), keyed by destination and fingerprint. Every transition
 * is one conditional write, so that concurrent workers never both file the same error.
 *
 * <p>Implementations throw {@link dev.dogcatcher.domain.RegistryUnavailableException} when the store
 * cannot answer, and {@link dev.dogcatcher.domain.ClaimLostException} when a write conditional on the
 * caller's claim finds another owner.
 */
public interface FingerprintRegistry {

  Optional<TicketRecord> find(String destination, String fingerprint);

  /**
   * Claims a fingerprint: wins when it is absent, takes over when a claim or uncertain create has
   * expired, and otherwise loses, returning the current item.
   */
  Claim claim(String destination, String fingerprint, String owner, Instant now, Duration lease);

  /**
   * CLAIMED by owner → TICKETED with the issue key and the group's counts, which came from run
   * {@code runId}.
   */
  TicketRecord markTicketed(
      String destination,
      String fingerprint,
      String owner,
      String issueKey,
      Instant firstSeen,
      Instant lastSeen,
      long count,
      String runId,
      Instant now);

  /** CLAIMED by owner → UNCERTAIN: a create was sent and its answer lost; held for another lease. */
  void markUncertain(String destination, String fingerprint, String owner, Instant now, Duration lease);

  /** Drops the owner's claim, so that a retry may claim again. A claim held by another is left alone. */
  void release(String destination, String fingerprint, String owner);

  /**
   * Adds run {@code runId}'s occurrences to a TICKETED item and decides, atomically, whether a comment
   * is due: at most one caller per cool-down gets {@code commentDue}. The run last counted is kept, so
   * a redelivered message of the same run (SQS delivers at least once) counts nothing twice.
   */
  Occurrence recordOccurrence(
      String destination,
      String fingerprint,
      String runId,
      long count,
      Instant lastSeen,
      Instant now,
      Duration commentCooldown);

  /**
   * Takes one unit of a counter if it is below its limit; the counter expires at {@code expiresAt}.
   *
   * @return false when the limit was reached
   */
  boolean tryTake(String counter, long limit, Instant expiresAt);

  /** Gives back a unit taken by {@link #tryTake} that was not used. */
  void giveBack(String counter);
}
