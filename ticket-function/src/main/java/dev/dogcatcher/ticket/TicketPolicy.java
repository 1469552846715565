package dev.dogcatcher.ticket;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The ticket stage's limits: tickets per run and per hour (enforced as conditional counters), how long
 * a claim holds, and how often an occurring error may comment on its ticket.
 */
public record TicketPolicy(
    long maxTicketsPerRun, long maxTicketsPerHour, Duration claimLease, Duration commentCooldown) {

  public TicketPolicy {
    if (maxTicketsPerRun < 0 || maxTicketsPerHour < 0) {
      throw new IllegalArgumentException("ticket limits must not be negative");
    }
    requireNonNull(claimLease, "claimLease == null");
    requireNonNull(commentCooldown, "commentCooldown == null");
  }
}
