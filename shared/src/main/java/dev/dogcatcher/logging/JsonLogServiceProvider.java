package dev.dogcatcher.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The Lambdas' SLF4J binding: one JSON object per line on stderr (Lambda sends both streams to
 * CloudWatch Logs, and stdout stays free for a handler's answer when run by hand), which CloudWatch
 * Logs Insights queries by field. The level comes from Lambda's advanced logging controls ({@code AWS_LAMBDA_LOG_LEVEL})
 * or {@code LOG_LEVEL}, default INFO.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-advanced.html">Lambda
 *     advanced logging controls</a>
 */
public final class JsonLogServiceProvider implements SLF4JServiceProvider {

  private ILoggerFactory loggerFactory;
  private IMarkerFactory markerFactory;
  private MDCAdapter mdcAdapter;

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggerFactory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markerFactory;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdcAdapter;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    String level = System.getenv().getOrDefault("AWS_LAMBDA_LOG_LEVEL", System.getenv().getOrDefault("LOG_LEVEL", "INFO"));
    loggerFactory = new JsonLoggerFactory(JsonLogger.threshold(level), System.err);
    markerFactory = new BasicMarkerFactory();
    mdcAdapter = new BasicMDCAdapter();
  }
}
