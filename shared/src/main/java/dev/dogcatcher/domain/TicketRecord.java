package dev.dogcatcher.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The registry's item for one fingerprint at one destination.
 *
 * <p>{@code owner} and {@code leaseUntil} matter while CLAIMED or UNCERTAIN; {@code issueKey} once
 * TICKETED (empty before). {@code lastCommentAt} is {@link Instant#EPOCH} until the first comment.
 */
public record TicketRecord(
    String fingerprint,
    RegistryState state,
    String owner,
    Instant leaseUntil,
    String issueKey,
    Instant firstSeen,
    Instant lastSeen,
    long count,
    Instant lastCommentAt,
    long countSinceComment) {

  public TicketRecord {
    requireNonNull(fingerprint, "fingerprint == null");
    requireNonNull(state, "state == null");
    owner = ErrorLog.orEmpty(owner);
    requireNonNull(leaseUntil, "leaseUntil == null");
    issueKey = ErrorLog.orEmpty(issueKey);
    requireNonNull(firstSeen, "firstSeen == null");
    requireNonNull(lastSeen, "lastSeen == null");
    requireNonNull(lastCommentAt, "lastCommentAt == null");
  }

  /** True when a worker may take this item over: a claim or an uncertain create whose lease ran out. */
  public boolean leaseExpired(Instant now) {
    return state != RegistryState.TICKETED && leaseUntil.isBefore(now);
  }
}
