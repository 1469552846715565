package dev.dogcatcher.analyzer.llm;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Stops calling a failing LLM for a while: after {@code threshold} consecutive failures the circuit
 * opens for {@code coolDown}, during which no call is allowed; then one trial call is let through
 * (half-open). Its success closes the circuit, its failure opens it for another cool-down.
 *
 * <p>A rejected answer counts as a failure too: a model that keeps answering badly costs a call per
 * error for nothing, and the rules analyst serves meanwhile. Safe for concurrent callers.
 */
final class CircuitBreaker {

  private final int threshold;
  private final Duration coolDown;
  private final Clock clock;

  private int consecutiveFailures;
  private Instant openUntil;
  private boolean trialInFlight;

  CircuitBreaker(int threshold, Duration coolDown, Clock clock) {
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold < 1: " + threshold);
    }
    this.threshold = threshold;
    this.coolDown = requireNonNull(coolDown, "coolDown == null");
    this.clock = requireNonNull(clock, "clock == null");
  }

  /**
   * Asks to make a call.
   *
   * @return empty when the call may go ahead; else why not
   */
  synchronized Optional<String> refusal() {
    if (openUntil == null) {
      return Optional.empty();
    }
    if (clock.instant().isBefore(openUntil)) {
      return Optional.of("the LLM circuit is open after " + consecutiveFailures
          + " consecutive failures, until " + openUntil);
    }
    if (trialInFlight) {
      return Optional.of("the LLM circuit is half-open and its trial call is in flight");
    }
    trialInFlight = true;
    return Optional.empty();
  }

  synchronized void success() {
    consecutiveFailures = 0;
    openUntil = null;
    trialInFlight = false;
  }

  synchronized void failure() {
    consecutiveFailures++;
    if (trialInFlight || consecutiveFailures >= threshold) {
      openUntil = clock.instant().plus(coolDown);
      trialInFlight = false;
    }
  }

  synchronized boolean isOpen() {
    return openUntil != null;
  }

  int threshold() {
    return threshold;
  }
}
