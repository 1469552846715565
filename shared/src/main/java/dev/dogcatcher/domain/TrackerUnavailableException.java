package dev.dogcatcher.domain;

/**
 * The ticket tracker gave no usable answer (timeout, reset, 5xx). For a write, its outcome is unknown:
 * the issue may exist.
 */
public final class TrackerUnavailableException extends RuntimeException {

  public TrackerUnavailableException(String message) {
    super(message);
  }

  public TrackerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
