package dev.dogcatcher.port;

import dev.dogcatcher.domain.ErrorLog;
import dev.dogcatcher.domain.TimeWindow;

/** Where error logs come from: the Datadog Logs API in production, a file in the local engine. */
public interface ErrorLogSource {

  /**
   * Streams every error log of the window into the sink, in order; a record that cannot be read is
   * rejected with its position and reason, and reading goes on.
   */
  void read(TimeWindow window, LogSink sink);

  /** A name for this source, used as the key of its fetch cursor. */
  String name();

  /** Receives what a source reads. */
  interface LogSink {

    void accept(ErrorLog log);

    /** A record that could not be read: where it was (e.g. `line 12`) and why. */
    void reject(String position, String reason);
  }
}
