package dev.dogcatcher.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The dogcatcher command: the local engine and the operator tools. */
@Command(
    name = "dogcatcher",
    mixinStandardHelpOptions = true,
    version = "dogcatcher 0.1.0",
    description = "Turns Datadog error logs into de-duplicated Jira tickets.",
    subcommands = {
      RunCommand.class, FingerprintCommand.class, BenchCommand.class, CheckCommand.class, ReplayCommand.class,
      InvokeCommand.class
    })
public final class Dogcatcher implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line; tests execute it with their own streams. */
  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Dogcatcher());
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println("dogcatcher: " + e.getMessage());
          return 2;
        });
    return commandLine;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
