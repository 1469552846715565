package dev.dogcatcher.cli;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * What SQS and its event source do for a message, inside one JVM: try the handler, retry a failure
 * with backoff up to {@code maxAttempts} times (maxReceiveCount), then give up — dead-letter — with the
 * last reason.
 */
final class Delivery {

  private final int maxAttempts;
  private final Duration firstBackoff;

  Delivery(int maxAttempts, Duration firstBackoff) {
    this.maxAttempts = maxAttempts;
    this.firstBackoff = firstBackoff;
  }

  /** How a delivery went: how many attempts failed, and why it was dead-lettered (empty if it was not). */
  record Outcome(int failedAttempts, String deadLetterReason) {

    boolean deadLettered() {
      return !deadLetterReason.isEmpty();
    }
  }

  /** Delivers one message, retrying failures, and says how it went. */
  <T> Outcome deliver(T message, Consumer<T> handler) {
    RuntimeException last = null;
    int failures = 0;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        handler.accept(message);
        return new Outcome(failures, "");
      } catch (RuntimeException e) {
        last = e;
        failures++;
        if (attempt < maxAttempts && !pause(firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 6)))) {
          break;
        }
      }
    }
    return new Outcome(failures, last.getClass().getSimpleName() + ": " + last.getMessage());
  }

  /** Waits before a redelivery, as a visibility timeout would; false when interrupted. */
  private static boolean pause(Duration backoff) {
    try {
      Thread.sleep(backoff.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
