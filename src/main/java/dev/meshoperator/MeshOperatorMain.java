package dev.meshoperator;

import dev.meshoperator.translate.TranslateCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;

/**
 * The operator, or one of its commands when the first argument names one ({@code translate}): a
 * command runs without starting Quarkus, so it needs no cluster and returns at once.
 */
@QuarkusMain
public final class MeshOperatorMain {

  private MeshOperatorMain() {}

  public static void main(String... args) {
    if (args.length > 0 && args[0].equals(TranslateCommand.NAME)) {
      System.exit(
          TranslateCommand.run(
              Arrays.asList(args).subList(1, args.length), System.in, System.out, System.err));
    }
    Quarkus.run(args);
  }
}
