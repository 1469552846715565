package dev.dogcatcher.cli;

import dev.dogcatcher.config.ConfigException;
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

  /**
   * The configured command line; tests execute it with their own streams. Usage and configuration
   * errors print one line naming the problem and where to look, and exit 2; a failure of the work
   * itself exits 1.
   */
  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Dogcatcher());
    commandLine.setParameterExceptionHandler(
        (e, args) -> {
          CommandLine cmd = e.getCommandLine();
          cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage()
              + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
          return 2;
        });
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          String name = cmd.getCommandSpec().qualifiedName();
          if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
            cmd.getErr().println(name + ": " + e.getMessage());
            return 2;
          }
          cmd.getErr().println(name + ": failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
          return 1;
        });
    return commandLine;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
