package dev.dogcatcher.domain;

/** A conditional write found that this worker no longer holds the claim it was acting on. */
public final class ClaimLostException extends RuntimeException {

  public ClaimLostException(String message) {
    super(message);
  }
}
