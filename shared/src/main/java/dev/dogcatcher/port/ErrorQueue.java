package dev.dogcatcher.port;

import java.util.List;

/**
 * A queue between two stages: SQS in production, an in-JVM bounded queue in the local engine.
 *
 * @param <T> the message record
 */
public interface ErrorQueue<T> {

  /** Publishes every message or throws; a message is never silently dropped. */
  void publish(List<T> messages);
}
