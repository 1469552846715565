package dev.dogcatcher.config;

/**
 * Names where tickets go. Registry state is kept per destination, so a dry run never hides an error
 * from a later live run, and a second dry run files nothing new.
 */
public final class Destinations {

  /** The dry-run outbox. */
  public static final String OUTBOX = "outbox";

  private Destinations() {}

  public static String jira(String projectKey) {
    return "jira:" + projectKey;
  }

  /** The destination the settings select: the outbox unless DRY_RUN=false, then JIRA_PROJECT_KEY's project. */
  public static String of(Settings settings) {
    return settings.flag("DRY_RUN", true) ? OUTBOX : jira(settings.required("JIRA_PROJECT_KEY"));
  }
}
