package dev.dogcatcher.ticket.jira;

import static java.util.Objects.requireNonNull;

import dev.dogcatcher.jira.JiraProject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * How to reach Jira Cloud: the site, the account that files tickets and its API token, and the project.
 *
 * <p>{@link #toString()} never shows the token.
 *
 * @param baseUrl the site, e.g. {@code https://acme.atlassian.net}; plain http only for a loopback host
 * @param email the Atlassian account's email (JIRA_EMAIL)
 * @param apiToken the account's API token (JIRA_API_TOKEN)
 * @param project where tickets are filed
 */
public record JiraSettings(URI baseUrl, String email, String apiToken, JiraProject project) {

  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  public JiraSettings {
    requireNonNull(baseUrl, "baseUrl == null (JIRA_BASE_URL)");
    requireNonNull(email, "email == null (JIRA_EMAIL)");
    requireNonNull(apiToken, "apiToken == null (JIRA_API_TOKEN)");
    requireNonNull(project, "project == null");
    String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
    if (baseUrl.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new IllegalArgumentException("JIRA_BASE_URL is not an http(s) URL: " + baseUrl);
    }
    // Basic auth sends the token with every request: never in clear text past this machine.
    if (scheme.equals("http") && !LOOPBACK.contains(baseUrl.getHost().toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("JIRA_BASE_URL must use https: " + baseUrl);
    }
    if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null || baseUrl.getRawUserInfo() != null) {
      throw new IllegalArgumentException("JIRA_BASE_URL must be a bare site URL: " + baseUrl.getHost());
    }
    String url = baseUrl.toString();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    baseUrl = URI.create(url);
    if (email.isBlank()) {
      throw new IllegalArgumentException("JIRA_EMAIL is blank");
    }
    if (apiToken.isBlank()) {
      throw new IllegalArgumentException("JIRA_API_TOKEN is blank");
    }
  }

  /** The {@code Authorization} header value: Basic over email and API token. */
  String authorization() {
    String credentials = email + ":" + apiToken;
    return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  /** The text of a message with the token and the encoded credentials masked, should Jira ever echo them. */
  String redact(String text) {
    String out = text.replace(authorization().substring("Basic ".length()), "****");
    return apiToken.length() < 4 ? out : out.replace(apiToken, "****");
  }

  @Override
  public String toString() {
    return "JiraSettings[baseUrl=" + baseUrl + ", email=" + email + ", apiToken=****, project=" + project + "]";
  }
}
