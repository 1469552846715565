package dev.dogcatcher.cli;

import dev.dogcatcher.cli.IntegrationChecks.Result;
import dev.dogcatcher.cli.IntegrationChecks.Status;
import dev.dogcatcher.config.Settings;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Checks that each configured integration answers, before a live run. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Checks each configured integration with one read-only request and prints one line for each:",
      "Jira credentials, the Jira project and its issue type, Datadog's API and application keys, and the",
      "LLM (one small analysis, a few hundred tokens). An integration without settings is skipped.",
      "Exit status: 0 when every configured check passes, 1 otherwise. Secrets are never printed."
    })
final class CheckCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** The environment; tests replace it. */
  Map<String, String> environment = System.getenv();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Result> results =
        new IntegrationChecks(IntegrationChecks.httpClient(), Clock.systemUTC()).all(Settings.of(environment));
    results.forEach(result -> out.println(result.line()));
    out.flush();
    return results.stream().anyMatch(result -> result.status() == Status.FAIL) ? 1 : 0;
  }
}
