package dev.dogcatcher.jira;

import static java.util.Objects.requireNonNull;

import dev.dogcatcher.domain.Severity;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and how tickets are filed in Jira: the project, the issue type, the priority per severity and
 * the Datadog site that the ticket's log link points to.
 *
 * @param projectKey the Jira project key, e.g. {@code OPS}
 * @param issueType the issue type name, e.g. {@code Bug}
 * @param priorities the Jira priority name per severity; a severity without one sets no priority
 * @param datadogSite the Datadog site, e.g. {@code datadoghq.com} or {@code datadoghq.eu}
 */
public record JiraProject(
    String projectKey, String issueType, Map<Severity, String> priorities, String datadogSite) {

  private static final Pattern HOST =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+");

  public JiraProject {
    requireNonNull(projectKey, "projectKey == null");
    requireNonNull(issueType, "issueType == null");
    requireNonNull(datadogSite, "datadogSite == null");
    if (projectKey.isBlank()) {
      throw new IllegalArgumentException("projectKey is blank");
    }
    if (issueType.isBlank()) {
      throw new IllegalArgumentException("issueType is blank");
    }
    // The site becomes the host of a link in every ticket: accept a host name and nothing else.
    if (!HOST.matcher(datadogSite).matches()) {
      throw new IllegalArgumentException("datadogSite is not a host name: " + datadogSite);
    }
    priorities = priorities == null ? Map.of() : Map.copyOf(priorities);
  }

  /** A project without priorities, on the default Datadog site. */
  public static JiraProject of(String projectKey, String issueType) {
    return new JiraProject(projectKey, issueType, Map.of(), "datadoghq.com");
  }

  /** The Jira priority name for a severity, when one is configured. */
  public Optional<String> priority(Severity severity) {
    String name = priorities.get(severity);
    return name == null || name.isBlank() ? Optional.empty() : Optional.of(name);
  }
}
