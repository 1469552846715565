package dev.dogcatcher.domain;

/** Where a fingerprint stands on its way to a ticket (DESIGN §6). */
public enum RegistryState {
  /** A worker holds a lease to file the ticket. */
  CLAIMED,
  /** A create was sent but its answer was lost: the issue may exist. */
  UNCERTAIN,
  /** The ticket exists; its key is recorded. */
  TICKETED
}
