package dev.dogcatcher.port;

import java.time.Instant;
import java.util.Optional;

/** The fetch high-water mark per source: where the next fetch window starts. */
public interface FetchCursor {

  Optional<Instant> position(String source);

  /** Moves the mark forward; never backwards (a stale writer loses). */
  void advance(String source, Instant to);
}
