package dev.dogcatcher.ticket;

import dev.dogcatcher.config.ConfigException;
import dev.dogcatcher.config.Settings;
import dev.dogcatcher.domain.Severity;
import dev.dogcatcher.jira.JiraProject;
import dev.dogcatcher.ticket.jira.JiraSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The ticket stage's settings, read from the names in template.yaml: where tickets go (Jira, or the
 * outbox when DRY_RUN is not false) and the limits of {@link TicketPolicy}. The Lambda and the local
 * engine read the same names.
 */
public record TicketConfig(Optional<JiraSettings> jira, JiraProject project, Path outbox, TicketPolicy policy) {

  public static TicketConfig from(Settings settings, Path outbox) {
    boolean dryRun = settings.flag("DRY_RUN", true);
    JiraProject project =
        new JiraProject(
            settings.optional("JIRA_PROJECT_KEY", "DOGCATCHER"),
            settings.optional("JIRA_ISSUE_TYPE", "Bug"),
            Map.of(Severity.HIGH, "High", Severity.MEDIUM, "Medium", Severity.LOW, "Low"),
            settings.optional("DD_SITE", "datadoghq.com"));
    Optional<JiraSettings> jira =
        dryRun
            ? Optional.empty()
            : Optional.of(
                new JiraSettings(
                    baseUrl(settings.required("JIRA_BASE_URL")),
                    settings.required("JIRA_EMAIL"),
                    settings.required("JIRA_API_TOKEN"),
                    new JiraProject(
                        settings.required("JIRA_PROJECT_KEY"), project.issueType(), project.priorities(),
                        project.datadogSite())));
    TicketPolicy policy =
        new TicketPolicy(
            settings.number("MAX_TICKETS_PER_RUN", 20, 0, 10_000),
            settings.number("MAX_TICKETS_PER_HOUR", 50, 0, 100_000),
            settings.duration("CLAIM_LEASE", Duration.ofMinutes(5)),
            settings.duration("COMMENT_COOLDOWN", Duration.ofHours(6)),
            regressionAction(settings));
    return new TicketConfig(jira, project, outbox, policy);
  }

  private static TicketPolicy.RegressionAction regressionAction(Settings settings) {
    String value = settings.optional("REGRESSION_ACTION", "reopen");
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "reopen" -> TicketPolicy.RegressionAction.REOPEN;
      case "comment" -> TicketPolicy.RegressionAction.COMMENT;
      default -> throw new ConfigException("REGRESSION_ACTION must be reopen or comment, was '" + value + "'");
    };
  }

  private static URI baseUrl(String value) {
    try {
      URI uri = URI.create(value);
      if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
        throw new ConfigException("JIRA_BASE_URL must be an http(s) URL, was '" + value + "'");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new ConfigException("JIRA_BASE_URL is not a URL: '" + value + "'");
    }
  }
}
