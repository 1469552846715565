package dev.dogcatcher.port;

import dev.dogcatcher.domain.IssueRef;
import dev.dogcatcher.domain.IssueStatus;
import dev.dogcatcher.domain.Ticket;
import java.util.Optional;

/**
 * Where tickets go: Jira Cloud in production, an outbox of Jira payloads in a dry run.
 *
 * <p>Writes throw {@link dev.dogcatcher.domain.TrackerRejectedException} when the tracker refused
 * (nothing happened) and {@link dev.dogcatcher.domain.TrackerUnavailableException} when the outcome is
 * unknown; reads throw the latter when they cannot answer, so that callers fail closed.
 */
public interface TicketTracker {

  /** Identifies where tickets go (e.g. `jira:OPS`, `outbox`): registry state is kept per destination. */
  String destination();

  IssueRef create(Ticket ticket);

  /**
   * Finds the oldest ticket with a label: {@code fp-<fingerprint>} for ours, {@code loghash-<h>} for the
   * Python tool's.
   */
  Optional<IssueRef> findByLabel(String label);

  IssueStatus status(String issueKey);

  void comment(String issueKey, String text);

  void reopen(String issueKey);
}
