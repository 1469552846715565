package dev.dogcatcher.fetcher.datadog;

/** Datadog could not be read: it refused the keys or the query, or gave no usable answer within the retries. */
public final class DatadogException extends RuntimeException {

  public DatadogException(String message) {
    super(message);
  }

  public DatadogException(String message, Throwable cause) {
    super(message, cause);
  }
}
