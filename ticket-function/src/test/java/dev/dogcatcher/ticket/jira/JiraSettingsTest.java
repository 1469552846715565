package dev.dogcatcher.ticket.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dogcatcher.jira.JiraProject;
import java.net.URI;
import org.junit.jupiter.api.Test;

class JiraSettingsTest {

  private static final JiraProject PROJECT = JiraProject.of("OPS", "Bug");

  @Test
  void toString_neverShowsTheToken() {
    JiraSettings settings =
        new JiraSettings(URI.create("https://acme.atlassian.net/"), "bot@acme.example", "s3cr3t-t0k3n", PROJECT);

    assertThat(settings.toString()).doesNotContain("s3cr3t-t0k3n").contains("apiToken=****", "acme.atlassian.net");
  }

  @Test
  void baseUrl_losesItsTrailingSlash() {
    JiraSettings settings = new JiraSettings(URI.create("https://acme.atlassian.net//"), "bot@acme.example", "t0k3n", PROJECT);

    assertThat(settings.baseUrl()).isEqualTo(URI.create("https://acme.atlassian.net"));
  }

  @Test
  void whenTheTokenIsBlank_failsNamingTheVariable() {
    assertThatThrownBy(() -> new JiraSettings(URI.create("https://acme.atlassian.net"), "bot@acme.example", " ", PROJECT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("JIRA_API_TOKEN is blank");
  }

  @Test
  void whenTheEmailIsMissing_failsNamingTheVariable() {
    assertThatThrownBy(() -> new JiraSettings(URI.create("https://acme.atlassian.net"), null, "t0k3n", PROJECT))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("JIRA_EMAIL");
  }

  @Test
  void whenTheSiteIsPlainHttpOnAnotherHost_isRefusedBecauseTheTokenWouldTravelInClear() {
    assertThatThrownBy(() -> new JiraSettings(URI.create("http://acme.atlassian.net"), "bot@acme.example", "t0k3n", PROJECT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("JIRA_BASE_URL must use https");
  }

  @Test
  void whenTheUrlHasNoScheme_failsNamingTheVariable() {
    assertThatThrownBy(() -> new JiraSettings(URI.create("acme.atlassian.net"), "bot@acme.example", "t0k3n", PROJECT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("JIRA_BASE_URL");
  }
}
