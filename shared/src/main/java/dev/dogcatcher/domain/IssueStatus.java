package dev.dogcatcher.domain;

/** Whether a tracker issue is still being worked on. */
public enum IssueStatus {
  OPEN,
  DONE
}
