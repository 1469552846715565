package dev.dogcatcher.ticket;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The ticket stage's limits: tickets per run and per hour (enforced as conditional counters), how long
 * a claim holds, how often an occurring error may comment on its ticket, and what a regression does.
 */
public record TicketPolicy(
    long maxTicketsPerRun,
    long maxTicketsPerHour,
    Duration claimLease,
    Duration commentCooldown,
    RegressionAction regressionAction) {

  /** What to do when the ticket of a recurring error is closed (REGRESSION_ACTION). */
  public enum RegressionAction {
    /** Reopen it by a transition to an open status, with a comment. */
    REOPEN,
    /** Leave it closed and comment, at most once per cool-down. */
    COMMENT
  }

  /** The policy with the default regression action, reopen. */
  public TicketPolicy(long maxTicketsPerRun, long maxTicketsPerHour, Duration claimLease, Duration commentCooldown) {
    this(maxTicketsPerRun, maxTicketsPerHour, claimLease, commentCooldown, RegressionAction.REOPEN);
  }

  public TicketPolicy {
    if (maxTicketsPerRun < 0 || maxTicketsPerHour < 0) {
      throw new IllegalArgumentException("ticket limits must not be negative");
    }
    requireNonNull(claimLease, "claimLease == null");
    requireNonNull(commentCooldown, "commentCooldown == null");
    requireNonNull(regressionAction, "regressionAction == null");
  }
}
