package dev.dogcatcher.fetcher.datadog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class DatadogSettingsTest {

  private static final String STATUSES = "status:(error OR critical OR alert OR emergency)";

  @Test
  void query_withSeveralServices_ORsThem() {
    assertThat(DatadogSettings.query("checkout, payments,,", "prod", "-@http.status_code:404"))
        .isEqualTo("service:(checkout OR payments) env:prod " + STATUSES + " (-@http.status_code:404)");
  }

  @Test
  void query_withOneService_namesIt() {
    assertThat(DatadogSettings.query("checkout", "staging", "")).isEqualTo("service:checkout env:staging " + STATUSES);
  }

  @Test
  void query_withNothingConfigured_readsEveryErrorLog() {
    assertThat(DatadogSettings.query(" ", null, null)).isEqualTo(STATUSES);
  }

  @Test
  void query_quotesValuesThatAreNotPlainWords() {
    assertThat(DatadogSettings.query("my service,a\"b", "", ""))
        .isEqualTo("service:(\"my service\" OR \"a\\\"b\") " + STATUSES);
  }

  @Test
  void baseUrlFor_prefixesTheSiteWithApi() {
    assertThat(DatadogSettings.baseUrlFor("datadoghq.com")).isEqualTo(URI.create("https://api.datadoghq.com"));
    assertThat(DatadogSettings.baseUrlFor("datadoghq.eu")).isEqualTo(URI.create("https://api.datadoghq.eu"));
    assertThat(DatadogSettings.baseUrlFor("us5.datadoghq.com")).isEqualTo(URI.create("https://api.us5.datadoghq.com"));
    assertThat(DatadogSettings.baseUrlFor("app.datadoghq.com")).isEqualTo(URI.create("https://api.datadoghq.com"));
  }

  @Test
  void baseUrlFor_whenTheSiteIsNotAHostName_failsNamingTheVariable() {
    assertThatThrownBy(() -> DatadogSettings.baseUrlFor("https://evil.example/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DD_SITE");
  }

  @Test
  void toString_neverShowsTheKeys() {
    DatadogSettings settings =
        new DatadogSettings(URI.create("https://api.datadoghq.com/"), "api-key-1234", "app-key-5678", STATUSES);

    assertThat(settings.toString()).doesNotContain("api-key-1234", "app-key-5678").contains("apiKey=****", "appKey=****");
    assertThat(settings.baseUrl()).isEqualTo(URI.create("https://api.datadoghq.com"));
  }

  @Test
  void whenTheApplicationKeyIsBlank_failsNamingTheVariable() {
    assertThatThrownBy(() -> new DatadogSettings(URI.create("https://api.datadoghq.com"), "k", "", STATUSES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("DD_APP_KEY is blank");
  }

  @Test
  void whenTheApiUrlIsPlainHttpOnAnotherHost_isRefusedBecauseTheKeysWouldTravelInClear() {
    assertThatThrownBy(() -> new DatadogSettings(URI.create("http://api.datadoghq.com"), "k", "a", STATUSES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DATADOG_API_URL must use https");
  }
}
