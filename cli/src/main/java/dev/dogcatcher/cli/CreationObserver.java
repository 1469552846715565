package dev.dogcatcher.cli;

import dev.dogcatcher.domain.IssueRef;
import dev.dogcatcher.domain.IssueStatus;
import dev.dogcatcher.domain.Ticket;
import dev.dogcatcher.port.TicketTracker;
import java.util.Optional;
import java.util.function.Consumer;

/** A tracker that tells an observer of every ticket it created (for run summaries and benchmarks). */
public final class CreationObserver implements TicketTracker {

  private final TicketTracker delegate;
  private final Consumer<Ticket> onCreated;

  public CreationObserver(TicketTracker delegate, Consumer<Ticket> onCreated) {
    this.delegate = delegate;
    this.onCreated = onCreated;
  }

  @Override
  public String destination() {
    return delegate.destination();
  }

  @Override
  public IssueRef create(Ticket ticket) {
    IssueRef issue = delegate.create(ticket);
    onCreated.accept(ticket);
    return issue;
  }

  @Override
  public Optional<IssueRef> findByLabel(String label) {
    return delegate.findByLabel(label);
  }

  @Override
  public IssueStatus status(String issueKey) {
    return delegate.status(issueKey);
  }

  @Override
  public void comment(String issueKey, String text) {
    delegate.comment(issueKey, text);
  }

  @Override
  public void reopen(String issueKey) {
    delegate.reopen(issueKey);
  }
}
