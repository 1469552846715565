package dev.dogcatcher.domain;

import static java.util.Objects.requireNonNull;

/** A ticket in a tracker: its key (a Jira key, or an outbox file name) and where a person opens it. */
public record IssueRef(String key, String url) {

  public IssueRef {
    requireNonNull(key, "key == null");
    url = ErrorLog.orEmpty(url);
  }
}
