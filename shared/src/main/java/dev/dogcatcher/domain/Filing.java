package dev.dogcatcher.domain;

/** What the ticket stage did with an analyzed error. */
public enum Filing {
  /** A new ticket was filed. */
  CREATED,
  /** The error already had a ticket: its count and last-seen moved, maybe with a comment. */
  OCCURRENCE,
  /** The ticket had been closed and the error came back: it was reopened. */
  REOPENED,
  /** The per-run cap or the hourly budget was reached: not filed this time, counted in the report. */
  CAPPED
}
