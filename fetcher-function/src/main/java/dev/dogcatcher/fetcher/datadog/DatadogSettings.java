package dev.dogcatcher.fetcher.datadog;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How to read error logs from Datadog: the API base URL, the API and application keys, and the log
 * search query.
 *
 * <p>{@link #toString()} never shows the keys.
 *
 * @param baseUrl e.g. {@code https://api.datadoghq.com} ({@link #baseUrlFor}, or DATADOG_API_URL)
 * @param apiKey DD_API_KEY
 * @param appKey DD_APP_KEY, with the {@code logs_read_data} permission
 * @param query the log search query ({@link #query(String, String, String)})
 */
public record DatadogSettings(URI baseUrl, String apiKey, String appKey, String query) {

  /** The statuses Dogcatcher files tickets for. */
  static final String ERROR_STATUSES = "status:(error OR critical OR alert OR emergency)";

  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  private static final Pattern SITE =
      Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");

  private static final Pattern BARE_VALUE = Pattern.compile("[A-Za-z0-9_.:/@-]+");

  public DatadogSettings {
    requireNonNull(baseUrl, "baseUrl == null (DD_SITE or DATADOG_API_URL)");
    requireNonNull(apiKey, "apiKey == null (DD_API_KEY)");
    requireNonNull(appKey, "appKey == null (DD_APP_KEY)");
    requireNonNull(query, "query == null");
    String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
    if (baseUrl.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new IllegalArgumentException("DATADOG_API_URL is not an http(s) URL: " + baseUrl);
    }
    // The keys travel in headers with every request: never in clear text past this machine.
    if (scheme.equals("http") && !LOOPBACK.contains(baseUrl.getHost().toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("DATADOG_API_URL must use https: " + baseUrl);
    }
    String url = baseUrl.toString();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    baseUrl = URI.create(url);
    if (apiKey.isBlank()) {
      throw new IllegalArgumentException("DD_API_KEY is blank");
    }
    if (appKey.isBlank()) {
      throw new IllegalArgumentException("DD_APP_KEY is blank");
    }
    if (query.isBlank()) {
      throw new IllegalArgumentException("query is blank");
    }
  }

  /**
   * The API base URL of a Datadog site (DD_SITE): {@code datadoghq.com} → {@code https://api.datadoghq.com},
   * {@code us5.datadoghq.com} → {@code https://api.us5.datadoghq.com}.
   */
  public static URI baseUrlFor(String site) {
    requireNonNull(site, "site == null (DD_SITE)");
    String host = site.strip().toLowerCase(Locale.ROOT);
    if (host.startsWith("app.") || host.startsWith("api.")) {
      host = host.substring(4);
    }
    if (!SITE.matcher(host).matches()) {
      throw new IllegalArgumentException("DD_SITE is not a Datadog site such as datadoghq.com: " + site);
    }
    return URI.create("https://api." + host);
  }

  /**
   * The log search query for error logs of some services in one environment, e.g. {@code
   * service:(checkout OR payments) env:prod status:(error OR critical OR alert OR emergency) (-@http.status_code:404)}.
   *
   * @param services DOGCATCHER_SERVICES, a comma-separated list; blank for every service
   * @param env DOGCATCHER_ENV; blank for every environment
   * @param extraQuery DD_QUERY, ANDed with the rest; blank for none
   */
  public static String query(String services, String env, String extraQuery) {
    List<String> names = new ArrayList<>();
    if (services != null) {
      for (String service : services.split(",")) {
        if (!service.isBlank()) {
          names.add(value(service.strip()));
        }
      }
    }
    List<String> terms = new ArrayList<>();
    if (names.size() == 1) {
      terms.add("service:" + names.get(0));
    } else if (names.size() > 1) {
      terms.add("service:(" + String.join(" OR ", names) + ")");
    }
    if (env != null && !env.isBlank()) {
      terms.add("env:" + value(env.strip()));
    }
    terms.add(ERROR_STATUSES);
    if (extraQuery != null && !extraQuery.isBlank()) {
      terms.add("(" + extraQuery.strip() + ")");
    }
    return String.join(" ", terms);
  }

  /** The text of a message with both keys masked, should Datadog ever echo them. */
  String redact(String text) {
    String out = text;
    for (String secret : List.of(apiKey, appKey)) {
      if (secret.length() >= 4) {
        out = out.replace(secret, "****");
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "DatadogSettings[baseUrl=" + baseUrl + ", apiKey=****, appKey=****, query=" + query + "]";
  }

  private static String value(String value) {
    return BARE_VALUE.matcher(value).matches()
        ? value
        : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
