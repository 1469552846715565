package dev.dogcatcher.testing;

import dev.dogcatcher.domain.IssueRef;
import dev.dogcatcher.domain.IssueStatus;
import dev.dogcatcher.domain.Ticket;
import dev.dogcatcher.domain.TrackerRejectedException;
import dev.dogcatcher.domain.TrackerUnavailableException;
import dev.dogcatcher.port.TicketTracker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory tracker for use-case tests that need failures on demand (a real tracker cannot be made
 * to time out at will): it records every call and can be told how the next creates fail.
 */
public final class FakeTicketTracker implements TicketTracker {

  /** How the next create calls behave. */
  public enum CreateFailure {
    /** The tracker refuses: nothing is filed. */
    REJECT,
    /** The issue is filed, but the answer is lost (timeout after sending). */
    FILE_THEN_LOSE_ANSWER,
    /** Nothing is filed and no answer comes. */
    UNAVAILABLE
  }

  private final AtomicInteger sequence = new AtomicInteger();
  private final Map<String, Ticket> issues = new ConcurrentHashMap<>();
  private final Map<String, IssueStatus> statuses = new ConcurrentHashMap<>();
  private final List<String> comments = Collections.synchronizedList(new ArrayList<>());
  private final List<String> reopened = Collections.synchronizedList(new ArrayList<>());
  private final List<CreateFailure> nextCreates = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger createCalls = new AtomicInteger();
  private volatile boolean searchUnavailable;

  /** An issue filed earlier by someone else (the Python tool, an older fingerprint version), open. */
  public String fileExisting(Ticket ticket, String... extraLabels) {
    String key = "TEST-" + sequence.incrementAndGet();
    List<String> labels = new ArrayList<>(ticket.labels());
    labels.addAll(List.of(extraLabels));
    issues.put(key, new Ticket(ticket.summary(), labels, ticket.error()));
    statuses.put(key, IssueStatus.OPEN);
    return key;
  }

  @Override
  public String destination() {
    return "fake:TEST";
  }

  @Override
  public IssueRef create(Ticket ticket) {
    createCalls.incrementAndGet();
    CreateFailure failure = nextCreates.isEmpty() ? null : nextCreates.remove(0);
    if (failure == CreateFailure.REJECT) {
      throw new TrackerRejectedException("400 Bad Request: field 'summary' is required");
    }
    if (failure == CreateFailure.UNAVAILABLE) {
      throw new TrackerUnavailableException("connect timed out");
    }
    String key = "TEST-" + sequence.incrementAndGet();
    issues.put(key, ticket);
    statuses.put(key, IssueStatus.OPEN);
    if (failure == CreateFailure.FILE_THEN_LOSE_ANSWER) {
      throw new TrackerUnavailableException("read timed out after the request was sent");
    }
    return new IssueRef(key, "https://jira.example/browse/" + key);
  }

  @Override
  public Optional<IssueRef> findByLabel(String label) {
    if (searchUnavailable) {
      throw new TrackerUnavailableException("search answered 503");
    }
    return issues.entrySet().stream()
        .filter(entry -> entry.getValue().labels().contains(label))
        .map(entry -> new IssueRef(entry.getKey(), ""))
        .sorted((a, b) -> a.key().compareTo(b.key()))
        .findFirst();
  }

  @Override
  public IssueStatus status(String issueKey) {
    IssueStatus status = statuses.get(issueKey);
    if (status == null) {
      throw new TrackerRejectedException("404 issue " + issueKey + " does not exist");
    }
    return status;
  }

  @Override
  public void comment(String issueKey, String text) {
    comments.add(issueKey + ": " + text);
  }

  @Override
  public void reopen(String issueKey) {
    statuses.put(issueKey, IssueStatus.OPEN);
    reopened.add(issueKey);
  }

  /** The next creates fail in this order, then creates succeed again. */
  public void failNextCreates(CreateFailure... failures) {
    nextCreates.addAll(List.of(failures));
  }

  public void searchUnavailable(boolean unavailable) {
    this.searchUnavailable = unavailable;
  }

  public void close(String issueKey) {
    statuses.put(issueKey, IssueStatus.DONE);
  }

  public Map<String, Ticket> issues() {
    return Map.copyOf(issues);
  }

  public int createCalls() {
    return createCalls.get();
  }

  public List<String> comments() {
    return List.copyOf(comments);
  }

  public List<String> reopened() {
    return List.copyOf(reopened);
  }
}
