package dev.dogcatcher.domain;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The answer to a claim on a fingerprint.
 *
 * @param outcome who holds the fingerprint now
 * @param previous the item as it was before the claim: absent for a fresh claim, the expired item for
 *     a takeover, the winner's item when the claim was lost
 */
public record Claim(Outcome outcome, Optional<TicketRecord> previous) {

  /** Who holds the fingerprint after a claim. */
  public enum Outcome {
    /** Nobody had it; the caller holds it now. */
    WON,
    /** A claim or uncertain create had expired; the caller holds it now and must search first. */
    TOOK_OVER,
    /** Someone else holds it, or it is ticketed: see {@code previous}. */
    LOST
  }

  public Claim {
    requireNonNull(outcome, "outcome == null");
    requireNonNull(previous, "previous == null");
    if (outcome != Outcome.WON && previous.isEmpty()) {
      throw new IllegalArgumentException(outcome + " needs the previous item");
    }
  }
}
