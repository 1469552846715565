package dev.dogcatcher.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A half-open interval of log timestamps, [from, to). */
public record TimeWindow(Instant from, Instant to) {

  public TimeWindow {
    requireNonNull(from, "from == null");
    requireNonNull(to, "to == null");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("window ends before it starts: " + from + " > " + to);
    }
  }

  public boolean contains(Instant instant) {
    return !instant.isBefore(from) && instant.isBefore(to);
  }
}
