package dev.dogcatcher.domain;

/** The ticket tracker answered and refused the request: nothing changed, so it is safe to retry later. */
public final class TrackerRejectedException extends RuntimeException {

  public TrackerRejectedException(String message) {
    super(message);
  }

  public TrackerRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
